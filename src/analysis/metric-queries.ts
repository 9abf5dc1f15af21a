/**
 * Pure: what a GetMetricData request is made of for the judge (the request
 * itself is metric-reads.ts), and how CloudWatch bills it: per metric
 * requested, where up to five statistics of one metric count once.
 */

import type { KpiUnit } from './units.js'

export const NAMESPACE = 'AWS/ApiGateway'
export const PERIOD_SECONDS = 60

export interface Dimension {
  Name: string
  Value: string
}

/** A custom KPI: the same metric read for each side, told apart by its dimensions. */
export interface KpiMetric {
  name: string
  /** The unit its values are in (analysis-metrics `unit`), for the summary. */
  unit?: KpiUnit
  direction: 'higher-is-worse' | 'lower-is-worse'
  maxChangePercent?: number
  namespace: string
  metricName: string
  /** Sum: events, compared per request; Average: events per sample (Sum and SampleCount read). */
  stat: 'Sum' | 'Average'
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

/** The parts of a GetMetricData answer the series need. */
export interface MetricDataPage {
  MetricDataResults?: ReadonlyArray<{
    Id?: string
    Timestamps?: ReadonlyArray<Date>
    Values?: ReadonlyArray<number>
  }>
}
