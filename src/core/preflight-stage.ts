/** Preflight checks 4 and 6: logging and metrics on the stage, and the stage ready for a release (preflight.ts). */
import { type CheckStatus, type CheckResult, type Denied, isDenied } from './preflight-common.js'

// ---- 4. logging and metrics ----------------------------------------------------------

export interface StageSettings {
  // keyed "*/*" (every method) or "{resourcePath}/{METHOD}"
  methodSettings: Record<
    string,
    { loggingLevel?: string; metricsEnabled?: boolean; dataTraceEnabled?: boolean }
  >
  accessLogSettings?: { format?: string; destinationArn?: string }
  tracingEnabled?: boolean
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

// ---- 6. stage ready -----------------------------------------------------------------

export interface StageReadyInput {
  stage: string
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
      todo: `Create ${i.stage} with a first deployment (CreateDeployment with stageName) before the first canary release.`
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
