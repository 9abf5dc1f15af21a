/**
 * A custom KPI's values show in the unit it declares (analysis-metrics
 * `unit`), never in one guessed from its name: a KPI called "... rate" is not
 * a fraction to show as a percentage, one called "... latency" is not in ms.
 * The path is the real one: parsed input → GetMetricData pages → the rung's
 * counts → the judge → the job summary.
 */
import { describe, expect, it } from '@jest/globals'
import { parseAnalysisMetrics } from '../../src/analysis/github-inputs.js'
import { judgeReadsFromPages } from '../../src/analysis/metric-reads.js'
import type { MetricDataPage } from '../../src/analysis/metric-queries.js'
import { rungInput } from '../../src/analysis/rung-input.js'
import { judgeRung } from '../../src/analysis/rung-judge.js'
import { newReport } from '../../src/core/report.js'
import { renderSummary } from '../../src/github/summary.js'
import { API_NAME, CANARY_STAGE, STAGE } from '../../local-runner/fixtures.js'

const KPIS = `
- { name: Checkout error rate, namespace: Shop, metric: CheckoutErrors, statistic: Sum, unit: Count,
    direction: higher-is-worse, canary-dimensions: {Stage: prod/Canary}, stable-dimensions: {Stage: prod} }
- { name: Payment latency, namespace: Shop, metric: PaymentTime, statistic: Average, unit: Seconds,
    direction: higher-is-worse, canary-dimensions: {Stage: prod/Canary}, stable-dimensions: {Stage: prod} }
- { name: Cache hit ratio, namespace: Shop, metric: CacheHits, statistic: Average, unit: Percent,
    direction: lower-is-worse, canary-dimensions: {Stage: prod/Canary}, stable-dimensions: {Stage: prod} }
- { name: Search latency, namespace: Shop, metric: SearchTime, statistic: Sum,
    direction: higher-is-worse, canary-dimensions: {Stage: prod/Canary}, stable-dimensions: {Stage: prod} }
`

const T0 = Date.UTC(2026, 0, 1, 12, 0)
/** Ten minutes of one value, as GetMetricData answers a query. */
const result = (Id: string, value: number) => ({
  Id,
  Timestamps: Array.from({ length: 10 }, (_, i) => new Date(T0 + i * 60_000)),
  Values: Array.from({ length: 10 }, () => value)
})

describe('custom KPI units', () => {
  it('reads a declared CloudWatch unit and refuses another word', () => {
    expect(parseAnalysisMetrics('analysis-metrics', KPIS).map((k) => k.unit)).toEqual([
      'Count',
      'Seconds',
      'Percent',
      undefined
    ])
    expect(() =>
      parseAnalysisMetrics('analysis-metrics', KPIS.replace('unit: Count', 'unit: ms'))
    ).toThrow(/\(0\.unit: a CloudWatch unit \(Seconds, Microseconds, Milliseconds/)
  })

  it('shows each value in the unit the KPI declared, per request (Sum) or per sample (Average)', () => {
    const kpis = parseAnalysisMetrics('analysis-metrics', KPIS)
    const pages: MetricDataPage[] = [
      {
        MetricDataResults: [
          result('s_count', 1000),
          result('c_count', 100),
          // Sum: 1.5 events a request on each side.
          result('s_kpi0', 1500),
          result('c_kpi0', 150),
          // Average: sum and sample count, 1.25 s a sample on each side.
          result('s_kpi1', 1250),
          result('s_kpin1', 1000),
          result('c_kpi1', 125),
          result('c_kpin1', 100),
          result('s_kpi2', 8750),
          result('s_kpin2', 100),
          result('c_kpi2', 875),
          result('c_kpin2', 10),
          result('s_kpi3', 500),
          result('c_kpi3', 50)
        ]
      }
    ]
    const input = rungInput(
      judgeReadsFromPages(pages, undefined, kpis),
      { start: T0, end: T0 + 10 * 60_000 },
      false
    )
    const verdict = judgeRung(input, {
      max5xxIncrease: 0.5,
      max4xxIncrease: 1,
      maxLatencyIncrease: 20,
      confidence: 95,
      rungs: 5,
      minCanaryRequests: 200
    })
    const report = newReport(
      { command: 'shift', restApiId: 'a1', stage: STAGE, dryRun: false, steps: [] },
      new Date(T0)
    )
    report.analysis = {
      mode: 'report',
      outcome: verdict.outcome,
      decision: undefined,
      verdict,
      window: { start: new Date(T0).toISOString(), end: new Date(T0 + 600_000).toISOString() },
      apiName: API_NAME,
      canaryStage: CANARY_STAGE,
      percent: 10,
      confidence: 95,
      advanceOnEvidence: false,
      blastRadius: {
        rungs: [],
        release: { canaryRequests: 0, canary5xx: 0, excess5xx: 0, excessLow: 0, excessHigh: 0 }
      },
      bakes: [],
      billedMetrics: 0,
      chart: []
    }
    const rows = renderSummary(report).split('\n')
    const row = (name: string) => rows.find((l) => l.startsWith(`| ${name} |`))!.split(' | ')
    expect(row('Checkout error rate').slice(1, 3)).toEqual(['1.50 per request', '1.50 per request'])
    expect(row('Payment latency').slice(1, 3)).toEqual(['1.25 s per sample', '1.25 s per sample'])
    expect(row('Cache hit ratio').slice(1, 3)).toEqual(['87.50% per sample', '87.50% per sample'])
    // No unit declared: a plain number, whatever the name says.
    expect(row('Search latency').slice(1, 3)).toEqual(['0.50 per request', '0.50 per request'])
  })

  it("shows a continuous KPI's true value, not the whole numbers its test counts", () => {
    const kpis = parseAnalysisMetrics('analysis-metrics', KPIS)
    const pages: MetricDataPage[] = [
      {
        MetricDataResults: [
          result('s_count', 1000),
          result('c_count', 100),
          // Payment time, Average: 0.124 s a sample on the canary (12.4 s over 100 samples a
          // minute; rounded to 12, it would read 0.120 s), 0.1244 s on the stable side.
          result('s_kpi1', 124.4),
          result('s_kpin1', 1000),
          result('c_kpi1', 12.4),
          result('c_kpin1', 100)
        ]
      }
    ]
    const input = rungInput(
      judgeReadsFromPages(pages, undefined, kpis),
      { start: T0, end: T0 + 10 * 60_000 },
      false
    )
    const verdict = judgeRung(input, {
      max5xxIncrease: 0.5,
      max4xxIncrease: 1,
      maxLatencyIncrease: 20,
      confidence: 95,
      rungs: 5,
      minCanaryRequests: 200
    })
    const payment = verdict.metrics.find((m) => m.metric === 'Payment latency')!
    expect(payment.canary).toBeCloseTo(0.124, 10)
    expect(payment.stable).toBeCloseTo(0.1244, 10)
  })
})
