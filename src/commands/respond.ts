/**
 * The commands' side of a response to an alarm, an unhealthy canary or a
 * failing analysis: decided in src/core/response.ts, carried out by
 * src/steps/response.ts, written into the report here, and the step fails.
 */
import type { RunContext } from '../ports.js'
import type { Response } from '../core/response.js'
import { GateError } from '../errors.js'
import type { BakeResult } from '../steps/bake.js'
import { gateWithResponse, respond } from '../steps/response.js'

/**
 * Carries out `response` and fails the step. The abort reason is in the report
 * before the rollback goes out (a rollback that fails still says why it was
 * tried), then as the rollback left it (whose canary it stopped).
 */
export async function answer(ctx: RunContext, response: Response): Promise<never> {
  ctx.report.abortReason = response.reason
  ctx.report.abortReason = await respond(ctx, response)
  throw new GateError(response.reason)
}

/** A bake's end: nothing when clean, else its response, carried out. */
export async function respondToBake(ctx: RunContext, result: BakeResult): Promise<void> {
  if (result.response) await answer(ctx, result.response)
}

/**
 * The gate before a traffic increase or a promotion (gateWithResponse): a
 * refusal on traffic this step already raised gets the alarm response; any
 * other refusal only stops the step.
 */
export async function gateOnRaisedTraffic(ctx: RunContext, what: string): Promise<void> {
  const response = await gateWithResponse(ctx, what)
  if (response) await answer(ctx, response)
}
