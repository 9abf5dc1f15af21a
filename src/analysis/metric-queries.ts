/**
 * Pure: the one GetMetricData request a bake read needs, for both sides of a
 * stage, and the answer turned back into the judge's per-minute series.
 * GetMetricData is billed per metric requested, where up to five statistics
 * of one metric count once: `billedMetrics` says how many a read costs.
 */
import type { KpiSeries, Series, SideSeries } from './judge.js'

export const NAMESPACE = 'AWS/ApiGateway'
export const PERIOD_SECONDS = 60

/** The statistics read per side: one query (one billed metric) each. */
export const SIDE_QUERIES: ReadonlyArray<{ key: keyof SideSeries; metric: string; stat: string }> =
  [
    { key: 'count', metric: 'Count', stat: 'Sum' },
    { key: 'errors5xx', metric: '5XXError', stat: 'Sum' },
    { key: 'errors4xx', metric: '4XXError', stat: 'Sum' },
    { key: 'latencyP50', metric: 'Latency', stat: 'p50' },
    { key: 'latencyP95', metric: 'Latency', stat: 'p95' },
    { key: 'latencyP99', metric: 'Latency', stat: 'p99' },
    { key: 'integrationLatencyP99', metric: 'IntegrationLatency', stat: 'p99' }
  ]

export interface Dimension {
  Name: string
  Value: string
}

/** A custom KPI: the same metric read for each side, told apart by its dimensions. */
export interface KpiMetric {
  name: string
  direction: KpiSeries['direction']
  maxChangePercent?: number
  namespace: string
  metricName: string
  stat: string
  stableDimensions: Dimension[]
  canaryDimensions: Dimension[]
}

export interface MetricQuery {
  Id: string
  Label: string
  ReturnData: true
  MetricStat: {
    Metric: { Namespace: string; MetricName: string; Dimensions: Dimension[] }
    Period: number
    Stat: string
  }
}

export interface MetricDataRequest {
  MetricDataQueries: MetricQuery[]
  StartTime: Date
  EndTime: Date
  ScanBy: 'TimestampAscending'
}

export interface MetricQueriesInput {
  apiName: string
  stage: string
  /** The canary's Stage dimension value (`{stage}/Canary` unless discovered otherwise). */
  canaryStage: string
  window: { start: Date; end: Date }
  kpis?: readonly KpiMetric[]
}

const floorMinute = (ms: number) => Math.floor(ms / 60_000) * 60_000

function query(
  id: string,
  label: string,
  namespace: string,
  metricName: string,
  stat: string,
  dims: Dimension[]
): MetricQuery {
  return {
    Id: id,
    Label: label,
    ReturnData: true,
    MetricStat: {
      Metric: { Namespace: namespace, MetricName: metricName, Dimensions: dims },
      Period: PERIOD_SECONDS,
      Stat: stat
    }
  }
}

/** Metrics as CloudWatch bills them: each distinct metric once per five statistics asked of it. */
export function billedMetrics(queries: readonly MetricQuery[]): number {
  const stats = new Map<string, number>()
  for (const q of queries) {
    const m = q.MetricStat.Metric
    const dims = [...m.Dimensions].sort((a, b) => a.Name.localeCompare(b.Name))
    const key = JSON.stringify([m.Namespace, m.MetricName, dims])
    stats.set(key, (stats.get(key) ?? 0) + 1)
  }
  return [...stats.values()].reduce((n, k) => n + Math.ceil(k / 5), 0)
}

/**
 * Pure: one GetMetricData request for every metric of both sides, at one
 * minute, over whole minutes of the window (start floored, end ceiled), so
 * periods line up with the minutes API Gateway publishes.
 */
export function metricQueries(input: MetricQueriesInput): {
  request: MetricDataRequest
  /** Queries in the request (one statistic of one metric each). */
  queryCount: number
  /** What CloudWatch bills for the read (see billedMetrics). */
  billedMetrics: number
} {
  const sides = [
    ['s', 'stable', input.stage],
    ['c', 'canary', input.canaryStage]
  ] as const
  const queries: MetricQuery[] = sides.flatMap(([prefix, side, stageValue]) =>
    SIDE_QUERIES.map((q) =>
      query(`${prefix}_${q.key}`, `${side} ${q.metric} ${q.stat}`, NAMESPACE, q.metric, q.stat, [
        { Name: 'ApiName', Value: input.apiName },
        { Name: 'Stage', Value: stageValue }
      ])
    )
  )
  ;(input.kpis ?? []).forEach((k, i) => {
    queries.push(
      query(`s_kpi${i}`, `stable ${k.name}`, k.namespace, k.metricName, k.stat, k.stableDimensions)
    )
    queries.push(
      query(`c_kpi${i}`, `canary ${k.name}`, k.namespace, k.metricName, k.stat, k.canaryDimensions)
    )
  })
  const end = Math.ceil(input.window.end.getTime() / 60_000) * 60_000
  const start = Math.min(floorMinute(input.window.start.getTime()), end - 60_000)
  return {
    request: {
      MetricDataQueries: queries,
      StartTime: new Date(start),
      EndTime: new Date(end),
      ScanBy: 'TimestampAscending'
    },
    queryCount: queries.length,
    billedMetrics: billedMetrics(queries)
  }
}

/** The parts of a GetMetricData answer the series need. */
export interface MetricDataPage {
  MetricDataResults?: ReadonlyArray<{
    Id?: string
    Timestamps?: ReadonlyArray<Date>
    Values?: ReadonlyArray<number>
  }>
}

/**
 * Pure: the answer pages (NextToken followed to the end) as the judge's input
 * series, minute by minute in ascending time. A query without data gives an
 * empty series.
 */
export function seriesFromPages(
  pages: readonly MetricDataPage[],
  kpis: readonly KpiMetric[] = []
): { stable: SideSeries; canary: SideSeries; kpis: KpiSeries[] } {
  const byId = new Map<string, Map<number, number>>()
  for (const page of pages) {
    for (const r of page.MetricDataResults ?? []) {
      if (!r.Id) continue
      const m = byId.get(r.Id) ?? new Map<number, number>()
      byId.set(r.Id, m)
      const values = r.Values ?? []
      ;(r.Timestamps ?? []).forEach((t, i) => {
        const v = values[i]
        if (v !== undefined) m.set(t.getTime(), v)
      })
    }
  }
  const series = (id: string): Series =>
    [...(byId.get(id) ?? new Map<number, number>())]
      .sort((a, b) => a[0] - b[0])
      .map(([time, value]) => ({ time, value }))
  const side = (prefix: string) =>
    Object.fromEntries(
      SIDE_QUERIES.map((q) => [q.key, series(`${prefix}_${q.key}`)])
    ) as unknown as SideSeries
  return {
    stable: side('s'),
    canary: side('c'),
    kpis: kpis.map((k, i) => ({
      name: k.name,
      direction: k.direction,
      ...(k.maxChangePercent !== undefined ? { maxChangePercent: k.maxChangePercent } : {}),
      stable: series(`s_kpi${i}`),
      canary: series(`c_kpi${i}`)
    }))
  }
}
