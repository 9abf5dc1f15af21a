import { traitsOf, type Command } from '../commands/catalog.js'

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'

export interface AlarmStatus {
  name: string
  type: 'MetricAlarm' | 'CompositeAlarm'
  state: AlarmState
  reason: string
  /** ISO-8601 time of the last state change. */
  updated: string
  /** A metric alarm's least time to go to ALARM: Period × (DatapointsToAlarm or EvaluationPeriods), seconds. */
  minTripSeconds?: number
}

export interface GateVerdict {
  pass: boolean
  /** Worst state of the gating alarms, NONE when none are configured. */
  worst: AlarmState | 'NONE'
  /** Alarms that refuse the gate (ALARM, and INSUFFICIENT_DATA under `insufficient-data: alarm`). */
  blocking: AlarmStatus[]
  /** Alarms without data that were let through under `insufficient-data: ok`. */
  insufficient: AlarmStatus[]
}

const RANK: Record<AlarmState, number> = { OK: 0, INSUFFICIENT_DATA: 1, ALARM: 2 }

export function worstState(alarms: readonly AlarmStatus[] | undefined): AlarmState | 'NONE' {
  if (!alarms || alarms.length === 0) return 'NONE'
  return alarms.reduce<AlarmState>((w, a) => (RANK[a.state] > RANK[w] ? a.state : w), 'OK')
}

/** The alarm gate: pure, from the alarms as read and the insufficient-data policy. */
export function evaluateGate(
  alarms: readonly AlarmStatus[],
  insufficientData: 'ok' | 'alarm'
): GateVerdict {
  const firing = alarms.filter((a) => a.state === 'ALARM')
  const noData = alarms.filter((a) => a.state === 'INSUFFICIENT_DATA')
  const blocking = insufficientData === 'alarm' ? [...firing, ...noData] : firing
  return {
    pass: blocking.length === 0,
    worst: worstState(alarms),
    blocking,
    insufficient: insufficientData === 'ok' ? noData : []
  }
}

/** `5xx-errors (ALARM: Threshold Crossed ...)` for logs and abort reasons. */
export function describeBlocking(blocking: readonly AlarmStatus[]): string {
  return blocking.map((a) => `${a.name} is ${a.state}${a.reason ? `: ${a.reason}` : ''}`).join('; ')
}

/** What a step's gate is made of, from its configuration alone. */
export interface GateConfig {
  command: Command
  percent: number | 'next' | undefined
  bakeTimeMs: number
  alarmNames: readonly string[]
  alarmNamePrefix: string | undefined
  analysisMode: 'off' | 'report' | 'gate'
  allowUngated: boolean
}

/**
 * What stops a failing canary in this step: its alarms; else the canary
 * analysis, when it gates (`analysis: gate`) a bake this step runs (deploy,
 * shift and ramp bake; promote does not); else nothing.
 */
export function gateKind(cfg: GateConfig): 'alarms' | 'analysis' | 'none' {
  if (cfg.alarmNames.length > 0 || cfg.alarmNamePrefix !== undefined) return 'alarms'
  const bakes = traitsOf(cfg.command).bakes && cfg.bakeTimeMs > 0
  return cfg.analysisMode === 'gate' && bakes ? 'analysis' : 'none'
}

/** Why nothing gates this step, in the words of the inputs that would. */
export function ungatedWhy(cfg: GateConfig): string {
  const analysis =
    cfg.analysisMode !== 'gate'
      ? `'analysis' is ${cfg.analysisMode}, not gate`
      : cfg.bakeTimeMs > 0
        ? `the canary analysis does not judge ${cfg.command}`
        : `'analysis: gate' judges only during a bake and 'bake-time' is 0`
  return `no alarm ('alarm-names' or 'alarm-name-prefix') and ${analysis}`
}

/**
 * The refusal of a step that would raise canary traffic or promote with no
 * gate at all, unless the workflow said `allow-ungated: true`; undefined when
 * the step is gated, allowed, or (shift) not known yet to raise anything (its
 * gate refuses at the increase). Decided from the inputs, before any AWS call.
 */
export function ungatedRefusal(cfg: GateConfig): string | undefined {
  if (cfg.allowUngated || gateKind(cfg) !== 'none') return undefined
  const { raises } = traitsOf(cfg.command)
  const raisesNow =
    raises === 'raises' || raises === 'promotes' || (raises === 'to-percent' && cfg.percent !== 0)
  return raisesNow
    ? ungatedMessage(cfg, raises === 'promotes' ? 'promote' : 'raise canary traffic')
    : undefined
}

/** The one line that refuses an ungated change. */
export function ungatedMessage(cfg: GateConfig, what: string): string {
  return (
    `Input 'allow-ungated' is false and ${cfg.command} would ${what} with nothing to stop a failing canary: ` +
    `${ungatedWhy(cfg)}. Name an alarm in 'alarm-names', or set allow-ungated: true to release ungated on purpose.`
  )
}
