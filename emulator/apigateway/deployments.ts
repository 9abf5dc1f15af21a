/**
 * CreateDeployment (plain, onto a stage, or as the stage's canary),
 * GetDeployment, GetDeployments, DeleteDeployment.
 */
import { badRequest } from './errors.js'
import { embeds, page, percentOf, reader, str, variablesOf, type Input } from './input.js'
import { type CanarySettings, type Deployment, type RestApi, deploymentToWire } from './model.js'
import type { ApiGatewayService, OperationResult } from './service.js'
import { checkStageLimit, newStage } from './stages.js'
import { isRecord } from '../common/wire.js'

type CanaryInput = Omit<CanarySettings, 'deploymentId'>

/** The canary a CreateDeployment asks for on `stageName`, or undefined for a plain deployment. */
function canaryOf(api: RestApi, stageName: string | undefined, i: Input): CanaryInput | undefined {
  const canaryInput = i.canarySettings
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
    return {
      percentTraffic: percentOf(canaryInput.percentTraffic),
      stageVariableOverrides: variablesOf(
        canaryInput.stageVariableOverrides,
        'stageVariableOverrides'
      ),
      useStageCache: canaryInput.useStageCache === true
    }
  }
  if (stageName !== undefined && stageName !== '') {
    const existing = api.stages.get(stageName)
    if (existing?.canarySettings) {
      throw badRequest(
        `Non canary deployment not supported on stage ${stageName} because Canary is enabled. Provide CanarySettings in deploymentInput.`
      )
    }
    if (!existing) checkStageLimit(api)
  }
  return undefined
}

export function createDeployment(svc: ApiGatewayService, i: Input): OperationResult {
  const api = svc.api(String(i.restApiId))
  const stageName = str(i.stageName)
  const variables = variablesOf(i.variables, 'variables')
  const canary = canaryOf(api, stageName, i)

  const now = svc.now()
  const deployment: Deployment = {
    id: svc.newId(6, (id) => api.deployments.has(id)),
    description: str(i.description),
    createdDate: now,
    resources: structuredClone(api.resources)
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
      const fields = { stageName, deploymentId: deployment.id, variables, tags: {} }
      api.stages.set(stageName, newStage(fields, str(i.stageDescription), i, now))
    }
  }
  return { status: 201, body: deploymentToWire(deployment) }
}

export const getDeployment = reader((api, i, svc) =>
  deploymentToWire(svc.deployment(api, String(i.deploymentId)), embeds(i, 'apisummary'))
)

export const getDeployments = reader((api, i) => {
  const p = page([...api.deployments.values()], i)
  return { ...p, item: p.item.map((d) => deploymentToWire(d)) }
})

export function deleteDeployment(svc: ApiGatewayService, i: Input): OperationResult {
  const api = svc.api(String(i.restApiId))
  const id = String(i.deploymentId)
  svc.deployment(api, id)
  for (const s of api.stages.values()) {
    if (s.deploymentId === id || s.canarySettings?.deploymentId === id) {
      throw badRequest('Active stages pointing to this deployment must be moved or deleted')
    }
  }
  api.deployments.delete(id)
  return { status: 202 }
}
