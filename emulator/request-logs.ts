/**
 * The scripted traffic's requests written where API Gateway would log and
 * trace them, through the same code as the write APIs (CreateLogGroup,
 * CreateLogStream, PutLogEvents, PutTraceSegments), so a world looks as a
 * user's stage would after that traffic:
 * - execution logs in `API-Gateway-Execution-Logs_{restApiId}/{stage}` (the canary's in
 *   `.../{stage}/Canary`): per request `(id) Method completed with status: N`,
 *   preceded for a 5XX by `(id) {errorMessage}`;
 * - access logs in `{accessLogGroup}` (the canary's in `{accessLogGroup}/Canary`), one JSON
 *   line per request: `requestId`, `httpMethod`, `resourcePath`, `status`,
 *   `isCanaryRequest`, `responseLatency`, `integrationErrorMessage` (all strings, as a
 *   format with quoted `$context` variables writes them);
 * - with `tracing`, one X-Ray segment per request named `{apiName}/{stage}` with the
 *   `aws:api_id` and `aws:api_stage` annotations
 *   (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-understanding-xray-traces.html); a 5XX is a
 *   fault whose `Lambda` subsegment carries the error message.
 */
import type { DrawnRequest, RequestLogsOptions } from './cloudwatch/metrics-scenario.js'
import { DEFAULT_REGION } from './common/wire.js'
import type { EmulatorState } from './state.js'

/** The stream the scripted requests are written to in each group. */
const STREAM = 'emulator-scripted-traffic'

function ensureStream(state: EmulatorState, group: string): void {
  const store = state.logs.store
  if (!store.groups.has(group)) store.createLogGroup({ logGroupName: group }, DEFAULT_REGION)
  if (!store.group(group).streams.has(STREAM)) {
    store.createLogStream({ logGroupName: group, logStreamName: STREAM })
  }
}

/** Writes `lines` in batches of one minute or less, as a log agent would. */
function put(
  state: EmulatorState,
  group: string,
  lines: Array<{ timestamp: number; message: string }>
) {
  if (lines.length === 0) return
  ensureStream(state, group)
  const sorted = [...lines].sort((a, b) => a.timestamp - b.timestamp)
  for (let i = 0; i < sorted.length;) {
    const first = sorted[i]!.timestamp
    let j = i
    while (j < sorted.length && sorted[j]!.timestamp - first < 60_000 && j - i < 10_000) j++
    state.logs.store.putLogEvents({
      logGroupName: group,
      logStreamName: STREAM,
      logEvents: sorted.slice(i, j)
    })
    i = j
  }
}

const traceId = (r: DrawnRequest) =>
  `1-${Math.floor(r.time / 1000).toString(16)}-${r.id.replace(/-/g, '').slice(0, 24)}`

function segmentOf(o: RequestLogsOptions, r: DrawnRequest): string {
  const start = r.time / 1000
  const end = start + r.latencyMs / 1000
  const fault = r.status >= 500
  const id = r.id.replace(/-/g, '')
  return JSON.stringify({
    name: `${o.apiName}/${o.stage}`,
    id: id.slice(0, 16),
    trace_id: traceId(r),
    origin: 'AWS::ApiGateway::Stage',
    start_time: start,
    end_time: end,
    fault,
    error: r.status >= 400 && r.status < 500,
    http: {
      request: {
        method: 'GET',
        url: `https://${o.restApiId}.execute-api.${DEFAULT_REGION}.amazonaws.com/${o.stage}/orders`
      },
      response: { status: r.status }
    },
    resource_arn: `arn:aws:apigateway:${DEFAULT_REGION}::/restapis/${o.restApiId}/stages/${o.stage}`,
    annotations: { 'aws:api_id': o.restApiId, 'aws:api_stage': o.stage },
    aws: { api_gateway: { rest_api_id: o.restApiId, stage: o.stage, request_id: r.id } },
    subsegments: [
      {
        name: 'Lambda',
        id: id.slice(16, 32),
        start_time: start + 0.001,
        end_time: end - 0.001,
        fault,
        ...(fault
          ? {
              cause: {
                exceptions: [{ id: id.slice(0, 16), type: 'LambdaError', message: o.errorMessage }]
              }
            }
          : {})
      }
    ]
  })
}

/** Writes the scenario's drawn requests to the log groups and traces `o` names. */
export function writeRequestLogs(
  state: EmulatorState,
  o: RequestLogsOptions,
  requests: DrawnRequest[]
): void {
  for (const canary of [false, true]) {
    const side = requests.filter((r) => r.canary === canary)
    const suffix = canary ? '/Canary' : ''
    if (o.executionLogs) {
      put(
        state,
        `API-Gateway-Execution-Logs_${o.restApiId}/${o.stage}${suffix}`,
        side.flatMap((r) => [
          ...(r.status >= 500
            ? [{ timestamp: r.time, message: `(${r.id}) ${o.errorMessage}` }]
            : []),
          { timestamp: r.time, message: `(${r.id}) Method completed with status: ${r.status}` }
        ])
      )
    }
    if (o.accessLogGroup) {
      put(
        state,
        `${o.accessLogGroup}${suffix}`,
        side.map((r) => ({
          timestamp: r.time,
          message: JSON.stringify({
            requestId: r.id,
            httpMethod: 'GET',
            resourcePath: '/orders',
            status: String(r.status),
            isCanaryRequest: String(canary),
            responseLatency: String(Math.round(r.latencyMs)),
            integrationErrorMessage: r.status >= 500 ? o.errorMessage : '-'
          })
        }))
      )
    }
    if (o.tracing && side.length > 0) {
      state.xray.putTraceSegments({ TraceSegmentDocuments: side.map((r) => segmentOf(o, r)) })
    }
  }
}
