/**
 * API Gateway's REST-JSON routes: one line per operation (method, path,
 * operation, handler), and {@link routeApiGateway}, which maps an HTTP request
 * to an operation and its input.
 */
import { createDeployment, deleteDeployment, getDeployment, getDeployments } from './deployments.js'
import { badRequest } from './errors.js'
import type { Input } from './input.js'
import { createRestApi, deleteRestApi, getRestApi, getRestApis } from './rest-apis.js'
import type { ApiGatewayService, OperationResult } from './service.js'
import { createStage, deleteStage, getStage, getStages, updateStage } from './stages.js'
import { AwsError } from '../common/errors.js'
import { isRecord } from '../common/wire.js'

type Handler = (svc: ApiGatewayService, input: Input) => OperationResult

// prettier-ignore
const ROUTES = [
  route('POST',   '/restapis',                                    'CreateRestApi',    createRestApi),
  route('GET',    '/restapis',                                    'GetRestApis',      getRestApis),
  route('GET',    '/restapis/{restApiId}',                        'GetRestApi',       getRestApi),
  route('DELETE', '/restapis/{restApiId}',                        'DeleteRestApi',    deleteRestApi),
  route('POST',   '/restapis/{restApiId}/deployments',            'CreateDeployment', createDeployment),
  route('GET',    '/restapis/{restApiId}/deployments',            'GetDeployments',   getDeployments),
  route('GET',    '/restapis/{restApiId}/deployments/{deploymentId}', 'GetDeployment', getDeployment),
  route('DELETE', '/restapis/{restApiId}/deployments/{deploymentId}', 'DeleteDeployment', deleteDeployment),
  route('POST',   '/restapis/{restApiId}/stages',                 'CreateStage',      createStage),
  route('GET',    '/restapis/{restApiId}/stages',                 'GetStages',        getStages),
  route('GET',    '/restapis/{restApiId}/stages/{stageName}',     'GetStage',         getStage),
  route('PATCH',  '/restapis/{restApiId}/stages/{stageName}',     'UpdateStage',      updateStage),
  route('DELETE', '/restapis/{restApiId}/stages/{stageName}',     'DeleteStage',      deleteStage)
] as const

export type ApiGatewayOperation = (typeof ROUTES)[number]['operation']

export interface RoutedCall {
  operation: ApiGatewayOperation
  /** Path parameters, query parameters and the JSON body, merged. */
  input: Input
}

interface Route<O extends string> {
  method: string
  re: RegExp
  params: string[]
  operation: O
  handler: Handler
}

/** A route from a path pattern whose `{name}` segments are path parameters. */
function route<O extends string>(
  method: string,
  pattern: string,
  operation: O,
  handler: Handler
): Route<O> {
  const params: string[] = []
  const source = pattern.replace(/\{(\w+)\}/g, (_m, name: string) => {
    params.push(name)
    return '([^/]+)'
  })
  return { method, re: new RegExp(`^${source}$`), params, operation, handler }
}

const HANDLERS = new Map<string, Handler>(ROUTES.map((r) => [r.operation, r.handler]))

/** The handler of an operation the routes know. */
export function handlerOf(operation: ApiGatewayOperation): Handler {
  const h = HANDLERS.get(operation)
  if (!h) throw new Error(`no handler for ${operation}`)
  return h
}

const QUERY_PARAMS = ['limit', 'position', 'deploymentId', 'embed']

/**
 * Maps an HTTP request to an API Gateway operation and its input. Throws an
 * {@link AwsError} for an unknown route or a body that is not JSON.
 */
export function routeApiGateway(method: string, url: URL, rawBody: string): RoutedCall {
  const path = url.pathname.replace(/\/+$/, '') || '/'
  const r = ROUTES.find((x) => x.method === method && x.re.test(path))
  if (!r) {
    throw new AwsError('UnknownOperationException', 404, `No operation for ${method} ${path}`)
  }
  const m = r.re.exec(path) ?? []
  const pathParams: Input = {}
  r.params.forEach((name, idx) => {
    pathParams[name] = decodeURIComponent(m[idx + 1] ?? '')
  })
  const input: Input = { ...pathParams }
  for (const q of QUERY_PARAMS) {
    const v = url.searchParams.get(q)
    if (v !== null && !(q in input)) input[q] = v
  }
  if (rawBody.trim() !== '') {
    let body: unknown
    try {
      body = JSON.parse(rawBody)
    } catch {
      throw badRequest('Invalid request body: not JSON')
    }
    if (isRecord(body)) Object.assign(input, body, pathParams)
  }
  return { operation: r.operation, input }
}
