import type { RunContext, MetricDataRead } from '../ports.js'
import {
  analysisWindow,
  chartPoints,
  startMinuteIsOwn,
  judgeSettings,
  verdictLines,
  type AnalysisReport
} from './window.js'
import { inferStageIncludesCanary } from './judge.js'
import { pct } from '../core/stage.js'
import { errorMessage } from '../errors.js'
import type { AnalysisAction } from '../core/response.js'
import { traitsOf } from '../commands/catalog.js'
import { bakeStep, minimumBakeMs, type BakePolicy } from './bake-policy.js'
import { blastRadius, type RungCounts } from './blast-radius.js'
import { judgeRung, type RungInput, type RungVerdict } from './rung-judge.js'
import { rungInput, thresholdsBefore } from './rung-input.js'

/** What a bake does after a poll's analysis (answered by bakeNext in core/response.ts). */
export type { AnalysisAction }

export interface AnalysisHook {
  /** Called by the bake after each poll; `final` once the bake's time is up. */
  poll(now: number, final: boolean): Promise<AnalysisAction | undefined>
  /** With `advance-on-evidence`, the longest the bake may last (max-bake-time). */
  maxBakeMs: number | undefined
}

/** Minutes of stable data before the bake read for the latency thresholds. */
const THRESHOLD_MINUTES = 5
const MINUTE = 60_000

const sum = (s: ReadonlyArray<{ value: number }>) => s.reduce((a, p) => a + p.value, 0)

/** What the analysis keeps across the bakes of one step: the judge's e-processes run over all of them. */
interface StepState {
  /** Earlier bakes' judged minutes, pooled with the current bake's. */
  earlier: RungInput[]
  current: RungInput | undefined
  /** Latency thresholds (stable p50, p90, p99 before the first bake) and the first minute they apply to. */
  thresholds?: { values: number[]; from: number }
  blast: RungCounts[]
  /** Rungs the step walks (1 for deploy and shift). */
  stepRungs: number
}

const states = new WeakMap<RunContext, StepState>()

/** The step's bakes as one input; only the first bake's prior stable minutes (later ones are judged minutes already). */
function concat(parts: readonly RungInput[]): RungInput {
  const first = parts[0]?.stablePrior
  const out: RungInput = { minutes: [], kpis: [], ...(first ? { stablePrior: first } : {}) }
  for (const p of parts) {
    out.minutes.push(...p.minutes)
    if (p.tail) {
      out.tail ??= { thresholds: p.tail.thresholds, minutes: [] }
      out.tail.minutes.push(...p.tail.minutes)
      if (p.tail.lowExact === false) out.tail.lowExact = false
    }
    ;(p.kpis ?? []).forEach((k, i) => {
      const into = out.kpis![i]
      if (into) into.minutes.push(...k.minutes)
      else out.kpis!.push({ ...k, minutes: [...k.minutes] })
    })
  }
  return out
}

function rungCounts(percent: number, r: RungInput): RungCounts {
  const t = (f: (m: RungInput['minutes'][number]) => number) =>
    r.minutes.reduce((s, m) => s + f(m), 0)
  return {
    percent,
    canaryRequests: t((m) => m.canary.requests),
    canary5xx: t((m) => m.canary.errors5xx),
    stableRequests: t((m) => m.stable.requests),
    stable5xx: t((m) => m.stable.errors5xx)
  }
}

/**
 * The canary analysis of one bake (analysis: report or gate): the metrics read
 * at most once a minute and once at the end, judged over the step's whole
 * minutes with anytime-valid tests (src/analysis/), the verdict logged and
 * kept with the blast radius in the run state (`ctx.run.analysis`, which the
 * command copies into the report however the bake ends: recordRun). With
 * `gate`, a failing verdict is returned for the bake to answer like an alarm
 * (bakeNext, respond); with `advance-on-evidence`, the bake ends once every
 * gating metric is shown within its allowance (never before the alarms'
 * minimum bake); an inconclusive end follows `on-inconclusive`. Undefined
 * when the analysis is off or there is nothing to judge.
 */
