import { describe, expect, it } from '@jest/globals'

import { bakeStep, minimumBakeMs, type BakePolicy } from '../../src/analysis/bake-policy.js'
import { blastRadius } from '../../src/analysis/blast-radius.js'

const MIN = 60_000
const clock: BakePolicy = {
  mode: 'gate',
  advanceOnEvidence: false,
  bakeMs: 10 * MIN,
  maxBakeMs: 20 * MIN,
  minBakeMs: 3 * MIN,
  onInconclusive: 'pass'
}
const evidence: BakePolicy = { ...clock, advanceOnEvidence: true }
const v = (outcome: 'pass' | 'fail' | 'inconclusive', shown = false, baseline = true) => ({
  outcome,
  evidence: shown,
  baseline
})

describe('bakeStep: the bake policy', () => {
  it('fails at once on a worse canary, under gate; report never acts before the end', () => {
    expect(bakeStep(clock, 2 * MIN, v('fail'), false)).toEqual({ action: 'fail', why: 'worse' })
    expect(bakeStep({ ...clock, mode: 'report' }, 2 * MIN, v('fail'), false)).toEqual({
      action: 'continue'
    })
  })

  it('advance-on-evidence: ends on evidence, never before the minimum bake, never after max-bake-time', () => {
    expect(bakeStep(evidence, 2 * MIN, v('pass', true), false)).toEqual({ action: 'continue' })
    expect(bakeStep(evidence, 3 * MIN, v('pass', true), false)).toEqual({
      action: 'done',
      why: 'evidence'
    })
    // bake-time no longer ends the bake: it waits for evidence up to max-bake-time.
    expect(bakeStep(evidence, 15 * MIN, v('pass'), false)).toEqual({ action: 'continue' })
    expect(bakeStep(evidence, 20 * MIN, v('pass'), false)).toEqual({ action: 'done', why: 'time' })
    expect(
      bakeStep({ ...evidence, onInconclusive: 'fail' }, 20 * MIN, v('inconclusive'), false)
    ).toEqual({ action: 'fail', why: 'inconclusive' })
    expect(bakeStep({ ...evidence, onInconclusive: 'extend' }, 20 * MIN, v('pass'), false)).toEqual(
      { action: 'fail', why: 'inconclusive' }
    )
    // The canary at 100 %: nothing to compare, the alarms alone gate for the minimum bake.
    expect(bakeStep(evidence, 3 * MIN, v('inconclusive', false, false), false)).toEqual({
      action: 'done',
      why: 'evidence'
    })
  })

  it('on the clock: inconclusive at bake-time follows on-inconclusive; extended, a pass ends it', () => {
    expect(bakeStep(clock, 10 * MIN, v('pass'), false)).toEqual({ action: 'done', why: 'time' })
    const extend = { ...clock, onInconclusive: 'extend' as const }
    expect(bakeStep(extend, 10 * MIN, v('inconclusive'), false)).toEqual({
      action: 'extend',
      untilMs: 20 * MIN
    })
    expect(bakeStep(extend, 12 * MIN, v('pass'), true)).toEqual({ action: 'done', why: 'pass' })
    expect(bakeStep(extend, 20 * MIN, v('inconclusive'), true)).toEqual({
      action: 'fail',
      why: 'inconclusive'
    })
  })

  it('the minimum bake: the longest alarm period × datapoints to alarm, plus the publication minute', () => {
    expect(minimumBakeMs([])).toBe(2 * MIN)
    expect(minimumBakeMs([{ minTripSeconds: 180 }, { minTripSeconds: 300 }, {}])).toBe(6 * MIN)
  })
})

describe('blastRadius', () => {
  it('per rung and for the release: requests, 5XX, the excess over the stable rate, with an interval around it', () => {
    const b = blastRadius(
      [
        { percent: 5, canaryRequests: 1000, canary5xx: 40, stableRequests: 19000, stable5xx: 190 },
        { percent: 10, canaryRequests: 2000, canary5xx: 20, stableRequests: 18000, stable5xx: 180 }
      ],
      0.05,
      5
    )
    expect(b.rungs[0]).toMatchObject({
      percent: 5,
      canaryRequests: 1000,
      canary5xx: 40,
      excess5xx: 30
    })
    expect(b.rungs[1]!.excess5xx).toBeCloseTo(0, 9)
    for (const r of [...b.rungs, b.release]) {
      expect(r.excessLow).toBeLessThan(r.excess5xx)
      expect(r.excess5xx).toBeLessThan(r.excessHigh)
    }
    expect(b.release).toEqual({
      canaryRequests: 3000,
      canary5xx: 60,
      excess5xx: 30,
      excessLow: b.rungs[0]!.excessLow + b.rungs[1]!.excessLow,
      excessHigh: b.rungs[0]!.excessHigh + b.rungs[1]!.excessHigh
    })
  })
})
