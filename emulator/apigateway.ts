/**
 * API Gateway control plane for REST APIs: rest APIs, deployments, stages and
 * canaries. Routing from HTTP requests to operations is in
 * {@link routeApiGateway}; each operation validates its input, changes the
 * state and returns the wire body.
 */
import { AwsError, badRequest, conflict, limitExceeded, notFound } from './errors.js'
import {
  MAX_STAGES_PER_API,
  MAX_STAGE_VARIABLES,
  type CanarySettings,
  type Deployment,
  type RestApi,
  type Stage,
  cloneStage,
  deploymentToWire,
  restApiToWire,
  stageToWire,
  stageVariableProblem
} from './apigateway-model.js'
import { applyStagePatch, type PatchOperation } from './apigateway-patch.js'
import { ACCOUNT_ID, isRecord, randomId } from './util.js'

export interface OperationResult {
  status: number
  body?: unknown
}

export type ApiGatewayOperation =
  | 'CreateRestApi'
  | 'GetRestApi'
  | 'GetRestApis'
  | 'DeleteRestApi'
  | 'CreateDeployment'
  | 'GetDeployment'
  | 'GetDeployments'
  | 'DeleteDeployment'
  | 'CreateStage'
  | 'GetStage'
  | 'GetStages'
  | 'UpdateStage'
  | 'DeleteStage'

export interface RoutedCall {
  operation: ApiGatewayOperation
  /** Path parameters, query parameters and the JSON body, merged. */
  input: Record<string, unknown>
}

const DEFAULT_PAGE = 25
const MAX_PAGE = 500

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

function stringMap(v: unknown, field: string): Record<string, string> {
  if (v === undefined || v === null) return {}
  if (!isRecord(v)) throw badRequest(`Invalid ${field}: must be a map of strings`)
  const out: Record<string, string> = {}
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string')
      throw badRequest(`Invalid ${field}: value of ${k} must be a string`)
    out[k] = val
  }
  return out
}

function validateVariables(vars: Record<string, string>): void {
  if (Object.keys(vars).length > MAX_STAGE_VARIABLES) {
    throw badRequest(`A stage may have at most ${MAX_STAGE_VARIABLES} stage variables`)
  }
  for (const [k, v] of Object.entries(vars)) {
    const problem = stageVariableProblem(k, v)
    if (problem) throw badRequest(problem)
  }
}

function percentOf(v: unknown): number {
  if (v === undefined || v === null) return 0
  const n = typeof v === 'number' ? v : Number(v)
  if (!Number.isFinite(n) || n < 0 || n > 100) {
    throw badRequest('Canary traffic percentage must be between 0.0 and 100.0')
  }
  return n
}

function page<T>(items: T[], input: Record<string, unknown>): { item: T[]; position?: string } {
  const rawLimit = input.limit
  let limit = DEFAULT_PAGE
  if (rawLimit !== undefined) {
    const n = Number(rawLimit)
    if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) {
      throw badRequest(`Invalid limit ${String(rawLimit)}. Must be between 1 and ${MAX_PAGE}.`)
    }
    limit = n
  }
  let start = 0
  const position = str(input.position)
  if (position !== undefined && position !== '') {
    const decoded = Number(Buffer.from(position, 'base64url').toString('utf8'))
    if (!Number.isInteger(decoded) || decoded < 0) throw badRequest('Invalid position parameter')
    start = decoded
  }
  const item = items.slice(start, start + limit)
  const next = start + limit
  return next < items.length
    ? { item, position: Buffer.from(String(next), 'utf8').toString('base64url') }
    : { item }
}

export class ApiGatewayService {
  readonly restApis = new Map<string, RestApi>()

  constructor(private readonly now: () => number = Date.now) {}

  reset(): void {
    this.restApis.clear()
  }

  // ---- lookups -------------------------------------------------------------

  api(id: string): RestApi {
    const api = this.restApis.get(id)
    if (!api) throw notFound(`Invalid API identifier specified ${ACCOUNT_ID}:${id}`)
    return api
  }

  stage(api: RestApi, name: string): Stage {
    const stage = api.stages.get(name)
    if (!stage) throw notFound('Invalid Stage identifier specified')
    return stage
  }

  deployment(api: RestApi, id: string): Deployment {
    const d = api.deployments.get(id)
    if (!d) throw notFound('Invalid Deployment identifier specified')
    return d
  }

