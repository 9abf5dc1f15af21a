/**
 * Pure parts of the canary analysis during a bake: the window of complete,
 * published minutes to judge, the judge's settings from the inputs, what the
 * report keeps (verdict, per-minute chart points, GetMetricData metrics
 * billed), and the log lines. The judge itself is judge.ts.
 */
import type { Outcome, Series } from './judge.js'
import type { RungSettings, RungVerdict as Verdict } from './rung-judge.js'
import type { BlastRadius, RungBlastRadius } from './blast-radius.js'

/** A minute's datapoints are published about a minute after it ends (docs/canary-analysis.md). */
export const PUBLICATION_DELAY_MS = 60_000

const MINUTE = 60_000

/**
 * The minutes to judge at `now`: from the bake's first whole minute (the
 * minute the bake started in also carries traffic from before the change) to
 * the last one that is complete and published (`end` exclusive); with
 * `startMinute` (startMinuteIsOwn), from the minute the bake started in.
 * Undefined while there is none.
 */
export function analysisWindow(
  bakeStart: number,
  now: number,
  startMinute = false
): { start: Date; end: Date } | undefined {
  const start = (startMinute ? Math.floor : Math.ceil)(bakeStart / MINUTE) * MINUTE
  const end = Math.floor((now - PUBLICATION_DELAY_MS) / MINUTE) * MINUTE
  return end > start ? { start: new Date(start), end: new Date(end) } : undefined
}

/**
 * Pure: whether every canary request of the minute the step's first bake
 * starts in is this step's canary's, so that minute can be judged: the stage
 * as the step first read it had no canary (nor a promotion's leftover
 * settings) and had not changed since before that minute began (its
 * lastUpdatedDate, whole seconds, a second or more before). Nothing but the
 * step changed it since: any canary traffic in that minute is the canary the
 * step created, at the bake's percentage. A release right after another's
 * promotion in the same minute fails the test: that minute holds the other
 * canary's requests under the same dimension.
 */
export function startMinuteIsOwn(
  before: { canary: unknown; leftover: boolean; updatedAt?: number } | undefined,
  bakeStart: number
): boolean {
  const minute = Math.floor(bakeStart / MINUTE) * MINUTE
  return (
    before !== undefined &&
    !before.canary &&
    !before.leftover &&
    before.updatedAt !== undefined &&
    before.updatedAt + 1000 <= minute
  )
}

/** The judge's settings from the inputs; `rungs` the ladder's length, `stepRungs` the rungs this step walks. */
export function judgeSettings(
  cfg: {
    max5xxIncrease: number
    max4xxIncrease: number
    analysisConfidence: number
    maxLatencyIncrease: number
    minCanaryRequests: number
  },
  rungs: number,
  stepRungs: number
): RungSettings {
  return {
    max5xxIncrease: cfg.max5xxIncrease,
    max4xxIncrease: cfg.max4xxIncrease,
    confidence: cfg.analysisConfidence,
    maxLatencyIncrease: cfg.maxLatencyIncrease,
    minCanaryRequests: cfg.minCanaryRequests,
    rungs,
    stepRungs
  }
}

/** One minute of the chart: 5XX rates in percent, p99 latency in ms; absent = no data. */
export interface ChartPoint {
  time: number
  stable5xx?: number
  canary5xx?: number
  stableP99?: number
  canaryP99?: number
}

/** The metrics one bake's reads cost. */
export interface AnalysisBake {
  percent: number
  /** Reads (each one GetMetricData request, followed through its pages). */
  reads: number
  calls: number
  /** Metrics CloudWatch bills for the bake's reads (GetMetricData is billed per metric). */
  billedMetrics: number
}

/** What the analysis leaves in the report: the last verdict and what it cost. */
export interface AnalysisReport {
  mode: 'report' | 'gate'
  /** The last verdict's outcome; with `gate`, what the step did with it is `decision`. */
  outcome: Outcome
  decision: 'pass' | 'fail' | 'extend' | undefined
  verdict: Verdict
  window: { start: string; end: string }
  apiName: string
  canaryStage: string
  percent: number
  /** The release's confidence: P(false rollback anywhere in the release) ≤ 1 − confidence. */
  confidence: number
  /** Whether `advance-on-evidence` ended bakes on evidence. */
  advanceOnEvidence: boolean
  /** Requests and 5XX the canary served and the excess over the stable rate, per bake and in all. */
  blastRadius: { rungs: RungBlastRadius[]; release: BlastRadius }
  bakes: AnalysisBake[]
  /** Over the whole step. */
  billedMetrics: number
  chart: ChartPoint[]
}

/** The series a chart needs of one side. */
export interface ChartSide {
  count: Series
  errors5xx: Series
  latencyP99: Series
}

/** Pure: per-minute 5XX rate and p99 of both sides, for the summary's chart. */
export function chartPoints(stable: ChartSide, canary: ChartSide): ChartPoint[] {
  const points = new Map<number, ChartPoint>()
  const at = (t: number) => points.get(t) ?? points.set(t, { time: t }).get(t)!
  const rates = (side: ChartSide, key: 'stable5xx' | 'canary5xx') => {
    const errors = new Map(side.errors5xx.map((p) => [p.time, p.value]))
    for (const c of side.count)
      if (c.value > 0) at(c.time)[key] = ((errors.get(c.time) ?? 0) / c.value) * 100
  }
  rates(stable, 'stable5xx')
  rates(canary, 'canary5xx')
  for (const p of stable.latencyP99) at(p.time).stableP99 = p.value
  for (const p of canary.latencyP99) at(p.time).canaryP99 = p.value
  return [...points.values()].sort((a, b) => a.time - b.time)
}

const fmt = (m: Verdict['metrics'][number]) => `  ${m.metric}: ${m.outcome}: ${m.why}`

/** Pure: the judge's lines for the log. */
export function verdictLines(
  v: Verdict,
  window: { start: Date; end: Date },
  canaryStage: string
): string[] {
  const span = `${window.start.toISOString().slice(11, 16)}–${window.end.toISOString().slice(11, 16)} UTC`
  return [
    `Canary analysis (Stage=${canaryStage}, ${span}, ${v.minutes} minutes, ${v.canaryRequests} canary requests this step): ${v.outcome}${v.evidence ? ' (within every allowance)' : ''}: ${v.why}`,
    ...v.metrics.map(fmt)
  ]
}
