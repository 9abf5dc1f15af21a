/**
 * Methods and their integrations: PutMethod, GetMethod, PutIntegration,
 * GetIntegration, and {@link integrationOf}, which validates an integration
 * as PutIntegration and an OpenAPI import's `x-amazon-apigateway-integration` give it.
 */
import { badRequest, conflict, notFound } from './errors.js'
import { reader, str, stringMap, type Input } from './input.js'
import { type Integration, type Method, integrationToWire, methodToWire } from './model.js'
import { resourceById } from './resources.js'
import type { ApiGatewayService, OperationResult } from './service.js'
import { isRecord } from '../common/wire.js'

export const HTTP_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'ANY']
const TYPES = ['HTTP', 'AWS', 'MOCK', 'HTTP_PROXY', 'AWS_PROXY']
const PASSTHROUGH = ['WHEN_NO_MATCH', 'WHEN_NO_TEMPLATES', 'NEVER']
const AWS_URI_RE = /^arn:aws[a-zA-Z-]*:apigateway:[^:]+:[^:]+:(path|action)\/.+$/
const LAMBDA_URI_RE =
  /^arn:aws[a-zA-Z-]*:apigateway:[^:]+:lambda:path\/[^/]+\/functions\/.+\/invocations$/
/** An HTTP URI: http(s), a host that may be a stage variable. */
const HTTP_URI_RE = /^https?:\/\/[^/\s]+/

/** The HTTP method in a path parameter, as API Gateway accepts it. */
export function httpMethodOf(v: unknown): string {
  const m = String(v ?? '').toUpperCase()
  if (!HTTP_METHODS.includes(m)) {
    throw badRequest(
      'Invalid HttpMethod specified. Valid options are GET,PUT,POST,DELETE,PATCH,OPTIONS,HEAD,ANY'
    )
  }
  return m
}

/**
 * An integration from PutIntegration's body or an import's extension, for
 * the resource `resourceId`; BadRequestException for what API Gateway refuses.
 */
export function integrationOf(i: Record<string, unknown>, resourceId: string): Integration {
  const type = String(i.type ?? '').toUpperCase()
  if (!TYPES.includes(type)) {
    throw badRequest(`Invalid integration type specified. Valid options are ${TYPES.join(',')}`)
  }
  const uri = str(i.uri)
  const method = str(i.httpMethod)?.toUpperCase()
  const connectionType = str(i.connectionType)?.toUpperCase() ?? 'INTERNET'
  if (type !== 'MOCK') {
    if (method === undefined || method === '') {
      throw badRequest('Enumeration value for HttpMethod must be non-empty')
    }
    if (!HTTP_METHODS.includes(method)) {
      throw badRequest(`Invalid HttpMethod specified. Valid options are ${HTTP_METHODS.join(',')}`)
    }
    if (uri === undefined || uri === '') throw badRequest('Invalid integration URI specified')
    if (type.startsWith('HTTP') && connectionType !== 'VPC_LINK' && !HTTP_URI_RE.test(uri)) {
      throw badRequest('Invalid HTTP endpoint specified for URI')
    }
    if (type.startsWith('AWS') && !AWS_URI_RE.test(uri)) {
      throw badRequest('AWS ARN for integration must contain path or action')
    }
    if (type === 'AWS_PROXY' && !LAMBDA_URI_RE.test(uri)) {
      throw badRequest(
        "Integrations of type 'AWS_PROXY' currently only supports Lambda function and Firehose stream invocations."
      )
    }
  }
  if (connectionType !== 'INTERNET' && connectionType !== 'VPC_LINK') {
    throw badRequest('Invalid connection type specified. Valid options are INTERNET,VPC_LINK')
  }
  if (connectionType === 'VPC_LINK' && !str(i.connectionId)) {
    throw badRequest('ConnectionId must be provided for VPC_LINK connection type')
  }
  const passthrough = str(i.passthroughBehavior)?.toUpperCase() ?? 'WHEN_NO_MATCH'
  if (!PASSTHROUGH.includes(passthrough)) {
    throw badRequest(
      `Invalid passthrough behavior specified. Valid options are ${PASSTHROUGH.join(',')}`
    )
  }
  const timeout = i.timeoutInMillis === undefined ? 29_000 : Number(i.timeoutInMillis)
  if (!Number.isInteger(timeout) || timeout < 50) {
    throw badRequest('Timeout should be greater than or equal to 50 ms')
  }
  const out: Integration = {
    type,
    connectionType,
    passthroughBehavior: passthrough,
    timeoutInMillis: timeout,
    cacheNamespace: str(i.cacheNamespace) ?? resourceId,
    cacheKeyParameters: Array.isArray(i.cacheKeyParameters) ? i.cacheKeyParameters.map(String) : []
  }
  if (method !== undefined && type !== 'MOCK') out.httpMethod = method
  if (uri !== undefined) out.uri = uri
  if (str(i.connectionId)) out.connectionId = str(i.connectionId)
  if (str(i.credentials)) out.credentials = str(i.credentials)
  if (isRecord(i.requestParameters))
    out.requestParameters = stringMap(i.requestParameters, 'requestParameters')
  if (isRecord(i.requestTemplates))
    out.requestTemplates = stringMap(i.requestTemplates, 'requestTemplates')
  return out
}

/** The method a request names: API, resource and HTTP method must exist. */
function methodAt(svc: ApiGatewayService, i: Input): Method {
  const api = svc.api(String(i.restApiId))
  const { resource } = resourceById(api, String(i.resourceId))
  const m = resource.methods.get(httpMethodOf(i.method))
  if (!m) throw notFound('Invalid Method identifier specified')
  return m
}

export function putMethod(svc: ApiGatewayService, i: Input): OperationResult {
  const api = svc.api(String(i.restApiId))
  const { resource } = resourceById(api, String(i.resourceId))
  const httpMethod = httpMethodOf(i.method)
  if (resource.methods.has(httpMethod)) throw conflict('Method already exists for this resource')
  const auth = str(i.authorizationType)
  const types = ['NONE', 'AWS_IAM', 'CUSTOM', 'COGNITO_USER_POOLS']
  if (auth === undefined || !types.includes(auth)) {
    throw badRequest(`Invalid authorization type specified. Valid options are ${types.join(',')}`)
  }
  const m: Method = {
    httpMethod,
    authorizationType: auth,
    apiKeyRequired: i.apiKeyRequired === true
  }
  if (isRecord(i.requestParameters)) {
    m.requestParameters = Object.fromEntries(
      Object.entries(i.requestParameters).map(([k, v]) => [k, v === true])
    )
  }
  resource.methods.set(httpMethod, m)
  return { status: 201, body: methodToWire(m) }
}

export const getMethod = reader((_api, i, svc) => methodToWire(methodAt(svc, i)))

export function putIntegration(svc: ApiGatewayService, i: Input): OperationResult {
  const m = methodAt(svc, i)
  m.integration = integrationOf(i, String(i.resourceId))
  return { status: 201, body: integrationToWire(m.integration) }
}

export const getIntegration = reader((_api, i, svc) => {
  const m = methodAt(svc, i)
  if (!m.integration) throw notFound('Invalid Integration identifier specified')
  return integrationToWire(m.integration)
})
