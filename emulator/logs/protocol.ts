/**
 * CloudWatch Logs on the wire (AWS JSON 1.1): the operation in
 * `X-Amz-Target: Logs_20140328.{Operation}`, a JSON body, errors as
 * `{"__type": "{code}", "message": ...}`.
 */
import { logsThrottled, logsUnavailable } from './errors.js'
import { LOGS_OPERATIONS, LOGS_TARGET_PREFIX, type LogsService } from './service.js'
import { AwsError } from '../common/errors.js'
import type { ServiceProtocol } from '../common/protocol.js'
import { jsonAnswer } from '../common/rest.js'
import { DEFAULT_REGION, isRecord } from '../common/wire.js'

const JSON_TYPE = 'application/x-amz-json-1.1'

/** Whether a request is for CloudWatch Logs: `X-Amz-Target: Logs_20140328.*`. */
export const isLogsRequest = (target: string | string[] | undefined): boolean =>
  typeof target === 'string' && target.startsWith(LOGS_TARGET_PREFIX)

export function logsProtocol(svc: LogsService): ServiceProtocol {
  return {
    service: 'logs',
    quotas: false,
    identify(req) {
      const operation = String(req.headers['x-amz-target']).slice(LOGS_TARGET_PREFIX.length)
      let parsed: unknown
      try {
        parsed = req.body.trim() === '' ? {} : JSON.parse(req.body)
      } catch {
        parsed = undefined
      }
      if (!isRecord(parsed)) {
        return {
          operation,
          input: {},
          refused: new AwsError('SerializationException', 400, 'Request body is not a JSON object')
        }
      }
      if (!(LOGS_OPERATIONS as readonly string[]).includes(operation)) {
        const refused = new AwsError(
          'UnknownOperationException',
          400,
          `Operation ${operation} is not supported.`
        )
        return { operation, input: parsed, refused }
      }
      return { operation, input: parsed }
    },
    execute: (call, region) =>
      jsonAnswer(200, svc.execute(call.operation, call.input, region ?? DEFAULT_REGION), JSON_TYPE),
    error: (e) => jsonAnswer(e.status, { __type: e.code, message: e.awsMessage }, JSON_TYPE),
    throttled: logsThrottled,
    unavailable: logsUnavailable
  }
}
