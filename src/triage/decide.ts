/**
 * Pure: triage after a rollback (docs/triage.md). The Logs Insights queries
 * over the canary's execution log group and the stage's access logs (canary
 * requests only), the X-Ray filter for the stage's faults, and what their
 * answers come to: the top errors with counts and one example id each, or one
 * line saying why there is nothing. Every text here came from AWS or from the
 * user's requests: the summary, the log and the outputs neutralise it.
 */

/** Where triage looked, in the order it shows. */
export type TriageSource = 'execution-logs' | 'access-logs' | 'x-ray'

/** One error and how often it happened, with one request (or trace) id to look up. */
export interface TopItem {
  text: string
  count: number
  example?: string
}

export interface TriageSection {
  source: TriageSource
  /** found: `top` has rows; anything else: `note` says why not in one line. */
  status: 'found' | 'empty' | 'denied' | 'slow' | 'missing' | 'off' | 'failed'
  note?: string
  top: TopItem[]
}

/** What triage looks at: one stage, over the canary's window. */
export interface TriageQuery {
  restApiId: string
  stage: string
  window: { start: Date; end: Date }
  /** The API's name when the step knows it (the X-Ray service is `{apiName}/{stage}`). */
  apiName?: string
}

/** How far back the `rollback` command looks: it did not watch the canary, so the bake is unknown. */
export const ROLLBACK_LOOKBACK_MS = 15 * 60_000

/**
 * Pure: the window triage reads. From a minute before the step's first bake
 * (the requests that tripped the alarm began before the read that saw them)
 * to now; without a bake, the last ROLLBACK_LOOKBACK_MS.
 */
export function triageWindow(
  firstBakeStart: string | undefined,
  now: number
): TriageQuery['window'] {
  const start = firstBakeStart
    ? Math.min(Date.parse(firstBakeStart), now) - 60_000
    : now - ROLLBACK_LOOKBACK_MS
  return { start: new Date(start), end: new Date(now) }
}

export interface TriageReport {
  window: { start: string; end: string }
  sections: TriageSection[]
}

/** How long one message may show; execution-log lines can be long. */
export const MAX_TEXT = 200
/** Rows per section. */
export const TOP = 5

export const SOURCE_TITLE: Record<TriageSource, string> = {
  'execution-logs': 'execution logs',
  'access-logs': 'access logs',
  'x-ray': 'X-Ray'
}

/**
 * The canary's execution-log lines of failed requests, grouped by message. A
 * line is `(request-id) message`. Lines that can carry a request or response
 * body (`... body before transformations: ...`) are dropped: never shown.
 */
export const EXECUTION_QUERY = [
  'fields @timestamp, @message',
  '| filter @message like /Method completed with status: 5\\d\\d|Execution failed|Lambda execution failed|Endpoint request timed out/',
  '| filter @message not like /body/',
  '| parse @message /^\\((?<requestId>[^)]+)\\) (?<error>.*)$/',
  '| stats count(*) as errors, earliest(requestId) as exampleRequestId by error',
  '| sort errors desc',
  `| limit ${TOP * 2}`
].join('\n')

/** The access-log keys triage needs, found in the stage's format. */
export interface AccessLogKeys {
  isCanary: string
  status: string
  requestId?: string
  error?: string
}

const SAFE_KEY = /^[A-Za-z0-9_@.-]{1,64}$/

/**
 * The keys of a JSON access-log format that carry `$context.isCanaryRequest`,
 * `$context.status`, the request id and an error message; undefined unless
 * the format is JSON with the first two.
 */
export function accessLogKeys(format: string | undefined): AccessLogKeys | undefined {
  if (!format || !format.trim().startsWith('{')) return undefined
  const byVariable = new Map<string, string>()
  for (const m of format.matchAll(/"([^"]+)"\s*:\s*"?\$context\.([A-Za-z.]+)"?/g)) {
    if (SAFE_KEY.test(m[1]!) && !byVariable.has(m[2]!)) byVariable.set(m[2]!, m[1]!)
  }
  const isCanary = byVariable.get('isCanaryRequest')
  const status = byVariable.get('status')
  if (!isCanary || !status) return undefined
  const requestId = byVariable.get('requestId') ?? byVariable.get('extendedRequestId')
  const error =
    byVariable.get('integrationErrorMessage') ??
    byVariable.get('error.message') ??
    byVariable.get('integration.error')
  return {
    isCanary,
    status,
    ...(requestId ? { requestId } : {}),
    ...(error ? { error } : {})
  }
}

