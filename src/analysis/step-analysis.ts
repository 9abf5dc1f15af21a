import type { RunContext, MetricDataRead } from '../ports.js'
import {
  analysisWindow,
  chartPoints,
  judgeSettings,
  verdictLines,
  type AnalysisReport
} from './window.js'
import { decide, inferStageIncludesCanary, judgeCanary, type Verdict } from './judge.js'
import { pct } from '../core/stage.js'
import { errorMessage } from '../errors.js'

/** What a bake does after a poll's analysis: fail like an alarm, bake on until `until`, or end clean now. */
export type AnalysisAction =
  { action: 'fail'; reason: string } | { action: 'extend'; until: number } | { action: 'done' }

export interface AnalysisHook {
  /** Called by the bake after each poll; `final` once the bake's time is up. */
  poll(now: number, final: boolean): Promise<AnalysisAction | undefined>
}

const sum = (s: ReadonlyArray<{ value: number }>) => s.reduce((a, p) => a + p.value, 0)

/**
 * The canary analysis of one bake (analysis: report or gate): the metrics read
 * at most once a minute and once at the end, judged over the bake's complete
 * minutes, the verdict logged and kept in the report. With `gate`, a failing
 * verdict is returned for the bake to answer like an alarm (actOnAlarm), and
 * an inconclusive one at the end follows `on-inconclusive`. Undefined when
 * the analysis is off or there is nothing to judge.
 */
export function startAnalysis(
  ctx: RunContext,
  percent: number,
  bakeStart: number,
  durationMs: number
): AnalysisHook | undefined {
  const { cfg, log, report } = ctx
  if (cfg.analysisMode === 'off' || !ctx.readMetricData || percent <= 0 || report.dryRun) return
  const mode = cfg.analysisMode
  const read = ctx.readMetricData
  const settings = judgeSettings(cfg)
  const bake = { percent, reads: 0, calls: 0, billedMetrics: 0 }
  /** The end of the last window read: a new read waits for a new complete minute. */
  let lastEnd = -Infinity
  let lastVerdict: Verdict | undefined
  let extensions = 0
  let judgedFinal = false

  const judge = async (now: number): Promise<Verdict | undefined> => {
    const window = analysisWindow(bakeStart, now)
    if (!window) return undefined
    let m: MetricDataRead
    try {
      m = await read({ window, kpis: cfg.analysisMetrics }, ctx.signal)
    } catch (err) {
      if (ctx.signal.aborted) throw ctx.signal.reason
      log.warning(`Canary analysis: the metrics could not be read: ${errorMessage(err)}`)
      return undefined
    }
    bake.reads++
    bake.calls += m.calls
    bake.billedMetrics += m.billedMetrics
    const includes =
      inferStageIncludesCanary(sum(m.stable.count), sum(m.canary.count), percent) ?? false
    const verdict = judgeCanary(
      { stable: m.stable, canary: m.canary, stageIncludesCanary: includes, kpis: m.kpis },
      settings
    )
    const bakes = (report.analysis?.bakes ?? []).filter((b) => b !== bake)
    const previous: AnalysisReport | undefined = report.analysis
    report.analysis = {
      mode,
      outcome: verdict.outcome,
      decision: undefined,
      verdict,
      window: { start: window.start.toISOString(), end: window.end.toISOString() },
      apiName: m.apiName,
      canaryStage: m.canaryStage,
      percent,
      confidence: settings.confidence,
      bakes: [...bakes, bake],
      billedMetrics: (previous?.billedMetrics ?? 0) + m.billedMetrics,
      chart: chartPoints(m.stable, m.canary)
    }
    for (const line of verdictLines(verdict, window, m.canaryStage)) log.info(line)
    return verdict
  }

  return {
    async poll(now, final) {
      if (judgedFinal) return undefined
      // At most once a minute: when a new minute is complete and published, and at the end.
      const end = analysisWindow(bakeStart, now)?.end.getTime() ?? -Infinity
      if (!final && end <= lastEnd) return undefined
      // The end's verdict: the last one when no minute was published since (no second read of the same window).
      const verdict = end > lastEnd || !lastVerdict ? await judge(now) : lastVerdict
      lastEnd = Math.max(lastEnd, end)
      lastVerdict = verdict
      if (final) judgedFinal = true
      if (mode === 'report') return undefined
      if (verdict?.outcome === 'fail') {
        report.analysis!.decision = 'fail'
        return {
          action: 'fail',
          reason: `canary analysis failed at ${pct(percent)}: ${verdict.why}`
        }
      }
      if (!final) {
        // Baking on after an inconclusive end: a pass ends the bake.
        if (extensions > 0 && verdict?.outcome === 'pass') {
          report.analysis!.decision = 'pass'
          return { action: 'done' }
        }
        return undefined
      }
      const outcome = verdict?.outcome ?? 'inconclusive'
      const d = decide({ outcome }, cfg.onInconclusive, extensions, 1)
      const until = bakeStart + (cfg.maxBakeTimeMs ?? 2 * durationMs)
      if (report.analysis) report.analysis.decision = d
      if (d === 'extend' && until > now) {
        extensions++
        judgedFinal = false
        log.info(
          `Canary analysis inconclusive (${verdict?.why ?? 'no complete minute of metrics yet'}): baking on, judging every minute, until ${new Date(until).toISOString()} (max-bake-time).`
        )
        return { action: 'extend', until }
      }
      if (d === 'pass') return undefined
      if (report.analysis) report.analysis.decision = 'fail'
      const why = verdict?.why ?? 'no complete minute of metrics'
      return {
        action: 'fail',
        reason:
          extensions > 0 || cfg.onInconclusive === 'extend'
            ? `canary analysis still inconclusive at max-bake-time (${pct(percent)}): ${why}`
            : `canary analysis inconclusive at ${pct(percent)} (on-inconclusive: fail): ${why}`
      }
    }
  }
}
