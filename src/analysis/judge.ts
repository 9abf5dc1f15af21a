/**
 * The canary judge: canary against stable over a bake window, metric by
 * metric, with a statistical test each, and an overall verdict. Pure: it takes
 * per-minute series (as GetMetricData answers them, see metric-queries.ts) and
 * settings, and returns what it decided and why. docs/canary-analysis.md
 * explains the tests, the defaults and how the stage's own metrics are used.
 */
import { mannWhitneyGreater, rateIncreaseTest } from './judge-stats.js'

/** One datapoint per minute: `time` is the minute's start (epoch ms). */
export type Series = ReadonlyArray<{ time: number; value: number }>

/** API Gateway's metrics for one side (the Stage dimension's value), per minute. */
export interface SideSeries {
  count: Series
  errors5xx: Series
  errors4xx: Series
  latencyP50: Series
  latencyP95: Series
  latencyP99: Series
  integrationLatencyP99: Series
}

export interface KpiSeries {
  name: string
  /** Which way is a regression. */
  direction: 'higher-is-worse' | 'lower-is-worse'
  /** Allowed change in the worse direction, in percent of the stable median (default 10). */
  maxChangePercent?: number
  stable: Series
  canary: Series
}

export interface JudgeInput {
  /** The stage's metrics (Stage = stage name). */
  stable: SideSeries
  /** The canary's metrics (Stage = `{stage}/Canary` or what was discovered). */
  canary: SideSeries
  /**
   * Whether the stage's metrics count the canary's requests too. Then error
   * counts are made stable-only by subtraction, and latencies (which cannot
   * be) are compared against the whole stage's. See docs/canary-analysis.md.
   */
  stageIncludesCanary: boolean
  kpis?: readonly KpiSeries[]
}

export interface JudgeSettings {
  /** Allowed 5XX rate increase, percentage points (default 0.5). */
  max5xxIncrease: number
  /** Allowed 4XX rate increase, percentage points (default 1). */
  max4xxIncrease: number
  /** Confidence of every test, percent (default 95): a metric fails at p < 1 - confidence. */
  confidence: number
  /** Allowed latency increase, percent of the stable median of the per-minute values (default 20). */
  maxLatencyIncrease: number
  /** Fewer canary requests than this in the window: inconclusive (default 200). */
  minCanaryRequests: number
  /** Fewer minutes with canary data than this: inconclusive (default 5). */
  minMinutes: number
}

export const DEFAULT_JUDGE_SETTINGS: Readonly<JudgeSettings> = {
  max5xxIncrease: 0.5,
  max4xxIncrease: 1,
  confidence: 95,
  maxLatencyIncrease: 20,
  minCanaryRequests: 200,
  minMinutes: 5
}

export type Outcome = 'pass' | 'fail' | 'inconclusive'

export interface MetricJudgement {
  metric: string
  outcome: Outcome
  /** Rates as fractions (0.012 = 1.2 %), latencies in ms, KPIs in their unit; absent = no data. */
  stable?: number
  canary?: number
  /** canary - stable (rates: fractions; latencies: ms). */
  difference?: number
  /** The test's one-sided p-value for "the canary is worse beyond the allowance". */
  pValue?: number
  /** 1 - pValue, in percent: how sure the test is that the canary is worse beyond the allowance. */
  confidence?: number
  why: string
}

export interface Verdict {
  outcome: Outcome
  metrics: MetricJudgement[]
  /** Canary requests and minutes with canary data in the window. */
  canaryRequests: number
  minutes: number
  why: string
}

/** A metric's judgement from a test: fail when `worse`, with the test's confidence. */
function tested(
  metric: string,
  worse: boolean,
  stable: number,
  canary: number,
  pValue: number,
  why: string
): MetricJudgement {
  return {
    metric,
    outcome: worse ? 'fail' : 'pass',
    stable,
    canary,
    difference: canary - stable,
    pValue,
    confidence: (1 - pValue) * 100,
    why
  }
}

const sum = (s: Series) => s.reduce((a, p) => a + p.value, 0)

function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b)
  const m = v.length >> 1
  return v.length % 2 ? v[m]! : (v[m - 1]! + v[m]!) / 2
}

/** Per minute, stage minus canary (never below 0); minutes the canary lacks count whole. */
export function subtractSeries(stage: Series, canary: Series): Series {
  const byMinute = new Map(canary.map((p) => [p.time, p.value]))
  return stage.map((p) => ({
    time: p.time,
    value: Math.max(0, p.value - (byMinute.get(p.time) ?? 0))
  }))
}

