import type { StageState } from './stage.js'

/** One UpdateStage patch operation, as API Gateway takes it (all values are strings). */
export interface PatchOperation {
  op: 'replace' | 'remove' | 'copy' | 'add' | 'move' | 'test'
  path: string
  value?: string
  from?: string
}

/** API Gateway takes every patch value as a string; percentages as `25.0`. */
export function percentValue(n: number): string {
  return Number.isInteger(n) ? n.toFixed(1) : String(n)
}

export function setTrafficOps(percent: number): PatchOperation[] {
  return [{ op: 'replace', path: '/canarySettings/percentTraffic', value: percentValue(percent) }]
}

/** AWS's documented promotion: traffic 0, overrides merged into the stage variables, deployment copied. */
export function promoteOps(): PatchOperation[] {
  return [
    { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
    { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
    { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
  ]
}

export function removeCanaryOps(): PatchOperation[] {
  return [{ op: 'remove', path: '/canarySettings' }]
}

export function pointStageOps(deploymentId: string): PatchOperation[] {
  return [{ op: 'replace', path: '/deploymentId', value: deploymentId }]
}

/** Attaches an existing deployment as the canary (used to adopt a deployment whose creation answer was lost). */
export function attachCanaryOps(
  deploymentId: string,
  percent: number,
  overrides: Record<string, string>,
  useStageCache: boolean
): PatchOperation[] {
  return [
    { op: 'replace', path: '/canarySettings/deploymentId', value: deploymentId },
    { op: 'replace', path: '/canarySettings/percentTraffic', value: percentValue(percent) },
    { op: 'replace', path: '/canarySettings/useStageCache', value: String(useStageCache) },
    ...Object.entries(overrides).map(([k, v]) => ({
      op: 'replace' as const,
      path: `/canarySettings/stageVariableOverrides/${k}`,
      value: v
    }))
  ]
}

/**
 * What a patch would do to the stage, for dry-run: the same rules as
 * docs/aws-behaviour.md#updatestage-patch-operations (operations in order,
 * copy merges overrides, promotion leaves the canary at the stage's
 * deployment). Only the operations this action sends.
 */
export function applyOps(state: StageState, ops: PatchOperation[]): StageState {
  const s: StageState = structuredClone(state)
  // Keep the settings of a leftover canary addressable while applying.
  let settings =
    s.canary ??
    (s.leftover
      ? { deploymentId: s.stableDeploymentId, percent: 0, overrides: {}, useStageCache: false }
      : undefined)
  const ensure = () =>
    (settings ??= {
      deploymentId: s.stableDeploymentId,
      percent: 0,
      overrides: {},
      useStageCache: false
    })
  for (const op of ops) {
    if (op.op === 'replace' && op.path === '/canarySettings/percentTraffic')
      ensure().percent = Number(op.value)
    else if (op.op === 'replace' && op.path === '/canarySettings/deploymentId')
      ensure().deploymentId = op.value!
    else if (op.op === 'replace' && op.path === '/canarySettings/useStageCache')
      ensure().useStageCache = op.value === 'true'
    else if (op.op === 'replace' && op.path?.startsWith('/canarySettings/stageVariableOverrides/'))
      ensure().overrides[op.path.split('/').pop()!] = op.value!
    else if (op.op === 'copy' && op.path === '/variables')
      Object.assign(s.variables, settings?.overrides ?? {})
    else if (op.op === 'copy' && op.path === '/deploymentId' && settings)
      s.stableDeploymentId = settings.deploymentId
    else if (op.op === 'replace' && op.path === '/deploymentId') s.stableDeploymentId = op.value!
    else if (op.op === 'remove' && op.path === '/canarySettings') settings = undefined
  }
  const own = settings !== undefined && settings.deploymentId !== s.stableDeploymentId
  s.canary = own ? settings : undefined
  s.leftover = settings !== undefined && !own
  return s
}
