import type { RunContext } from '../ports.js'
import { mark } from './timeline.js'
import { formatDuration } from '../core/duration.js'
import { describeBlocking } from '../core/gate.js'
import { errorMessage } from '../errors.js'
import { noteAlarms } from './alarm-gate.js'
import { pct } from '../core/stage.js'
import { startAnalysis } from '../analysis/step-analysis.js'
import {
  alarmsStop,
  bakeNext,
  MAX_READ_FAILURES,
  type AlarmPoll,
  type Response,
  type Trigger
} from '../core/response.js'

export interface BakeResult {
  verdict: 'clean' | Trigger
  /** Why the bake stopped early; empty when clean. */
  reason: string
  polls: number
  /** What to do about it (core/response.ts bakeNext); absent when clean. */
  response?: Response
}

/** Whole seconds for poll lines (timer jitter would otherwise print 999ms). */
const seconds = (ms: number) =>
  formatDuration(Math.max(0, Math.round(ms / 1000)) * 1000).replace(/^0ms$/, '0s')

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
 * not push the next one back), and a last one when the time is up. After each
 * poll, bakeNext (core/response.ts) says what happens next: it stops at the
 * first gating alarm, after three failed reads in a row, or on a failing
 * canary analysis; a bake is clean only if its last read succeeded (when the
 * time is up on a failed read it reads on). Cancellation (ctx.signal)
 * interrupts the wait at once. The caller carries out the response
 * (respondToBake).
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
    let alarms: AlarmPoll | undefined
    if (ctx.readAlarms) {
      try {
        const verdict = noteAlarms(ctx, await ctx.readAlarms(ctx.signal))
        failures = 0
        lastReadOk = true
        const states = (ctx.report.alarms ?? []).map((a) => `${a.name}=${a.state}`).join(' ')
        log.info(`${head}: ${states}`)
        alarms = verdict.pass
          ? { kind: 'ok' }
          : {
              kind: 'alarm',
              reason: `alarm during bake at ${pct(percent)}: ${describeBlocking(verdict.blocking)}`
            }
      } catch (err) {
        if (ctx.signal.aborted) throw ctx.signal.reason
        failures++
        lastReadOk = false
        log.warning(
          `${head}: alarm read failed (${failures}/${MAX_READ_FAILURES}): ${errorMessage(err)}`
        )
        alarms = { kind: 'read-failed', failures, reason: errorMessage(err) }
      }
    } else {
      log.info(head)
    }
    // The canary analysis (analysis/step-analysis.ts), asked unless the alarms already stopped the bake.
    const judged = alarmsStop(alarms)
      ? undefined
      : await analysis?.poll(clock.now(), clock.now() >= deadline)
    const after = clock.now()
    const next = bakeNext(
      { alarms, lastReadOk: !ctx.readAlarms || lastReadOk, judged, now: after, deadline },
      cfg.onAlarm
    )
    if ('trigger' in next) {
      mark(ctx, next.trigger === 'unhealthy' ? 'unhealthy' : 'alarm', next.reason, percent)
      return { verdict: next.trigger, reason: next.reason, polls: poll, response: next }
    }
    if (next.next === 'end') {
      mark(
        ctx,
        'bake-clean',
        `baked ${formatDuration(durationMs)} at ${pct(percent)} with no alarm`,
        percent
      )
      return { verdict: 'clean', reason: '', polls: poll }
    }
    deadline = next.next === 'extend' ? next.until : next.deadline
    if (next.next === 'continue' && next.overtime && !overtime) {
      // Clean means the alarms were read at the end: read on (fail closed).
      overtime = true
      log.warning(
        `The bake's time is up but its last alarm read failed: reading on every ${formatDuration(interval)} until one succeeds or ${MAX_READ_FAILURES} fail in a row.`
      )
    }
    // Next slot on the fixed schedule; slots a slow read overran are skipped, not bunched.
    const nextSlot = start + (Math.floor((after - start) / interval) + 1) * interval
    const nextAt = after < deadline ? Math.min(nextSlot, deadline) : nextSlot
    await ctx.sleep(Math.max(0, nextAt - after), ctx.signal)
  }
}