const pct = (r: number) => `${(r * 100).toFixed(2)}%`
const fmtP = (p: number) => (p < 0.0001 ? 'p<0.0001' : `p=${p.toFixed(4)}`)
const fmtNum = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1))

function judgeRate(
  metric: string,
  errors: { canary: number; stable: number },
  requests: { canary: number; stable: number },
  marginPoints: number,
  alpha: number
): MetricJudgement {
  if (requests.stable <= 0 || requests.canary <= 0) {
    return {
      metric,
      outcome: 'inconclusive',
      why: `no ${requests.stable <= 0 ? 'stable' : 'canary'} requests to compare`
    }
  }
  // Datapoints of errors without matching requests (clock skew between series) cannot exceed the requests.
  const ce = Math.min(errors.canary, requests.canary)
  const se = Math.min(errors.stable, requests.stable)
  const c = ce / requests.canary
  const s = se / requests.stable
  const t = rateIncreaseTest(
    { events: ce, total: requests.canary },
    { events: se, total: requests.stable },
    marginPoints / 100
  )
  const worse = t.pValue < alpha
  const head = `canary ${pct(c)} (${ce}/${requests.canary}) vs stable ${pct(s)} (${se}/${requests.stable})`
  return tested(
    metric,
    worse,
    s,
    c,
    t.pValue,
    worse
      ? `${head}: more than ${marginPoints} points above (${fmtP(t.pValue)})`
      : `${head}: not shown to be more than ${marginPoints} points above (${fmtP(t.pValue)})`
  )
}

/**
 * Per-minute values compared with a one-sided Mann-Whitney U test, plus the
 * allowed change of the canary's median minute against the stable's: a metric
 * fails only when both say worse.
 */
function judgeSeries(
  metric: string,
  stable: Series,
  canary: Series,
  direction: KpiSeries['direction'],
  maxChangePercent: number,
  alpha: number,
  minMinutes: number,
  note = ''
): MetricJudgement {
  const s = stable.map((p) => p.value).filter(Number.isFinite)
  const c = canary.map((p) => p.value).filter(Number.isFinite)
  if (s.length < minMinutes || c.length < minMinutes) {
    return {
      metric,
      outcome: 'inconclusive',
      ...(s.length ? { stable: median(s) } : {}),
      ...(c.length ? { canary: median(c) } : {}),
      why: `${Math.min(s.length, c.length)} minutes of data, ${minMinutes} needed`
    }
  }
  const ms = median(s)
  const mc = median(c)
  const higherWorse = direction === 'higher-is-worse'
  const t = higherWorse ? mannWhitneyGreater(c, s) : mannWhitneyGreater(s, c)
  // Change in the worse direction, in percent of the stable median; a zero baseline counts any worsening as unbounded.
  const worsening = higherWorse ? mc - ms : ms - mc
  const change = ms !== 0 ? (worsening / Math.abs(ms)) * 100 : worsening > 0 ? Infinity : 0
  const significant = t.pValue < alpha
  const beyond = change > maxChangePercent
  const worse = significant && beyond
  const changeText = Number.isFinite(change)
    ? `${change >= 0 ? '+' : ''}${change.toFixed(1)}%`
    : 'from 0'
  const head = `canary median minute ${fmtNum(mc)} vs stable ${fmtNum(ms)} (${higherWorse ? '' : 'lower is worse, '}${changeText} worse, ${maxChangePercent}% allowed, ${fmtP(t.pValue)})`
  return tested(
    metric,
    worse,
    ms,
    mc,
    t.pValue,
    `${head}: ${worse ? 'worse' : !significant ? 'not significantly worse' : 'within the allowance'}${note}`
  )
}

