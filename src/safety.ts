import type { RunContext } from './context.js'
import { mark } from './context.js'
import { CancelledError, ConflictError, errorMessage, GateError } from './errors.js'
import { setTrafficOps } from './patch.js'
import { pct, trafficOf } from './stage.js'

/** The runner sends SIGTERM 7.5 s after SIGINT and kills 2.5 s later: the cancel rollback must land well inside. */
export const CANCEL_ROLLBACK_BUDGET_MS = 6_000

/** Pure: what a failed step must do to canary traffic so it ends no higher than it started. */
export function recoveryTarget(
  err: unknown,
  start: number,
  now: number,
  opts: { rollbackOnCancel: boolean; onAlarm: 'rollback' | 'fail'; rolledBack: boolean }
): { percent: number; why: 'cancel' | 'restore' } | undefined {
  if (now <= start || opts.rolledBack) return undefined
  if (err instanceof CancelledError)
    return opts.rollbackOnCancel ? { percent: 0, why: 'cancel' } : undefined
  // Another run owns the stage now; an alarm under on-alarm: fail leaves traffic as it is, by the user's choice.
  if (err instanceof ConflictError) return undefined
  if (err instanceof GateError && opts.onAlarm === 'fail') return undefined
  return { percent: start, why: 'restore' }
}

/**
 * After a failure: re-read the stage (a call that failed without an answer may
 * have applied) and bring canary traffic back to where the step found it, or
 * to 0 % on cancel. Never throws; says what it did.
 */
export async function recover(ctx: RunContext, err: unknown): Promise<void> {
  const { report, log, cfg } = ctx
  if (cfg.dryRun || report.before === undefined) return
  const start = trafficOf(report.before)
  const budget = AbortSignal.timeout(CANCEL_ROLLBACK_BUDGET_MS)
  try {
    if (report.changes.length > 0) report.after = await ctx.api.getStage({ abortSignal: budget })
    const now = trafficOf(report.after)
    const target = recoveryTarget(err, start, now, {
      rollbackOnCancel: cfg.rollbackOnCancel,
      onAlarm: cfg.onAlarm,
      rolledBack: report.outcome === 'rolled-back'
    })
    if (err instanceof CancelledError) {
      mark(ctx, 'cancel', err.message, now)
      if (!target && now > start)
        log.warning(`rollback-on-cancel is false: canary traffic left at ${pct(now)}.`)
    }
    if (!target) return
    if (report.after?.canary === undefined) return
    await log.group(
      target.why === 'cancel' ? 'Rollback on cancel' : 'Restore traffic',
      async () => {
        report.after = await ctx.api.updateStage(setTrafficOps(target.percent), {
          abortSignal: budget
        })
        if (target.why === 'cancel') report.outcome = 'rolled-back'
        const detail =
          target.why === 'cancel'
            ? `cancelled: canary ${pct(now)} → ${pct(target.percent)}`
            : `failed step: canary traffic restored ${pct(now)} → ${pct(target.percent)}, where the step started`
        mark(ctx, target.why === 'cancel' ? 'rollback' : 'restore', detail, target.percent)
        log.info(detail)
      }
    )
  } catch (e) {
    log.error(
      `Could not bring canary traffic back to ${pct(start)} after the failure: ${errorMessage(e)}. Run the rollback command now.`,
      'Canary traffic not restored'
    )
  }
}