export function startAnalysis(
  ctx: RunContext,
  percent: number,
  bakeStart: number,
  durationMs: number
): AnalysisHook | undefined {
  const { cfg, log, report, run } = ctx
  if (cfg.analysisMode === 'off' || !ctx.readMetricData || percent <= 0 || report.dryRun) return
  const mode = cfg.analysisMode
  const read = ctx.readMetricData
  let state = states.get(ctx)
  // The step's first bake judges the minute it started in when the step created the canary.
  const startMinute = !state && startMinuteIsOwn(run.before, bakeStart)
  if (!state) {
    // A ramp walks the rungs from this one up; deploy and shift bake once.
    const stepRungs = traitsOf(report.command).walksLadder
      ? cfg.steps.filter((s) => s >= percent - 1e-9).length
      : 1
    state = { earlier: [], current: undefined, blast: [], stepRungs: Math.max(1, stepRungs) }
    states.set(ctx, state)
  } else if (state.current) {
    state.earlier.push(state.current)
    state.current = undefined
  }
  const st = state
  const blastIndex = st.blast.length
  const settings = judgeSettings(cfg, cfg.steps.length, st.stepRungs)
  const evidenceMode = mode === 'gate' && cfg.advanceOnEvidence
  const maxBakeMs = cfg.maxBakeTimeMs ?? 2 * durationMs
  const minBakeMs = minimumBakeMs(ctx.run.alarms ?? [])
  const policy: BakePolicy = {
    mode,
    advanceOnEvidence: evidenceMode,
    bakeMs: durationMs,
    maxBakeMs,
    minBakeMs,
    onInconclusive: cfg.onInconclusive
  }
  const bake = { percent, reads: 0, calls: 0, billedMetrics: 0 }
  /** The end of the last window read: a new read waits for a new complete minute. */
  let lastEnd = -Infinity
  let lastVerdict: RungVerdict | undefined
  let extensions = 0
  let judgedFinal = false

  const judge = async (now: number): Promise<RungVerdict | undefined> => {
    const window = analysisWindow(bakeStart, now, startMinute)
    if (!window) return undefined
    // The read reaches back before the bake for the stable side's latency thresholds.
    const readStart = new Date(window.start.getTime() - THRESHOLD_MINUTES * MINUTE)
    const tail = st.thresholds
      ? { thresholds: st.thresholds.values, allowancePercent: cfg.maxLatencyIncrease }
      : undefined
    let m: MetricDataRead
    try {
      m = await read(
        {
          window: { start: readStart, end: window.end },
          kpis: cfg.analysisMetrics,
          ...(tail ? { tail } : {})
        },
        ctx.signal
      )
    } catch (err) {
      if (ctx.signal.aborted) throw ctx.signal.reason
      log.warning(`Canary analysis: the metrics could not be read: ${errorMessage(err)}`)
      return undefined
    }
    bake.reads++
    bake.calls += m.calls
    bake.billedMetrics += m.billedMetrics
    const span = { start: window.start.getTime(), end: window.end.getTime() }
    const inBake = (s: ReadonlyArray<{ time: number; value: number }>) =>
      s.filter((p) => p.time >= span.start && p.time < span.end)
    // The chart shows the bake's minutes only (the read reaches back for the thresholds).
    const bakeSide = (side: MetricDataRead['stable']) => ({
      count: inBake(side.count),
      errors5xx: inBake(side.errors5xx),
      latencyP99: inBake(side.latencyP99)
    })
    const includes =
      inferStageIncludesCanary(sum(inBake(m.stable.count)), sum(inBake(m.canary.count)), percent) ??
      false
    const current = rungInput(m, span, includes)
    if (current.tail && st.thresholds) {
      const from = st.thresholds.from
      current.tail.minutes = current.tail.minutes.filter((x) => x.time >= from)
    }
    st.current = current
    if (!st.thresholds) {
      // Thresholds from the stable minutes before the bake, else (a new stage) from those read so far.
      const before = thresholdsBefore(m, span.start)
      const values = before ?? thresholdsBefore(m, span.end)
      if (values) st.thresholds = { values, from: before ? span.start : span.end }
    }
    const verdict = judgeRung(concat([...st.earlier, current]), settings)
    st.blast[blastIndex] = rungCounts(percent, current)
    const bakes = (run.analysis?.bakes ?? []).filter((b) => b !== bake)
    const previous: AnalysisReport | undefined = run.analysis
    run.analysis = {
      mode,
      outcome: verdict.outcome,
      decision: undefined,
      verdict,
      window: { start: window.start.toISOString(), end: window.end.toISOString() },
      apiName: m.apiName,
      canaryStage: m.canaryStage,
      percent,
      confidence: settings.confidence,
      advanceOnEvidence: evidenceMode,
      blastRadius: blastRadius(st.blast, 1 - settings.confidence / 100, cfg.steps.length),
      bakes: [...bakes, bake],
      billedMetrics: (previous?.billedMetrics ?? 0) + m.billedMetrics,
      chart: chartPoints(bakeSide(m.stable), bakeSide(m.canary))
    }
    for (const line of verdictLines(verdict, window, m.canaryStage)) log.info(line)
    return verdict
  }

  const evidenceShown = (v: RungVerdict | undefined) => !!v && (v.evidence || !v.baseline)

  return {
    maxBakeMs: evidenceMode ? maxBakeMs : undefined,
    async poll(now, final) {
      if (judgedFinal) return undefined
      const elapsed = now - bakeStart
      // Evidence already shown: the bake ends once the alarms have had their minimum bake.
      if (evidenceMode && evidenceShown(lastVerdict) && elapsed >= minBakeMs && !final) {
        run.analysis!.decision = 'pass'
        return { action: 'done' }
      }
      // At most once a minute: when a new minute is complete and published, and at the end.
      const end = analysisWindow(bakeStart, now, startMinute)?.end.getTime() ?? -Infinity
      if (!final && end <= lastEnd) return undefined
      // The end's verdict: the last one when no minute was published since (no second read of the same window).
      const verdict = end > lastEnd || !lastVerdict ? await judge(now) : lastVerdict
      lastEnd = Math.max(lastEnd, end)
      lastVerdict = verdict
      if (final) judgedFinal = true
      if (mode === 'report') return undefined
      // The decision is bake-policy.ts's (the simulation runs the same): `final` is the bake's
      // own end (bake-time, or max-bake-time once extended or with advance-on-evidence).
      const extended = extensions > 0
      const endMs = evidenceMode || extended ? maxBakeMs : durationMs
      const at = final ? Math.max(elapsed, endMs) : Math.min(elapsed, endMs - 1)
      const step = bakeStep(policy, at, verdict, extended)
      const why = verdict?.why ?? 'no complete minute of metrics'
      switch (step.action) {
        case 'continue':
          return undefined
        case 'done':
          if (run.analysis) run.analysis.decision = 'pass'
          if (evidenceMode && step.why === 'time')
            log.warning(
              `Canary analysis: not every metric shown within its allowance at max-bake-time (${pct(percent)}); on-inconclusive: pass advances on time.`
            )
          return { action: 'done' }
        case 'extend': {
          extensions++
          judgedFinal = false
          if (run.analysis) run.analysis.decision = 'extend'
          const until = bakeStart + step.untilMs
          log.info(
            `Canary analysis inconclusive (${verdict?.why ?? 'no complete minute of metrics yet'}): baking on, judging every minute, until ${new Date(until).toISOString()} (max-bake-time).`
          )
          return { action: 'extend', until }
        }
        case 'fail':
          if (run.analysis) run.analysis.decision = 'fail'
          return {
            action: 'fail',
            reason:
              step.why === 'worse'
                ? `canary analysis failed at ${pct(percent)}: ${why}`
                : evidenceMode
                  ? `canary analysis inconclusive at max-bake-time (${pct(percent)}, advance-on-evidence): ${verdict ? 'not every metric shown within its allowance' : why}`
                  : extended || cfg.onInconclusive === 'extend'
                    ? `canary analysis still inconclusive at max-bake-time (${pct(percent)}): ${why}`
                    : `canary analysis inconclusive at ${pct(percent)} (on-inconclusive: fail): ${why}`
          }
      }
    }
  }
}