/** Pure: the judge's verdict on the window the series cover. */
export function judgeCanary(
  input: JudgeInput,
  settings: JudgeSettings = DEFAULT_JUDGE_SETTINGS
): Verdict {
  const alpha = 1 - settings.confidence / 100
  const { canary } = input
  const stableOnly = (pick: (s: SideSeries) => Series) =>
    input.stageIncludesCanary
      ? subtractSeries(pick(input.stable), pick(canary))
      : pick(input.stable)
  const requests = { canary: sum(canary.count), stable: sum(stableOnly((s) => s.count)) }
  const minutes = canary.count.filter((p) => p.value > 0).length
  const rate = (metric: string, pick: (s: SideSeries) => Series, margin: number) =>
    judgeRate(
      metric,
      { canary: sum(pick(canary)), stable: sum(stableOnly(pick)) },
      requests,
      margin,
      alpha
    )
  const note = input.stageIncludesCanary ? ' (baseline: the whole stage, canary included)' : ''
  const latency = (metric: string, pick: (s: SideSeries) => Series) =>
    judgeSeries(
      metric,
      pick(input.stable),
      pick(canary),
      'higher-is-worse',
      settings.maxLatencyIncrease,
      alpha,
      settings.minMinutes,
      note
    )
  const metrics: MetricJudgement[] = [
    rate('5XX rate', (s) => s.errors5xx, settings.max5xxIncrease),
    rate('4XX rate', (s) => s.errors4xx, settings.max4xxIncrease),
    latency('Latency p50', (s) => s.latencyP50),
    latency('Latency p95', (s) => s.latencyP95),
    latency('Latency p99', (s) => s.latencyP99),
    latency('IntegrationLatency p99', (s) => s.integrationLatencyP99),
    ...(input.kpis ?? []).map((k) =>
      judgeSeries(
        k.name,
        k.stable,
        k.canary,
        k.direction,
        k.maxChangePercent ?? 10,
        alpha,
        settings.minMinutes
      )
    )
  ]
  const short: string[] = []
  if (requests.canary < settings.minCanaryRequests) {
    short.push(`${requests.canary} canary requests, ${settings.minCanaryRequests} needed`)
  }
  if (minutes < settings.minMinutes)
    short.push(`${minutes} minutes of canary data, ${settings.minMinutes} needed`)
  if (short.length > 0) {
    // Too little canary traffic to judge: every test is reported, none decides.
    for (const m of metrics) m.outcome = 'inconclusive'
    return {
      outcome: 'inconclusive',
      metrics,
      canaryRequests: requests.canary,
      minutes,
      why: short.join('; ')
    }
  }
  const failed = metrics.filter((m) => m.outcome === 'fail')
  const open = metrics.filter((m) => m.outcome === 'inconclusive')
  const outcome: Outcome = failed.length ? 'fail' : open.length ? 'inconclusive' : 'pass'
  const why =
    outcome === 'fail'
      ? `worse: ${failed.map((m) => m.metric).join(', ')}`
      : outcome === 'inconclusive'
        ? `not enough data for ${open.map((m) => m.metric).join(', ')}`
        : `no metric worse at ${settings.confidence}% confidence`
  return { outcome, metrics, canaryRequests: requests.canary, minutes, why }
}

export type InconclusivePolicy = 'pass' | 'fail' | 'extend'

/**
 * Pure: what to do with a verdict under `on-inconclusive`. `extend` bakes
 * again while extensions remain, then fails: an unjudged canary is not promoted.
 */
export function decide(
  verdict: Pick<Verdict, 'outcome'>,
  policy: InconclusivePolicy,
  extensionsUsed: number,
  maxExtensions: number
): 'pass' | 'fail' | 'extend' {
  if (verdict.outcome !== 'inconclusive') return verdict.outcome
  if (policy !== 'extend') return policy
  return extensionsUsed < maxExtensions ? 'extend' : 'fail'
}

/**
 * Pure: whether the stage's Count includes the canary's requests, from one
 * window's totals at a known canary percentage. Under "includes", canary ~
 * Binomial(stage, p); under "excludes", canary ~ Binomial(stage + canary, p).
 * Undecided (undefined) unless the data fit one model and clearly not the other.
 */
export function inferStageIncludesCanary(
  stageRequests: number,
  canaryRequests: number,
  percentTraffic: number
): boolean | undefined {
  const p = percentTraffic / 100
  if (!(p > 0 && p < 1) || canaryRequests <= 0 || stageRequests <= 0) return undefined
  if (canaryRequests > stageRequests) return false
  const z = (n: number) => Math.abs(canaryRequests - n * p) / Math.sqrt(n * p * (1 - p))
  const zIn = z(stageRequests)
  const zEx = z(stageRequests + canaryRequests)
  if (zIn < 3 && zEx > 5) return true
  if (zEx < 3 && zIn > 5) return false
  return undefined
}
