import { jobLengthWarning, shiftTarget } from '../core/plan.js'
import { canaryCommit, recorded } from './recorded.js'
import { bake } from '../steps/bake.js'
import type { RunContext } from '../ports.js'
import { pct } from '../core/stage.js'
import { respondToBake } from './respond.js'
import { checkNoConflict, setTraffic } from '../steps/traffic.js'
import { gate, readAlarmsForReport } from '../steps/alarm-gate.js'
import { loadStage, requireCanary, requireOwnCanary } from '../steps/load-stage.js'

/**
 * Sets canary traffic. An increase needs this release's canary and is gated on
 * the alarms; a decrease never is (lowering any canary is the safe direction).
 */
export async function shift(ctx: RunContext): Promise<void> {
  await recorded(ctx, () => shiftSteps(ctx))
}

async function shiftSteps(ctx: RunContext): Promise<void> {
  const { cfg, log } = ctx
  // As ramp does: said at the start, before a job limit cuts the bake short.
  const tooLong = jobLengthWarning([1], cfg.bakeTimeMs, 'single-bake')
  if (tooLong) log.warning(tooLong, 'Bake longer than a job')
  const state = await log.group('Read stage', () => loadStage(ctx))
  const canary = requireCanary(ctx, state)
  const from = canary.percent
  const to = shiftTarget(cfg.percent!, from, cfg.steps)

  if (Math.abs(to - from) < 1e-9) {
    log.info(`Canary ${canary.deploymentId} is already at ${pct(to)}: nothing to change.`)
    await readAlarmsForReport(ctx)
  } else {
    await log.group(`Shift ${pct(from)} → ${pct(to)}`, async () => {
      if (to > from) {
        requireOwnCanary(ctx, canary, await canaryCommit(ctx, canary.deploymentId))
        await gate(ctx, `the increase to ${pct(to)}`)
      } else log.info('A decrease is never gated.')
      await setTraffic(ctx, to, 'shift', to > from ? 'traffic increased' : 'traffic decreased')
    })
    // After the change, for the report: the alarms' state beside the new traffic.
    if (to < from) await readAlarmsForReport(ctx)
  }
  if (cfg.bakeTimeMs > 0 && !cfg.dryRun) {
    const result = await log.group(`Bake at ${pct(to)}`, () => bake(ctx, cfg.bakeTimeMs, to))
    await respondToBake(ctx, result)
    // Nobody changed the canary while this step watched it (and the outputs tell the truth).
    await checkNoConflict(ctx, { deploymentId: canary.deploymentId, percent: to })
  }
}
