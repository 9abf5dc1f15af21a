import { describe, expect, it } from '@jest/globals'

import {
  type KpiMetric,
  type MetricQuery,
  billedMetrics,
  metricQueries,
  seriesFromPages
} from '../../src/analysis/metric-queries.js'

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

describe('metricQueries', () => {
  it('reads both sides in one request: 7 queries a side on 5 metrics, 10 billed metrics, plus 2 per KPI', () => {
    const { request, queryCount, billedMetrics } = metricQueries({
      apiName: 'orders',
      stage: 'prod',
      canaryStage: 'prod/Canary',
      window
    })
    expect(queryCount).toBe(14)
    // Latency's p50, p95 and p99 are three statistics of one metric: billed once.
    expect(billedMetrics).toBe(10)
    expect(request.MetricDataQueries).toHaveLength(14)
    const ids = request.MetricDataQueries.map((q) => q.Id)
    expect(new Set(ids).size).toBe(14)
    for (const id of ids) expect(id).toMatch(/^[a-z][a-zA-Z0-9_]*$/) // GetMetricData's rule for Id
    expect(request.MetricDataQueries.every((q) => q.MetricStat.Period === 60)).toBe(true)
    const stats = request.MetricDataQueries.filter((q) => q.Id.startsWith('c_')).map(
      (q) => `${q.MetricStat.Metric.MetricName} ${q.MetricStat.Stat}`
    )
    expect(stats).toEqual([
      'Count Sum',
      '5XXError Sum',
      '4XXError Sum',
      'Latency p50',
      'Latency p95',
      'Latency p99',
      'IntegrationLatency p99'
    ])
    expect(
      request.MetricDataQueries.find((q) => q.Id === 'c_count')!.MetricStat.Metric.Dimensions
    ).toEqual([
      { Name: 'ApiName', Value: 'orders' },
      { Name: 'Stage', Value: 'prod/Canary' }
    ])
    expect(
      metricQueries({
        apiName: 'orders',
        stage: 'prod',
        canaryStage: 'prod/Canary',
        window,
        kpis: [kpi]
      }).billedMetrics
    ).toBe(12)
  })

  it('covers whole minutes of the window', () => {
    const { request } = metricQueries({ apiName: 'a', stage: 's', canaryStage: 's/Canary', window })
    expect(request.StartTime.toISOString()).toBe('2026-01-01T12:00:00.000Z')
    expect(request.EndTime.toISOString()).toBe('2026-01-01T12:11:00.000Z')
    const instant = new Date('2026-01-01T12:00:00Z')
    const tiny = metricQueries({
      apiName: 'a',
      stage: 's',
      canaryStage: 's/Canary',
      window: { start: instant, end: instant }
    })
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

describe('seriesFromPages', () => {
  it('joins pages into ascending per-minute series, empty where a query had no data', () => {
    const t = (m: number) => new Date(Date.UTC(2026, 0, 1, 12, m))
    const out = seriesFromPages(
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
            { Id: 'c_kpi0', Timestamps: [t(1)], Values: [4] }
          ]
        }
      ],
      [kpi]
    )
    expect(out.canary.count).toEqual([
      { time: t(1).getTime(), value: 10 },
      { time: t(2).getTime(), value: 20 },
      { time: t(3).getTime(), value: 30 }
    ])
    expect(out.stable.count).toEqual([])
    expect(out.canary.latencyP99).toEqual([])
    expect(out.kpis).toEqual([
      {
        name: 'Orders placed',
        direction: 'lower-is-worse',
        stable: [],
        canary: [{ time: t(1).getTime(), value: 4 }]
      }
    ])
  })
})
