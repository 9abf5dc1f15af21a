import { describe, expect, it } from '@jest/globals'

import { type KpiMetric, metricQueries, seriesFromPages } from '../src/core/metric-queries.js'

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
  it('reads both sides in one request: 7 metrics a side, 14 billed metrics, plus 2 per KPI', () => {
    const { request, metricCount } = metricQueries({
      apiName: 'orders',
      stage: 'prod',
      canaryStage: 'prod/Canary',
      window
    })
    expect(metricCount).toBe(14)
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
      }).metricCount
    ).toBe(16)
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
