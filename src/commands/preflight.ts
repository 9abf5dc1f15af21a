import type { RunContext } from '../ports.js'
import { runPreflight } from '../preflight/step.js'
import { loadStage } from '../steps/load-stage.js'

/**
 * Checks that a canary release of the stage will work and be watched
 * (docs/preflight.md): reads only, one line per check, fails on any ❌.
 */
export async function preflight(ctx: RunContext): Promise<void> {
  // The outputs describe the stage as it is; a missing stage is the stage check's ❌.
  await loadStage(ctx).catch(() => undefined)
  const result = await runPreflight(ctx, 'fail')
  if (result) ctx.report.preflightChecks = result.checks
  if (result?.stop) throw result.stop
}
