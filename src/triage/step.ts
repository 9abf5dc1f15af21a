import type { RunContext } from '../ports.js'
import { CancelledError, errorMessage } from '../errors.js'
import { triageLine, triageWindow } from './decide.js'
import { ROLLBACK_TRIAGE, cancelTriageBudget, type TriageTime } from './budget.js'

/** Whether triage is wanted at all: after a rollback that took effect, not in a dry run. */
function wanted(ctx: RunContext): boolean {
  const { report, cfg } = ctx
  return (
    ctx.readTriage !== undefined &&
    cfg.triageEnabled &&
    !report.dryRun &&
    report.outcome === 'rolled-back'
  )
}

/**
 * The reads, within `time`, into the report and one log line. `stop` ends
 * them (and any StopQuery) at once. Never throws.
 */
async function readInto(ctx: RunContext, time: TriageTime, stop: AbortSignal): Promise<void> {
  const { report, cfg, log } = ctx
  const firstBake = report.timeline.find((e) => e.event === 'bake-start')?.time
  const deadline = AbortSignal.any([AbortSignal.timeout(time.readMs), stop])
  try {
    report.triage = await ctx.readTriage!(
      {
        restApiId: cfg.restApiId,
        stage: cfg.stage,
        window: triageWindow(firstBake, ctx.clock.now()),
        ...(report.analysis ? { apiName: report.analysis.apiName } : {})
      },
      deadline,
      { withinMs: time.stopQueryMs, unless: stop }
    )
    log.info(triageLine(report.triage))
  } catch (err) {
    log.info(`Triage of the canary: not done (${errorMessage(err)}).`)
  }
}

/**
 * After a rollback, once traffic is back on the stable deployment: what the
 * canary answered during the bake (docs/triage.md), into the report (summary
 * and `report` output) and one log line. Never throws, never changes the
 * step's result. Not after a cancel: that is triageAfterCancel's, once the
 * outputs are written.
 */
export async function runTriage(ctx: RunContext): Promise<void> {
  if (!wanted(ctx) || ctx.signal.aborted) return
  await readInto(ctx, ROLLBACK_TRIAGE, ctx.signal)
}

/** Rejects as soon as `signal` aborts. */
const untilAborted = (signal: AbortSignal) =>
  new Promise<never>((_, reject) => {
    if (signal.aborted) reject(signal.reason as Error)
    signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true })
  })

/**
 * After the runner's cancel, once the rollback call has returned and the
 * outputs and summary are written: triage in what is left of the grace
 * (budget.ts), over 5 s after SIGINT. The runner's second signal ends it at
 * once. Returns whether the report now holds triage, for the caller to write
 * the outputs and summary again. Never throws.
 */
export async function triageAfterCancel(ctx: RunContext): Promise<boolean> {
  const cancel = ctx.signal.reason
  if (!wanted(ctx) || !(cancel instanceof CancelledError)) return false
  const { log } = ctx
  const budget = cancelTriageBudget(cancel.by, performance.now() - cancel.at)
  if ('skip' in budget) {
    log.info(`Triage of the canary: skipped after the cancel (${budget.skip}).`)
    return false
  }
  const stop = ctx.terminate ?? new AbortController().signal
  const before = ctx.report.triage
  try {
    await Promise.race([readInto(ctx, budget, stop), untilAborted(stop)])
    return ctx.report.triage !== before
  } catch (err) {
    ctx.report.triage = before
    log.info(
      `Triage of the canary: stopped (${errorMessage(err)}); the outputs and summary stand as written before it.`
    )
    return false
  }
}