  private newId(length: number, taken: (id: string) => boolean): string {
    for (;;) {
      const id = randomId(length)
      if (!taken(id)) return id
    }
  }

  // ---- operations ----------------------------------------------------------

  execute(call: RoutedCall): OperationResult {
    const i = call.input
    switch (call.operation) {
      case 'CreateRestApi':
        return this.createRestApi(i)
      case 'GetRestApi':
        return { status: 200, body: restApiToWire(this.api(String(i.restApiId))) }
      case 'GetRestApis':
        return {
          status: 200,
          body: (() => {
            const p = page([...this.restApis.values()], i)
            return { ...p, item: p.item.map(restApiToWire) }
          })()
        }
      case 'DeleteRestApi':
        this.api(String(i.restApiId))
        this.restApis.delete(String(i.restApiId))
        return { status: 202 }
      case 'CreateDeployment':
        return this.createDeployment(i)
      case 'GetDeployment': {
        const api = this.api(String(i.restApiId))
        return { status: 200, body: deploymentToWire(this.deployment(api, String(i.deploymentId))) }
      }
      case 'GetDeployments': {
        const api = this.api(String(i.restApiId))
        const p = page([...api.deployments.values()], i)
        return { status: 200, body: { ...p, item: p.item.map(deploymentToWire) } }
      }
      case 'DeleteDeployment':
        return this.deleteDeployment(i)
      case 'CreateStage':
        return this.createStage(i)
      case 'GetStage': {
        const api = this.api(String(i.restApiId))
        return { status: 200, body: stageToWire(this.stage(api, String(i.stageName))) }
      }
      case 'GetStages': {
        const api = this.api(String(i.restApiId))
        const wanted = str(i.deploymentId)
        const stages = [...api.stages.values()].filter(
          (s) => wanted === undefined || s.deploymentId === wanted
        )
        return { status: 200, body: { item: stages.map(stageToWire) } }
      }
      case 'UpdateStage':
        return this.updateStage(i)
      case 'DeleteStage': {
        const api = this.api(String(i.restApiId))
        this.stage(api, String(i.stageName))
        api.stages.delete(String(i.stageName))
        return { status: 202 }
      }
    }
  }

  private createRestApi(i: Record<string, unknown>): OperationResult {
    const name = str(i.name)
    if (name === undefined || name.trim() === '') {
      throw badRequest('Invalid REST API name specified')
    }
    const ec = isRecord(i.endpointConfiguration) ? i.endpointConfiguration : undefined
    const types =
      ec && Array.isArray(ec.types) ? ec.types.filter((t) => typeof t === 'string') : ['EDGE']
    const api: RestApi = {
      id: this.newId(10, (id) => this.restApis.has(id)),
      name,
      description: str(i.description),
      version: str(i.version),
      createdDate: this.now(),
      rootResourceId: randomId(10),
      apiKeySource: str(i.apiKeySource) ?? 'HEADER',
      endpointConfiguration: { types },
      disableExecuteApiEndpoint: i.disableExecuteApiEndpoint === true,
      tags: stringMap(i.tags, 'tags'),
      deployments: new Map(),
      stages: new Map()
    }
    this.restApis.set(api.id, api)
    return { status: 201, body: restApiToWire(api) }
  }

