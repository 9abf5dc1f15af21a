import {
  APIGatewayClient,
  GetDeploymentCommand,
  GetRestApiCommand,
  GetStageCommand
} from '@aws-sdk/client-api-gateway'
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  ListMetricsCommand
} from '@aws-sdk/client-cloudwatch'

const NAMESPACE = 'AWS/ApiGateway'
const WINDOW_MS = 15 * 60 * 1000
/** The action's queries per side (src/analysis/aws-metrics.ts): metric and statistic. */
const QUERIES = [
  ['Count', 'Sum'],
  ['5XXError', 'Sum'],
  ['4XXError', 'Sum'],
  ['Latency', 'p99'],
  ['Latency', 'Average']
] as const

/**
 * What `status` asks AWS, in the same order and with the same overlap:
 * GetStage, then GetDeployment ‖ DescribeAlarms ‖ (GetRestApi → ListMetrics →
 * GetMetricData). Reads the action's own INPUT_* variables.
 */
export async function readLikeStatus(env: NodeJS.ProcessEnv): Promise<void> {
  const input = (name: string) => env[`INPUT_${name.toUpperCase()}`] ?? ''
  const restApiId = input('rest-api-id')
  const stageName = input('stage')
  const apigateway = new APIGatewayClient({})
  const cloudwatch = new CloudWatchClient({})
  try {
    const stage = await apigateway.send(new GetStageCommand({ restApiId, stageName }))
    const canary = stage.canarySettings?.deploymentId
    const metrics = async () => {
      const api = await apigateway.send(new GetRestApiCommand({ restApiId }))
      const dims = [{ Name: 'ApiName', Value: api.name ?? restApiId }]
      await cloudwatch.send(
        new ListMetricsCommand({ Namespace: NAMESPACE, MetricName: 'Count', Dimensions: dims })
      )
      const end = new Date()
      await cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: new Date(end.getTime() - WINDOW_MS),
          EndTime: end,
          MetricDataQueries: [stageName, `${stageName}/Canary`].flatMap((s, i) =>
            QUERIES.map(([metric, stat], j) => ({
              Id: `q${i}_${j}`,
              MetricStat: {
                Metric: {
                  Namespace: NAMESPACE,
                  MetricName: metric,
                  Dimensions: [...dims, { Name: 'Stage', Value: s }]
                },
                Period: WINDOW_MS / 1000,
                Stat: stat
              }
            }))
          )
        })
      )
    }
    await Promise.all([
      canary && apigateway.send(new GetDeploymentCommand({ restApiId, deploymentId: canary })),
      cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [input('alarm-names')] })),
      metrics()
    ])
  } finally {
    apigateway.destroy()
    cloudwatch.destroy()
  }
}
