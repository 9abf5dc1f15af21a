import type { RunContext, NewCanary } from '../ports.js'
import { attachCanaryOps } from '../core/patch.js'
import { pct } from '../core/stage.js'
import { formatDuration } from '../core/duration.js'
import { ConflictError, errorMessage, StateError } from '../errors.js'
import { describeCanary, loadStage } from './load-stage.js'

/** CreateDeployment's account quota: one request every 5 s, shared by every deploy in the account and region. */
export const CREATE_THROTTLE_WAIT_MS = 5_000
/**
 * How long deploy keeps trying a throttled CreateDeployment: room for about
 * 60 deploys queued in one account at once. A throttled call created nothing,
 * so waiting longer never risks a second deployment.
 */
export const CREATE_QUOTA_BUDGET_MS = 5 * 60_000

/**
 * The wait after a throttled CreateDeployment: 1-5 s at random. Waiting the
 * quota's whole 5 s makes parallel deploys throttled together retry together
 * and collide again; random waits spread them so the next free slot goes to
 * whoever asks first.
 */
export function quotaWaitMs(random: () => number = Math.random): number {
  return Math.round(1_000 + random() * 4_000)
}

function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode
}

/** Throttled: the request was refused, so nothing was created and it can be sent again. */
export function isThrottle(err: unknown): boolean {
  const name = (err as Error)?.name
  return (
    name === 'TooManyRequestsException' ||
    name === 'LimitExceededException' ||
    statusOf(err) === 429
  )
}

/**
 * Ambiguous: no answer, or a server-side failure; the deployment may or may
 * not exist. Any other 4xx is a definite refusal.
 */
export function isAmbiguous(err: unknown): boolean {
  const status = statusOf(err)
  return status === undefined || status >= 500
}

/**
 * Creates the canary deployment without ever making two: CreateDeployment is
 * sent with one SDK attempt; a throttle waits and sends again; an ambiguous
 * failure re-reads the stage (and the deployments) before deciding, adopts a
 * deployment this step made whose answer was lost (the description carries
 * the step's id), and sends again only after a second look 5 s later.
 * `replacing` is the canary the step decided to replace, if any.
 */
export async function createCanary(
  ctx: RunContext,
  c: NewCanary,
  replacing: string | undefined
): Promise<string> {
  const { api, log, cfg } = ctx
  /** This step's deployment, attached as the canary or not; undefined when there is none. */
  const findMine = async (): Promise<string | undefined> => {
    const state = await loadStage(ctx)
    const other = state.canary
    if (other && (await api.deploymentDescription(other.deploymentId)) === c.description) {
      log.info(
        `The deployment was created: canary ${other.deploymentId} carries this step's description.`
      )
      return other.deploymentId
    }
    if (
      other &&
      other.deploymentId !== replacing &&
      other.percent > 0 &&
      cfg.ifCanaryExists === 'fail'
    ) {
      // Another run owns the stage now: a conflict, and nothing of it is touched.
      throw new ConflictError(
        `deploy refused: while this step's CreateDeployment went unanswered, another canary appeared: ${await describeCanary(ctx, other.deploymentId)} at ${pct(other.percent)}. It is left as it is; promote or roll it back, then re-run this job.`
      )
    }
    const orphan = await api.findDeployment(c.description)
    if (orphan) {
      log.info(`Deployment ${orphan} was created but not attached: attaching it as the canary.`)
      ctx.report.after = await api.updateStage(
        attachCanaryOps(orphan, c.percent, c.overrides, c.useStageCache)
      )
      return orphan
    }
    return undefined
  }
  let lastErr: unknown
  const throttledSince: { at?: number; times: number } = { times: 0 }
  for (let attempt = 1; attempt <= cfg.maxAttempts;) {
    // A cancelled step creates nothing more.
    if (ctx.signal.aborted) throw ctx.signal.reason
    ctx.report.createInFlight = true
    try {
      return await api.createCanaryDeployment(c)
    } catch (err) {
      // Cancelled while the call was out: recovery re-reads the stage and takes back what it made.
      if (ctx.signal.aborted) throw ctx.signal.reason
      lastErr = err
      // A throttle or another clear refusal: nothing was created.
      if (!isAmbiguous(err)) ctx.report.createInFlight = false
      if (isThrottle(err)) {
        // Throttles are waited out on a time budget, not counted as attempts.
        const now = ctx.clock.now()
        throttledSince.at ??= now
        throttledSince.times++
        const waited = now - throttledSince.at
        if (waited >= CREATE_QUOTA_BUDGET_MS) {
          throw new StateError(
            `CreateDeployment was throttled ${throttledSince.times} times over ${formatDuration(waited)} by the account's deployment quota (one CreateDeployment every 5 s per account and region, shared by every deploy there); nothing was created. Re-run this job once the other deploys are done; it will work.`
          )
        }
        const wait = quotaWaitMs()
        log.warning(
          `CreateDeployment throttled by the account's deployment quota (${throttledSince.times} so far${waited >= 1000 ? `, over ${formatDuration(waited)}` : ''}): ${errorMessage(err)}; trying again in ${formatDuration(wait)}`
        )
        await ctx.sleep(wait, ctx.signal)
        continue
      }
      attempt++
      if (!isAmbiguous(err)) throw err
      log.warning(
        `CreateDeployment failed without a clear answer (${errorMessage(err)}): re-reading the stage before deciding.`
      )
      const found = await findMine()
      if (found) return found
      // A creation still in progress shows up a moment later; the quota wants the pause anyway.
      log.info(
        `No deployment of this step yet: looking again in ${CREATE_THROTTLE_WAIT_MS / 1000}s.`
      )
      await ctx.sleep(CREATE_THROTTLE_WAIT_MS, ctx.signal)
      const late = await findMine()
      if (late) return late
      log.info('No deployment was created: sending CreateDeployment again.')
    }
  }
  throw lastErr
}
