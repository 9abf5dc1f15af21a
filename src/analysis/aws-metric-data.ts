import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { judgeQueries, judgeReadsFromPages } from './metric-reads.js'
import type { MetricDataPage } from './metric-queries.js'
import type { MetricDataReader } from '../ports.js'
import type { MetricDimensions } from './aws-metrics.js'

/** A runaway NextToken loop stops here (a bake's window is a few hundred datapoints per query). */
const MAX_PAGES = 20

/**
 * Reads the canary judge's series: the one GetMetricData request of
 * judgeQueries (both sides, latency thresholds, the KPIs), NextToken followed
 * to the end. The ApiName and canary Stage dimension values come from the
 * lookup the comparison uses (aws-metrics.ts), so a run looks them up once.
 */
export function metricDataReader(
  cloudwatch: CloudWatchClient,
  stage: string,
  dims: MetricDimensions
): MetricDataReader {
  return async ({ window, kpis, tail }, signal) => {
    const d = await dims(signal)
    const q = judgeQueries({
      apiName: d.apiName,
      stage,
      canaryStage: d.canaryStage,
      window,
      kpis,
      ...(tail ? { tail } : {})
    })
    const pages: MetricDataPage[] = []
    let token: string | undefined
    do {
      const page = await cloudwatch.send(
        new GetMetricDataCommand({ ...q.request, ...(token ? { NextToken: token } : {}) }),
        { abortSignal: signal }
      )
      if (page) pages.push(page)
      token = page?.NextToken
    } while (token && pages.length < MAX_PAGES)
    return {
      ...d,
      ...judgeReadsFromPages(pages, tail, kpis),
      calls: pages.length,
      billedMetrics: q.billedMetrics
    }
  }
}
