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
