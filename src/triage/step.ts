import type { RunContext } from '../ports.js'
import { errorMessage } from '../errors.js'
import { triageLine, triageWindow } from './decide.js'

/** Every triage read together gets this long; a query still running then is stopped. */
export const TRIAGE_BUDGET_MS = 10_000

/**
 * After a rollback, once traffic is back on the stable deployment: what the
 * canary answered during the bake (docs/triage.md), into the report (summary
 * and `report` output) and one log line. Never throws, never changes the
 * step's result; not after a cancel (the runner's grace is for the rollback).
 */
export async function runTriage(ctx: RunContext): Promise<void> {
  const { report, cfg, log } = ctx
  const read = ctx.readTriage
  if (!read || !cfg.triageEnabled || report.dryRun || report.outcome !== 'rolled-back') return
  if (ctx.signal.aborted) return
  const firstBake = report.timeline.find((e) => e.event === 'bake-start')?.time
  const deadline = AbortSignal.any([AbortSignal.timeout(TRIAGE_BUDGET_MS), ctx.signal])
  try {
    report.triage = await read(
      {
        restApiId: cfg.restApiId,
        stage: cfg.stage,
        window: triageWindow(firstBake, ctx.clock.now()),
        ...(report.analysis ? { apiName: report.analysis.apiName } : {})
      },
      deadline
    )
    log.info(triageLine(report.triage))
  } catch (err) {
    log.info(`Triage of the canary: not done (${errorMessage(err)}).`)
  }
}
