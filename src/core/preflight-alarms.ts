/** Preflight check 5: alarms that can see the canary (preflight.ts, alarm-sensitivity.ts). */
import { formatDuration } from './duration.js'
import {
  type AlarmInfo,
  type AlarmSensitivity,
  type SensitivityContext,
  alarmSensitivity
} from './alarm-sensitivity.js'
import {
  type CheckStatus,
  type CheckResult,
  type Denied,
  isDenied,
  skippedFor,
  worst
} from './preflight-common.js'

// ---- 5. alarms that can see the canary -------------------------------------------------

export interface AlarmsCheckInput extends SensitivityContext {
  /** The alarms the action gates on, by name. */
  gatingAlarms: string[]
  /** Every alarm DescribeAlarms answered: the gating ones and the members of composites. */
  alarms: AlarmInfo[] | Denied
  bakeTimeMs: number
}

export interface AlarmsCheckResult extends CheckResult {
  /** Per gating alarm, what it takes to trip it at each rung. */
  alarms: AlarmSensitivity[]
}

export function checkAlarms(i: AlarmsCheckInput): AlarmsCheckResult {
  const base = { id: 'alarms', title: 'Alarms that can see the canary' }
  if (isDenied(i.alarms))
    return { ...skippedFor(base.id, base.title, i.alarms, 'the alarms'), alarms: [] }
  const byName = new Map(i.alarms.map((a) => [a.name, a]))
  const lines: string[] = []
  const statuses: CheckStatus[] = []
  const todo = new Set<string>()
  const missing = i.gatingAlarms.filter((n) => !byName.has(n))
  if (i.gatingAlarms.length === 0) {
    statuses.push('fail')
    lines.push('No gating alarm: nothing would stop a failing canary.')
    todo.add(
      `Create an alarm on 5XXError (Average) with Stage=${i.canaryStage} and pass it in alarm-names.`
    )
  }
  for (const n of missing) {
    statuses.push('fail')
    lines.push(`${n}: not found.`)
    todo.add('Check the alarm names and the region.')
  }
  const judged = i.gatingAlarms.flatMap((n) => {
    const a = byName.get(n)
    return a ? [alarmSensitivity(a, byName, i)] : []
  })
  for (const s of judged) {
    statuses.push(s.status)
    lines.push(`${s.name} (${s.status}): ${s.summary}`)
    if (s.status === 'fail' || (s.status === 'warn' && s.rungs.length > 0)) {
      todo.add(
        `Alarm on the canary's own metrics: dimensions ApiName=${i.apiName}, Stage=${i.canaryStage}.`
      )
    }
    if (s.minTripSeconds !== undefined && s.minTripSeconds * 1000 > i.bakeTimeMs) {
      statuses.push('warn')
      lines.push(
        `${s.name}: needs ${formatDuration(s.minTripSeconds * 1000)} of breaching data to go to ALARM, longer than a ${formatDuration(i.bakeTimeMs)} bake.`
      )
      todo.add(
        'Make each bake at least as long as period × datapoints to alarm, or shorten the alarm period.'
      )
    }
  }
  const watched = new Set(judged.flatMap((s) => s.watches))
  if (
    judged.length > 0 &&
    !watched.has('5XXError') &&
    !watched.has('Latency') &&
    !watched.has('IntegrationLatency')
  ) {
    statuses.push('warn')
    lines.push('No gating alarm watches 5XXError or Latency on this API.')
    todo.add(`Gate on 5XXError and Latency with Stage=${i.canaryStage}.`)
  }
  const status = worst(statuses)
  return {
    ...base,
    status,
    found: lines.join('\n'),
    ...(todo.size > 0 && status !== 'pass' ? { todo: [...todo].join(' ') } : {}),
    alarms: judged
  }
}
