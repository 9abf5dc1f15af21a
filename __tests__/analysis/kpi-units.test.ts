/**
 * A custom KPI's values show in the unit it declares (analysis-metrics
 * `unit`), never in one guessed from its name: a KPI called "... rate" is not
 * a fraction to show as a percentage, one called "... latency" is not in ms.
 */
import { describe, expect, it } from '@jest/globals'
import { parseAnalysisMetrics } from '../../src/analysis/github-inputs.js'
import { judgeCanary } from '../../src/analysis/judge.js'
import { seriesFromPages, type MetricDataPage } from '../../src/analysis/metric-queries.js'
import { newReport } from '../../src/core/report.js'
import { renderSummary } from '../../src/github/summary.js'

const KPIS = `
- { name: Checkout error rate, namespace: Shop, metric: CheckoutErrors, statistic: Sum, unit: Count,
    direction: higher-is-worse, canary-dimensions: {Stage: prod/Canary}, stable-dimensions: {Stage: prod} }
- { name: Payment latency, namespace: Shop, metric: PaymentTime, statistic: p50, unit: Seconds,
    direction: higher-is-worse, canary-dimensions: {Stage: prod/Canary}, stable-dimensions: {Stage: prod} }
- { name: Cache hit ratio, namespace: Shop, metric: CacheHits, statistic: Average, unit: Percent,
    direction: lower-is-worse, canary-dimensions: {Stage: prod/Canary}, stable-dimensions: {Stage: prod} }
- { name: Search latency, namespace: Shop, metric: SearchTime, statistic: p99,
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

  it('shows each value in the unit the KPI declared', () => {
    const kpis = parseAnalysisMetrics('analysis-metrics', KPIS)
    const pages: MetricDataPage[] = [
      {
        MetricDataResults: [
          result('s_kpi0', 1520),
          result('c_kpi0', 1520),
          result('s_kpi1', 1.25),
          result('c_kpi1', 1.25),
          result('s_kpi2', 87.5),
          result('c_kpi2', 87.5),
          result('s_kpi3', 0.5),
          result('c_kpi3', 0.5)
        ]
      }
    ]
    const verdict = judgeCanary({ ...seriesFromPages(pages, kpis), stageIncludesCanary: false })
    const report = newReport(
      { command: 'shift', restApiId: 'a1', stage: 'prod', dryRun: false, steps: [] },
      new Date(T0)
    )
    report.analysis = {
      mode: 'report',
      outcome: verdict.outcome,
      decision: undefined,
      verdict,
      window: { start: new Date(T0).toISOString(), end: new Date(T0 + 600_000).toISOString() },
      apiName: 'orders-api',
      canaryStage: 'prod/Canary',
      percent: 10,
      confidence: 95,
      bakes: [],
      billedMetrics: 0,
      chart: []
    }
    const rows = renderSummary(report).split('\n')
    const row = (name: string) => rows.find((l) => l.startsWith(`| ${name} |`))!.split(' | ')
    expect(row('Checkout error rate').slice(1, 4)).toEqual(['1520', '1520', '0'])
    expect(row('Payment latency').slice(1, 4)).toEqual(['1.25 s', '1.25 s', '0 s'])
    expect(row('Cache hit ratio').slice(1, 4)).toEqual(['87.50%', '87.50%', '0%'])
    // No unit declared: a plain number, whatever the name says.
    expect(row('Search latency').slice(1, 4)).toEqual(['0.50', '0.50', '0'])
  })
})
