/**
 * The anytime-valid canary judge for one rung: every gating metric turned
 * into counts per minute (5XX, 4XX, requests slower than thresholds taken
 * from the stable side before the rung, KPI events) and tested with
 * count-test.ts at the α that alpha.ts gives it. Pure: minutes in, verdict out.
 *
 * Per metric: `fail` when the canary is shown worse than stable beyond the
 * allowance, `pass` when it is shown within it (the evidence the
 * evidence-based ramp waits for), else `inconclusive` (neither yet).
 */
import { alphaPlan } from './alpha.js'
import { countTest, countTotals, type CountMinute, type CountTestResult } from './count-test.js'
import { tailShape, withinIndices } from './latency-thresholds.js'
import { tailLogE, type TailCounts } from './tail-test.js'
import type { KpiUnit } from './units.js'

/** One side's API Gateway counts in a minute (the stable side's: stable-only). */
export interface SideCounts {
  requests: number
  errors5xx: number
  errors4xx: number
}

export interface RungMinute {
  time: number
  canary: SideCounts
  stable: SideCounts
}

/**
 * Latency as counts: per threshold T (the stable side's p50, p90, p99 before
 * the rung), per minute, how many requests were slower than
 * - `canaryAbove`: T × (1 + allowance) on the canary, `stableAbove`: T on the stable side (the worse test);
 * - `canaryAboveT`: T on the canary, `stableAboveLow`: T / (1 + allowance) on the stable side (the not-worse test).
 */
export interface TailMinute {
  time: number
  canaryRequests: number
  stableRequests: number
  canaryAbove: number[]
  stableAbove: number[]
  canaryAboveT: number[]
  stableAboveLow: number[]
}

/** A KPI as counts: events per unit of exposure (requests for Sum, samples for Average). */
export interface KpiCounts {
  name: string
  /** The unit the KPI declared (None when it declared none): the summary shows its values in it. */
  unit: KpiUnit
  /** Sum KPIs are events per request; Average KPIs events per sample. */
  per: 'request' | 'sample'
  direction: 'higher-is-worse' | 'lower-is-worse'
  /** Allowed change in the worse direction, percent of the stable side's rate (default 10). */
  maxChangePercent: number
  minutes: CountMinute[]
}

export interface RungInput {
  minutes: RungMinute[]
  /** The stable side's counts in the minutes before the first judged one (see count-test.ts). */
  stablePrior?: SideCounts
  /**
   * Absent until thresholds are known. `lowExact` false: the stable counts above T / (1 + allowance)
   * still include the canary's requests (the stage's metric includes the canary's, and the canary's
   * count at that bound is not read), so the tail test leaves those points out.
   */
  tail?: { thresholds: number[]; minutes: TailMinute[]; lowExact?: boolean }
  kpis?: KpiCounts[]
}

export interface RungSettings {
  max5xxIncrease: number
  max4xxIncrease: number
  maxLatencyIncrease: number
  /** The release's confidence, percent. */
  confidence: number
  /** Rungs of the release's ladder: the α is spread over them. */
  rungs: number
  /**
   * Rungs this step walks (default 1). The minutes judged are the step's,
   * pooled over its rungs: one e-process per metric for the step, at the
   * α of all its rungs together.
   */
  stepRungs?: number
  /** Fewer canary requests than this: the verdict is inconclusive unless a metric fails. */
  minCanaryRequests: number
}

export type Outcome = 'pass' | 'fail' | 'inconclusive'

/**
 * How a metric's figures read: an error rate as a fraction, Latency as the
 * share of requests above the thresholds, a KPI in the unit it declared, per
 * request (Sum) or per sample (Average). Never guessed from the metric's name.
 */
export type ShownAs = 'ratio' | 'slow-share' | { unit: KpiUnit; per: 'request' | 'sample' }

