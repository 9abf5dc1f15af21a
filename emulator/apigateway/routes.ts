/**
 * API Gateway's REST-JSON routes: one line per operation (method, path,
 * operation, handler), and {@link routeApiGateway}, which maps an HTTP request
 * to an operation and its input.
 */
import { getAccount, updateAccount } from './account.js'
import { createDeployment, deleteDeployment, getDeployment, getDeployments } from './deployments.js'
import {
  createBasePathMapping,
  createDomainName,
  getBasePathMapping,
  getBasePathMappings,
  getDomainName,
  getDomainNames
} from './domain-names.js'
import { badRequest } from './errors.js'
import { importRestApi, putRestApi } from './imports.js'
import type { Input } from './input.js'
import { getIntegration, getMethod, putIntegration, putMethod } from './methods.js'
import { createResource, getResource, getResources } from './resources.js'
import { createRestApi, deleteRestApi, getRestApi, getRestApis } from './rest-apis.js'
import type { ApiGatewayService, OperationResult } from './service.js'
import { createStage, deleteStage, getStage, getStages, updateStage } from './stages.js'
import { AwsError } from '../common/errors.js'
import { DEFAULT_REGION, isRecord } from '../common/wire.js'

type Handler = (svc: ApiGatewayService, input: Input, region: string) => OperationResult

/** A method's path; `{method}` is the HTTP method (the body's `httpMethod` is the integration's). */
const METHOD = '/restapis/{restApiId}/resources/{resourceId}/methods/{method}'

// prettier-ignore
const ROUTES = [
  route('POST',   '/restapis?mode=import',                        'ImportRestApi',    importRestApi),
  route('POST',   '/restapis',                                    'CreateRestApi',    createRestApi),
  route('PUT',    '/restapis/{restApiId}',                        'PutRestApi',       putRestApi),
  route('GET',    '/restapis/{restApiId}/resources',              'GetResources',     getResources),
  route('GET',    '/restapis/{restApiId}/resources/{resourceId}', 'GetResource',      getResource),
  route('POST',   '/restapis/{restApiId}/resources/{parentId}',   'CreateResource',   createResource),
  route('PUT',    `${METHOD}`,                                    'PutMethod',        putMethod),
  route('GET',    `${METHOD}`,                                    'GetMethod',        getMethod),
  route('PUT',    `${METHOD}/integration`,                        'PutIntegration',   putIntegration),
  route('GET',    `${METHOD}/integration`,                        'GetIntegration',   getIntegration),
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
  route('DELETE', '/restapis/{restApiId}/stages/{stageName}',     'DeleteStage',      deleteStage),
  route('POST',   '/domainnames',                                 'CreateDomainName', createDomainName),
  route('GET',    '/domainnames',                                 'GetDomainNames',   getDomainNames),
  route('GET',    '/domainnames/{domainName}',                    'GetDomainName',    getDomainName),
  route('POST',   '/domainnames/{domainName}/basepathmappings',   'CreateBasePathMapping', createBasePathMapping),
  route('GET',    '/domainnames/{domainName}/basepathmappings',   'GetBasePathMappings', getBasePathMappings),
  route('GET',    '/domainnames/{domainName}/basepathmappings/{basePath}', 'GetBasePathMapping', getBasePathMapping),
  route('GET',    '/account',                                     'GetAccount',       getAccount),
  route('PATCH',  '/account',                                     'UpdateAccount',    updateAccount)
] as const

export type ApiGatewayOperation = (typeof ROUTES)[number]['operation']

export interface RoutedCall {
  operation: ApiGatewayOperation
  /** Path parameters, query parameters and the JSON body, merged. */
  input: Input
}

interface Route<O extends string> {
  method: string
  /** As written in the table, e.g. `/restapis/{restApiId}/stages/{stageName}`. */
  pattern: string
  /** `?mode=import`: the route matches only with that query parameter. */
  query?: [string, string]
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
  const [path = '', q] = pattern.split('?')
  const query = q?.split('=') as [string, string] | undefined
  const params: string[] = []
  const source = path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    params.push(name)
    return '([^/]+)'
  })
  return { method, pattern, query, re: new RegExp(`^${source}$`), params, operation, handler }
}

/** Every route: method, pattern and operation (the model checks compare them with AWS's). */
export const API_GATEWAY_ROUTES: ReadonlyArray<{
  method: string
  pattern: string
  operation: string
}> = ROUTES

const HANDLERS = new Map<string, Handler>(ROUTES.map((r) => [r.operation, r.handler]))

/** The handler of an operation the routes know. */
export function handlerOf(operation: ApiGatewayOperation): Handler {
  const h = HANDLERS.get(operation)
  if (!h) throw new Error(`no handler for ${operation}`)
  return h
}

const QUERY_PARAMS = ['limit', 'position', 'deploymentId', 'embed']

/** Operations whose body is an API definition (JSON or YAML), not a JSON request. */
const DEFINITION_BODY: readonly string[] = ['ImportRestApi', 'PutRestApi']
/** Their named query parameters; every other one is an entry of the `parameters` map. */
const IMPORT_QUERY = ['mode', 'failonwarnings']

/**
 * Maps an HTTP request to an API Gateway operation and its input. Throws an
 * {@link AwsError} for an unknown route or a body that is not JSON.
 */
export function routeApiGateway(method: string, url: URL, rawBody: string): RoutedCall {
  const path = url.pathname.replace(/\/+$/, '') || '/'
  const r = ROUTES.find(
    (x) =>
      x.method === method &&
      x.re.test(path) &&
      (!('query' in x) || !x.query || url.searchParams.get(x.query[0]) === x.query[1])
  )
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
    const v = url.searchParams.getAll(q)
    if (v.length > 0 && !(q in input)) input[q] = v.join(',')
  }
  if (DEFINITION_BODY.includes(r.operation)) {
    const parameters: Record<string, string> = {}
    for (const [k, v] of url.searchParams) {
      if (IMPORT_QUERY.includes(k)) input[k] = v
      else parameters[k] = v
    }
    return { operation: r.operation, input: { ...input, parameters, body: rawBody } }
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

/** Runs a routed call through its handler against the service's state. */
export function executeCall(
  svc: ApiGatewayService,
  call: RoutedCall,
  region = DEFAULT_REGION
): OperationResult {
  return handlerOf(call.operation)(svc, call.input, region)
}
