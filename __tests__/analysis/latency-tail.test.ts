/**
 * Latency's test on counts above thresholds: a tail-only regression (p99 50 %
 * slower, p95 and below unchanged) violates the null "the canary at most
 * 20 % slower than stable at every quantile" only beyond the stable side's
 * p95, so the judge counts requests above a lattice of thresholds from p94 to
 * beyond p99.99 and bets on the shape of the tail (tail-test.ts). With the
 * expected counts of eight minutes at 5 % of 2,000 requests a minute it is
 * shown worse (the judge of five thresholds, one e-process each, needed
 * fifteen). A whole-distribution slowdown within the allowance (20 %) is not.
 */
import { describe, expect, it } from '@jest/globals'

import { latencyThresholds, P99_INDEX } from '../../src/analysis/latency-thresholds.js'
import { judgeRung, type RungSettings, type TailMinute } from '../../src/analysis/rung-judge.js'
import { tailProbability, type World } from '../../sim/worlds.js'

const STABLE: World = {
  name: 'stable',
  rate: 2000,
  stable5xx: 0,
  stable4xx: 0,
  latencyMedianMs: 80,
  latencySigma: 0.5
}
const q = (z: number) => 80 * Math.exp(0.5 * z)
const thresholds = latencyThresholds(q(0), q(1.2816), q(2.3263))

/** Eight minutes as one: 800 canary and 15,200 stable requests, the counts their expectations. */
function minutesOf(canary: World, allowancePercent: number): TailMinute {
  const f = 1 + allowancePercent / 100
  const n = (p: number, requests: number) => Math.round(p * requests)
  return {
    time: 0,
    canaryRequests: C_N,
    stableRequests: S_N,
    canaryAbove: thresholds.map((t) => n(tailProbability(canary, true, t * f), C_N)),
    stableAbove: thresholds.map((t) => n(tailProbability(STABLE, false, t), S_N)),
    canaryAboveT: thresholds.map((t) => n(tailProbability(canary, true, t), C_N)),
    stableAboveLow: thresholds.map((t) => n(tailProbability(STABLE, false, t / f), S_N))
  }
}

const C_N = 800
const S_N = 15200

const settings: RungSettings = {
  max5xxIncrease: 0.5,
  max4xxIncrease: 1,
  maxLatencyIncrease: 20,
  confidence: 95,
  rungs: 5,
  stepRungs: 5,
  minCanaryRequests: 200
}

const latency = (canary: World) =>
  judgeRung(
    {
      minutes: [
        {
          time: 0,
          canary: { requests: C_N, errors5xx: 0, errors4xx: 0 },
          stable: { requests: S_N, errors5xx: 0, errors4xx: 0 }
        }
      ],
      tail: { thresholds, minutes: [minutesOf(canary, 20)] }
    },
    settings
  ).metrics.find((m) => m.metric === 'Latency')!

describe('latency on counts above thresholds', () => {
  it('fourteen thresholds: the stable p50, p90, then a lattice from about p94 through p99 to beyond p99.99', () => {
    expect(thresholds).toHaveLength(14)
    expect(thresholds.slice(0, 2)).toEqual([q(0), q(1.2816)])
    expect(thresholds[P99_INDEX]).toBeCloseTo(q(2.3263), 9)
    for (let i = 1; i < thresholds.length; i++)
      expect(thresholds[i]).toBeGreaterThan(thresholds[i - 1]!)
    expect(thresholds[2]).toBeLessThan(q(1.645)) // below the stable p95
    expect(thresholds.at(-1)).toBeGreaterThan(q(3.719)) // beyond the stable p99.99
  })

  it('a tail-only regression (p99 +50 %) is shown worse than the 20 % allowance in eight minutes at 5 % of 2,000 requests a minute', () => {
    const tail = latency({ ...STABLE, canaryLatency: { kind: 'tail', increase: 0.5 } })
    expect(tail.outcome).toBe('fail')
  })

  it('a canary 20 % slower everywhere (the allowance) is not', () => {
    expect(
      latency({ ...STABLE, canaryLatency: { kind: 'whole', increase: 0.2 } }).outcome
    ).not.toBe('fail')
  })

  it('a stable side of nearly constant latency (p90 = p99): a canary twice as slow is still shown worse', () => {
    const flat = latencyThresholds(100, 100, 100)
    const minute: TailMinute = {
      time: 0,
      canaryRequests: C_N,
      stableRequests: S_N,
      // Every canary request slower than 1.2 × 100 ms, no stable one slower than 100 ms.
      canaryAbove: flat.map(() => C_N),
      stableAbove: flat.map(() => 0),
      canaryAboveT: flat.map(() => C_N),
      stableAboveLow: flat.map(() => S_N)
    }
    const verdict = judgeRung(
      {
        minutes: [
          {
            time: 0,
            canary: { requests: C_N, errors5xx: 0, errors4xx: 0 },
            stable: { requests: S_N, errors5xx: 0, errors4xx: 0 }
          }
        ],
        tail: { thresholds: flat, minutes: [minute] }
      },
      settings
    )
    expect(verdict.metrics.find((m) => m.metric === 'Latency')!.outcome).toBe('fail')
  })
})