/** Canary requests that answered 4XX or 5XX in the access logs, by status (and error message). */
export function accessQuery(k: AccessLogKeys): string {
  const f = (key: string) => `\`${key}\``
  const by = [f(k.status), ...(k.error ? [f(k.error)] : [])].join(', ')
  return [
    'fields @timestamp',
    `| filter ${f(k.isCanary)} like /true/ and ${f(k.status)} like /^[45]\\d\\d$/`,
    `| stats count(*) as errors${k.requestId ? `, earliest(${f(k.requestId)}) as exampleRequestId` : ''} by ${by}`,
    '| sort errors desc',
    `| limit ${TOP * 2}`
  ].join('\n')
}

/** The log group an access-log destination ARN names (`arn:aws:logs:R:A:log-group:NAME`). */
export function logGroupOf(destinationArn: string | undefined): string | undefined {
  const m = /^arn:[^:]+:logs:[^:]*:[^:]*:log-group:(.+?)(?::\*)?$/.exec(destinationArn ?? '')
  return m?.[1]
}

/** X-Ray: the traces through this stage with a fault (X-Ray does not mark canary requests). */
export const faultFilter = (apiName: string, stage: string) =>
  `service(${JSON.stringify(`${apiName}/${stage}`)}) { fault = true }`

const cut = (s: string) => (s.length > MAX_TEXT ? `${s.slice(0, MAX_TEXT - 1)}…` : s)

/** A query result row as field → value. */
export type Row = Record<string, string>

/** Pure: the top rows of an execution-log query. */
export function topFromExecution(rows: Row[]): TopItem[] {
  return rows
    .filter((r) => r.error !== undefined)
    .map((r) => ({
      text: cut(r.error!),
      count: Number(r.errors ?? 0),
      ...(r.exampleRequestId ? { example: cut(r.exampleRequestId) } : {})
    }))
    .sort((a, b) => b.count - a.count)
    .slice(0, TOP)
}

/** Pure: the top rows of an access-log query: `status 502: message`. */
export function topFromAccess(rows: Row[], k: AccessLogKeys): TopItem[] {
  return rows
    .map((r) => ({
      text: cut(
        `status ${r[k.status] ?? '?'}${k.error && r[k.error] && r[k.error] !== '-' ? `: ${r[k.error]}` : ''}`
      ),
      count: Number(r.errors ?? 0),
      ...(r.exampleRequestId ? { example: cut(r.exampleRequestId) } : {})
    }))
    .sort((a, b) => b.count - a.count)
    .slice(0, TOP)
}

/** The parts of an X-Ray trace summary triage reads. */
export interface TraceFault {
  id: string
  status?: number
  causes: Array<{ service: string; exception?: string }>
}

/** Pure: the top fault causes over traces, each counted once per trace. */
export function topFaults(traces: TraceFault[]): TopItem[] {
  const byCause = new Map<string, TopItem>()
  for (const t of traces) {
    const causes = t.causes.length
      ? t.causes.map((c) => (c.exception ? `${c.service}: ${c.exception}` : c.service))
      : [`HTTP ${t.status ?? '5XX'} (no root cause recorded)`]
    for (const text of new Set(causes.map(cut))) {
      const item = byCause.get(text) ?? { text, count: 0, example: t.id }
      item.count++
      byCause.set(text, item)
    }
  }
  return [...byCause.values()].sort((a, b) => b.count - a.count).slice(0, TOP)
}

/** Pure: one line for the log: each section's top error, or why there is none. */
export function triageLine(t: TriageReport): string {
  const parts = t.sections.map((s) => {
    const title = SOURCE_TITLE[s.source]
    if (s.status !== 'found') return `${title}: ${s.note ?? s.status}`
    const [first] = s.top
    const more = s.top.length > 1 ? ` (+${s.top.length - 1} more)` : ''
    return `${title}: ${first!.count}× ${first!.text}${first!.example ? ` (e.g. ${first!.example})` : ''}${more}`
  })
  return `Triage of the canary, ${t.window.start.slice(11, 19)}–${t.window.end.slice(11, 19)} UTC: ${parts.join('; ')}`
}
