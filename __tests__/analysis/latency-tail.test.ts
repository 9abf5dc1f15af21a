/**
 * Latency's test on counts above thresholds: a tail-only regression (p99 50 %
 * slower, p95 and below unchanged) violates the null "the canary at most
 * 20 % slower than stable at every quantile" most clearly beyond the stable
 * side's p99, so the judge also counts requests above two thresholds there
 * (from the same three percentiles it reads). With the expected counts of fifteen
 * minutes at 5 % of 2,000 requests a minute it is shown worse; at p50, p90 and
 * p99 alone it was not. A whole-distribution slowdown within the allowance
 * (20 %) is not.
 */
import { describe, expect, it } from '@jest/globals'

import { latencyThresholds } from '../../src/analysis/latency-thresholds.js'
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

/** Fifteen minutes as one: 1,500 canary and 28,500 stable requests, the counts their expectations. */
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

const C_N = 1500
const S_N = 28500

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
  it('five thresholds: the stable p50, p90, p99 and two beyond p99', () => {
    expect(thresholds.slice(0, 3)).toEqual([q(0), q(1.2816), q(2.3263)])
    expect(thresholds[3]).toBeGreaterThan(q(2.3263))
    expect(thresholds[4]).toBeGreaterThan(thresholds[3]!)
  })

  it('a tail-only regression (p99 +50 %) is shown worse than the 20 % allowance in fifteen minutes at 5 % of 2,000 requests a minute', () => {
    const tail = latency({ ...STABLE, canaryLatency: { kind: 'tail', increase: 0.5 } })
    expect(tail.outcome).toBe('fail')
  })

  it('a canary 20 % slower everywhere (the allowance) is not', () => {
    expect(
      latency({ ...STABLE, canaryLatency: { kind: 'whole', increase: 0.2 } }).outcome
    ).not.toBe('fail')
  })
})
