import type { RunContext } from '../ports.js'
import { CancelledError, errorMessage } from '../errors.js'
import { triageLine, triageWindow, type TriageReport } from './decide.js'
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
 * The reads, until `time.readMs` or `stop`, whichever first; a query still
 * running then is stopped within `time.stopQueryMs`, unless `unless` aborted.
 */
function read(
  ctx: RunContext,
  time: TriageTime,
  stop: AbortSignal,
  unless: AbortSignal | undefined
): Promise<TriageReport> {
  const { report, cfg } = ctx
  const firstBake = report.timeline.find((e) => e.event === 'bake-start')?.time
  return ctx.readTriage!(
    {
      restApiId: cfg.restApiId,
      stage: cfg.stage,
      window: triageWindow(firstBake, ctx.clock.now()),
      ...(report.analysis ? { apiName: report.analysis.apiName } : {})
    },
    AbortSignal.any([AbortSignal.timeout(time.readMs), stop]),
    { withinMs: time.stopQueryMs, ...(unless ? { unless } : {}) }
  )
}

/**
 * After a rollback, once traffic is back on the stable deployment: what the
 * canary answered during the bake (docs/triage.md), in one log line, and
 * returned for the report (summary and `report` output); undefined when not
 * wanted or not done. Never throws, never changes the step's result. A cancel
 * ends the reads (a query still running is stopped, unless the runner's
 * second signal came too); after a cancel it is triageAfterCancel's, once the
 * outputs are written.
 */
export async function runTriage(ctx: RunContext): Promise<TriageReport | undefined> {
  if (!wanted(ctx) || ctx.signal.aborted) return undefined
  try {
    const found = await read(ctx, ROLLBACK_TRIAGE, ctx.signal, ctx.terminate)
    ctx.log.info(triageLine(found))
    return found
  } catch (err) {
    ctx.log.info(`Triage of the canary: not done (${errorMessage(err)}).`)
    return undefined
  }
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
 * once, the report as it was. Returns what it found, for the caller to put in
 * the report and write the outputs and summary again; undefined when it found
 * nothing to add. Never throws.
 */
export async function triageAfterCancel(ctx: RunContext): Promise<TriageReport | undefined> {
  const cancel = ctx.signal.reason
  if (!wanted(ctx) || !(cancel instanceof CancelledError)) return undefined
  const { log } = ctx
  const budget = cancelTriageBudget(cancel.by, performance.now() - cancel.at)
  if ('skip' in budget) {
    log.info(`Triage of the canary: skipped after the cancel (${budget.skip}).`)
    return undefined
  }
  const stop = ctx.terminate ?? new AbortController().signal
  try {
    const found = await Promise.race([read(ctx, budget, stop, stop), untilAborted(stop)])
    log.info(triageLine(found))
    return found
  } catch (err) {
    log.info(
      stop.aborted
        ? `Triage of the canary: stopped (${errorMessage(stop.reason)}); the outputs and summary stand as written before it.`
        : `Triage of the canary: not done (${errorMessage(err)}).`
    )
    return undefined
  }
}
