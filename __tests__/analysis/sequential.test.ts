import { describe, expect, it } from '@jest/globals'

import {
  BETTER_RATIOS,
  WORSE_RATIOS,
  nullShare,
  rateInterval,
  shareLogE
} from '../../src/analysis/sequential.js'
import { countTest, type CountMinute } from '../../src/analysis/count-test.js'
import { binomial, seeded } from '../../sim/random.js'

// Reference values computed independently with scipy 1.17: each alternative's
// likelihood ratio as a product of scipy.stats.binom.pmf ratios (not the
// closed form used here), averaged over the same grid; interval ends by
// scipy.optimize.brentq on that e-value minus log(1/α).
describe('shareLogE: the counting-process mixture e-process', () => {
  it.each([
    [
      'worse',
      [
        [12, 40, 0.1],
        [3, 25, 0.05]
      ],
      WORSE_RATIOS,
      5.335062123763161
    ],
    [
      'better',
      [
        [0, 60, 0.2],
        [1, 50, 0.1]
      ],
      BETTER_RATIOS,
      13.068596987607485
    ],
    ['worse, no evidence', [[2, 40, 0.1]], WORSE_RATIOS, -1.4047833524303128]
  ] as const)('%s: as scipy computes it', (_name, obs, ratios, expected) => {
    const o = obs.map(([events, total, share]) => ({ events, total, nullShare: share }))
    expect(shareLogE(o, ratios)).toBeCloseTo(expected, 9)
  })

  it('is an e-process: under the null it reaches 1/α in at most α of 2,000 seeded paths, read every step', () => {
    const rand = seeded(7)
    const alpha = 0.1
    let crossed = 0
    for (let path = 0; path < 2000; path++) {
      const obs: { events: number; total: number; nullShare: number }[] = []
      for (let step = 0; step < 20; step++) {
        const share = 0.02 + 0.3 * rand() // the share changes every step, as traffic does
        const total = 1 + Math.floor(rand() * 40)
        obs.push({ events: binomial(rand, total, share), total, nullShare: share })
        if (shareLogE(obs) >= Math.log(1 / alpha)) {
          crossed++
          break
        }
      }
    }
    // Ville's bound: at most α (the mixture is conservative: in practice well under).
    expect(crossed / 2000).toBeLessThanOrEqual(alpha)
    expect(crossed).toBeGreaterThan(0)
  })

  it('nullShare: the canary share of events at a rate ratio', () => {
    expect(nullShare(0.05, 1)).toBeCloseTo(0.05, 12)
    expect(nullShare(0.05, 4)).toBeCloseTo(0.2 / 1.15, 12)
    expect(nullShare(0.05, Infinity)).toBe(1)
  })
})

describe('rateInterval: an anytime-valid interval for a rate', () => {
  it('19 of 1,900 at α = 0.01 each side: ends as scipy finds them', () => {
    const i = rateInterval(19, 1900, 0.01)
    expect(i.lower).toBeCloseTo(0.003960381619547048, 9)
    expect(i.upper).toBeCloseTo(0.02009263881729708, 9)
  })

  it('no events: lower 0; all events: upper 1; no trials: [0, 1]', () => {
    expect(rateInterval(0, 1000, 0.05).lower).toBe(0)
    expect(rateInterval(0, 1000, 0.05).upper).toBeLessThan(0.01)
    expect(rateInterval(1000, 1000, 0.05).upper).toBe(1)
    expect(rateInterval(0, 0, 0.05)).toEqual({ lower: 0, upper: 1 })
  })
})

describe('countTest', () => {
  const minute = (t: number, nc: number, ns: number, xc: number, xs: number): CountMinute => ({
    time: t,
    canaryRequests: nc,
    stableRequests: ns,
    canaryEvents: xc,
    stableEvents: xs
  })
  const settings = (points: number) => ({
    allowance: { kind: 'points' as const, points },
    direction: 'higher-is-worse' as const,
    alpha: 0.0025,
    evidenceAlpha: 0.05
  })

  it('a 3-point regression (1 % → 4 %) at 100 canary requests a minute: worse within 4 minutes at allowance 0', () => {
    const minutes = [1, 2, 3, 4].map((t) => minute(t, 100, 1900, 4, 19))
    expect(countTest(minutes, settings(0)).worse).toBe(true)
  })

  it('with the 0.5-point allowance, a 3-point regression (1 % → 4 %) at 100 canary requests a minute beside 1,900 stable ones is worse by the fourth minute: the stable rate is fitted from its whole sample, no α spent on an interval', () => {
    const s = { ...settings(0.5), alpha: 0.025, stablePrior: { events: 95, requests: 9500 } }
    const at = (m: number) =>
      countTest(
        Array.from({ length: m }, (_, t) => minute(t, 100, 1900, 4, 19)),
        s
      ).worse
    expect(at(4)).toBe(true)
    // At the allowance's edge (1.5 % against 1 %) it is not shown worse in half an hour.
    const edge = Array.from({ length: 30 }, (_, t) => minute(t, 200, 2000, 3, 20))
    expect(countTest(edge, s).worse).toBe(false)
  })

  it.each([
    ['worse', 0.01, 100, 1900],
    ['worse', 0.001, 100, 1900],
    ['worse', 0.02, 10, 30],
    ['within', 0.01, 100, 1900],
    ['within', 0.05, 400, 400]
  ] as const)(
    "Ville at a points allowance's edge (%s, stable %s, %s and %s requests a minute): crosses 1/α in at most α of 200 runs of 15 minutes",
    (claim, ps, nc, ns) => {
      const rand = seeded(17)
      const alpha = 0.05
      let crossed = 0
      for (let r = 0; r < 200; r++) {
        // Half the runs with minutes before the bake, half without (the first stable minute is the prior).
        const prior = r % 2 ? { events: binomial(rand, 9500, ps), requests: 9500 } : undefined
        const minutes: CountMinute[] = []
        for (let t = 0; t < 20; t++) {
          minutes.push(minute(t, nc, ns, binomial(rand, nc, ps + 0.005), binomial(rand, ns, ps)))
          const res = countTest(minutes, {
            ...settings(0.5),
            alpha,
            ...(prior ? { stablePrior: prior } : {})
          })
          if (claim === 'worse' ? res.worse : res.notWorse) {
            crossed++
            break
          }
        }
      }
      expect(crossed / 200).toBeLessThanOrEqual(alpha)
    }
  )

  it('an equal canary is not worse, and with an allowance is shown not worse once traffic is high', () => {
    const minutes = Array.from({ length: 10 }, (_, t) => minute(t, 2000, 2000, 20, 20))
    const r = countTest(minutes, settings(0.5))
    expect(r.worse).toBe(false)
    expect(r.notWorse).toBe(true)
    // Allowance 0: "not worse" would need the canary to be better; an equal one is never shown so.
    expect(countTest(minutes, settings(0)).notWorse).toBe(false)
  })

  it('lower-is-worse with a ratio allowance: 30 % fewer successes per request is worse, equal is not', () => {
    const s = {
      allowance: { kind: 'ratio' as const, ratio: 0.9 },
      direction: 'lower-is-worse' as const,
      alpha: 0.005,
      evidenceAlpha: 0.05
    }
    const worse = Array.from({ length: 20 }, (_, t) => minute(t, 100, 1900, 14, 380))
    const equal = Array.from({ length: 20 }, (_, t) => minute(t, 100, 1900, 20, 380))
    expect(countTest(worse, s).worse).toBe(true)
    expect(countTest(equal, s).worse).toBe(false)
  })
})
