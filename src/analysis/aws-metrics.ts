import { GetRestApiCommand, type APIGatewayClient } from '@aws-sdk/client-api-gateway'
import {
  GetMetricDataCommand,
  type CloudWatchClient,
  type MetricDataQuery
} from '@aws-sdk/client-cloudwatch'
import type { StageMetrics } from './metric-verdicts.js'
import { canaryStageDimension } from '../aws/canary-stage-dimension.js'
import type { MetricsRead, MetricsReader } from '../ports.js'

export const NAMESPACE = 'AWS/ApiGateway'

/** What the comparison reads: the same statistics for the stable and the canary side. */
const QUERIES: { key: keyof StageMetrics; metric: string; stat: string }[] = [
  { key: 'requests', metric: 'Count', stat: 'Sum' },
  { key: 'errors5xx', metric: '5XXError', stat: 'Sum' },
  { key: 'errors4xx', metric: '4XXError', stat: 'Sum' },
  { key: 'latencyP99', metric: 'Latency', stat: 'p99' },
  { key: 'latencyAvg', metric: 'Latency', stat: 'Average' }
]

/**
 * Reads API Gateway's CloudWatch metrics for the stable and the canary side of
 * a stage over a window. The metrics' ApiName dimension is the API's name, so
 * it is looked up once; the canary's Stage dimension is not documented by AWS
 * (docs/aws-behaviour.md#canary-metrics), so it is taken from `canaryStageInput`, or
 * discovered with ListMetrics, or else `{stage}/Canary`.
 */
export function metricsReader(
  apigateway: APIGatewayClient,
  cloudwatch: CloudWatchClient,
  restApiId: string,
  stage: string,
  canaryStageInput: string | undefined,
  dims: MetricDimensions = metricDimensions(
    apigateway,
    cloudwatch,
    restApiId,
    stage,
    canaryStageInput
  )
): MetricsReader {
  return async (window, signal) => {
    const d = await dims(signal)
    const seconds = Math.max(
      60,
      Math.ceil((window.end.getTime() - window.start.getTime()) / 60_000) * 60
    )
    const sides = { stable: stage, canary: d.canaryStage }
    const queries: MetricDataQuery[] = Object.entries(sides).flatMap(([side, stageValue]) =>
      QUERIES.map((q) => ({
        Id: `${side}_${q.key}`,
        ReturnData: true,
        MetricStat: {
          Metric: {
            Namespace: NAMESPACE,
            MetricName: q.metric,
            Dimensions: [
              { Name: 'ApiName', Value: d.apiName },
              { Name: 'Stage', Value: stageValue }
            ]
          },
          Period: seconds,
          Stat: q.stat
        }
      }))
    )
    const res = await cloudwatch.send(
      new GetMetricDataCommand({
        MetricDataQueries: queries,
        StartTime: window.start,
        EndTime: window.end
      }),
      { abortSignal: signal }
    )
    const out: { stable: StageMetrics; canary: StageMetrics } = { stable: {}, canary: {} }
    for (const r of res.MetricDataResults ?? []) {
      const [side, key] = (r.Id ?? '').split('_') as ['stable' | 'canary', keyof StageMetrics]
      const q = QUERIES.find((x) => x.key === key)
      const values = r.Values ?? []
      if (!q || !out[side] || values.length === 0) continue
      // One period spans the window; a window across a period boundary answers two.
      out[side][key] =
        q.stat === 'Sum'
          ? values.reduce((a, b) => a + b, 0)
          : q.stat === 'Average'
            ? values.reduce((a, b) => a + b, 0) / values.length
            : Math.max(...values)
    }
    return { ...d, ...out }
  }
}

/** The ApiName and canary Stage dimension values, looked up once per run and shared by the readers. */
export type MetricDimensions = (
  signal?: AbortSignal
) => Promise<Pick<MetricsRead, 'apiName' | 'canaryStage' | 'canaryStageSource'>>

export function metricDimensions(
  apigateway: APIGatewayClient,
  cloudwatch: CloudWatchClient,
  restApiId: string,
  stage: string,
  canaryStageInput: string | undefined
): MetricDimensions {
  let cached: Pick<MetricsRead, 'apiName' | 'canaryStage' | 'canaryStageSource'> | undefined
  const dims = async (signal?: AbortSignal) => {
    if (cached) return cached
    const api = await apigateway.send(new GetRestApiCommand({ restApiId }), { abortSignal: signal })
    const apiName = api.name ?? restApiId
    const d = await canaryStageDimension(cloudwatch, apiName, stage, canaryStageInput, signal)
    return (cached = { apiName, ...d })
  }
  return dims
}
