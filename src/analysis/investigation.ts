/**
 * Pure: the links and the command for investigating a canary after a
 * rollback: its execution logs, a Logs Insights query over the bake window,
 * X-Ray traces of the stage in the window, each alarm's page, and how to
 * release a fix: through the action again, never a raw create-deployment
 * (which would skip the gate, and whose canary the next ramp refuses). The console URL formats, and which parts
 * of them are the consoles' own encodings, are in docs/canary-analysis.md.
 */

export interface InvestigationInput {
  region: string
  restApiId: string
  stage: string
  /** The API's name (the X-Ray service is `{apiName}/{stage}`); without it the traces link has no filter. */
  apiName?: string
  window: { start: Date; end: Date }
  alarmNames: readonly string[]
  /** Canary traffic for the fix's first step, percent (default 5). */
  firstStepPercent?: number
}

export interface InvestigationLinks {
  logGroup: string
  executionLogs: string
  logsInsights: string
  logsInsightsQuery: string
  traces: string
  alarms: Array<{ name: string; url: string }>
  /** How to release a fix: a new commit through the workflow's deploy step. */
  fixHint: string
}

/** The canary's execution log group (API Gateway names it; see docs/aws-behaviour.md). */
export const canaryLogGroup = (restApiId: string, stage: string) =>
  `API-Gateway-Execution-Logs_${restApiId}/${stage}/Canary`

/** Execution-log lines of failed requests: 5XX answers, integration failures and timeouts. */
export const ERRORS_QUERY = [
  'fields @timestamp, @logStream, @message',
  '| filter @message like /Method completed with status: 5\\d\\d/',
  '    or @message like /Execution failed/',
  '    or @message like /Endpoint request timed out/',
  '    or @message like /Lambda execution failed/',
  '| sort @timestamp desc',
  '| limit 200'
].join('\n')

const consoleBase = (region: string) => `https://${region}.console.aws.amazon.com`
const cloudwatch = (region: string, fragment: string) =>
  `${consoleBase(region)}/cloudwatch/home?region=${encodeURIComponent(region)}#${fragment}`

/** The CloudWatch console's path encoding: URI-encoded twice, then `%` written `$`. */
export const consolePathEncode = (s: string) =>
  encodeURIComponent(encodeURIComponent(s)).replace(/%/g, '$')

const hex = (c: string) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`

/** A Logs Insights primitive: URI-encoded (also `!'()~`), `%` written `*`; strings start with `'`. */
function insightsValue(v: string | number | boolean): string {
  if (typeof v !== 'string') return String(v)
  return `'${encodeURIComponent(v)
    .replace(/[!'()~]/g, hex)
    .replace(/%/g, '*')}`
}

type InsightsObject = Record<string, string | number | boolean | readonly string[]>

/** `~(key~value~...)`, arrays as `~(~item~item)`, then JavaScript's escape() of the whole. */
function insightsDetail(o: InsightsObject): string {
  const parts = Object.entries(o).map(([k, v]) =>
    Array.isArray(v)
      ? `${k}~(${v.map((x) => `~${insightsValue(x)}`).join('')})`
      : `${k}~${insightsValue(v as string | number | boolean)}`
  )
  const raw = `~(${parts.join('~')})`
  // escape() leaves A-Z a-z 0-9 @*_+-./ as they are.
  return raw.replace(/[^A-Za-z0-9@*_+\-./]/g, hex)
}

/** Pure: every link and the fix hint for one rolled-back canary. */
export function investigationLinks(input: InvestigationInput): InvestigationLinks {
  const { region, restApiId, stage, window } = input
  const logGroup = canaryLogGroup(restApiId, stage)
  const start = window.start.toISOString()
  const end = window.end.toISOString()
  const detail = insightsDetail({
    end,
    start,
    timeType: 'ABSOLUTE',
    tz: 'UTC',
    editorString: ERRORS_QUERY,
    source: [logGroup]
  })
  const logsInsights = cloudwatch(
    region,
    `logsV2:logs-insights${encodeURIComponent(`?queryDetail=${detail}`).replace(/%/g, '$')}`
  )
  // X-Ray's documented deep link: #/traces?timeRange=start~end&filter=expression (UTC, at most 6 hours).
  const seconds = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, '')
  const traceParams = [`timeRange=${seconds(window.start)}~${seconds(window.end)}`]
  if (input.apiName)
    traceParams.push(`filter=${encodeURIComponent(`service("${input.apiName}/${stage}")`)}`)
  const traces = `${consoleBase(region)}/xray/home?region=${encodeURIComponent(region)}#/traces?${traceParams.join('&')}`
  const percent = input.firstStepPercent ?? 5
  const fixHint =
    `push a fix and run the release workflow on its commit: its deploy step (command: deploy) ` +
    `makes the fix the canary at ${percent} % of ${stage}, behind the same gate. ` +
    'Not a bare aws apigateway create-deployment: it skips the gate, and the next ramp refuses its canary (no commit of the workflow in its description).'
  return {
    logGroup,
    executionLogs: cloudwatch(region, `logsV2:log-groups/log-group/${consolePathEncode(logGroup)}`),
    logsInsights,
    logsInsightsQuery: ERRORS_QUERY,
    traces,
    alarms: input.alarmNames.map((name) => ({
      name,
      url: cloudwatch(region, `alarmsV2:alarm/${encodeURIComponent(name)}`)
    })),
    fixHint
  }
}
