/** Preflight checks 4-6: logging and metrics, the gating alarms, and the stage itself. */
import { formatDuration } from '../core/duration.js'
import {
  type AlarmSensitivity,
  type SensitivityContext,
  type AlarmInfo,
  alarmSensitivity
} from './alarm-sensitivity.js'
import {
  type CheckResult,
  type CheckStatus,
  isDenied,
  skippedFor,
  worst,
  type Denied
} from './types.js'
import { missingStageTodo, type Where } from '../core/not-found.js'

// ---- 4. logging and metrics ----------------------------------------------------------

export interface StageSettings {
  // keyed "*/*" (every method) or "{resourcePath}/{METHOD}"
  methodSettings: Record<
    string,
    { loggingLevel?: string; metricsEnabled?: boolean; dataTraceEnabled?: boolean }
  >
  accessLogSettings?: { format?: string; destinationArn?: string }
  tracingEnabled?: boolean
  /** The stage's tags (which may name the tool that manages it). */
  tags?: Record<string, string>
}

export interface LoggingCheckInput {
  restApiId: string
  stage: string
  settings: StageSettings
  account: { cloudwatchRoleArn?: string } | Denied
}

export function checkLoggingAndMetrics(i: LoggingCheckInput): CheckResult {
  const base = { id: 'logging-metrics', title: 'Logging and metrics' }
  const all = i.settings.methodSettings['*/*'] ?? {}
  const level = all.loggingLevel ?? 'OFF'
  const logging = level === 'INFO' || level === 'ERROR'
  const canaryGroup = `API-Gateway-Execution-Logs_${i.restApiId}/${i.stage}/Canary`
  const lines: string[] = []
  const todo: string[] = []
  let status: CheckStatus = 'pass'
  if (logging) lines.push(`Execution logging ${level}: canary requests log to ${canaryGroup}.`)
  else {
    status = 'warn'
    lines.push(
      `Execution logging is OFF: the canary's own log group ${canaryGroup} gets nothing to look into when it fails.`
    )
    todo.push('Set */* logging to ERROR or INFO (UpdateStage /*/*/logging/loglevel).')
  }
  if (isDenied(i.account)) {
    lines.push(`The account's CloudWatch Logs role could not be read (${i.account.denied} denied).`)
  } else if (
    !i.account.cloudwatchRoleArn &&
    (logging || i.settings.accessLogSettings?.destinationArn?.includes(':logs:'))
  ) {
    status = 'warn'
    lines.push(
      'The account has no CloudWatch Logs role: API Gateway cannot write the execution or access logs it is set to write.'
    )
    todo.push(
      'Set the account role (UpdateAccount /cloudwatchRoleArn) to a role API Gateway may assume with AmazonAPIGatewayPushToCloudWatchLogs.'
    )
  }
  lines.push(
    all.metricsEnabled
      ? 'Detailed metrics on: per-method metrics for the canary too.'
      : 'Detailed metrics off: only needed for per-method alarms; the canary’s own Stage metrics need nothing extra.'
  )
  const access = i.settings.accessLogSettings
  lines.push(
    access?.destinationArn
      ? `Access logs to ${access.destinationArn}; canary requests go to the same destination with /Canary appended to a log group name, and $context.isCanaryRequest tells them apart.`
      : 'Access logs off: optional, for per-request detail ($context.isCanaryRequest marks canary requests).'
  )
  lines.push(
    i.settings.tracingEnabled
      ? 'X-Ray tracing on.'
      : 'X-Ray tracing off: optional, to trace slow canary requests.'
  )
  return {
    ...base,
    status,
    found: lines.join(' '),
    ...(todo.length > 0 ? { todo: todo.join(' ') } : {})
  }
}

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

// ---- 6. stage ready -----------------------------------------------------------------

export interface StageReadyInput {
  stage: string
  /** Where the stage was looked for, and the stages that API has (for a missing stage). */
  where?: Where
  stages?: string[]
  /** Undefined when the stage does not exist. */
  current?: {
    deploymentId: string
    canary?: { deploymentId: string; percent: number; commit?: string }
  }
  /** The commit this run releases. */
  commit?: string
  /** The ramp's job-length warning (ramp.ts jobLengthWarning); undefined when the ramp fits a job. */
  rampTooLong?: string
}

export function checkStageReady(i: StageReadyInput): CheckResult {
  const base = { id: 'stage-ready', title: 'Stage ready' }
  if (!i.current) {
    return {
      ...base,
      status: 'fail',
      found: `Stage ${i.stage} does not exist: a canary needs an existing stage.`,
      todo: i.where ? missingStageTodo(i.where, i.stages ?? []) : 'Check the stage input.'
    }
  }
  const c = i.current.canary
  const live = c && c.deploymentId !== i.current.deploymentId && c.percent > 0
  const notes: string[] = []
  let status: CheckStatus = 'pass'
  let todo: string | undefined
  if (live && (i.commit === undefined || c.commit !== i.commit)) {
    status = 'fail'
    notes.push(
      `A canary of ${c.commit ? `commit ${c.commit}` : `deployment ${c.deploymentId}`} carries ${c.percent} % of ${i.stage}'s traffic.`
    )
    todo = 'Promote or roll back that canary first; a new deploy would replace it.'
  } else if (live) {
    notes.push(`A canary of this commit is on at ${c.percent} %: deploy continues from there.`)
  } else {
    notes.push(`Stage ${i.stage} serves ${i.current.deploymentId} with no canary carrying traffic.`)
  }
  if (i.rampTooLong) {
    status = status === 'fail' ? 'fail' : 'warn'
    notes.push(i.rampTooLong)
  } else notes.push('The ramp’s bakes fit a 6-hour job.')
  return { ...base, status, found: notes.join(' '), ...(todo ? { todo } : {}) }
}
