/**
 * The chaos suite's world: an emulator started in-process, SDK clients on it,
 * and what a user's infrastructure would have made before a release (a REST
 * API, its stable deployment, a `prod` stage, an alarm in OK). Every scenario
 * worker gets a world of its own, because the emulator's faults and quotas are
 * global to it.
 */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  type Deployment,
  type Stage
} from '@aws-sdk/client-api-gateway'
import {
  CloudWatchClient,
  PutMetricAlarmCommand,
  SetAlarmStateCommand
} from '@aws-sdk/client-cloudwatch'
import { clearCalls, getCalls, type CallRecord } from '../emulator/client.js'
import { startEmulator, type Emulator } from '../emulator/server.js'

export const STAGE = 'prod'
export const ALARM = 'orders-api-prod-5xx-errors'
export const REPO = 'acme/orders-api'

export interface World {
  emu: Emulator
  url: string
  apigw: APIGatewayClient
  cw: CloudWatchClient
  close(): Promise<void>
}

export async function startWorld(): Promise<World> {
  const emu = await startEmulator({ port: 0 })
  const common = {
    region: 'us-east-1',
    endpoint: emu.url,
    credentials: { accessKeyId: 'AKIACHAOSSEEDER00000', secretAccessKey: 'chaos-seeder' },
    maxAttempts: 1
  }
  const apigw = new APIGatewayClient(common)
  const cw = new CloudWatchClient(common)
  return {
    emu,
    url: emu.url,
    apigw,
    cw,
    async close() {
      apigw.destroy()
      cw.destroy()
      await emu.close()
    }
  }
}

export interface SeedOptions {
  /** The REST API's name (hostile text for the inputs scenario). */
  apiName?: string
  /** A canary made directly with CreateDeployment (as another tool would). */
  canary?: { percent: number; description: string; overrides?: Record<string, string> }
}

/** A new REST API with its stable deployment and `prod` stage; returns its id. */
export async function seedApi(w: World, opts: SeedOptions = {}): Promise<string> {
  const api = await w.apigw.send(new CreateRestApiCommand({ name: opts.apiName ?? 'orders-api' }))
  const restApiId = api.id!
  const stable = await w.apigw.send(
    new CreateDeploymentCommand({ restApiId, description: 'v1.4.2 (initial stable)' })
  )
  await w.apigw.send(
    new CreateStageCommand({
      restApiId,
      stageName: STAGE,
      deploymentId: stable.id!,
      variables: { backend: 'orders-v1' }
    })
  )
  if (opts.canary) {
    await w.apigw.send(
      new CreateDeploymentCommand({
        restApiId,
        stageName: STAGE,
        description: opts.canary.description,
        canarySettings: {
          percentTraffic: opts.canary.percent,
          useStageCache: false,
          stageVariableOverrides: opts.canary.overrides
        }
      })
    )
  }
  return restApiId
}

/** A metric alarm, set to `state` with `reason`. */
export async function seedAlarm(
  w: World,
  name = ALARM,
  reason = 'Threshold Crossed: no datapoints were above 5',
  state: 'OK' | 'ALARM' = 'OK'
): Promise<void> {
  await w.cw.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      Namespace: 'AWS/ApiGateway',
      MetricName: '5XXError',
      Dimensions: [
        { Name: 'ApiName', Value: 'orders-api' },
        { Name: 'Stage', Value: `${STAGE}/Canary` }
      ],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold'
    })
  )
  await w.cw.send(
    new SetAlarmStateCommand({ AlarmName: name, StateValue: state, StateReason: reason })
  )
}

export function getStage(w: World, restApiId: string): Promise<Stage> {
  return w.apigw.send(new GetStageCommand({ restApiId, stageName: STAGE }))
}

export async function deployments(w: World, restApiId: string): Promise<Deployment[]> {
  const out: Deployment[] = []
  let position: string | undefined
  do {
    const res = await w.apigw.send(new GetDeploymentsCommand({ restApiId, limit: 500, position }))
    out.push(...(res.items ?? []))
    position = res.position
  } while (position)
  return out
}

/** The emulator's call log, emptied afterwards. */
export async function takeCalls(w: World): Promise<CallRecord[]> {
  const log = await getCalls(w.url)
  await clearCalls(w.url)
  return log
}
