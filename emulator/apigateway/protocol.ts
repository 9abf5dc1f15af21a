/**
 * API Gateway on the wire (REST-JSON): a route per operation, JSON bodies,
 * errors as status, `x-amzn-ErrorType` header and `{"message": ...}` body.
 */
import { serviceUnavailable, tooManyRequests } from './errors.js'
import { executeCall, routeApiGateway, type RoutedCall } from './routes.js'
import type { ApiGatewayService } from './service.js'
import { asAwsError } from '../common/errors.js'
import type { Answer, ServiceProtocol } from '../common/protocol.js'
import { toWireJson } from '../common/wire.js'

const JSON_TYPE = 'application/json'

export function apigatewayProtocol(svc: ApiGatewayService): ServiceProtocol {
  return {
    service: 'apigateway',
    quotas: true,
    identify(req) {
      try {
        return routeApiGateway(req.method, req.url, req.body)
      } catch (e) {
        return { operation: 'Unknown', input: {}, refused: asAwsError(e) }
      }
    },
    execute(call, region): Answer {
      const r = executeCall(svc, call as RoutedCall, region)
      const body = r.body === undefined ? '' : toWireJson(r.body)
      return { status: r.status, headers: { 'content-type': JSON_TYPE }, body }
    },
    error: (e) => ({
      status: e.status,
      headers: { 'content-type': JSON_TYPE, 'x-amzn-ErrorType': e.code },
      body: JSON.stringify({ message: e.awsMessage ?? null })
    }),
    throttled: tooManyRequests,
    unavailable: serviceUnavailable
  }
}
