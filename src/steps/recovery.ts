import { recoveryTarget } from '../core/response.js'
import type { RunContext } from '../ports.js'
import { zeroCanary } from './response.js'
import { mark } from './timeline.js'
import { CancelledError, errorMessage } from '../errors.js'
import { setTrafficOps } from '../core/patch.js'
import { pct, trafficOf } from '../core/stage.js'

/** The runner sends SIGTERM 7.5 s after SIGINT and kills 2.5 s later: the cancel rollback must land well inside. */
const CANCEL_ROLLBACK_BUDGET_MS = 6_000
/** How long a traffic write in flight at the cancel may still take before it is abandoned. */
export const CANCEL_WRITE_GRACE_MS = 2_000
/** Recovery after a cancel gets at least this long, however late it starts. */
const MIN_CANCEL_BUDGET_MS = 2_000
/** Other failures are not racing a kill: room for the SDK to retry a throttled call. */
const RESTORE_BUDGET_MS = 30_000
/** A cancelled CreateDeployment may still complete: how often and how long recovery looks for it. */
const LATE_CREATE_POLL_MS = 500
const LATE_CREATE_POLLS = 8

/** The description of the CreateDeployment this step sent, if it sent one. */
function sentDescription(ctx: RunContext): string | undefined {
  const sent = ctx.run.changes.find((c) => c.operation === 'CreateDeployment')
  return sent?.operation === 'CreateDeployment' ? sent.input.description : undefined
}

/**
 * Whether the canary is the one this step raised: the one whose traffic it set,
 * or the one it created (a lost CreateDeployment answer is recognised by this
 * step's description). Recovery never touches another run's canary.
 */
async function isThisSteps(
  ctx: RunContext,
  deploymentId: string,
  signal: AbortSignal
): Promise<boolean> {
  const { run } = ctx
  if (run.drivenCanaryId !== undefined) return run.drivenCanaryId === deploymentId
  const description = sentDescription(ctx)
  if (description === undefined) return false
  return (
    (await ctx.api.deploymentDescription(deploymentId, { abortSignal: signal })) === description
  )
}

/**
 * A cancel stops the wait for CreateDeployment, not AWS's work on it: a large
 * API can take seconds to deploy, and the new canary then appears on the
 * stage. Re-reads the stage for a few seconds of the cancel budget until the
 * canary is another deployment than the one the step found; one that carries
 * this step's description is then this step's (to roll back, and to report:
 * returned as `adopted`). If none shows up, says how to make sure.
 */
async function watchForLateCreate(
  ctx: RunContext,
  budget: AbortSignal
): Promise<Recovered | undefined> {
  const { run, log } = ctx
  const found = run.before?.canary?.deploymentId
  const landed = () => {
    const id = run.stage?.canary?.deploymentId
    return id !== undefined && id !== found ? id : undefined
  }
  const description = sentDescription(ctx)
  for (let i = 0; i < LATE_CREATE_POLLS && !landed(); i++) {
    if (i === 0) log.info('CreateDeployment was in flight at the cancel: watching for its canary.')
    await ctx.sleep(LATE_CREATE_POLL_MS, budget)
    run.stage = await ctx.api.getStage({ abortSignal: budget })
  }
  const id = landed()
  if (id === undefined) {
    log.error(
      `The cancelled CreateDeployment had not shown on the stage after ${(LATE_CREATE_POLLS * LATE_CREATE_POLL_MS) / 1000}s. If AWS completes it, deployment "${description ?? ''}" becomes the canary: check the stage and run the rollback command.`,
      'Cancelled deployment may still land'
    )
    return undefined
  }
  if (!(await isThisSteps(ctx, id, budget))) return undefined
  run.drivenCanaryId = id
  return { adopted: description }
}

/** What recovery found for the report: the canary a cancelled CreateDeployment left, adopted as this step's. */
export interface Recovered {
  /** Its deployment description (this step's). */
  adopted: string | undefined
}

/**
 * After a failure: re-read the stage (a call that failed without an answer may
 * have applied) and bring canary traffic back to where the step found it, or
 * to 0 % on cancel. Never throws; says what it did, and returns what the
 * report should show of it.
 */
export async function recover(ctx: RunContext, err: unknown): Promise<Recovered | undefined> {
  const { run, log, cfg } = ctx
  if (cfg.dryRun || run.before === undefined) return undefined
  let recovered: Recovered | undefined
  const start = trafficOf(run.before)
  // A cancel's budget counts from the signal: a write that was in flight has used some of it.
  const budget = AbortSignal.timeout(
    err instanceof CancelledError
      ? Math.round(
          Math.max(MIN_CANCEL_BUDGET_MS, CANCEL_ROLLBACK_BUDGET_MS - (performance.now() - err.at))
        )
      : RESTORE_BUDGET_MS
  )
  try {
    if (run.changes.length > 0) run.stage = await ctx.api.getStage({ abortSignal: budget })
    if (err instanceof CancelledError && run.createInFlight && cfg.rollbackOnCancel) {
      recovered = await watchForLateCreate(ctx, budget)
    }
    const now = trafficOf(run.stage)
    const target = recoveryTarget(err, start, now, {
      rollbackOnCancel: cfg.rollbackOnCancel,
      onAlarm: cfg.onAlarm,
      rolledBack: run.rolledBack,
      alarmed: run.timeline.some((e) => e.event === 'alarm' || e.event === 'unhealthy')
    })
    if (err instanceof CancelledError) {
      mark(ctx, 'cancel', err.message, now)
      if (!target && now > start)
        log.warning(`rollback-on-cancel is false: canary traffic left at ${pct(now)}.`)
    }
    if (!target) return recovered
    const canary = run.stage?.canary
    if (canary === undefined) return recovered
    if (!(await isThisSteps(ctx, canary.deploymentId, budget))) {
      log.warning(
        `The canary is now ${canary.deploymentId} at ${pct(now)}, which this step did not set: left as it is.`
      )
      return recovered
    }
    await log.group(target.why === 'restore' ? 'Restore traffic' : 'Rollback', async () => {
      if (target.why === 'restore') {
        const detail = `failed step: canary traffic restored ${pct(now)} → ${pct(target.percent)}, where the step started`
        run.stage = await ctx.api.updateStage(setTrafficOps(target.percent), {
          abortSignal: budget,
          urgent: true
        })
        mark(ctx, 'restore', detail, target.percent)
        log.info(detail)
        return
      }
      const why = target.why === 'cancel' ? 'cancelled' : 'alarm'
      await zeroCanary(ctx, (from) => `${why}: canary ${pct(from)} → 0%`, { abortSignal: budget })
      log.info(`${why}: canary ${pct(now)} → 0%`)
    })
  } catch (e) {
    log.error(
      `Could not bring canary traffic down after the failure: ${errorMessage(e)}. Run the rollback command now.`,
      'Canary traffic not restored'
    )
  }
  return recovered
}
