/**
 * The tail test (src/analysis/tail-test.ts): its bet is the exact maximum
 * (checked against scipy), and it is an e-process under the composite null
 * "the canary at most 20 % slower than stable at every quantile": at the null's
 * edges, read every minute for twelve minutes, it reaches 1/α in at most α of
 * the seeded worlds (Ville), including the edge that parks the canary's whole
 * allowed slow share just above one threshold and laws that change every
 * minute.
 */
import { describe, expect, it } from '@jest/globals'

import {
  latencyThresholds,
  shapeSurvival,
  type TailShape
} from '../../src/analysis/latency-thresholds.js'
import { tailPoints } from '../../src/analysis/rung-judge.js'
import { maximiseBet, tailLogEPath, type TailCounts } from '../../src/analysis/tail-test.js'
import { binomial, poisson, seeded } from '../../sim/random.js'

// Reference maxima computed with scipy 1.17 (scipy.optimize.minimize, SLSQP, the order as linear
// constraints, ftol 1e-15), independently of the pooling used here.
describe('maximiseBet: the best ordered bet', () => {
  it.each([
    [
      [50, 20, 10, 5, 3, 2, 1],
      [900, 300, 200, 100, 50, 20, 5],
      100,
      1900,
      [5.2632, 10.2362, 10.2362, 10.2362, 13.2075, 81.8182, 233.333]
    ],
    [[10, 30, 5, 20, 1, 8], [40, 20, 30, 5, 10, 2], 60, 120, [-24, 14.1176, 14.1176, 45, 45, 84]],
    [[1, 1, 1, 1], [1, 1, 1, 1], 10, 10, [0, 0, 0, 0]]
  ] as const)('as scipy finds it (%#)', (a, b, nc, ns, expected) => {
    const c = maximiseBet(a, b, nc, ns)
    c.forEach((cj, j) => expect(cj).toBeCloseTo(expected[j]!, 2))
    for (let j = 1; j < c.length; j++) expect(c[j]).toBeGreaterThanOrEqual(c[j - 1]!)
  })
})

const STABLE: TailShape = { median: 80, sigma: 0.5 }
const q = (z: number) => 80 * Math.exp(0.5 * z)
const THRESHOLDS = latencyThresholds(q(0), q(1.2816), q(2.3263))
const ALLOWANCE = 20
/** The judge's points x (every threshold T and T / 1.2), ascending. */
const XS = tailPoints({ thresholds: THRESHOLDS, minutes: [] }, ALLOWANCE).xs

/** Requests per bin (below x_1, [x_1, x_2), ..., above x_K) as counts above each point. */
function draw(rand: () => number, n: number, binProbabilities: readonly number[]): number[] {
  let left = n
  let pLeft = 1
  const counts = binProbabilities.map((p) => {
    const k = pLeft > 0 ? binomial(rand, left, Math.min(1, p / pLeft)) : 0
    left -= k
    pLeft -= p
    return k
  })
  // Counts above x_k: the requests in bins k and beyond.
  const above: number[] = []
  for (let k = counts.length - 1, s = 0; k >= 1; k--) above[k - 1] = s += counts[k]!
  return above
}

/** Bin probabilities of a side whose P(latency > x_k) is `survival(x_k)`. */
const binsOf = (survival: (x: number) => number) => {
  const tail = XS.map(survival)
  return [1, ...tail].map((t, j, all) => t - (all[j + 1] ?? 0))
}

/**
 * Fraction of `worlds` runs of 12 minutes whose e-process, read every minute, reaches 1/α. Each
 * minute: `laws(minute)` gives the stable side's bins (stable above x_k) and the canary's (above
 * 1.2 x_k), both sides' requests Poisson around 1,900 and 100.
 */
function crossings(
  seed: number,
  worlds: number,
  alpha: number,
  laws: (minute: number) => { stable: number[]; canary: number[] }
): number {
  const rand = seeded(seed)
  let crossed = 0
  for (let w = 0; w < worlds; w++) {
    const minutes: TailCounts[] = []
    for (let m = 0; m < 12; m++) {
      const { stable, canary } = laws(m)
      const nc = poisson(rand, 100)
      const ns = poisson(rand, 1900)
      minutes.push({
        canaryRequests: nc,
        stableRequests: ns,
        canaryAbove: draw(rand, nc, canary),
        stableAbove: draw(rand, ns, stable)
      })
    }
    const path = tailLogEPath(minutes, XS, ALLOWANCE, STABLE)
    if (path.some((l) => l >= Math.log(1 / alpha))) crossed++
  }
  return crossed / worlds
}

describe('the tail test is an e-process at the edges of its null (Ville)', () => {
  const alpha = 0.1
  const stable = binsOf((x) => shapeSurvival(STABLE, x))

  it('the canary exactly 20 % slower at every quantile: at most α of 150 worlds cross 1/α', () => {
    // P(canary > 1.2 x) = P(stable > x): the same bins on both sides.
    expect(crossings(1, 150, alpha, () => ({ stable, canary: stable }))).toBeLessThanOrEqual(alpha)
  })

  it.each([0.98, 0.995])(
    'the canary parks its whole allowed slow share just above the stable p%s point: at most α of 150 worlds cross',
    (u) => {
      // Every canary request the null allows beyond x_j is put in the bin just above x_j: the tail
      // sums stay at the stable side's up to x_j and are 0 beyond (the null still holds).
      const j = XS.findIndex((x) => shapeSurvival(STABLE, x) <= 1 - u) + 1
      const canary = stable.map((p, k) =>
        k < j ? p : k === j ? stable.slice(j).reduce((s, v) => s + v, 0) : 0
      )
      expect(crossings(2, 150, alpha, () => ({ stable, canary }))).toBeLessThanOrEqual(alpha)
    }
  )

  it('laws that change every minute (the stable tail light, then heavy), the canary at the edge of each: at most α of 150 worlds cross', () => {
    const light = binsOf((x) => shapeSurvival({ median: 80, sigma: 0.4 }, x))
    const heavy = binsOf((x) => shapeSurvival({ median: 90, sigma: 0.65 }, x))
    expect(
      crossings(3, 150, alpha, (m) => {
        const law = m % 2 ? heavy : light
        return { stable: law, canary: law }
      })
    ).toBeLessThanOrEqual(alpha)
  })

  it('and it has power: a canary whose tail beyond p95 is 50 % slower (p99 × 1.5) crosses in most worlds', () => {
    const slow = binsOf((x) =>
      // Beyond the stable p95 the canary is 1.5 times as slow: P(canary > 1.2 x).
      Math.max(
        Math.min(shapeSurvival(STABLE, 1.2 * x), 0.05),
        shapeSurvival(STABLE, Math.max((1.2 * x) / 1.5, q(1.6449)))
      )
    )
    expect(crossings(4, 40, alpha, () => ({ stable, canary: slow }))).toBeGreaterThan(0.8)
  })
})