export interface RungMetric {
  metric: string
  shownAs: ShownAs
  outcome: Outcome
  /** Rates as fractions; for Latency the canary's share of requests above the stable p99 × (1 + allowance), the stable side's above its p99. */
  stable?: number
  canary?: number
  difference?: number
  /** The "worse" e-value and its α: fail when eValue ≥ 1/alpha. */
  eValue: number
  alpha: number
  /** The "not worse" e-value: pass when it reaches 1/(evidence α). */
  eNotWorse: number
  /** min(1, 1/E): an anytime-valid p-value. */
  pValue: number
  /** (1 − pValue) in percent. */
  confidence: number
  why: string
}

export interface RungVerdict {
  outcome: Outcome
  /** Every gating metric shown within its allowance at the release's confidence. */
  evidence: boolean
  /** False when the stable side served no request (the canary at 100 %): nothing to compare, the alarms alone gate. */
  baseline: boolean
  metrics: RungMetric[]
  canaryRequests: number
  minutes: number
  why: string
}

const pct = (r: number) => `${(r * 100).toFixed(2)}%`
const fmtE = (e: number) => (e >= 1e6 ? e.toExponential(1) : e >= 100 ? e.toFixed(0) : e.toFixed(2))

function metricOf(
  metric: string,
  shownAs: ShownAs,
  r: Pick<CountTestResult, 'logE' | 'logENotWorse' | 'worse' | 'notWorse'>,
  alpha: number,
  figures: { stable?: number; canary?: number },
  head: string,
  allowance: string
): RungMetric {
  const eValue = Math.exp(r.logE)
  const pValue = Math.min(1, 1 / eValue)
  const outcome: Outcome = r.worse ? 'fail' : r.notWorse ? 'pass' : 'inconclusive'
  const verdict = r.worse
    ? `worse beyond ${allowance}`
    : r.notWorse
      ? `within ${allowance}`
      : `not shown worse beyond ${allowance}, nor within it yet`
  return {
    metric,
    shownAs,
    outcome,
    ...figures,
    ...(figures.stable !== undefined && figures.canary !== undefined
      ? { difference: figures.canary - figures.stable }
      : {}),
    eValue,
    alpha,
    eNotWorse: Math.exp(r.logENotWorse),
    pValue,
    confidence: (1 - pValue) * 100,
    why: `${head}: ${verdict} (worse: e=${fmtE(eValue)} of ${fmtE(1 / alpha)}; within: e=${fmtE(Math.exp(r.logENotWorse))})`
  }
}

const rateOf = (events: number, requests: number) => (requests > 0 ? events / requests : undefined)

function rateMetric(
  metric: string,
  input: RungInput,
  pick: (s: SideCounts) => number,
  points: number,
  alpha: number,
  evidenceAlpha: number
): RungMetric {
  const minutes = input.minutes
  const prior = input.stablePrior
  const series: CountMinute[] = minutes.map((m) => ({
    time: m.time,
    canaryRequests: m.canary.requests,
    stableRequests: m.stable.requests,
    canaryEvents: pick(m.canary),
    stableEvents: pick(m.stable)
  }))
  const r = countTest(series, {
    allowance: { kind: 'points', points },
    direction: 'higher-is-worse',
    alpha,
    evidenceAlpha,
    ...(prior ? { stablePrior: { events: pick(prior), requests: prior.requests } } : {})
  })
  const c = rateOf(r.canaryEvents, r.canaryRequests)
  const s = rateOf(r.stableEvents, r.stableRequests)
  const head = `canary ${c === undefined ? '—' : pct(c)} (${r.canaryEvents}/${r.canaryRequests}) vs stable ${s === undefined ? '—' : pct(s)} (${r.stableEvents}/${r.stableRequests})`
  return metricOf(
    metric,
    'ratio',
    r,
    alpha,
    { ...(s !== undefined ? { stable: s } : {}), ...(c !== undefined ? { canary: c } : {}) },
    head,
    `${points} points`
  )
}

/**
 * The tail test's points x and, per minute, the canary's requests above (1 + a)x and the stable
 * side's above x: every threshold T (canary above T(1 + a), stable above T) and, from the "within"
 * reads, T / (1 + a) (canary above T, stable above T / (1 + a)), ascending, each x once.
 */
