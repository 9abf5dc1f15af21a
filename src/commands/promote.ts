import type { RunContext } from '../context.js'
import { mark } from '../context.js'
import { sameCommit } from '../core/description.js'
import { ConflictError, errorMessage, StateError } from '../errors.js'
import { pointStageOps, promoteOps } from '../core/patch.js'
import { pct, type Canary } from '../core/stage.js'
import {
  describeCanary,
  gate,
  loadCanaryCommit,
  readStage,
  removeCanarySettings,
  requireOwnCanary
} from './shared.js'

/**
 * Makes the canary the stage's deployment with AWS's own promotion (traffic 0,
 * overrides merged into the stage variables, deployment copied), then removes
 * the canary settings. A re-run after an interruption between the two calls
 * finds only the leftover settings and finishes the cleanup.
 */
export async function promote(ctx: RunContext): Promise<void> {
  const { cfg, log, api } = ctx
  const state = await log.group('Read stage', () => readStage(ctx))

  if (!state.canary) {
    if (state.leftover) {
      await log.group('Finish promotion cleanup', async () => {
        log.info(
          `The canary settings point at the stage's own deployment ${state.stableDeploymentId}: a promotion was interrupted before its cleanup. Removing them.`
        )
        await removeCanarySettings(ctx)
        ctx.report.outcome = 'promoted'
        mark(ctx, 'cleanup', 'canary settings removed after an earlier promotion', 0)
      })
      return
    }
    const stableDesc = ctx.provenance.sha
      ? await api.deploymentDescription(state.stableDeploymentId)
      : undefined
    if (sameCommit(stableDesc, ctx.provenance)) {
      log.info(
        `Nothing to promote: the stable deployment ${state.stableDeploymentId} already carries this commit.`
      )
      return
    }
    throw new StateError(`Stage '${cfg.stage}' has no canary to promote: run deploy first.`)
  }

  const canary = state.canary
  if (canary.percent === 0) {
    throw new StateError(
      `Canary ${canary.deploymentId} is at 0% (rolled back, or never given traffic): promoting it would send it all traffic untried. Shift it up first, or deploy a new one.`
    )
  }
  requireOwnCanary(ctx, canary, await loadCanaryCommit(ctx, canary.deploymentId))
  await log.group(`Promote ${canary.deploymentId}`, async () => {
    await gate(ctx, `the promotion of ${canary.deploymentId}`)
    if (canary.percent < 100) log.info(`Promoting from ${pct(canary.percent)} canary traffic.`)
    // A cancelled step promotes nothing.
    if (ctx.signal.aborted) throw ctx.signal.reason
    ctx.report.previousStableDeploymentId = state.stableDeploymentId
    ctx.report.after = await api.updateStage(promoteOps())
    const promoted = ctx.report.after.stableDeploymentId
    if (promoted !== canary.deploymentId) await undoForeignPromotion(ctx, canary, promoted)
    mark(
      ctx,
      'promote',
      `${canary.deploymentId} promoted to stable (was ${state.stableDeploymentId})`,
      0
    )
    // Promoted from here on, even if the cleanup below fails (a re-run finishes it).
    ctx.report.outcome = 'promoted'
    await removeCanarySettings(ctx)
    mark(ctx, 'cleanup', 'canary settings removed', 0)
    log.info(
      `Stage ${cfg.stage} now serves ${canary.deploymentId} to all traffic; previous stable: ${state.stableDeploymentId}.`
    )
  })
}

/**
 * API Gateway has no conditional write: another run replaced the canary
 * between this step's read and its promotion, and the promotion copied theirs.
 * Points the stage back at the deployment it served (their canary stays, at
 * 0 %), and fails naming whose it was.
 */
async function undoForeignPromotion(
  ctx: RunContext,
  mine: Canary,
  promoted: string
): Promise<never> {
  const previous = ctx.report.previousStableDeploymentId!
  ctx.report.outcome = undefined
  let undone: string
  try {
    ctx.report.after = await ctx.api.updateStage(pointStageOps(previous))
    ctx.report.previousStableDeploymentId = undefined
    undone = `the stage points at ${previous} again (stage variables keep the overrides the promotion merged)`
  } catch (err) {
    undone = `pointing the stage back at ${previous} failed (${errorMessage(err)}): run rollback with to-deployment-id: ${previous}`
  }
  const reason = `conflict: ${await describeCanary(ctx, promoted)} replaced this step's canary ${mine.deploymentId} just before the promotion and was promoted instead; ${undone}. Use a workflow concurrency group per stage.`
  mark(ctx, 'conflict', reason, 0)
  throw new ConflictError(reason)
}
