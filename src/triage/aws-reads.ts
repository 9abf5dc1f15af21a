/**
 * Triage's reads (docs/triage.md): the stage's logging settings, Logs
 * Insights queries over the canary's execution log group and the access logs,
 * and X-Ray's trace summaries of the stage's faults, all in parallel and all
 * bounded by one deadline. Anything denied, missing, failed or slow is a
 * section with one note; nothing here throws.
 */
import { isNotFound } from '../aws/explain-error.js'
import {
  type APIGatewayClient,
  GetRestApiCommand,
  GetStageCommand
} from '@aws-sdk/client-api-gateway'
import {
  type CloudWatchLogsClient,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand
} from '@aws-sdk/client-cloudwatch-logs'
import { GetTraceSummariesCommand, type XRayClient } from '@aws-sdk/client-xray'
import { isAccessDenied } from '../preflight/aws-dns.js'
import { canaryLogGroup } from '../analysis/investigation.js'
import { errorMessage } from '../errors.js'
import type { Sleep } from '../ports.js'
import type { StopQueryLimit } from './budget.js'
import {
  type Row,
  type TraceFault,
  type TriageQuery,
  type TriageReport,
  type TriageSection,
  EXECUTION_QUERY,
  accessLogKeys,
  accessQuery,
  faultFilter,
  logGroupOf,
  topFaults,
  topFromAccess,
  topFromExecution
} from './decide.js'

/** How often a running query is asked for its results: soon at first, then every second. */
const pollMs = (i: number) => Math.min(1_000, 250 * 2 ** i)
/** X-Ray pages of trace summaries read at most. */
const MAX_TRACE_PAGES = 3

export interface TriageClients {
  apigateway: APIGatewayClient
  logs: CloudWatchLogsClient
  xray: XRayClient
}

/** A failed read as one section: denied (naming the IAM action), missing, slow, or failed. */
function sectionOf(
  source: TriageSection['source'],
  err: unknown,
  deadline: AbortSignal,
  action: string,
  missing: string
): TriageSection {
  const top: TriageSection['top'] = []
  if (deadline.aborted)
    return { source, status: 'slow', note: 'no answer within the triage time budget', top }
  if (isAccessDenied(err))
    return { source, status: 'denied', note: `not read: allow ${action} to see it here`, top }
  if (isNotFound(err)) return { source, status: 'missing', note: missing, top }
  return { source, status: 'failed', note: `could not be read: ${errorMessage(err)}`, top }
}

/** What every read is bounded by: the deadline, then StopQuery's own limit. */
export interface Limits {
  deadline: AbortSignal
  stopQuery: StopQueryLimit
}

/**
 * One Logs Insights query, polled to its end; StopQuery when the deadline
 * comes first, unless the limit's `unless` aborted too (then nothing more is sent).
 */
export async function runInsights(
  logs: CloudWatchLogsClient,
  q: { groups: string[]; query: string; window: TriageQuery['window'] },
  { deadline, stopQuery }: Limits,
  sleep: Sleep
): Promise<Row[] | { failed: string }> {
  const started = await logs.send(
    new StartQueryCommand({
      logGroupNames: q.groups,
      startTime: Math.floor(q.window.start.getTime() / 1000),
      endTime: Math.ceil(q.window.end.getTime() / 1000),
      queryString: q.query,
      limit: 10
    }),
    { abortSignal: deadline }
  )
  const queryId = started?.queryId ?? ''
  try {
    for (let i = 0; ; i++) {
      await sleep(pollMs(i), deadline)
      const r = await logs.send(new GetQueryResultsCommand({ queryId }), { abortSignal: deadline })
      const status = r?.status ?? 'Unknown'
      if (status === 'Complete')
        return (r?.results ?? []).map((fields) =>
          Object.fromEntries(fields.map((f) => [f.field ?? '', f.value ?? '']))
        )
      if (!['Scheduled', 'Running'].includes(status)) return { failed: `the query ended ${status}` }
    }
  } catch (err) {
    // Out of time, or a read failed: stop the query (Logs Insights bills per GB scanned), waiting
    // briefly; never once the runner's second signal came.
    if (queryId && !stopQuery.unless?.aborted) {
      const limit = AbortSignal.timeout(stopQuery.withinMs)
      await logs
        .send(new StopQueryCommand({ queryId }), {
          abortSignal: stopQuery.unless ? AbortSignal.any([limit, stopQuery.unless]) : limit
        })
        .catch(() => undefined)
    }
    throw err
  }
}

async function executionSection(
  c: TriageClients,
  q: TriageQuery,
  loggingLevel: string,
  limits: Limits,
  sleep: Sleep
): Promise<TriageSection> {
  const { deadline } = limits
  const source = 'execution-logs'
  if (loggingLevel !== 'ERROR' && loggingLevel !== 'INFO')
    return { source, status: 'off', note: 'execution logging is off on the stage', top: [] }
  const group = canaryLogGroup(q.restApiId, q.stage)
  try {
    const rows = await runInsights(
      c.logs,
      { groups: [group], query: EXECUTION_QUERY, window: q.window },
      limits,
      sleep
    )
    if ('failed' in rows) return { source, status: 'failed', note: rows.failed, top: [] }
    const top = topFromExecution(rows)
    return top.length
      ? { source, status: 'found', top }
      : { source, status: 'empty', note: `no failed request in ${group}`, top }
  } catch (err) {
    return sectionOf(
      source,
      err,
      deadline,
      'logs:StartQuery and logs:GetQueryResults',
      `no log group ${group} yet`
    )
  }
}

