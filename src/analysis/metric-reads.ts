/**
 * Pure: the one GetMetricData request a bake read needs for the anytime-valid
 * judge, and its answer as per-minute series. Per side: Count, 5XXError and
 * 4XXError (Sum); Latency p50, p90, p99 (the stable side's give the
 * thresholds, the canary's p99 the chart); Latency as trimmed counts above
 * the thresholds (`TC(x:)`, requests slower than x ms); IntegrationLatency
 * p99 (shown, not tested). Custom KPIs: `Sum` (events; exposure = requests)
 * or `Average` (Sum and SampleCount: events per sample). GetMetricData bills
 * per metric, five statistics of one metric counting once (billedMetrics).
 */
import type { Dimension, KpiMetric, MetricDataPage, MetricQuery } from './metric-queries.js'
import { NAMESPACE, PERIOD_SECONDS, billedMetrics } from './metric-queries.js'
import type { Series } from './judge.js'

export const SIDE_STATS = [
  { key: 'count', metric: 'Count', stat: 'Sum' },
  { key: 'errors5xx', metric: '5XXError', stat: 'Sum' },
  { key: 'errors4xx', metric: '4XXError', stat: 'Sum' },
  { key: 'latencyP50', metric: 'Latency', stat: 'p50' },
  { key: 'latencyP90', metric: 'Latency', stat: 'p90' },
  { key: 'latencyP99', metric: 'Latency', stat: 'p99' },
  { key: 'integrationLatencyP99', metric: 'IntegrationLatency', stat: 'p99' }
] as const

export type SideKey = (typeof SIDE_STATS)[number]['key']
export type SideReads = Record<SideKey, Series>

/** Latency thresholds (ms) and the allowance they are read with. */
export interface TailPlan {
  thresholds: number[]
  /** max-latency-increase, percent. */
  allowancePercent: number
}

/** Per threshold, per side: counts above the two thresholds each test needs. */
export interface TailReads {
  /** Canary above T × (1 + a), stable above T: the worse test. */
  canaryAbove: Series[]
  stableAbove: Series[]
  /** Canary above T, stable above T / (1 + a): the within test. */
  canaryAboveT: Series[]
  stableAboveLow: Series[]
}

export interface KpiReads {
  kpi: KpiMetric
  stable: { events: Series; samples?: Series }
  canary: { events: Series; samples?: Series }
}

export interface JudgeReads {
  stable: SideReads
  canary: SideReads
  tail?: TailReads & { plan: TailPlan }
  kpis: KpiReads[]
}

/** A threshold as CloudWatch reads it: 0.1 ms steps, so the query and the judge agree exactly. */
export const roundMs = (x: number) => Math.round(x * 10) / 10

/**
 * The four bounds of threshold T under allowance a: [canary worse, stable, canary within, stable
 * within], in 0.1 ms steps and rounded so that each pair keeps the null's order exactly: the
 * canary's bound at least (1 + a) times the stable side's (the tail test compares the canary's
 * requests above the first of a pair with the stable side's above the second).
 */
export function tailBounds(t: number, allowancePercent: number): [number, number, number, number] {
  const f = 1 + allowancePercent / 100
  const r = roundMs(t)
  return [Math.ceil(r * f * 10) / 10, r, r, Math.floor((r / f) * 10) / 10]
}

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

export interface JudgeQueriesInput {
  apiName: string
  stage: string
  canaryStage: string
  window: { start: Date; end: Date }
  tail?: TailPlan
  kpis?: readonly KpiMetric[]
}

/** Pure: the read's one request (both sides, thresholds, KPIs) over whole minutes of the window. */
export function judgeQueries(input: JudgeQueriesInput) {
  const sides = [
    ['s', 'stable', input.stage],
    ['c', 'canary', input.canaryStage]
  ] as const
  const queries: MetricQuery[] = []
  for (const [prefix, side, stageValue] of sides) {
    const dims = [
      { Name: 'ApiName', Value: input.apiName },
      { Name: 'Stage', Value: stageValue }
    ]
    for (const q of SIDE_STATS)
      queries.push(
        query(
          `${prefix}_${q.key}`,
          `${side} ${q.metric} ${q.stat}`,
          NAMESPACE,
          q.metric,
          q.stat,
          dims
        )
      )
    input.tail?.thresholds.forEach((t, i) => {
      const [cHigh, sT, cT, sLow] = tailBounds(t, input.tail!.allowancePercent)
      const pair =
        prefix === 's'
          ? [
              ['tailA', sT],
              ['tailB', sLow]
            ]
          : [
              ['tailA', cHigh],
              ['tailB', cT]
            ]
      for (const [name, x] of pair)
        queries.push(
          query(
            `${prefix}_${name}${i}`,
            `${side} Latency TC(${x}:)`,
            NAMESPACE,
            'Latency',
            `TC(${x}:)`,
            dims
          )
        )
    })
  }
  ;(input.kpis ?? []).forEach((k, i) => {
    for (const [prefix, side, dims] of [
      ['s', 'stable', k.stableDimensions],
      ['c', 'canary', k.canaryDimensions]
    ] as const) {
      queries.push(
        query(`${prefix}_kpi${i}`, `${side} ${k.name} Sum`, k.namespace, k.metricName, 'Sum', dims)
      )
      if (k.stat === 'Average')
        queries.push(
          query(
            `${prefix}_kpin${i}`,
            `${side} ${k.name} SampleCount`,
            k.namespace,
            k.metricName,
            'SampleCount',
            dims
          )
        )
    }
  })
  const end = Math.ceil(input.window.end.getTime() / 60_000) * 60_000
  const start = Math.min(Math.floor(input.window.start.getTime() / 60_000) * 60_000, end - 60_000)
  return {
    request: {
      MetricDataQueries: queries,
      StartTime: new Date(start),
      EndTime: new Date(end),
      ScanBy: 'TimestampAscending' as const
    },
    queryCount: queries.length,
    billedMetrics: billedMetrics(queries)
  }
}

/** Pure: the answer pages as the judge's series; a query without data gives an empty series. */
export function judgeReadsFromPages(
  pages: readonly MetricDataPage[],
  tail: TailPlan | undefined,
  kpis: readonly KpiMetric[] = []
): JudgeReads {
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
    Object.fromEntries(SIDE_STATS.map((q) => [q.key, series(`${prefix}_${q.key}`)])) as SideReads
  const each = (id: string) => (tail?.thresholds ?? []).map((_, i) => series(`${id}${i}`))
  return {
    stable: side('s'),
    canary: side('c'),
    ...(tail
      ? {
          tail: {
            plan: tail,
            canaryAbove: each('c_tailA'),
            stableAbove: each('s_tailA'),
            canaryAboveT: each('c_tailB'),
            stableAboveLow: each('s_tailB')
          }
        }
      : {}),
    kpis: kpis.map((kpi, i) => ({
      kpi,
      stable: {
        events: series(`s_kpi${i}`),
        ...(kpi.stat === 'Average' ? { samples: series(`s_kpin${i}`) } : {})
      },
      canary: {
        events: series(`c_kpi${i}`),
        ...(kpi.stat === 'Average' ? { samples: series(`c_kpin${i}`) } : {})
      }
    }))
  }
}
