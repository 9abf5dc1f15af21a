/** CreateStage, GetStage, GetStages, UpdateStage (patch.ts), DeleteStage. */
import { badRequest, conflict, limitExceeded } from './errors.js'
import { percentOf, reader, str, stringMap, variablesOf, type Input } from './input.js'
import {
  MAX_STAGES_PER_API,
  type CanarySettings,
  type RestApi,
  type Stage,
  cloneStage,
  stageToWire
} from './model.js'
import { applyStagePatch, type PatchOperation } from './patch.js'
import type { ApiGatewayService, OperationResult } from './service.js'
import { isRecord } from '../common/wire.js'

/** Throws when `api` already has as many stages as an API may. */
export function checkStageLimit(api: RestApi): void {
  if (api.stages.size >= MAX_STAGES_PER_API) {
    throw limitExceeded(`The maximum number of stages (${MAX_STAGES_PER_API}) has been reached`)
  }
}

/** A new stage; the cache and tracing settings come from the request `i`. */
export function newStage(
  fields: Pick<Stage, 'stageName' | 'deploymentId' | 'variables' | 'tags'>,
  description: string | undefined,
  i: Input,
  now: number
): Stage {
  return {
    ...fields,
    description,
    cacheClusterEnabled: i.cacheClusterEnabled === true,
    cacheClusterSize: str(i.cacheClusterSize),
    tracingEnabled: i.tracingEnabled === true,
    methodSettings: {},
    createdDate: now,
    lastUpdatedDate: now
  }
}

function canaryOf(api: RestApi, deploymentId: string, c: unknown): CanarySettings | undefined {
  if (!isRecord(c)) return undefined
  const canaryDeployment = str(c.deploymentId) ?? deploymentId
  if (!api.deployments.has(canaryDeployment)) throw badRequest('Deployment id does not exist')
  return {
    deploymentId: canaryDeployment,
    percentTraffic: percentOf(c.percentTraffic),
    stageVariableOverrides: variablesOf(c.stageVariableOverrides, 'stageVariableOverrides'),
    useStageCache: c.useStageCache === true
  }
}

export function createStage(svc: ApiGatewayService, i: Input): OperationResult {
  const api = svc.api(String(i.restApiId))
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
  checkStageLimit(api)
  const variables = variablesOf(i.variables, 'variables')
  const canarySettings = canaryOf(api, deploymentId, i.canarySettings)
  const tags = stringMap(i.tags, 'tags')
  const stage = newStage(
    { stageName, deploymentId, variables, tags },
    str(i.description),
    i,
    svc.now()
  )
  if (canarySettings) stage.canarySettings = canarySettings
  api.stages.set(stageName, stage)
  return { status: 201, body: stageToWire(stage) }
}

export const getStage = reader((api, i, svc) => stageToWire(svc.stage(api, String(i.stageName))))

export const getStages = reader((api, i) => {
  const wanted = str(i.deploymentId)
  const stages = [...api.stages.values()].filter(
    (s) => wanted === undefined || s.deploymentId === wanted
  )
  return { item: stages.map(stageToWire) }
})

/** Applies the patch operations to a copy of the stage and keeps it only when all succeeded. */
export function updateStage(svc: ApiGatewayService, i: Input): OperationResult {
  const api = svc.api(String(i.restApiId))
  const current = svc.stage(api, String(i.stageName))
  const rawOps = i.patchOperations ?? []
  if (!Array.isArray(rawOps)) throw badRequest('Invalid patchOperations')
  const ops: PatchOperation[] = rawOps.map((o) => {
    if (!isRecord(o)) throw badRequest('Invalid patch operation')
    return { op: str(o.op), path: str(o.path), value: str(o.value), from: str(o.from) }
  })
  const next = cloneStage(current)
  applyStagePatch(next, api, ops, svc.account)
  next.lastUpdatedDate = svc.now()
  api.stages.set(next.stageName, next)
  return { status: 200, body: stageToWire(next) }
}

export function deleteStage(svc: ApiGatewayService, i: Input): OperationResult {
  const api = svc.api(String(i.restApiId))
  svc.stage(api, String(i.stageName))
  api.stages.delete(String(i.stageName))
  return { status: 202 }
}
