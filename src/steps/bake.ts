import type { RunContext } from '../ports.js'
import { mark } from './timeline.js'
import { formatDuration } from '../core/duration.js'
import { describeBlocking } from '../core/gate.js'
import { errorMessage } from '../errors.js'
import { noteAlarms } from './alarm-gate.js'
import { pct } from '../core/stage.js'
import { startAnalysis } from '../analysis/step-analysis.js'

export interface BakeResult {
  verdict: 'clean' | 'alarm' | 'unhealthy' | 'analysis'
  /** Why the bake stopped early; empty when clean. */
  reason: string
  polls: number
}

/** Whole seconds for poll lines (timer jitter would otherwise print 999ms). */
const seconds = (ms: number) =>
  formatDuration(Math.max(0, Math.round(ms / 1000)) * 1000).replace(/^0ms$/, '0s')

/** Consecutive failed alarm reads that count as an unhealthy canary (fail closed). */
export const MAX_READ_FAILURES = 3

/** What watches a bake without alarms, for its first log line ('' with alarms). */
function watchedBy(ctx: RunContext, analysing: boolean): string {
  if (ctx.readAlarms) return ''
  if (!analysing) return ' (no alarms configured: nothing is watched)'
  return ctx.cfg.analysisMode === 'gate'
    ? ' (no alarms configured: only the canary analysis watches, and gates)'
    : ' (no alarms configured: the canary analysis only reports; nothing gates)'
}

/**
 * Watches the alarms for `durationMs` at `percent` canary traffic: a read at
 * the start, then every poll interval on a fixed schedule (so a slow read does
 * not push the next one back), and a last one when the time is up. Stops at
 * the first gating alarm, or after three failed reads in a row. A bake is clean
 * only if its last read succeeded: when the time is up on a failed read it
 * reads on. Cancellation (ctx.signal) interrupts the wait at once.
 */
export async function bake(
  ctx: RunContext,
  durationMs: number,
  percent: number
): Promise<BakeResult> {
  const { clock, cfg, log } = ctx
  const interval = cfg.pollIntervalMs
  const start = clock.now()
  const analysis = startAnalysis(ctx, percent, start, durationMs)
  // advance-on-evidence: the analysis ends the bake on evidence; max-bake-time bounds it.
  let deadline = start + (analysis?.maxBakeMs ?? durationMs)
  let failures = 0
  let lastReadOk = false
  let overtime = false
  mark(ctx, 'bake-start', `bake ${formatDuration(durationMs)} at ${pct(percent)}`, percent)
  log.info(
    (analysis?.maxBakeMs !== undefined
      ? `Baking at ${pct(percent)} until the analysis shows the canary within every allowance (at most ${formatDuration(analysis.maxBakeMs)}), polling every ${formatDuration(interval)}`
      : `Baking ${formatDuration(durationMs)} at ${pct(percent)}, polling every ${formatDuration(interval)}`) +
      watchedBy(ctx, analysis !== undefined)
  )
  for (let poll = 1; ; poll++) {
    const now = clock.now()
    const head = `[poll ${poll}] ${seconds(now - start)} elapsed, ${seconds(deadline - now)} left, canary ${pct(percent)}`
    if (ctx.readAlarms) {
      try {
        const verdict = noteAlarms(ctx, await ctx.readAlarms(ctx.signal))
        failures = 0
        lastReadOk = true
        const states = (ctx.report.alarms ?? []).map((a) => `${a.name}=${a.state}`).join(' ')
        log.info(`${head}: ${states}`)
        if (!verdict.pass) {
          const reason = `alarm during bake at ${pct(percent)}: ${describeBlocking(verdict.blocking)}`
          mark(ctx, 'alarm', reason, percent)
          return { verdict: 'alarm', reason, polls: poll }
        }
      } catch (err) {
        if (ctx.signal.aborted) throw ctx.signal.reason
        failures++
        lastReadOk = false
        log.warning(
          `${head}: alarm read failed (${failures}/${MAX_READ_FAILURES}): ${errorMessage(err)}`
        )
        if (failures >= MAX_READ_FAILURES) {
          const reason = `unhealthy: the alarms could not be read ${MAX_READ_FAILURES} times in a row (${errorMessage(err)})`
          mark(ctx, 'unhealthy', reason, percent)
          return { verdict: 'unhealthy', reason, polls: poll }
        }
      }
    } else {
      log.info(head)
    }
    // The canary analysis (analysis/step-analysis.ts): a failing verdict under `gate` is answered like an alarm.
    const judged = await analysis?.poll(clock.now(), clock.now() >= deadline)
    if (judged?.action === 'fail') {
      mark(ctx, 'alarm', judged.reason, percent)
      return { verdict: 'analysis', reason: judged.reason, polls: poll }
    }
    if (judged?.action === 'extend') deadline = judged.until
    const after = clock.now()
    if (after >= deadline || judged?.action === 'done') {
      // Clean means the alarms were read at the end. If the last read failed,
      // read on (fail closed) until one succeeds or MAX_READ_FAILURES fail in a row.
      if (!ctx.readAlarms || lastReadOk) {
        mark(
          ctx,
          'bake-clean',
          `baked ${formatDuration(durationMs)} at ${pct(percent)} with no alarm`,
          percent
        )
        return { verdict: 'clean', reason: '', polls: poll }
      }
      if (!overtime) {
        overtime = true
        log.warning(
          `The bake's time is up but its last alarm read failed: reading on every ${formatDuration(interval)} until one succeeds or ${MAX_READ_FAILURES} fail in a row.`
        )
      }
    }
    // Next slot on the fixed schedule; slots a slow read overran are skipped, not bunched.
    const nextSlot = start + (Math.floor((after - start) / interval) + 1) * interval
    const nextAt = after < deadline ? Math.min(nextSlot, deadline) : nextSlot
    await ctx.sleep(Math.max(0, nextAt - after), ctx.signal)
  }
}