async function accessSection(
  c: TriageClients,
  q: TriageQuery,
  settings: { format?: string; destinationArn?: string } | undefined,
  limits: Limits,
  sleep: Sleep
): Promise<TriageSection> {
  const { deadline } = limits
  const source = 'access-logs'
  const group = logGroupOf(settings?.destinationArn)
  if (!group)
    return {
      source,
      status: 'off',
      note: 'no CloudWatch Logs access logging on the stage',
      top: []
    }
  const keys = accessLogKeys(settings?.format)
  if (!keys)
    return {
      source,
      status: 'off',
      note: 'the access-log format is not JSON with $context.isCanaryRequest and $context.status',
      top: []
    }
  const query = accessQuery(keys)
  // Canary requests' access logs go to the group with /Canary appended; either may not exist.
  const tries = [[group, `${group}/Canary`], [`${group}/Canary`], [group]]
  let last: unknown
  for (const groups of tries) {
    try {
      const rows = await runInsights(c.logs, { groups, query, window: q.window }, limits, sleep)
      if ('failed' in rows) return { source, status: 'failed', note: rows.failed, top: [] }
      const top = topFromAccess(rows, keys)
      return top.length
        ? { source, status: 'found', top }
        : {
            source,
            status: 'empty',
            note: `no canary request answered 4XX or 5XX in ${groups.join(', ')}`,
            top
          }
    } catch (err) {
      last = err
      if (!isNotFound(err)) break
    }
  }
  return sectionOf(
    source,
    last,
    deadline,
    'logs:StartQuery and logs:GetQueryResults',
    `no log group ${group} yet`
  )
}

async function xraySection(
  c: TriageClients,
  q: TriageQuery,
  deadline: AbortSignal
): Promise<TriageSection> {
  const source = 'x-ray'
  try {
    const apiName =
      q.apiName ??
      (
        await c.apigateway.send(new GetRestApiCommand({ restApiId: q.restApiId }), {
          abortSignal: deadline
        })
      )?.name ??
      q.restApiId
    const traces: TraceFault[] = []
    let NextToken: string | undefined
    for (let page = 0; page < MAX_TRACE_PAGES; page++) {
      const r = await c.xray.send(
        new GetTraceSummariesCommand({
          StartTime: q.window.start,
          EndTime: q.window.end,
          Sampling: false,
          FilterExpression: faultFilter(apiName, q.stage),
          ...(NextToken ? { NextToken } : {})
        }),
        { abortSignal: deadline }
      )
      for (const t of r?.TraceSummaries ?? []) {
        traces.push({
          id: t.Id ?? '',
          ...(t.Http?.HttpStatus !== undefined ? { status: t.Http.HttpStatus } : {}),
          causes: (t.FaultRootCauses ?? []).flatMap((rc) =>
            (rc.Services ?? []).map((s) => {
              const e = [...(s.EntityPath ?? [])].reverse().find((p) => p.Exceptions?.length)
                ?.Exceptions?.[0]
              const exception = e ? [e.Name, e.Message].filter(Boolean).join(': ') : undefined
              return { service: s.Name ?? s.Names?.[0] ?? '?', ...(exception ? { exception } : {}) }
            })
          )
        })
      }
      NextToken = r?.NextToken
      if (!NextToken) break
    }
    const top = topFaults(traces)
    return top.length
      ? { source, status: 'found', top }
      : {
          source,
          status: 'empty',
          note: `no trace with a fault through ${apiName}/${q.stage}`,
          top
        }
  } catch (err) {
    return sectionOf(source, err, deadline, 'xray:GetTraceSummaries', 'no traces')
  }
}

/**
 * Every triage read, bounded by `limits.deadline` (a query still running then
 * is stopped within `limits.stopQuery`); the sections in the order they show.
 */
export async function readTriage(
  c: TriageClients,
  q: TriageQuery,
  limits: Limits,
  sleep: Sleep
): Promise<TriageReport> {
  const { deadline } = limits
  const window = { start: q.window.start.toISOString(), end: q.window.end.toISOString() }
  let stage
  try {
    stage = await c.apigateway.send(
      new GetStageCommand({ restApiId: q.restApiId, stageName: q.stage }),
      { abortSignal: deadline }
    )
  } catch (err) {
    const s = sectionOf('execution-logs', err, deadline, 'apigateway:GET on the stage', 'no stage')
    return { window, sections: [{ ...s, note: `the stage's log settings ${s.note ?? ''}`.trim() }] }
  }
  const level = stage?.methodSettings?.['*/*']?.loggingLevel ?? 'OFF'
  const sections = await Promise.all([
    executionSection(c, q, level, limits, sleep),
    accessSection(c, q, stage?.accessLogSettings, limits, sleep),
    stage?.tracingEnabled
      ? xraySection(c, q, deadline)
      : Promise.resolve<TriageSection>({
          source: 'x-ray',
          status: 'off',
          note: 'tracing is off on the stage',
          top: []
        })
  ])
  return { window, sections }
}