  private createDeployment(i: Record<string, unknown>): OperationResult {
    const api = this.api(String(i.restApiId))
    const stageName = str(i.stageName)
    const canaryInput = i.canarySettings
    const variables = stringMap(i.variables, 'variables')
    validateVariables(variables)

    let canary: Omit<CanarySettings, 'deploymentId'> | undefined
    if (canaryInput !== undefined && canaryInput !== null) {
      if (!isRecord(canaryInput)) throw badRequest('Invalid canarySettings')
      if (stageName === undefined || stageName === '') {
        throw badRequest(
          `Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is ${stageName === undefined ? 'null' : stageName}`
        )
      }
      if (!api.stages.has(stageName)) {
        throw badRequest(
          `Invalid deployment content specified.Stage ${stageName} must already be created before making a canary release deployment`
        )
      }
      const overrides = stringMap(canaryInput.stageVariableOverrides, 'stageVariableOverrides')
      validateVariables(overrides)
      canary = {
        percentTraffic: percentOf(canaryInput.percentTraffic),
        stageVariableOverrides: overrides,
        useStageCache: canaryInput.useStageCache === true
      }
    } else if (stageName !== undefined && stageName !== '') {
      const existing = api.stages.get(stageName)
      if (existing?.canarySettings) {
        throw badRequest(
          `Non canary deployment not supported on stage ${stageName} because Canary is enabled. Provide CanarySettings in deploymentInput.`
        )
      }
      if (!existing && api.stages.size >= MAX_STAGES_PER_API) {
        throw limitExceeded(`The maximum number of stages (${MAX_STAGES_PER_API}) has been reached`)
      }
    }

    const now = this.now()
    const deployment: Deployment = {
      id: this.newId(6, (id) => api.deployments.has(id)),
      description: str(i.description),
      createdDate: now
    }
    api.deployments.set(deployment.id, deployment)

    if (stageName !== undefined && stageName !== '') {
      const existing = api.stages.get(stageName)
      if (canary && existing) {
        existing.canarySettings = { deploymentId: deployment.id, ...canary }
        existing.lastUpdatedDate = now
      } else if (existing) {
        existing.deploymentId = deployment.id
        if (Object.keys(variables).length > 0) existing.variables = variables
        const sd = str(i.stageDescription)
        if (sd !== undefined) existing.description = sd
        if (typeof i.cacheClusterEnabled === 'boolean') {
          existing.cacheClusterEnabled = i.cacheClusterEnabled
        }
        if (typeof i.tracingEnabled === 'boolean') existing.tracingEnabled = i.tracingEnabled
        existing.lastUpdatedDate = now
      } else {
        api.stages.set(stageName, {
          stageName,
          deploymentId: deployment.id,
          description: str(i.stageDescription),
          variables,
          cacheClusterEnabled: i.cacheClusterEnabled === true,
          cacheClusterSize: str(i.cacheClusterSize),
          tracingEnabled: i.tracingEnabled === true,
          methodSettings: {},
          tags: {},
          createdDate: now,
          lastUpdatedDate: now
        })
      }
    }
    return { status: 201, body: deploymentToWire(deployment) }
  }

  private deleteDeployment(i: Record<string, unknown>): OperationResult {
    const api = this.api(String(i.restApiId))
    const id = String(i.deploymentId)
    this.deployment(api, id)
    for (const s of api.stages.values()) {
      if (s.deploymentId === id || s.canarySettings?.deploymentId === id) {
        throw badRequest('Active stages pointing to this deployment must be moved or deleted')
      }
    }
    api.deployments.delete(id)
    return { status: 202 }
  }

  private createStage(i: Record<string, unknown>): OperationResult {
    const api = this.api(String(i.restApiId))
    const stageName = str(i.stageName)
    if (stageName === undefined || stageName === '') {
      throw badRequest('Stage name must be non-empty')
    }
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(stageName)) {
      throw badRequest('Stage name only allows a-zA-Z0-9_- and must be at most 128 characters long')
    }
    const deploymentId = str(i.deploymentId)
    if (deploymentId === undefined || !api.deployments.has(deploymentId)) {
      throw badRequest('Deployment id does not exist')
    }
    if (api.stages.has(stageName)) throw conflict('Stage already exists')
    if (api.stages.size >= MAX_STAGES_PER_API) {
      throw limitExceeded(`The maximum number of stages (${MAX_STAGES_PER_API}) has been reached`)
    }
    const variables = stringMap(i.variables, 'variables')
    validateVariables(variables)
    let canarySettings: CanarySettings | undefined
    if (isRecord(i.canarySettings)) {
      const c = i.canarySettings
      const canaryDeployment = str(c.deploymentId) ?? deploymentId
      if (!api.deployments.has(canaryDeployment)) throw badRequest('Deployment id does not exist')
      const overrides = stringMap(c.stageVariableOverrides, 'stageVariableOverrides')
      validateVariables(overrides)
      canarySettings = {
        deploymentId: canaryDeployment,
        percentTraffic: percentOf(c.percentTraffic),
        stageVariableOverrides: overrides,
        useStageCache: c.useStageCache === true
      }
    }
    const now = this.now()
    const stage: Stage = {
      stageName,
      deploymentId,
      description: str(i.description),
      variables,
      cacheClusterEnabled: i.cacheClusterEnabled === true,
      cacheClusterSize: str(i.cacheClusterSize),
      tracingEnabled: i.tracingEnabled === true,
      methodSettings: {},
      canarySettings,
      tags: stringMap(i.tags, 'tags'),
      createdDate: now,
      lastUpdatedDate: now
    }
    if (!canarySettings) delete stage.canarySettings
    api.stages.set(stageName, stage)
    return { status: 201, body: stageToWire(stage) }
  }

  private updateStage(i: Record<string, unknown>): OperationResult {
    const api = this.api(String(i.restApiId))
    const current = this.stage(api, String(i.stageName))
    const rawOps = i.patchOperations ?? []
    if (!Array.isArray(rawOps)) throw badRequest('Invalid patchOperations')
    const ops: PatchOperation[] = rawOps.map((o) => {
      if (!isRecord(o)) throw badRequest('Invalid patch operation')
      return { op: str(o.op), path: str(o.path), value: str(o.value), from: str(o.from) }
    })
    const next = cloneStage(current)
    applyStagePatch(next, api, ops)
    next.lastUpdatedDate = this.now()
    api.stages.set(next.stageName, next)
    return { status: 200, body: stageToWire(next) }
  }
}

