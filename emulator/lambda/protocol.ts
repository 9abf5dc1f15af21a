/**
 * Lambda on the wire (REST-JSON under `/2015-03-31/`): a route per operation,
 * JSON bodies, errors as status, `x-amzn-ErrorType` header and
 * `{"Type": "User" | "Service", "Message": ...}` body.
 */
import { invalidParameter, lambdaThrottled, lambdaUnavailable } from './errors.js'
import { createAlias, createFunction, getAlias, getFunction, publishVersion } from './functions.js'
import { addPermission, getPolicy, removePermission } from './policy.js'
import type { LambdaInput, LambdaResult, LambdaService } from './service.js'
import type { ServiceProtocol } from '../common/protocol.js'
import { identifyRest, jsonAnswer, restRoute, unknownOperation } from '../common/rest.js'
import { DEFAULT_REGION } from '../common/wire.js'

export const LAMBDA_PREFIX = '/2015-03-31/'

/** Whether a request is for Lambda: its path starts with the API version. */
export const isLambdaRequest = (url: URL): boolean => url.pathname.startsWith(LAMBDA_PREFIX)

type Handler = (svc: LambdaService, i: LambdaInput, region: string) => LambdaResult

const F = '/2015-03-31/functions/{FunctionName}'
// prettier-ignore
const OPERATIONS: Array<[string, string, string, Handler]> = [
  ['POST',   '/2015-03-31/functions',        'CreateFunction',   createFunction],
  ['GET',    F,                              'GetFunction',      getFunction],
  ['POST',   `${F}/versions`,                'PublishVersion',   publishVersion],
  ['POST',   `${F}/aliases`,                 'CreateAlias',      createAlias],
  ['GET',    `${F}/aliases/{Name}`,          'GetAlias',         getAlias],
  ['POST',   `${F}/policy`,                  'AddPermission',    addPermission],
  ['DELETE', `${F}/policy/{StatementId}`,    'RemovePermission', removePermission],
  ['GET',    `${F}/policy`,                  'GetPolicy',        getPolicy]
]

export const LAMBDA_ROUTES = OPERATIONS.map(([m, p, op]) => restRoute(m, p, op))
const HANDLERS = new Map(OPERATIONS.map(([, , op, h]) => [op, h]))

export function lambdaProtocol(svc: LambdaService): ServiceProtocol {
  return {
    service: 'lambda',
    quotas: false,
    identify: (req) =>
      identifyRest(LAMBDA_ROUTES, req, ['Qualifier', 'RevisionId'], {
        unknown: unknownOperation,
        badBody: () => invalidParameter('Could not parse request body into json')
      }),
    execute(call, region) {
      const r = HANDLERS.get(call.operation)!(svc, call.input, region ?? DEFAULT_REGION)
      return jsonAnswer(r.status, r.body)
    },
    error: (e) => ({
      status: e.status,
      headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': e.code },
      body: JSON.stringify({ Type: e.status >= 500 ? 'Service' : 'User', Message: e.awsMessage })
    }),
    throttled: lambdaThrottled,
    unavailable: lambdaUnavailable
  }
}
