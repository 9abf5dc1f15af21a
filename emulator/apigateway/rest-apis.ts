/** CreateRestApi, GetRestApi, GetRestApis, DeleteRestApi. */
import { badRequest } from './errors.js'
import { page, reader, str, stringMap, type Input } from './input.js'
import { endpointConfigurationOf } from './endpoint.js'
import { type EndpointConfiguration, type RestApi, restApiToWire } from './model.js'
import type { ApiGatewayService, OperationResult } from './service.js'
import { randomId } from '../common/wire.js'

export function createRestApi(svc: ApiGatewayService, i: Input): OperationResult {
  const name = str(i.name)
  if (name === undefined || name.trim() === '') {
    throw badRequest('Invalid REST API name specified')
  }
  const api = newRestApi(svc, name, i, endpointConfigurationOf(i.endpointConfiguration, 'EDGE'))
  return { status: 201, body: restApiToWire(api) }
}

/** A new REST API named `name`, kept by `svc`; the other fields from the request `i`. */
export function newRestApi(
  svc: ApiGatewayService,
  name: string,
  i: Input,
  endpointConfiguration: EndpointConfiguration
): RestApi {
  const rootResourceId = randomId(10)
  const api: RestApi = {
    id: svc.newId(10, (id) => svc.restApis.has(id)),
    name,
    description: str(i.description),
    version: str(i.version),
    createdDate: svc.now(),
    rootResourceId,
    apiKeySource: str(i.apiKeySource) ?? 'HEADER',
    endpointConfiguration,
    disableExecuteApiEndpoint: i.disableExecuteApiEndpoint === true,
    tags: stringMap(i.tags, 'tags'),
    deployments: new Map(),
    stages: new Map(),
    resources: new Map([['/', { id: rootResourceId, methods: new Map() }]]),
    warnings: []
  }
  svc.restApis.set(api.id, api)
  return api
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
