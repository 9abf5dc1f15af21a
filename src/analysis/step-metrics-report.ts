import { compareMetrics, type StageMetrics } from './metric-verdicts.js'
import type { RunContext } from '../ports.js'
import { errorMessage } from '../errors.js'
import type { Report } from '../core/report.js'
import { traitsOf, type Command } from '../commands/catalog.js'

const isEmpty = (m: StageMetrics) => Object.values(m).every((v) => v === undefined)

/** How far back `status` looks when comparing the two sides. */
export const STATUS_WINDOW_MS = 15 * 60 * 1000
const READ_BUDGET_MS = 5_000

/** Pure: the window to compare over: the step's bakes, or for status the last 15 minutes; none otherwise. */
export function comparisonWindow(
  command: Command,
  timeline: { time: string; event: string }[],
  now: number
): { start: Date; end: Date } | undefined {
  if (traitsOf(command).metrics === 'during')
    return { start: new Date(now - STATUS_WINDOW_MS), end: new Date(now) }
  const firstBake = timeline.find((e) => e.event === 'bake-start')
  return firstBake ? { start: new Date(firstBake.time), end: new Date(now) } : undefined
}

/**
 * Puts the canary beside the stable side (requests, error rates, latency), for
 * steps that baked and for status: logs it and returns it for the report.
 * Informational: it never fails the step, and a missing permission or metric
 * is a warning.
 */
export async function compareStageMetrics(ctx: RunContext): Promise<Report['metrics']> {
  const { report, log } = ctx
  const hadCanary = report.before?.canary ?? report.after?.canary
  const window = comparisonWindow(report.command, report.timeline, ctx.clock.now())
  // The canary analysis's verdict (step-analysis.ts) replaces this comparison when it ran.
  if (!ctx.readMetrics || !hadCanary || !window || report.dryRun || report.analysis) return
  try {
    // A cancel cuts the reads short: the runner's grace is for the rollback.
    const m = await ctx.readMetrics(
      window,
      AbortSignal.any([ctx.signal, AbortSignal.timeout(READ_BUDGET_MS)])
    )
    const rows = compareMetrics(m.stable, m.canary)
    const metrics = {
      start: window.start.toISOString(),
      end: window.end.toISOString(),
      ...m,
      rows
    }
    const head = `Canary vs stable (${m.apiName}, Stage=${m.canaryStage} vs ${report.stage})`
    if (isEmpty(m.stable) && isEmpty(m.canary)) {
      // One line, not a row of dashes: no request reached either side in the window yet.
      log.info(
        `${head}: no data yet (API Gateway publishes a stage's metrics once requests reach it, about a minute later).`
      )
      return metrics
    }
    log.info(
      `${head}: ` +
        rows
          .map(
            (r) =>
              `${r.metric} ${r.canary} vs ${r.stable}${r.verdict === 'worse' ? ' (worse)' : ''}`
          )
          .join('; ')
    )
    if (m.canaryStageSource === 'default' && m.canary.requests === undefined) {
      log.info(
        `No canary metrics found under Stage=${m.canaryStage}; set canary-metrics-stage if your account names them differently.`
      )
    }
    return metrics
  } catch (err) {
    if (ctx.signal.aborted) return
    log.warning(
      `Could not compare canary and stable metrics: ${errorMessage(err)}`,
      'Metrics comparison skipped'
    )
  }
}
