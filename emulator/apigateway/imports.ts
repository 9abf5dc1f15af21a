/**
 * ImportRestApi (`POST /restapis?mode=import`), PutRestApi
 * (`PUT /restapis/{id}?mode=merge|overwrite`) and GetResources: REST APIs from
 * OpenAPI definitions (openapi.ts). Merge adds the definition's paths and
 * methods to the API's; overwrite replaces them. With `failonwarnings=true` a
 * definition with warnings changes nothing and fails.
 */
import { endpointConfigurationOf } from './endpoint.js'
import { badRequest } from './errors.js'
import { page, reader, str, type Input } from './input.js'
import { type RestApi, restApiToWire } from './model.js'
import { type Definition, readDefinition } from './openapi.js'
import { newRestApi } from './rest-apis.js'
import type { ApiGatewayService, OperationResult } from './service.js'
import { isRecord, randomId } from '../common/wire.js'

interface ImportRequest {
  definition: Definition
  mode: 'merge' | 'overwrite'
  params: Record<string, string>
}

/** The query of an import: `mode`, `failonwarnings` and the flattened `parameters`. */
function importRequest(i: Input, defaultMode: 'merge' | 'import'): ImportRequest {
  const mode = str(i.mode) ?? defaultMode
  if (defaultMode === 'merge' && mode !== 'merge' && mode !== 'overwrite') {
    throw badRequest(`Invalid mode ${mode}. Must be one of: [merge, overwrite]`)
  }
  const fow = str(i.failonwarnings) ?? 'false'
  if (fow !== 'true' && fow !== 'false') {
    throw badRequest(`Invalid failonwarnings value ${fow}. Must be true or false`)
  }
  const params = isRecord(i.parameters) ? (i.parameters as Record<string, string>) : {}
  if (params.ignore !== undefined && params.ignore !== 'documentation') {
    throw badRequest(`Invalid ignore parameter ${params.ignore}. Must be documentation`)
  }
  const body = str(i.body) ?? ''
  if (body.trim() === '') throw badRequest('Invalid OpenAPI input.')
  const definition = readDefinition(body, params.basepath)
  if (fow === 'true' && definition.warnings.length > 0) {
    throw badRequest(`Warnings found during import:\n\t${definition.warnings.join('\n\t')}`)
  }
  return { definition, mode: mode === 'overwrite' ? 'overwrite' : 'merge', params }
}

/** Adds a resource for `path` and each of its parents that is missing. */
function ensureResource(api: RestApi, path: string): { id: string; methods: Set<string> } {
  const existing = api.resources.get(path)
  if (existing) return existing
  const parent = path.replace(/\/[^/]*$/, '') || '/'
  if (parent !== path) ensureResource(api, parent)
  const r = { id: randomId(6), methods: new Set<string>() }
  api.resources.set(path, r)
  return r
}

function applyDefinition(api: RestApi, req: ImportRequest): void {
  const d = req.definition
  if (req.mode === 'overwrite') {
    const root = api.resources.get('/') ?? { id: api.rootResourceId, methods: new Set() }
    api.resources = new Map([['/', { id: root.id, methods: new Set<string>() }]])
    if (d.title !== undefined) api.name = d.title
    api.description = d.description
    api.version = d.version
  } else {
    if (d.description !== undefined) api.description = d.description
    if (d.version !== undefined) api.version = d.version
  }
  for (const [path, methods] of d.paths) {
    const r = ensureResource(api, path)
    for (const m of methods) r.methods.add(m)
  }
  const ext = d.endpointExtension
  if (typeof ext?.disableExecuteApiEndpoint === 'boolean') {
    api.disableExecuteApiEndpoint = ext.disableExecuteApiEndpoint
  }
  api.warnings = [...d.warnings]
}

export function importRestApi(svc: ApiGatewayService, i: Input): OperationResult {
  const req = importRequest(i, 'import')
  const d = req.definition
  if (d.title === undefined || d.title.trim() === '') {
    throw badRequest('Invalid REST API name specified')
  }
  const ext = d.endpointExtension
  const type = req.params.endpointConfigurationTypes ?? 'EDGE'
  const endpoint = endpointConfigurationOf(
    { types: [type], vpcEndpointIds: ext?.vpcEndpointIds, ipAddressType: ext?.ipAddressType },
    'EDGE'
  )
  const api = newRestApi(svc, d.title, {}, endpoint)
  applyDefinition(api, req)
  return { status: 201, body: restApiToWire(api) }
}

export function putRestApi(svc: ApiGatewayService, i: Input): OperationResult {
  const api = svc.api(String(i.restApiId))
  const req = importRequest(i, 'merge')
  const type = req.params.endpointConfigurationTypes
  if (type !== undefined) endpointConfigurationOf({ types: [type] }, 'EDGE')
  // apply to a copy: a failure below leaves the API as it was
  const next: RestApi = { ...api, resources: structuredClone(api.resources) }
  applyDefinition(next, req)
  svc.restApis.set(api.id, next)
  return { status: 200, body: restApiToWire(next) }
}

export const getResources = reader((api, i) => {
  const withMethods = str(i.embed) === 'methods'
  const all = [...api.resources.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const p = page(all, i)
  const item = p.item.map(([path, r]) => {
    const out: Record<string, unknown> = { id: r.id }
    if (path !== '/') {
      const parent = path.replace(/\/[^/]*$/, '') || '/'
      out.parentId = api.resources.get(parent)?.id
      out.pathPart = path.slice(path.lastIndexOf('/') + 1)
    }
    out.path = path
    if (withMethods && r.methods.size > 0) {
      out.resourceMethods = Object.fromEntries([...r.methods].sort().map((m) => [m, {}]))
    }
    return out
  })
  return { ...p, item }
})
