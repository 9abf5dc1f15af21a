import { describe, expect, it } from '@jest/globals'

import {
  type KpiMetric,
  type MetricQuery,
  billedMetrics
} from '../../src/analysis/metric-queries.js'
import { judgeQueries, judgeReadsFromPages, tailBounds } from '../../src/analysis/metric-reads.js'
import { latencyThresholds } from '../../src/analysis/latency-thresholds.js'
import { API_NAME, CANARY_STAGE, STAGE } from '../../local-runner/fixtures.js'

const window = { start: new Date('2026-01-01T12:00:30Z'), end: new Date('2026-01-01T12:10:10Z') }
const kpi: KpiMetric = {
  name: 'Orders placed',
  direction: 'lower-is-worse',
  namespace: 'Shop',
  metricName: 'OrdersPlaced',
  stat: 'Sum',
  stableDimensions: [{ Name: 'Variant', Value: 'stable' }],
  canaryDimensions: [{ Name: 'Variant', Value: 'canary' }]
}
const base = { apiName: API_NAME, stage: STAGE, canaryStage: CANARY_STAGE, window }
const tail = { thresholds: [80, 150, 250], allowancePercent: 20 }

describe('judgeQueries', () => {
  it("at the judge's fourteen latency thresholds: still one request, 70 queries (of GetMetricData's 500), 22 billed metrics", () => {
    const thresholds = latencyThresholds(80, 152, 256)
    expect(thresholds).toHaveLength(14)
    const r = judgeQueries({ ...base, tail: { thresholds, allowancePercent: 20 } })
    expect(r.queryCount).toBe(70)
    // Latency: 3 percentiles + 28 trimmed counts = 31 statistics a side, billed 7 times a side.
    expect(r.billedMetrics).toBe(22)
  })

  it('without thresholds: 7 queries a side on 5 metrics, 10 billed; with them 6 trimmed counts a side, 12 billed', () => {
    const first = judgeQueries(base)
    expect(first.queryCount).toBe(14)
    // Latency's p50, p90 and p99 are three statistics of one metric: billed once.
    expect(first.billedMetrics).toBe(10)
    const { request, queryCount, billedMetrics } = judgeQueries({ ...base, tail })
    expect(queryCount).toBe(26)
    // Latency: 3 percentiles + 6 trimmed counts = 9 statistics: billed twice a side.
    expect(billedMetrics).toBe(12)
    const ids = request.MetricDataQueries.map((q) => q.Id)
    expect(new Set(ids).size).toBe(26)
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9_]*$/) // GetMetricData's rule for Id
    expect(request.MetricDataQueries.every((q) => q.MetricStat.Period === 60)).toBe(true)
    const stats = (prefix: string) =>
      request.MetricDataQueries.filter((q) => q.Id.startsWith(prefix)).map(
        (q) => `${q.MetricStat.Metric.MetricName} ${q.MetricStat.Stat}`
      )
    // The canary above T × 1.2 and T; the stable side above T and T / 1.2 (0.1 ms steps).
    expect(stats('c_')).toEqual([
      'Count Sum',
      '5XXError Sum',
      '4XXError Sum',
      'Latency p50',
      'Latency p90',
      'Latency p99',
      'IntegrationLatency p99',
      'Latency TC(96:)',
      'Latency TC(80:)',
      'Latency TC(180:)',
      'Latency TC(150:)',
      'Latency TC(300:)',
      'Latency TC(250:)'
    ])
    expect(stats('s_').slice(7)).toEqual([
      'Latency TC(80:)',
      'Latency TC(66.6:)',
      'Latency TC(150:)',
      'Latency TC(125:)',
      'Latency TC(250:)',
      'Latency TC(208.3:)'
    ])
    // Rounded to 0.1 ms so that each pair keeps the null's order: canary bound ≥ 1.2 × stable bound.
    expect(tailBounds(80, 20)).toEqual([96, 80, 80, 66.6])
    for (const t of [80.04, 123.456, 99.99, 1000.05]) {
      const [cHigh, sT, cT, sLow] = tailBounds(t, 20)
      expect(cHigh).toBeGreaterThanOrEqual(1.2 * sT)
      expect(cT).toBeGreaterThanOrEqual(1.2 * sLow)
    }
    expect(
      request.MetricDataQueries.find((q) => q.Id === 'c_count')!.MetricStat.Metric.Dimensions
    ).toEqual([
      { Name: 'ApiName', Value: API_NAME },
      { Name: 'Stage', Value: CANARY_STAGE }
    ])
  })

  it('reads a Sum KPI as its Sum, an Average KPI as Sum and SampleCount (one billed metric a side)', () => {
    const sum = judgeQueries({ ...base, kpis: [kpi] })
    expect(sum.billedMetrics).toBe(12)
    const avg = judgeQueries({ ...base, kpis: [{ ...kpi, stat: 'Average' }] })
    expect(avg.billedMetrics).toBe(12)
    expect(
      avg.request.MetricDataQueries.filter((q) => q.Id.startsWith('c_kpi')).map(
        (q) => q.MetricStat.Stat
      )
    ).toEqual(['Sum', 'SampleCount'])
  })

  it('covers whole minutes of the window', () => {
    const { request } = judgeQueries(base)
    expect(request.StartTime.toISOString()).toBe('2026-01-01T12:00:00.000Z')
    expect(request.EndTime.toISOString()).toBe('2026-01-01T12:11:00.000Z')
    const instant = new Date('2026-01-01T12:00:00Z')
    const tiny = judgeQueries({ ...base, window: { start: instant, end: instant } })
    expect(tiny.request.EndTime.getTime() - tiny.request.StartTime.getTime()).toBe(60_000)
  })
})

