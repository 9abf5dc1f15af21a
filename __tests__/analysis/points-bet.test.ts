/**
 * The points allowance's "within" test (src/analysis/points-bet.ts): its stakes
 * are the exact maximum (checked against scipy), it keeps Ville's bound at the
 * null's edge (the canary exactly δ above the stable rate) even when the rates
 * jump from minute to minute, and it shows a canary as good as stable within the
 * 0.5-point allowance about as fast as the information allows.
 */
import { describe, expect, it } from '@jest/globals'

import { countTest, POINTS_WORSE_RATIOS, type CountMinute } from '../../src/analysis/count-test.js'
import { pointsWithinLogE, pointsWorsePath, withinStakes } from '../../src/analysis/points-bet.js'
import { binomial, poisson, seeded } from '../../sim/random.js'

// scipy 1.17: scipy.optimize.minimize (Nelder–Mead, xatol 1e-10) of the same expected log factor.
describe('withinStakes', () => {
  it.each([
    [0.001, 0.005, 100, 1900, 0.4988, 83.7141],
    [0.01, 0.005, 100, 1900, 0.4903, 33.0623],
    [0.05, 0.005, 400, 400, 1.1054, 21.0084]
  ])('stable rate %s, δ %s, %s and %s requests: as scipy finds it', (p, d, nc, ns, u, v) => {
    const [su, sv] = withinStakes(p, d, nc, ns)
    expect(su).toBeCloseTo(u, 3)
    expect(sv).toBeCloseTo(v, 3)
  })
})

const minute = (nc: number, ns: number, xc: number, xs: number): CountMinute => ({
  time: 0,
  canaryRequests: nc,
  stableRequests: ns,
  canaryEvents: xc,
  stableEvents: xs
})

describe('pointsWithinLogE: an e-process for "the canary within δ of stable"', () => {
  const alpha = 0.05
  it.each([
    ['steady 0.1 %', () => 0.001],
    ['steady 1 %', () => 0.01],
    ['jumping between 0.2 % and 3 % every minute', (t: number) => (t % 2 ? 0.03 : 0.002)]
  ])(
    'at the null edge (canary = stable + 0.5 points), %s: crosses 1/α in at most α of 300 runs of 20 minutes read every minute',
    (_name, rate) => {
      const rand = seeded(23)
      let crossed = 0
      for (let r = 0; r < 300; r++) {
        const minutes: CountMinute[] = []
        for (let t = 0; t < 20; t++) {
          const p = rate(t)
          minutes.push(minute(100, 1900, binomial(rand, 100, p + 0.005), binomial(rand, 1900, p)))
          if (pointsWithinLogE(minutes, 0.005, { events: 0, requests: 0 }) >= Math.log(1 / alpha)) {
            crossed++
            break
          }
        }
      }
      expect(crossed / 300).toBeLessThanOrEqual(alpha)
    }
  )

  it('a canary as good as stable at 0.1 % 5XX, 100 canary requests a minute beside 1,900: shown within 0.5 points at 95 % in a median of at most 10 minutes (the information bound is 9.3 on average; the universal-inference test it replaced took 12)', () => {
    const rand = seeded(29)
    const firsts: number[] = []
    for (let r = 0; r < 200; r++) {
      const prior = { events: binomial(rand, 9500, 0.001), requests: 9500 }
      const minutes: CountMinute[] = []
      let first = 99
      for (let t = 1; t <= 40 && first === 99; t++) {
        minutes.push(minute(100, 1900, binomial(rand, 100, 0.001), binomial(rand, 1900, 0.001)))
        const res = countTest(minutes, {
          allowance: { kind: 'points', points: 0.5 },
          direction: 'higher-is-worse',
          alpha: 0.01,
          evidenceAlpha: alpha,
          stablePrior: prior
        })
        if (res.notWorse) first = t
      }
      firsts.push(first)
    }
    firsts.sort((a, b) => a - b)
    expect(firsts[100]).toBeLessThanOrEqual(10)
  })
})

describe('pointsWorsePath: an e-process for "the canary worse than stable + δ"', () => {
  it.each([
    ['steady 1 %', () => 0.01],
    ['jumping between 0.2 % and 3 % every minute', (t: number) => (t % 2 ? 0.03 : 0.002)]
  ])(
    'at the null edge (canary = stable + 0.5 points), %s: crosses 1/α in at most α of 300 runs of 20 minutes read every minute',
    (_name, rate) => {
      const rand = seeded(31)
      const alpha = 0.05
      let crossed = 0
      for (let r = 0; r < 300; r++) {
        const minutes = Array.from({ length: 20 }, (_, t) => {
          const p = rate(t)
          return minute(100, 1900, binomial(rand, 100, p + 0.005), binomial(rand, 1900, p))
        })
        const path = pointsWorsePath(
          minutes,
          0.005,
          { events: 0, requests: 0 },
          POINTS_WORSE_RATIOS
        )
        if (path.some((l) => l >= Math.log(1 / alpha))) crossed++
      }
      expect(crossed / 300).toBeLessThanOrEqual(alpha)
    }
  )

  it('a 3-point regression (1 % → 4 %) at 5 % of 2,000 requests a minute, 0.5-point allowance, α = 1/40: caught within four minutes of data in at least 57 % of 400 seeded runs (the universal-inference test it replaced: 49 %)', () => {
    const rand = seeded(3)
    let caught = 0
    for (let r = 0; r < 400; r++) {
      const prior = { events: binomial(rand, 9500, 0.01), requests: 9500 }
      const minutes: CountMinute[] = []
      for (let t = 1; t <= 4; t++) {
        const n = poisson(rand, 2000)
        const nc = binomial(rand, n, 0.05)
        minutes.push(minute(nc, n - nc, binomial(rand, nc, 0.04), binomial(rand, n - nc, 0.01)))
        const res = countTest(minutes, {
          allowance: { kind: 'points', points: 0.5 },
          direction: 'higher-is-worse',
          alpha: 1 / 40,
          evidenceAlpha: 0.05,
          stablePrior: prior
        })
        if (res.worse) {
          caught++
          break
        }
      }
    }
    expect(caught / 400).toBeGreaterThanOrEqual(0.57)
  })
})
