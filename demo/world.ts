/**
 * The demo's AWS account: the emulator in-process, and what a team's
 * infrastructure code would have made before its first canary release — a
 * REST API serving v1 on a `prod` stage, and two CloudWatch alarms on the
 * canary's metrics.
 */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetStageCommand,
  type Stage
} from '@aws-sdk/client-api-gateway'
import {
  CloudWatchClient,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
  type MetricDatum,
  type StateValue
} from '@aws-sdk/client-cloudwatch'
import { getCalls, type CallRecord } from '../emulator/client.js'
import { startEmulator, type Emulator } from '../emulator/server.js'

export const API_NAME = 'orders-api'
export const STAGE = 'prod'
export const ERRORS_ALARM = 'orders-api-prod-canary-5XXError'
export const LATENCY_ALARM = 'orders-api-prod-canary-Latency-p99'

export interface World {
  url: string
  restApiId: string
  stableDeploymentId: string
  getStage(): Promise<Stage>
  setAlarm(name: string, state: StateValue, reason: string): Promise<void>
  /** PutMetricData in the AWS/ApiGateway namespace (what API Gateway itself publishes). */
  putMetrics(data: MetricDatum[]): Promise<void>
  calls(): Promise<CallRecord[]>
  close(): Promise<void>
}

export async function startWorld(): Promise<World> {
  const emu: Emulator = await startEmulator({ port: 0 })
  const common = {
    region: 'us-east-1',
    endpoint: emu.url,
    credentials: { accessKeyId: 'AKIADEMODEMODEMO0000', secretAccessKey: 'demo-not-a-secret' },
    maxAttempts: 2
  }
  const apigw = new APIGatewayClient(common)
  const cw = new CloudWatchClient(common)

  const api = await apigw.send(
    new CreateRestApiCommand({ name: API_NAME, description: 'Orders service, public REST API' })
  )
  const restApiId = api.id!
  const v1 = await apigw.send(
    new CreateDeploymentCommand({ restApiId, description: 'orders-api v1.8.0 (stable)' })
  )
  await apigw.send(
    new CreateStageCommand({
      restApiId,
      stageName: STAGE,
      deploymentId: v1.id!,
      description: 'production',
      variables: { backendAlias: 'live', ordersTable: 'orders-prod', logLevel: 'INFO' }
    })
  )
  const dimensions = [
    { Name: 'ApiName', Value: API_NAME },
    { Name: 'Stage', Value: `${STAGE}/Canary` }
  ]
  await cw.send(
    new PutMetricAlarmCommand({
      AlarmName: ERRORS_ALARM,
      AlarmDescription: 'Canary 5XX responses above 5 a minute',
      Namespace: 'AWS/ApiGateway',
      MetricName: '5XXError',
      Dimensions: dimensions,
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching'
    })
  )
  await cw.send(
    new PutMetricAlarmCommand({
      AlarmName: LATENCY_ALARM,
      AlarmDescription: 'Canary p99 latency above 1.5 s',
      Namespace: 'AWS/ApiGateway',
      MetricName: 'Latency',
      Dimensions: dimensions,
      ExtendedStatistic: 'p99',
      Period: 60,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
      Threshold: 1500,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching'
    })
  )

  const setAlarm = async (name: string, state: StateValue, reason: string) => {
    await cw.send(
      new SetAlarmStateCommand({ AlarmName: name, StateValue: state, StateReason: reason })
    )
  }
  await setAlarm(
    ERRORS_ALARM,
    'OK',
    'Threshold Crossed: no datapoints were above the threshold (5.0).'
  )
  await setAlarm(
    LATENCY_ALARM,
    'OK',
    'Threshold Crossed: no datapoints were above the threshold (1500.0).'
  )

  return {
    url: emu.url,
    restApiId,
    stableDeploymentId: v1.id!,
    getStage: () => apigw.send(new GetStageCommand({ restApiId, stageName: STAGE })),
    setAlarm,
    async putMetrics(data) {
      await cw.send(new PutMetricDataCommand({ Namespace: 'AWS/ApiGateway', MetricData: data }))
    },
    calls: () => getCalls(emu.url),
    async close() {
      apigw.destroy()
      cw.destroy()
      await emu.close()
    }
  }
}

/** CloudWatch's own wording for a metric alarm that crossed its threshold. */
export function thresholdCrossedReason(value: number, threshold: number, at = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  const stamp = `${p(at.getUTCDate())}/${p(at.getUTCMonth() + 1)}/${p(at.getUTCFullYear() % 100)} ${p(at.getUTCHours())}:${p(at.getUTCMinutes())}:00`
  return `Threshold Crossed: 1 out of the last 1 datapoints [${value.toFixed(1)} (${stamp})] was greater than the threshold (${threshold.toFixed(1)}) (minimum 1 datapoint for OK -> ALARM transition).`
}
