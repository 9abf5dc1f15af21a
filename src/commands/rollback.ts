import { rollbackOps } from '../core/plan.js'
import type { RunContext } from '../ports.js'
import { mark } from '../steps/timeline.js'
import { said } from '../steps/dry-run-text.js'
import { errorMessage, StateError } from '../errors.js'
import { pct } from '../core/stage.js'
import { loadCanaryCommit, loadStage } from '../steps/load-stage.js'
import { readAlarmsForReport } from '../steps/alarm-gate.js'

/** Never gated: canary to 0 % (or removed), and with to-deployment-id the stage pointed back. */
export async function rollback(ctx: RunContext): Promise<void> {
  const { cfg, log, api } = ctx
  const state = await log.group('Read stage', () => loadStage(ctx))
  if (cfg.toDeploymentId !== undefined && cfg.toDeploymentId !== state.stableDeploymentId) {
    // A read before anything changes, for a clear error; but a rollback is never held up by a read.
    try {
      await api.deploymentDescription(cfg.toDeploymentId)
    } catch (err) {
      if ((err as Error).name === 'NotFoundException') {
        throw new StateError(
          `to-deployment-id: deployment '${cfg.toDeploymentId}' does not exist in REST API '${cfg.restApiId}'.`
        )
      }
      log.warning(
        `Could not check to-deployment-id first (${errorMessage(err)}); rolling back anyway.`
      )
    }
  }

  const ops = rollbackOps(state, cfg.rollbackMode, cfg.toDeploymentId)
  if (ops.length === 0) {
    const why = state.canary
      ? `canary ${state.canary.deploymentId} already at 0%`
      : cfg.toDeploymentId
        ? `the stage already serves ${cfg.toDeploymentId} and has no canary`
        : 'the stage has no canary'
    log.info(`Nothing to roll back: ${why}.`)
    if (state.canary) ctx.report.outcome = 'rolled-back'
  } else {
    await log.group('Rollback', async () => {
      if (cfg.toDeploymentId !== undefined && cfg.toDeploymentId !== state.stableDeploymentId) {
        ctx.report.previousStableDeploymentId = state.stableDeploymentId
      }
      ctx.report.after = await api.updateStage(ops)
      const pointedBack = ctx.report.previousStableDeploymentId !== undefined
      if (!state.canary && !pointedBack) {
        // Only the settings an interrupted promotion left behind: the promoted deployment still serves everything.
        mark(ctx, 'cleanup', 'no canary: removed the canary settings a promotion left behind', 0)
        const left = `the canary settings a promotion left behind; ${state.stableDeploymentId} still serves all traffic.`
        log.info(
          said(
            cfg.dryRun,
            `Nothing to roll back: the stage has no canary. Removed ${left}`,
            `nothing to roll back: the stage has no canary. Would remove ${left}`
          )
        )
        return
      }
      ctx.report.outcome = 'rolled-back'
      const parts = [
        state.canary
          ? `canary ${state.canary.deploymentId} ${cfg.rollbackMode === 'remove' ? 'removed' : `${pct(state.canary.percent)} → 0%`}`
          : '',
        ctx.report.previousStableDeploymentId
          ? `stage pointed back at ${cfg.toDeploymentId} (was ${state.stableDeploymentId})`
          : ''
      ].filter(Boolean)
      mark(ctx, 'rollback', parts.join('; ') || 'canary settings removed', 0)
      const done = parts.join('; ') || 'canary settings removed'
      log.info(said(cfg.dryRun, `Rolled back: ${done}.`, `would roll back: ${done}.`))
    })
  }
  // For the report only, after the change: a failed read must not fail a rollback.
  await readAlarmsForReport(ctx)
  // The canary the stage has now: pointing back can turn a promotion's leftover into one.
  const canary = ctx.report.after?.canary ?? state.canary
  if (canary) {
    await loadCanaryCommit(ctx, canary.deploymentId).catch((err) =>
      log.warning(`Could not read the canary's commit: ${errorMessage(err)}`)
    )
  }
}
