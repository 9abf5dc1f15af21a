/**
 * CloudWatch on the wire (AWS JSON 1.0): the operation in `X-Amz-Target`, a
 * JSON body, errors as `__type` plus the awsQuery code in `x-amzn-query-error`.
 */
import { cwServiceUnavailable, cwThrottling } from './errors.js'
import {
  CLOUDWATCH_OPERATIONS,
  CLOUDWATCH_TARGET_PREFIX,
  type CloudWatchService
} from './service.js'
import { AwsError } from '../common/errors.js'
import type { ServiceProtocol } from '../common/protocol.js'
import { isRecord, toWireJson } from '../common/wire.js'

const JSON_TYPE = 'application/x-amz-json-1.0'

/** Whether a request is for CloudWatch: it names its operation in `X-Amz-Target`. */
export function isCloudWatchRequest(target: string | string[] | undefined): boolean {
  return typeof target === 'string' && target !== ''
}

export function cloudwatchProtocol(svc: CloudWatchService): ServiceProtocol {
  return {
    service: 'cloudwatch',
    quotas: false,
    identify(req) {
      const target = String(req.headers['x-amz-target'] ?? '')
      const operation = target.startsWith(CLOUDWATCH_TARGET_PREFIX)
        ? target.slice(CLOUDWATCH_TARGET_PREFIX.length)
        : target
      let input: Record<string, unknown> = {}
      try {
        const parsed: unknown = req.body.trim() === '' ? {} : JSON.parse(req.body)
        if (!isRecord(parsed)) throw new Error('not an object')
        input = parsed
      } catch {
        const refused = new AwsError(
          'SerializationException',
          400,
          'Request body is not a JSON object'
        )
        return { operation, input, refused }
      }
      if (!(CLOUDWATCH_OPERATIONS as readonly string[]).includes(operation)) {
        const refused = new AwsError(
          'InvalidAction',
          400,
          `Operation ${operation} is not supported.`
        )
        return { operation, input, refused }
      }
      return { operation, input }
    },
    execute: (call, region) => ({
      status: 200,
      headers: { 'content-type': JSON_TYPE },
      body: toWireJson(svc.execute(call.operation, call.input, region) ?? {})
    }),
    error(e) {
      const body: Record<string, unknown> = {
        __type: `com.amazonaws.cloudwatch#${e.shape ?? e.code}`
      }
      if (e.awsMessage !== undefined) body.message = e.awsMessage
      return {
        status: e.status,
        headers: { 'content-type': JSON_TYPE, 'x-amzn-query-error': `${e.code};${e.fault}` },
        body: JSON.stringify(body)
      }
    },
    throttled: cwThrottling,
    unavailable: cwServiceUnavailable
  }
}
