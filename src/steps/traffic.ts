import type { RunContext } from '../ports.js'
import { removeCanaryOps, setTrafficOps } from '../core/patch.js'
import type { TimelineEvent } from '../core/report.js'
import { pct, trafficOf, type StageState } from '../core/stage.js'
import { ConflictError, errorMessage } from '../errors.js'
import { describeCanary } from './load-stage.js'
import { mark } from './timeline.js'

/** Sets canary traffic with one UpdateStage and records it on the timeline. */
export async function setTraffic(
  ctx: RunContext,
  percent: number,
  event: TimelineEvent,
  detail: string
): Promise<StageState> {
  // A cancelled run raises nothing more (a decrease still goes through).
  if (ctx.signal.aborted && percent > trafficOf(ctx.run.stage)) throw ctx.signal.reason
  const from = trafficOf(ctx.run.stage)
  // The canary is this step's from the moment the write goes out: if its answer
  // is lost after it applied, recovery must still know to take the traffic back.
  const aimedAt = ctx.run.stage?.canary?.deploymentId
  if (aimedAt !== undefined) ctx.run.drivenCanaryId = aimedAt
  const state = await ctx.api.updateStage(setTrafficOps(percent))
  ctx.run.stage = state
  const hit = state.canary?.deploymentId
  if (aimedAt !== undefined && hit !== undefined && hit !== aimedAt && percent > from) {
    // API Gateway has no conditional write: another run replaced the canary between
    // this step's read and its write, and the raise landed on theirs. Put it back.
    await undoRaiseOnReplacedCanary(ctx, { aimedAt, hit, from, percent })
  }
  ctx.run.drivenCanaryId = hit
  mark(ctx, event, `${detail} (${pct(from)} → ${pct(trafficOf(state))})`, trafficOf(state))
  return state
}

async function undoRaiseOnReplacedCanary(
  ctx: RunContext,
  w: { aimedAt: string; hit: string; from: number; percent: number }
): Promise<never> {
  ctx.run.drivenCanaryId = undefined
  let undone = ''
  try {
    // Lowering traffic is a rollback: fresh connection and short per-attempt deadline, as zeroCanary's.
    ctx.run.stage = await ctx.api.updateStage(setTrafficOps(w.from), { urgent: true })
    undone = `; its traffic was set back to ${pct(w.from)}, where this step found the stage`
  } catch (err) {
    undone = `; setting it back to ${pct(w.from)} failed (${errorMessage(err)}): check the stage and run rollback`
  }
  const other = await describeCanary(ctx, w.hit)
  const reason = `conflict: ${other} replaced this step's canary ${w.aimedAt} just before the increase to ${pct(w.percent)} reached it${undone}. This run changes nothing more; use a workflow concurrency group per stage.`
  mark(ctx, 'conflict', reason, trafficOf(ctx.run.stage))
  throw new ConflictError(reason)
}

/**
 * Removes the canary settings. If the call fails, the stage is read again: a
 * retried removal whose first answer was lost finds nothing left to remove,
 * and that is the outcome wanted.
 */
export async function removeCanarySettings(ctx: RunContext): Promise<StageState> {
  try {
    ctx.run.stage = await ctx.api.updateStage(removeCanaryOps())
  } catch (err) {
    const state = await ctx.api.getStage()
    if (state.canary || state.leftover) throw err
    ctx.log.info(
      `The canary settings are gone (${errorMessage(err)} came after they were removed).`
    )
    ctx.run.stage = state
  }
  return ctx.run.stage
}

/**
 * Before a traffic change in a run that already changed it: the canary must
 * still be the one this run is driving, at the traffic it set. Otherwise
 * another run (or a person) changed it, and this run stops without touching it.
 */
export async function checkNoConflict(
  ctx: RunContext,
  expected: { deploymentId: string; percent: number }
): Promise<StageState> {
  const state = await ctx.api.getStage()
  ctx.run.stage = state
  const c = state.canary
  if (
    !c ||
    c.deploymentId !== expected.deploymentId ||
    Math.abs(c.percent - expected.percent) > 1e-9
  ) {
    const found = c ? `deployment ${c.deploymentId} at ${pct(c.percent)}` : 'no canary'
    const reason = `conflict: expected canary deployment ${expected.deploymentId} at ${pct(expected.percent)} but found ${found}; another run or a person changed the stage. This run changes nothing more; use a workflow concurrency group per stage.`
    mark(ctx, 'conflict', reason, trafficOf(state))
    throw new ConflictError(reason)
  }
  return state
}
