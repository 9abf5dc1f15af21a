import { jobLengthWarning } from '../core/plan.js'
import { canaryCommit, recorded } from './recorded.js'
import { bake } from '../steps/bake.js'
import type { RunContext } from '../ports.js'
import { formatDuration } from '../core/duration.js'
import { rungsAbove } from '../core/ladder.js'
import { pct } from '../core/stage.js'
import { promote } from './promote.js'
import { respondToBake, gateOnRaisedTraffic } from './respond.js'
import { checkNoConflict, setTraffic } from '../steps/traffic.js'
import { loadStage, requireCanary, requireOwnCanary } from '../steps/load-stage.js'

/**
 * From the current traffic, every rung of `steps` above it: gate, shift, bake.
 * The stage is the state, so a re-run resumes at the next rung. The last poll
 * of a bake is the gate of the next rung; before every change after the first,
 * the canary must still be the one this run set (else: conflict, hands off).
 */
export async function ramp(ctx: RunContext): Promise<void> {
  await recorded(ctx, () => rampSteps(ctx))
}

async function rampSteps(ctx: RunContext): Promise<void> {
  const { cfg, log } = ctx
  const state = await log.group('Read stage', () => loadStage(ctx))
  // No canary left but asked to promote: a re-run after the promotion began. promote finishes
  // an interrupted cleanup, or finds the commit already stable, or says there is nothing.
  if (!state.canary && cfg.promoteOnSuccess) return promote(ctx)
  let canary = requireCanary(ctx, state)
  const description = await canaryCommit(ctx, canary.deploymentId)
  const rungs = rungsAbove(cfg.steps, canary.percent)
  if (rungs.length > 0 || cfg.promoteOnSuccess) requireOwnCanary(ctx, canary, description)
  log.info(
    `${cfg.dryRun ? '[dry-run] ' : ''}Canary ${canary.deploymentId} at ${pct(canary.percent)}; rungs ${cfg.dryRun ? 'it would walk' : 'to walk'}: ${rungs.length ? rungs.map(pct).join(' → ') : 'none (at the top)'}` +
      `; bake ${formatDuration(cfg.bakeTimeMs)} each${cfg.promoteOnSuccess ? `; then ${cfg.dryRun ? 'it would ' : ''}promote` : ''}.`
  )
  const tooLong = jobLengthWarning(rungs, cfg.bakeTimeMs)
  if (tooLong) log.warning(tooLong, 'Ramp longer than a job')

  let gatedByLastPoll = false
  for (const [i, rung] of rungs.entries()) {
    await log.group(
      `Rung ${i + 1}/${rungs.length}: ${pct(canary.percent)} → ${pct(rung)}`,
      async () => {
        if (i > 0) canary = requireCanary(ctx, await checkNoConflict(ctx, canary))
        if (!gatedByLastPoll) await gateOnRaisedTraffic(ctx, `the increase to ${pct(rung)}`)
        const after = await setTraffic(ctx, rung, 'shift', `rung ${i + 1}/${rungs.length}`)
        canary = requireCanary(ctx, after)
      }
    )
    if (cfg.dryRun) continue
    const result = await log.group(`Bake at ${pct(rung)}`, () => bake(ctx, cfg.bakeTimeMs, rung))
    await respondToBake(ctx, result)
    // A clean bake's last poll read the alarms at its end (bake() reads on past
    // the deadline until a read succeeds): that read gates the next rung.
    gatedByLastPoll = ctx.readAlarms !== undefined
  }

  // The stage after the last bake: still this run's canary, at the traffic it set.
  if (rungs.length > 0 && !cfg.dryRun) await checkNoConflict(ctx, canary)
  if (cfg.promoteOnSuccess) {
    await promote(ctx)
  } else if (rungs.length === 0) {
    log.info(
      `Nothing to ramp: the canary is at the top of steps. Promote it (command: promote, or promote-on-success: true).`
    )
  }
}