export function tailPoints(
  tail: NonNullable<RungInput['tail']>,
  allowancePercent: number
): { xs: number[]; minutes: TailCounts[] } {
  const f = 1 + allowancePercent / 100
  const points = tail.thresholds.flatMap((t, i) => [
    { x: t, i, low: false },
    ...(f > 1 && tail.lowExact !== false ? [{ x: t / f, i, low: true }] : [])
  ])
  points.sort((p, q) => p.x - q.x)
  const kept = points.filter((p, j) => j === 0 || p.x > points[j - 1]!.x)
  return {
    xs: kept.map((p) => p.x),
    minutes: tail.minutes.map((m) => ({
      canaryRequests: m.canaryRequests,
      stableRequests: m.stableRequests,
      canaryAbove: kept.map((p) => (p.low ? m.canaryAboveT : m.canaryAbove)[p.i] ?? 0),
      stableAbove: kept.map((p) => (p.low ? m.stableAboveLow : m.stableAbove)[p.i] ?? 0)
    }))
  }
}

function latencyMetric(
  tail: NonNullable<RungInput['tail']>,
  allowancePercent: number,
  alpha: number,
  evidenceAlpha: number
): RungMetric {
  const k = tail.thresholds.length
  const per = (i: number, worse: boolean): CountMinute[] => {
    // The "within" test's focus: an equal canary's requests above T over the stable side's above
    // T / (1 + a) is the stable side's own ratio of the two, estimated from the minutes before.
    let above = 0
    let aboveLow = 0
    return tail.minutes.map((m) => {
      const focusRatio = (above + 0.5) / (aboveLow + 1)
      above += m.stableAbove[i] ?? 0
      aboveLow += m.stableAboveLow[i] ?? 0
      return {
        time: m.time,
        canaryRequests: m.canaryRequests,
        stableRequests: m.stableRequests,
        canaryEvents: (worse ? m.canaryAbove : m.canaryAboveT)[i] ?? 0,
        stableEvents: (worse ? m.stableAbove : m.stableAboveLow)[i] ?? 0,
        ...(worse ? {} : { focusRatio })
      }
    })
  }
  const settings = {
    allowance: { kind: 'ratio' as const, ratio: 1 },
    direction: 'higher-is-worse' as const,
    alpha,
    evidenceAlpha
  }
  // "Worse": the tail test over every point at once (tail-test.ts).
  const shape = tailShape(tail.thresholds)
  const points = tailPoints(tail, allowancePercent)
  const logE = k && shape ? tailLogE(points.minutes, points.xs, allowancePercent, shape) : 0
  // "Within" at the percentiles the thresholds come from (p50, p90, p99): beyond p99 a canary at
  // 5 % has a request above the threshold every few minutes, too few to show anything within a bake.
  const better = withinIndices(k).map((i) => countTest(per(i, false), settings))
  // The figures shown: the stable p99's counts (canary above it × (1 + a), stable above it).
  const worseCounts = (i: number) => countTotals(per(i, true), true)
  const shownAt = withinIndices(k).at(-1)
  const top = shownAt === undefined ? undefined : worseCounts(shownAt)
  const c = top ? rateOf(top.canaryEvents, top.canaryRequests) : undefined
  const s = top ? rateOf(top.stableEvents, top.stableRequests) : undefined
  const shown = withinIndices(k)
    .map((i) => {
      const t = tail.thresholds[i]!
      const w = worseCounts(i)
      return `>${Math.round(t * (1 + allowancePercent / 100))} ms ${w.canaryEvents}/${w.canaryRequests} vs >${Math.round(t)} ms ${w.stableEvents}/${w.stableRequests}`
    })
    .join('; ')
  return metricOf(
    'Latency',
    'slow-share',
    {
      logE,
      logENotWorse: k ? Math.min(...better.map((b) => b.logENotWorse)) : 0,
      worse: k > 0 && logE >= Math.log(1 / alpha),
      notWorse: k > 0 && better.every((b) => b.notWorse)
    },
    alpha,
    { ...(s !== undefined ? { stable: s } : {}), ...(c !== undefined ? { canary: c } : {}) },
    k
      ? `slower than the stable side's p50, p90, p99 (tested at ${points.xs.length} points to beyond p99.9), canary vs stable: ${shown}`
      : 'no thresholds yet',
    `${allowancePercent}%`
  )
}

