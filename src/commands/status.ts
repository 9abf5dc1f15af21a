import type { RunContext } from '../ports.js'
import { compareStageMetrics } from '../analysis/step-metrics-report.js'
import { loadCanaryCommit, loadStage } from '../steps/load-stage.js'
import { readGate } from '../steps/alarm-gate.js'

/**
 * Read-only: the stage, the canary (and the commit it carries), the alarms,
 * and the canary's metrics beside the stable side's. After GetStage the other
 * reads do not depend on each other, so they go out together.
 */
export async function status(ctx: RunContext): Promise<void> {
  const { log, report } = ctx
  const state = await log.group('Read stage', () => loadStage(ctx))
  const [, verdict, metrics] = await Promise.all([
    state.canary ? loadCanaryCommit(ctx, state.canary.deploymentId) : undefined,
    readGate(ctx, false),
    compareStageMetrics(ctx)
  ])
  if (metrics) report.metrics = metrics
  if (state.canary) {
    log.info(
      `Canary ${state.canary.deploymentId} was deployed from ${report.canaryDescription ? `"${report.canaryDescription}"` : 'a deployment with no description'}.`
    )
  }
  if (verdict) {
    await log.group('Alarms', async () => {
      for (const a of report.alarms ?? [])
        log.info(`${a.name}: ${a.state}${a.reason ? ` (${a.reason})` : ''}`)
      log.info(`Worst state: ${verdict.worst}`)
    })
  }
}
