/**
 * X-Ray on the wire (REST-JSON): `POST /TraceSegments` (PutTraceSegments) and
 * `POST /TraceSummaries` (GetTraceSummaries), errors as status,
 * `x-amzn-ErrorType` header and `{"Message": ...}` body.
 */
import { invalidRequest, xrayThrottled, xrayUnavailable } from './errors.js'
import type { TraceStore } from './traces.js'
import type { ServiceProtocol } from '../common/protocol.js'
import { identifyRest, jsonAnswer, restRoute, unknownOperation } from '../common/rest.js'

export const XRAY_ROUTES = [
  restRoute('POST', '/TraceSegments', 'PutTraceSegments'),
  restRoute('POST', '/TraceSummaries', 'GetTraceSummaries')
]

/** Whether a request is for X-Ray: one of its paths. */
export const isXRayRequest = (url: URL): boolean =>
  XRAY_ROUTES.some((r) => r.re.test(url.pathname.replace(/\/+$/, '')))

export function xrayProtocol(store: TraceStore): ServiceProtocol {
  return {
    service: 'xray',
    quotas: false,
    identify: (req) =>
      identifyRest(XRAY_ROUTES, req, [], {
        unknown: unknownOperation,
        badBody: () => invalidRequest('Request body is not a JSON object')
      }),
    execute: (call) =>
      jsonAnswer(
        200,
        call.operation === 'PutTraceSegments'
          ? store.putTraceSegments(call.input)
          : store.getTraceSummaries(call.input)
      ),
    error: (e) => ({
      status: e.status,
      headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': e.code },
      body: JSON.stringify({ Message: e.awsMessage })
    }),
    throttled: xrayThrottled,
    unavailable: xrayUnavailable
  }
}