describe('billedMetrics', () => {
  it('counts a metric once for up to five statistics, whatever the order of its dimensions', () => {
    const stat = (name: string, dims: Array<[string, string]>, st: string): MetricQuery => ({
      Id: 'x',
      Label: 'x',
      ReturnData: true,
      MetricStat: {
        Metric: {
          Namespace: 'N',
          MetricName: name,
          Dimensions: dims.map(([Name, Value]) => ({ Name, Value }))
        },
        Period: 60,
        Stat: st
      }
    })
    const six = ['p10', 'p20', 'p30', 'p40', 'p50', 'p60'].map((st) =>
      stat(
        'L',
        [
          ['A', '1'],
          ['B', '2']
        ],
        st
      )
    )
    expect(billedMetrics(six.slice(0, 5))).toBe(1)
    expect(billedMetrics(six)).toBe(2)
    expect(
      billedMetrics([
        stat(
          'L',
          [
            ['A', '1'],
            ['B', '2']
          ],
          'p1'
        ),
        stat(
          'L',
          [
            ['B', '2'],
            ['A', '1']
          ],
          'p2'
        )
      ])
    ).toBe(1)
    expect(billedMetrics([stat('L', [['A', '1']], 'p1'), stat('L', [['A', '2']], 'p1')])).toBe(2)
  })
})

describe('judgeReadsFromPages', () => {
  it('joins pages into ascending per-minute series, empty where a query had no data', () => {
    const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 12, m))
    const out = judgeReadsFromPages(
      [
        {
          MetricDataResults: [
            { Id: 'c_count', Timestamps: [t(2), t(1)], Values: [20, 10] },
            { Id: 's_count', Timestamps: [], Values: [] }
          ]
        },
        {
          MetricDataResults: [
            { Id: 'c_count', Timestamps: [t(3)], Values: [30] },
            { Id: 'c_kpi0', Timestamps: [t(1)], Values: [4] },
            { Id: 'c_tailA1', Timestamps: [t(1)], Values: [7] }
          ]
        }
      ],
      tail,
      [kpi]
    )
    expect(out.canary.count).toEqual([
      { time: t(1).getTime(), value: 10 },
      { time: t(2).getTime(), value: 20 },
      { time: t(3).getTime(), value: 30 }
    ])
    expect(out.stable.count).toEqual([])
    expect(out.canary.latencyP99).toEqual([])
    expect(out.tail!.canaryAbove).toEqual([[], [{ time: t(1).getTime(), value: 7 }], []])
    expect(out.tail!.stableAboveLow).toEqual([[], [], []])
    expect(out.kpis).toEqual([
      { kpi, stable: { events: [] }, canary: { events: [{ time: t(1).getTime(), value: 4 }] } }
    ])
  })
})
