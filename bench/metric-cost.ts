/**
 * What the canary analysis's GetMetricData reads cost: CloudWatch bills
 * GetMetricData per metric requested (up to five statistics of a metric count
 * once), so the bench counts billed metrics from the call log, as sent.
 */
import type { CallRecord } from '../emulator/client.js'
import { billedMetrics, type MetricQuery } from '../src/analysis/metric-queries.js'
import { judgeQueries } from '../src/analysis/metric-reads.js'
import { API_NAME, CANARY_STAGE, STAGE } from '../local-runner/fixtures.js'

/** Billed metrics of every GetMetricData call in `calls` (each page of a read is billed again). */
export function billedMetricsOf(calls: readonly CallRecord[]): number {
  return calls
    .filter((c) => c.operation === 'GetMetricData')
    .reduce(
      (n, c) => n + billedMetrics((c.input.MetricDataQueries ?? []) as readonly MetricQuery[]),
      0
    )
}

/** One analysis read (both sides, no KPI, latency thresholds known): what judgeQueries asks for. */
export const METRICS_PER_READ = judgeQueries({
  apiName: API_NAME,
  stage: STAGE,
  canaryStage: CANARY_STAGE,
  window: { start: new Date(0), end: new Date(60_000) },
  tail: { thresholds: [50, 100, 200], allowancePercent: 20 }
}).billedMetrics

/**
 * The most reads a bake makes: one per minute that is complete and published
 * during it (at most one per whole minute of the bake, plus one for a bake not
 * starting on a minute), the end's read reusing the last when nothing new is published.
 */
export const maxReadsPerBake = (bakeMs: number) => Math.floor(bakeMs / 60_000) + 1
