import type { Change, Logger, PatchOperation, StageApi } from '../ports.js'
import { applyOps } from '../core/patch.js'
import type { StageState } from '../core/stage.js'
import { createDeploymentInput } from './stage-api.js'

export const DRY_RUN_DEPLOYMENT_ID = '(new-deployment)'

function describeOps(ops: PatchOperation[]): string {
  return ops
    .map((o) =>
      o.op === 'copy'
        ? `copy ${o.from} -> ${o.path}`
        : `${o.op} ${o.path}${o.value !== undefined ? ` ${o.value}` : ''}`
    )
    .join(', ')
}

/** No command may deploy to the stage itself: every deployment this action makes is a canary. */
export function assertCanaryOnly(change: Change): void {
  if (change.operation === 'CreateDeployment' && !change.input.canarySettings) {
    throw new Error(
      'refused: a CreateDeployment without canarySettings would deploy to the stage directly'
    )
  }
}

/**
 * Records every call that changes the stage in `changes` (the run state's
 * list, given by the wiring; the command copies it into the report) and logs it. With
 * dry-run it prints the exact call instead and answers with the stage as the
 * call would leave it, so every command runs unchanged and changes nothing.
 */
export function recordingApi(
  api: StageApi,
  changes: Change[],
  log: Logger,
  ids: { restApiId: string; stageName: string },
  dryRun: boolean
): StageApi {
  let last: StageState | undefined
  const record = (change: Change) => {
    assertCanaryOnly(change)
    changes.push(change)
    if (dryRun) log.info(`[dry-run] would call ${change.operation} ${JSON.stringify(change.input)}`)
  }
  return {
    async getStage(opts) {
      // In dry-run the stage is what the simulated calls made of it.
      if (dryRun && last && changes.length > 0) return last
      last = await api.getStage(opts)
      return last
    },
    deploymentDescription: (id, opts) =>
      dryRun && id === DRY_RUN_DEPLOYMENT_ID
        ? Promise.resolve(undefined)
        : api.deploymentDescription(id, opts),
    findDeployment: (d) => api.findDeployment(d),
    async putRestApi(d) {
      const { body: _body, ...rest } = d
      record({
        operation: 'PutRestApi',
        input: { restApiId: ids.restApiId, ...rest, bytes: d.body.byteLength }
      })
      if (dryRun) return { warnings: [] }
      log.info(
        `PutRestApi ${ids.restApiId}: ${d.mode} from ${d.file} (${d.body.byteLength} bytes, sha256 ${d.sha256.slice(0, 12)})`
      )
      return api.putRestApi(d)
    },
    async updateStage(ops, opts) {
      record({ operation: 'UpdateStage', input: { ...ids, patchOperations: ops } })
      if (dryRun) {
        if (!last) last = await api.getStage()
        last = applyOps(last, ops)
        return last
      }
      log.info(`UpdateStage ${ids.stageName}: ${describeOps(ops)}`)
      last = await api.updateStage(ops, opts)
      return last
    },
    async createCanaryDeployment(c) {
      record({
        operation: 'CreateDeployment',
        input: createDeploymentInput(ids.restApiId, ids.stageName, c)
      })
      if (dryRun) {
        if (!last) last = await api.getStage()
        last = {
          ...last,
          leftover: false,
          canary: {
            deploymentId: DRY_RUN_DEPLOYMENT_ID,
            percent: c.percent,
            overrides: c.overrides,
            useStageCache: c.useStageCache
          }
        }
        return DRY_RUN_DEPLOYMENT_ID
      }
      log.info(`CreateDeployment on ${ids.stageName}: canary at ${c.percent}%, "${c.description}"`)
      const id = await api.createCanaryDeployment(c)
      return id
    }
  }
}
