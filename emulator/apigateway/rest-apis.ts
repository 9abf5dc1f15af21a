/** CreateRestApi, GetRestApi, GetRestApis, DeleteRestApi. */
import { badRequest } from './errors.js'
import { page, reader, str, stringMap, type Input } from './input.js'
import { type RestApi, restApiToWire } from './model.js'
import type { ApiGatewayService, OperationResult } from './service.js'
import { isRecord, randomId } from '../common/wire.js'

export function createRestApi(svc: ApiGatewayService, i: Input): OperationResult {
  const name = str(i.name)
  if (name === undefined || name.trim() === '') {
    throw badRequest('Invalid REST API name specified')
  }
  const ec = isRecord(i.endpointConfiguration) ? i.endpointConfiguration : undefined
  const types =
    ec && Array.isArray(ec.types) ? ec.types.filter((t) => typeof t === 'string') : ['EDGE']
  const api: RestApi = {
    id: svc.newId(10, (id) => svc.restApis.has(id)),
    name,
    description: str(i.description),
    version: str(i.version),
    createdDate: svc.now(),
    rootResourceId: randomId(10),
    apiKeySource: str(i.apiKeySource) ?? 'HEADER',
    endpointConfiguration: { types },
    disableExecuteApiEndpoint: i.disableExecuteApiEndpoint === true,
    tags: stringMap(i.tags, 'tags'),
    deployments: new Map(),
    stages: new Map()
  }
  svc.restApis.set(api.id, api)
  return { status: 201, body: restApiToWire(api) }
}

export const getRestApi = reader((api) => restApiToWire(api))

export function getRestApis(svc: ApiGatewayService, i: Input): OperationResult {
  const p = page([...svc.restApis.values()], i)
  return { status: 200, body: { ...p, item: p.item.map(restApiToWire) } }
}

export function deleteRestApi(svc: ApiGatewayService, i: Input): OperationResult {
  svc.api(String(i.restApiId))
  svc.restApis.delete(String(i.restApiId))
  return { status: 202 }
}
