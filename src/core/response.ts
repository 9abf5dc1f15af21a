/**
 * One verdict, one response: every decision that takes canary traffic to
 * 0 % (or leaves it, per `on-alarm`), as pure functions.
 *
 * - `bakeNext`: what a bake does after a poll, from the alarms and what the
 *   judge asked (src/analysis/bake-policy.ts decides that: fail, extend to
 *   max-bake-time, end on evidence): continue, end, extend, roll back or fail;
 * - `alarmResponse`: what an alarm, an unhealthy canary or a failing analysis
 *   on traffic this step raised does (a bake, a ramp's next-rung gate, a
 *   promotion's gate);
 * - `recoveryTarget`: what a failed or cancelled step does to the traffic it raised.
 *
 * src/steps/response.ts carries them out (`respond`, `zeroCanary`).
 */
import { CancelledError, ConflictError, GateError, errorMessage } from '../errors.js'

/** What stopped a bake, or refused traffic the step raised. */
export type Trigger = 'alarm' | 'unhealthy' | 'analysis'

/** What `on-alarm` says to do with a trigger: the canary to 0 % (`roll-back`) or as it is (`fail`); the step fails either way. */
export interface Response {
  next: 'roll-back' | 'fail'
  trigger: Trigger
  reason: string
}

/** Pure: the response to a trigger on traffic this step raised, per `on-alarm`. */
export function alarmResponse(
  trigger: Trigger,
  reason: string,
  onAlarm: 'rollback' | 'fail'
): Response {
  return { next: onAlarm === 'rollback' ? 'roll-back' : 'fail', trigger, reason }
}

/**
 * What the canary judge asks of the bake after a poll (undefined: nothing):
 * decided by the analysis's bake policy (src/analysis/bake-policy.ts,
 * `on-inconclusive`, `max-bake-time`, `advance-on-evidence`), answered here.
 */
export type AnalysisAction =
  { action: 'fail'; reason: string } | { action: 'extend'; until: number } | { action: 'done' }

/** One poll's read of the alarms (undefined: no alarms configured). */
export type AlarmPoll =
  | { kind: 'ok' }
  | { kind: 'alarm'; reason: string }
  | { kind: 'read-failed'; failures: number; reason: string }

/** Consecutive failed alarm reads that count as an unhealthy canary (fail closed). */
export const MAX_READ_FAILURES = 3

export interface BakePoll {
  alarms: AlarmPoll | undefined
  /** The last alarm read succeeded (or none are configured). */
  lastReadOk: boolean
  /** What the judge asked (not asked once the alarms stopped the bake: `alarmsStop`). */
  judged: AnalysisAction | undefined
  now: number
  deadline: number
}

export type BakeNext =
  /** Poll again, on the schedule up to `deadline` (`overtime`: time is up, waiting for a good read). */
  | { next: 'continue'; deadline: number; overtime: boolean }
  /** The bake is over, clean. */
  | { next: 'end' }
  /** The judge is inconclusive: bake on until `until` (max-bake-time). */
  | { next: 'extend'; until: number }
  | Response

/** Pure: whether this poll's alarms stop the bake whatever the judge says. */
export function alarmsStop(alarms: AlarmPoll | undefined): boolean {
  return (
    alarms?.kind === 'alarm' ||
    (alarms?.kind === 'read-failed' && alarms.failures >= MAX_READ_FAILURES)
  )
}

/**
 * Pure: what a bake does after a poll. A gating alarm, MAX_READ_FAILURES
 * failed reads in a row, or a failing judge: the alarm response. Else the
 * judge may extend the bake or end it early; a bake whose time is up ends
 * clean only if its last alarm read succeeded (otherwise it reads on).
 */
export function bakeNext(p: BakePoll, onAlarm: 'rollback' | 'fail'): BakeNext {
  const { alarms, judged } = p
  if (alarms?.kind === 'alarm') return alarmResponse('alarm', alarms.reason, onAlarm)
  if (alarms?.kind === 'read-failed' && alarms.failures >= MAX_READ_FAILURES) {
    const reason = `unhealthy: the alarms could not be read ${MAX_READ_FAILURES} times in a row (${alarms.reason})`
    return alarmResponse('unhealthy', reason, onAlarm)
  }
  if (judged?.action === 'fail') return alarmResponse('analysis', judged.reason, onAlarm)
  const deadline = judged?.action === 'extend' ? judged.until : p.deadline
  if (p.now >= deadline || judged?.action === 'done') {
    if (p.lastReadOk) return { next: 'end' }
    return { next: 'continue', deadline, overtime: true }
  }
  if (judged?.action === 'extend') return { next: 'extend', until: deadline }
  return { next: 'continue', deadline, overtime: false }
}

/** Pure: what a failed step must do to canary traffic so it ends no higher than it started. */
export function recoveryTarget(
  err: unknown,
  start: number,
  now: number,
  opts: {
    rollbackOnCancel: boolean
    onAlarm: 'rollback' | 'fail'
    rolledBack: boolean
    /** An alarm (or an unhealthy read) was seen during this step. */
    alarmed: boolean
  }
): { percent: number; why: 'cancel' | 'alarm' | 'restore' } | undefined {
  if (now <= start || opts.rolledBack) return undefined
  if (err instanceof CancelledError)
    return opts.rollbackOnCancel ? { percent: 0, why: 'cancel' } : undefined
  // Another run owns the stage now.
  if (err instanceof ConflictError) return undefined
  // An alarm on traffic this step raised (a refused gate, or a rollback call that failed): per on-alarm.
  if (err instanceof GateError || opts.alarmed) {
    const r = alarmResponse('alarm', errorMessage(err), opts.onAlarm)
    return r.next === 'roll-back' ? { percent: 0, why: 'alarm' } : undefined
  }
  return { percent: start, why: 'restore' }
}
