/**
 * One verdict, one response (src/core/response.ts): what a bake does after a
 * poll, from the alarms and what the canary judge asked (its policy:
 * __tests__/analysis/bake-policy.test.ts), and what `on-alarm` makes of it.
 */
import { describe, expect, it } from '@jest/globals'
import { bakeNext, recoveryTarget } from '../src/core/response.js'
import { GateError } from '../src/errors.js'

const poll = {
  alarms: { kind: 'ok' as const },
  lastReadOk: true,
  judged: undefined,
  now: 0,
  deadline: 60_000
}

describe('bakeNext', () => {
  it('bakes on while the alarms are OK and the time is not up, and ends clean when it is', () => {
    expect(bakeNext(poll, 'rollback')).toEqual({
      next: 'continue',
      deadline: 60_000,
      overtime: false
    })
    expect(bakeNext({ ...poll, now: 60_000 }, 'rollback')).toEqual({ next: 'end' })
  })

  it('answers an alarm per on-alarm: roll back, or fail with traffic left', () => {
    const alarms = { kind: 'alarm' as const, reason: 'alarm during bake at 10 %: Errors' }
    expect(bakeNext({ ...poll, alarms }, 'rollback')).toEqual({
      next: 'roll-back',
      trigger: 'alarm',
      reason: alarms.reason
    })
    expect(bakeNext({ ...poll, alarms }, 'fail')).toMatchObject({ next: 'fail', trigger: 'alarm' })
  })

  it('counts three failed reads in a row as an unhealthy canary, and reads on past the time after a failed read', () => {
    const failed = (failures: number) => ({
      ...poll,
      lastReadOk: false,
      alarms: { kind: 'read-failed' as const, failures, reason: 'Rate exceeded' }
    })
    expect(bakeNext(failed(2), 'rollback')).toMatchObject({ next: 'continue', overtime: false })
    expect(bakeNext({ ...failed(2), now: 60_000 }, 'rollback')).toMatchObject({
      next: 'continue',
      overtime: true
    })
    expect(bakeNext(failed(3), 'rollback')).toMatchObject({
      next: 'roll-back',
      trigger: 'unhealthy',
      reason: expect.stringMatching(/could not be read 3 times in a row \(Rate exceeded\)/)
    })
  })

  it("follows the judge: a failing analysis is answered like an alarm; extend moves the bake's end", () => {
    const fail = {
      action: 'fail' as const,
      reason: 'canary analysis failed at 10 %: worse: 5XXError'
    }
    expect(bakeNext({ ...poll, judged: fail }, 'rollback')).toMatchObject({
      next: 'roll-back',
      trigger: 'analysis'
    })
    expect(
      bakeNext({ ...poll, now: 60_000, judged: { action: 'extend', until: 120_000 } }, 'rollback')
    ).toEqual({
      next: 'extend',
      until: 120_000
    })
    expect(bakeNext({ ...poll, judged: { action: 'done' } }, 'rollback')).toEqual({ next: 'end' })
  })
})

describe('recoveryTarget', () => {
  it('sends raised traffic to 0 % after a refused gate only under on-alarm: rollback', () => {
    const opts = { rollbackOnCancel: true, rolledBack: false, alarmed: false }
    expect(recoveryTarget(new GateError('x'), 5, 25, { ...opts, onAlarm: 'rollback' })).toEqual({
      percent: 0,
      why: 'alarm'
    })
    expect(recoveryTarget(new GateError('x'), 5, 25, { ...opts, onAlarm: 'fail' })).toBeUndefined()
    expect(recoveryTarget(new Error('x'), 5, 25, { ...opts, onAlarm: 'rollback' })).toEqual({
      percent: 5,
      why: 'restore'
    })
  })
})
