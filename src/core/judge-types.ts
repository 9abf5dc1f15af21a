/** What the canary judge (judge.ts) takes and answers. */
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
