/**
 * ImportRestApi (`POST /restapis?mode=import`), PutRestApi
 * (`PUT /restapis/{id}?mode=merge|overwrite`): REST APIs from OpenAPI
 * definitions (openapi.ts), with their methods and integrations. Merge adds the
 * definition's paths and methods to the API's (a method it names is replaced);
 * overwrite replaces them. With `failonwarnings=true` a
 * definition with warnings changes nothing and fails.
 */
import { endpointConfigurationOf } from './endpoint.js'
import { badRequest } from './errors.js'
import { str, type Input } from './input.js'
import { integrationOf } from './methods.js'
import { type Method, type RestApi, restApiToWire } from './model.js'
import { type Definition, readDefinition } from './openapi.js'
import { ensureResource } from './resources.js'
import { newRestApi } from './rest-apis.js'
import type { ApiGatewayService, OperationResult } from './service.js'
import { isRecord } from '../common/wire.js'

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

function applyDefinition(api: RestApi, req: ImportRequest): void {
  const d = req.definition
  if (req.mode === 'overwrite') {
    const root = api.resources.get('/') ?? { id: api.rootResourceId }
    api.resources = new Map([['/', { id: root.id, methods: new Map() }]])
    if (d.title !== undefined) api.name = d.title
    api.description = d.description
    api.version = d.version
  } else {
    if (d.description !== undefined) api.description = d.description
    if (d.version !== undefined) api.version = d.version
  }
  for (const [path, methods] of d.paths) {
    const r = ensureResource(api, path)
    for (const [httpMethod, integration] of methods) {
      const m: Method = { httpMethod, authorizationType: 'NONE', apiKeyRequired: false }
      if (integration) m.integration = integrationOf(integration, r.id)
      r.methods.set(httpMethod, m)
    }
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