function kpiMetric(k: KpiCounts, alpha: number, evidenceAlpha: number): RungMetric {
  const higher = k.direction === 'higher-is-worse'
  const ratio = higher ? 1 + k.maxChangePercent / 100 : Math.max(0, 1 - k.maxChangePercent / 100)
  const r = countTest(k.minutes, {
    allowance: { kind: 'ratio', ratio },
    direction: k.direction,
    alpha,
    evidenceAlpha
  })
  // The KPI's values as read, not the whole numbers the test counts.
  const sum = (f: (m: CountMinute) => number) => k.minutes.reduce((a, m) => a + f(m), 0)
  const c = rateOf(
    sum((m) => m.canaryValue ?? m.canaryEvents),
    r.canaryRequests
  )
  const s = rateOf(
    sum((m) => m.stableValue ?? m.stableEvents),
    r.stableRequests
  )
  const f = (v: number | undefined) => (v === undefined ? '—' : v.toPrecision(3))
  return metricOf(
    k.name,
    { unit: k.unit, per: k.per },
    r,
    alpha,
    { ...(s !== undefined ? { stable: s } : {}), ...(c !== undefined ? { canary: c } : {}) },
    `per ${k.per}: canary ${f(c)} vs stable ${f(s)}${higher ? '' : ' (lower is worse)'}`,
    `${k.maxChangePercent}%`
  )
}

/** Pure: the rung's verdict on its minutes so far. */
export function judgeRung(input: RungInput, settings: RungSettings): RungVerdict {
  const kpis = input.kpis ?? []
  const plan = alphaPlan(
    settings.confidence,
    settings.rungs / Math.max(1, Math.min(settings.rungs, settings.stepRungs ?? 1)),
    kpis.map((k) => k.name)
  )
  const evidenceAlpha = plan.release
  const a = (name: string) => plan.perMetric.get(name)!
  const metrics: RungMetric[] = [
    rateMetric(
      '5XX rate',
      input,
      (s) => s.errors5xx,
      settings.max5xxIncrease,
      a('5XX rate'),
      evidenceAlpha
    ),
    rateMetric(
      '4XX rate',
      input,
      (s) => s.errors4xx,
      settings.max4xxIncrease,
      a('4XX rate'),
      evidenceAlpha
    ),
    latencyMetric(
      input.tail ?? { thresholds: [], minutes: [] },
      settings.maxLatencyIncrease,
      a('Latency'),
      evidenceAlpha
    ),
    ...kpis.map((k) => kpiMetric(k, a(k.name), evidenceAlpha))
  ]
  const canaryRequests = input.minutes.reduce((s, m) => s + m.canary.requests, 0)
  const minutes = input.minutes.filter((m) => m.canary.requests > 0).length
  const failed = metrics.filter((m) => m.outcome === 'fail')
  const evidence = metrics.every((m) => m.outcome === 'pass')
  const baseline = input.minutes.some((m) => m.stable.requests > 0)
  const enough = canaryRequests >= settings.minCanaryRequests
  const outcome: Outcome = failed.length ? 'fail' : enough || evidence ? 'pass' : 'inconclusive'
  const why = failed.length
    ? `worse: ${failed.map((m) => m.metric).join(', ')}`
    : evidence
      ? `every metric shown within its allowance at ${settings.confidence}% confidence`
      : enough
        ? `no metric shown worse at ${settings.confidence}% confidence (release-wide)`
        : `${canaryRequests} canary requests, ${settings.minCanaryRequests} needed`
  return { outcome, evidence, baseline, metrics, canaryRequests, minutes, why }
}
