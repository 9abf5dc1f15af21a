import { decidePromote } from '../core/plan.js'
import { canaryCommit, recorded } from './recorded.js'
import type { RunContext } from '../ports.js'
import { mark } from '../steps/timeline.js'
import { said } from '../steps/dry-run-text.js'
import { sameCommit } from '../core/description.js'
import { ConflictError, errorMessage, StateError } from '../errors.js'
import { pointStageOps, promoteOps } from '../core/patch.js'
import { pct, type Canary } from '../core/stage.js'
import { describeCanary, loadStage, requireOwnCanary } from '../steps/load-stage.js'
import { gateOnRaisedTraffic } from './respond.js'
import { removeCanarySettings } from '../steps/traffic.js'

/**
 * Makes the canary the stage's deployment with AWS's own promotion (traffic 0,
 * overrides merged into the stage variables, deployment copied), then removes
 * the canary settings. A re-run after an interruption between the two calls
 * finds only the leftover settings and finishes the cleanup.
 */
export async function promote(ctx: RunContext): Promise<void> {
  await recorded(ctx, () => promoteSteps(ctx))
}

async function promoteSteps(ctx: RunContext): Promise<void> {
  const { cfg, log, api } = ctx
  const state = await log.group('Read stage', () => loadStage(ctx))

  // The stable deployment's commit matters only when there is nothing to promote.
  const stableIsThisCommit =
    !state.canary && !state.leftover && ctx.provenance.sha !== undefined
      ? sameCommit(await api.deploymentDescription(state.stableDeploymentId), ctx.provenance)
      : false
  const decision = decidePromote(state, cfg.stage, stableIsThisCommit)
  if (decision.kind === 'refuse') throw new StateError(decision.why)
  if (decision.kind === 'noop') return log.info(decision.why)
  if (decision.kind === 'cleanup') {
    await log.group('Finish promotion cleanup', async () => {
      log.info(decision.why)
      await removeCanarySettings(ctx)
      ctx.run.promoted = true
      mark(ctx, 'cleanup', 'canary settings removed after an earlier promotion', 0)
    })
    return
  }
  const canary = decision.canary
  requireOwnCanary(ctx, canary, await canaryCommit(ctx, canary.deploymentId))
  await log.group(`Promote ${canary.deploymentId}`, async () => {
    await gateOnRaisedTraffic(ctx, `the promotion of ${canary.deploymentId}`)
    const from = `from ${pct(canary.percent)} canary traffic`
    if (canary.percent < 100)
      log.info(said(cfg.dryRun, `Promoting ${from}.`, `would promote ${from}.`))
    // A cancelled step promotes nothing.
    if (ctx.signal.aborted) throw ctx.signal.reason
    ctx.report.previousStableDeploymentId = state.stableDeploymentId
    ctx.run.stage = await api.updateStage(promoteOps())
    const promoted = ctx.run.stage.stableDeploymentId
    if (promoted !== canary.deploymentId)
      await undoForeignPromotion(ctx, canary, promoted, state.stableDeploymentId)
    mark(
      ctx,
      'promote',
      `${canary.deploymentId} promoted to stable (was ${state.stableDeploymentId})`,
      0
    )
    // Promoted from here on, even if the cleanup below fails (a re-run finishes it).
    ctx.run.promoted = true
    await removeCanarySettings(ctx)
    mark(ctx, 'cleanup', 'canary settings removed', 0)
    const serves = `${canary.deploymentId} to all traffic; previous stable: ${state.stableDeploymentId}`
    log.info(
      said(
        cfg.dryRun,
        `Stage ${cfg.stage} now serves ${serves}.`,
        `stage ${cfg.stage} would serve ${serves}.`
      )
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
  promoted: string,
  previous: string
): Promise<never> {
  let undone: string
  try {
    ctx.run.stage = await ctx.api.updateStage(pointStageOps(previous))
    ctx.report.previousStableDeploymentId = undefined
    undone = `the stage points at ${previous} again (stage variables keep the overrides the promotion merged)`
  } catch (err) {
    undone = `pointing the stage back at ${previous} failed (${errorMessage(err)}): run rollback with to-deployment-id: ${previous}`
  }
  const reason = `conflict: ${await describeCanary(ctx, promoted)} replaced this step's canary ${mine.deploymentId} just before the promotion and was promoted instead; ${undone}. Use a workflow concurrency group per stage.`
  mark(ctx, 'conflict', reason, 0)
  throw new ConflictError(reason)
}
