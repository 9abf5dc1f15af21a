import { GetMetricDataCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { judgeQueries, judgeReadsFromPages } from './metric-reads.js'
import type { MetricDataPage } from './metric-queries.js'
import type { MetricDataReader } from '../ports.js'
import type { MetricDimensions } from './aws-metrics.js'
import { pages as eachPage } from '../aws/pages.js'

/** A bake's window is a few hundred datapoints per query: more pages than this is a runaway token. */
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
    await eachPage(
      'GetMetricData',
      (token) =>
        cloudwatch.send(
          new GetMetricDataCommand({ ...q.request, ...(token ? { NextToken: token } : {}) }),
          { abortSignal: signal }
        ),
      (page) => page?.NextToken,
      (page) => {
        if (page) pages.push(page)
      },
      MAX_PAGES
    )
    return {
      ...d,
      ...judgeReadsFromPages(pages, tail, kpis),
      calls: pages.length,
      billedMetrics: q.billedMetrics
    }
  }
}