// ---- routing ---------------------------------------------------------------

const seg = '([^/]+)'
const ROUTES: Array<{
  method: string
  re: RegExp
  operation: ApiGatewayOperation
  params: string[]
}> = [
  { method: 'POST', re: /^\/restapis$/, operation: 'CreateRestApi', params: [] },
  { method: 'GET', re: /^\/restapis$/, operation: 'GetRestApis', params: [] },
  {
    method: 'GET',
    re: new RegExp(`^/restapis/${seg}$`),
    operation: 'GetRestApi',
    params: ['restApiId']
  },
  {
    method: 'DELETE',
    re: new RegExp(`^/restapis/${seg}$`),
    operation: 'DeleteRestApi',
    params: ['restApiId']
  },
  {
    method: 'POST',
    re: new RegExp(`^/restapis/${seg}/deployments$`),
    operation: 'CreateDeployment',
    params: ['restApiId']
  },
  {
    method: 'GET',
    re: new RegExp(`^/restapis/${seg}/deployments$`),
    operation: 'GetDeployments',
    params: ['restApiId']
  },
  {
    method: 'GET',
    re: new RegExp(`^/restapis/${seg}/deployments/${seg}$`),
    operation: 'GetDeployment',
    params: ['restApiId', 'deploymentId']
  },
  {
    method: 'DELETE',
    re: new RegExp(`^/restapis/${seg}/deployments/${seg}$`),
    operation: 'DeleteDeployment',
    params: ['restApiId', 'deploymentId']
  },
  {
    method: 'POST',
    re: new RegExp(`^/restapis/${seg}/stages$`),
    operation: 'CreateStage',
    params: ['restApiId']
  },
  {
    method: 'GET',
    re: new RegExp(`^/restapis/${seg}/stages$`),
    operation: 'GetStages',
    params: ['restApiId']
  },
  {
    method: 'GET',
    re: new RegExp(`^/restapis/${seg}/stages/${seg}$`),
    operation: 'GetStage',
    params: ['restApiId', 'stageName']
  },
  {
    method: 'PATCH',
    re: new RegExp(`^/restapis/${seg}/stages/${seg}$`),
    operation: 'UpdateStage',
    params: ['restApiId', 'stageName']
  },
  {
    method: 'DELETE',
    re: new RegExp(`^/restapis/${seg}/stages/${seg}$`),
    operation: 'DeleteStage',
    params: ['restApiId', 'stageName']
  }
]

const QUERY_PARAMS = ['limit', 'position', 'deploymentId', 'embed']

/**
 * Maps an HTTP request to an API Gateway operation and its input. Throws an
 * {@link AwsError} for an unknown route or a body that is not JSON.
 */
export function routeApiGateway(method: string, url: URL, rawBody: string): RoutedCall {
  const path = url.pathname.replace(/\/+$/, '') || '/'
  const route = ROUTES.find((r) => r.method === method && r.re.test(path))
  if (!route) {
    throw new AwsError('UnknownOperationException', 404, `No operation for ${method} ${path}`)
  }
  const m = route.re.exec(path) ?? []
  const input: Record<string, unknown> = {}
  route.params.forEach((name, idx) => {
    input[name] = decodeURIComponent(m[idx + 1] ?? '')
  })
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
    if (isRecord(body)) Object.assign(input, body, pathParamsOf(input, route.params))
  }
  return { operation: route.operation, input }
}

function pathParamsOf(input: Record<string, unknown>, params: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const p of params) out[p] = input[p]
  return out
}
