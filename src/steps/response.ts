/**
 * The one step that carries out a response decided in src/core/response.ts:
 * an alarm, an unhealthy canary or a failing analysis on traffic this step
 * raised, and recovery's rollback after a cancel or a failed alarm rollback.
 */
import type { RunContext, CallOptions } from '../ports.js'
import { setTrafficOps } from '../core/patch.js'
import { pct, trafficOf, type StageState } from '../core/stage.js'
import { GateError } from '../errors.js'
import { alarmResponse, type Response } from '../core/response.js'
import { gate } from './alarm-gate.js'
import { mark } from './timeline.js'

/**
 * The one call that takes canary traffic to 0 %: an UpdateStage with no read
 * first (0 % is the safe direction for any canary, and an alarm must stop the
 * canary within one poll interval plus one call). Used by `respond` below and
 * by recovery (after a cancel, or an alarm whose rollback failed).
 */
export async function zeroCanary(
  ctx: RunContext,
  detail: (from: number) => string,
  opts?: CallOptions
): Promise<StageState> {
  const from = trafficOf(ctx.run.stage)
  const after = await ctx.api.updateStage(setTrafficOps(0), { ...opts, urgent: true })
  ctx.run.stage = after
  ctx.run.rolledBack = true
  mark(ctx, 'rollback', detail(from), 0)
  return after
}

/**
 * Carries out the response to an alarm (or an unhealthy canary, or a failing
 * analysis) on traffic this step raised, wherever it is found: during a bake,
 * at the next rung's gate of a ramp, at the gate of a promotion that follows a
 * ramp. `roll-back`: the canary goes to 0 %; `fail`: it stays as it is.
 * Returns the abort reason as the report shows it: the response's reason, and,
 * when the canary set to 0 % was another run's, whose. The command writes the
 * reason before this runs and what this returns after, then fails the step
 * (src/commands/respond.ts).
 */
export async function respond(ctx: RunContext, response: Response): Promise<string> {
  const { trigger: verdict, reason } = response
  let abortReason = reason
  if (response.next === 'roll-back') {
    await ctx.log.group('Rollback', async () => {
      const mine = ctx.run.stage?.canary?.deploymentId
      const after = await zeroCanary(ctx, (from) => `rolled back (${verdict}) (${pct(from)} → 0%)`)
      const rolled = after.canary?.deploymentId
      ctx.run.drivenCanaryId = rolled
      if (mine !== undefined && rolled !== undefined && rolled !== mine) {
        // Another run (or a person) replaced the canary during the bake: the alarm stopped theirs too.
        const note = `the canary set to 0 % was deployment ${rolled}, which replaced this step's ${mine} during the bake (another run or a person; use a concurrency group per stage)`
        abortReason = `${reason}; ${note}`
        ctx.log.warning(`Rolled back: ${note}.`, 'Canary replaced during the bake')
      }
      ctx.log.info(`Canary traffic is 0%; the stable deployment serves everything.`)
    })
  } else {
    ctx.log.warning(`on-alarm is 'fail': canary traffic left at ${pct(trafficOf(ctx.run.stage))}.`)
  }
  return abortReason
}

/**
 * The gate before a traffic increase or a promotion. Refused on traffic this
 * step already raised (a ramp's next rung, the promotion after a ramp), it is
 * an alarm on that traffic: returns the alarm response, for the command to
 * carry out (src/commands/respond.ts). Otherwise a refusal only stops the step
 * (throws); undefined when the gate lets the change through.
 */
export async function gateWithResponse(
  ctx: RunContext,
  what: string
): Promise<Response | undefined> {
  try {
    await gate(ctx, what)
  } catch (err) {
    const raised = trafficOf(ctx.run.stage) > trafficOf(ctx.run.before)
    if (err instanceof GateError && raised)
      return alarmResponse('alarm', err.message, ctx.cfg.onAlarm)
    throw err
  }
  return undefined
}
