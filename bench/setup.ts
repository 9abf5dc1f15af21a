/**
 * Fixtures on the emulator: a REST API with a `prod` stage, optionally a
 * canary deployment at some traffic, and metric alarms in OK. Made with the
 * AWS SDK, the way a user's infrastructure code would.
 */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetStageCommand,
  UpdateStageCommand
} from '@aws-sdk/client-api-gateway'
import {
  CloudWatchClient,
  PutMetricAlarmCommand,
  SetAlarmStateCommand,
  type StateValue
} from '@aws-sdk/client-cloudwatch'
import { getCalls, reset, type CallRecord } from '../emulator/client.js'

export const STAGE = 'prod'
export const ALARM = 'bench-5xx-errors'

export interface Aws {
  url: string
  apigateway: APIGatewayClient
  cloudwatch: CloudWatchClient
}

export function connect(url: string): Aws {
  const common = {
    region: 'us-east-1',
    endpoint: url,
    credentials: { accessKeyId: 'AKIDBENCHBENCHBENCH0', secretAccessKey: 'bench' },
    maxAttempts: 1
  }
  return {
    url,
    apigateway: new APIGatewayClient(common),
    cloudwatch: new CloudWatchClient(common)
  }
}

export function disconnect(aws: Aws): void {
  aws.apigateway.destroy()
  aws.cloudwatch.destroy()
}

export interface Fixture {
  restApiId: string
  stableDeploymentId: string
  /** Undefined when made without a canary. */
  canaryDeploymentId: string | undefined
  /** The alarm made in OK, when asked for. */
  alarmName: string | undefined
}

export interface FixtureOptions {
  /** Canary traffic; no canary when undefined. */
  canaryPercent?: number
  /** Make one metric alarm, in OK. */
  alarm?: boolean
}

/** Forgets everything on the emulator, then makes the API, stage, canary and alarm asked for. */
export async function freshFixture(aws: Aws, opts: FixtureOptions = {}): Promise<Fixture> {
  await reset(aws.url)
  return makeFixture(aws, opts)
}

/** Makes another API (and the alarm, if asked and not there yet) beside what exists. */
export async function makeFixture(aws: Aws, opts: FixtureOptions = {}): Promise<Fixture> {
  const api = await aws.apigateway.send(new CreateRestApiCommand({ name: 'bench-api' }))
  const restApiId = api.id!
  const stable = await aws.apigateway.send(
    new CreateDeploymentCommand({ restApiId, description: 'stable (bench)' })
  )
  await aws.apigateway.send(
    new CreateStageCommand({ restApiId, stageName: STAGE, deploymentId: stable.id! })
  )
  let canaryDeploymentId: string | undefined
  if (opts.canaryPercent !== undefined) {
    const canary = await aws.apigateway.send(
      new CreateDeploymentCommand({
        restApiId,
        stageName: STAGE,
        description: 'canary (bench)',
        canarySettings: { percentTraffic: opts.canaryPercent, useStageCache: false }
      })
    )
    canaryDeploymentId = canary.id!
  }
  let alarmName: string | undefined
  if (opts.alarm) {
    alarmName = ALARM
    await aws.cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: ALARM,
        Namespace: 'AWS/ApiGateway',
        MetricName: '5XXError',
        Dimensions: [
          { Name: 'ApiName', Value: 'bench-api' },
          { Name: 'Stage', Value: STAGE }
        ],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold'
      })
    )
    await setAlarm(aws, 'OK')
  }
  return { restApiId, stableDeploymentId: stable.id!, canaryDeploymentId, alarmName }
}

export async function setAlarm(aws: Aws, state: StateValue, name = ALARM): Promise<void> {
  await aws.cloudwatch.send(
    new SetAlarmStateCommand({
      AlarmName: name,
      StateValue: state,
      StateReason: state === 'ALARM' ? 'bench: alarm raised' : 'bench: reset'
    })
  )
}

/** Sets the canary's traffic directly (as a person with the console would). */
export async function setCanaryPercent(aws: Aws, fx: Fixture, percent: number): Promise<void> {
  await aws.apigateway.send(
    new UpdateStageCommand({
      restApiId: fx.restApiId,
      stageName: STAGE,
      patchOperations: [
        { op: 'replace', path: '/canarySettings/percentTraffic', value: percent.toFixed(1) }
      ]
    })
  )
}

/** The canary's traffic as the stage has it; undefined with no canary settings. */
export async function canaryPercent(aws: Aws, fx: Fixture): Promise<number | undefined> {
  const s = await aws.apigateway.send(
    new GetStageCommand({ restApiId: fx.restApiId, stageName: STAGE })
  )
  return s.canarySettings ? (s.canarySettings.percentTraffic ?? 0) : undefined
}

/** The emulator's call log from position `from` on (what happened since a mark). */
export async function callsSince(url: string, from: number): Promise<CallRecord[]> {
  return (await getCalls(url)).slice(from)
}

/** A mark in the call log: its current length. */
export async function callMark(url: string): Promise<number> {
  return (await getCalls(url)).length
}

/** The traffic value an UpdateStage call set, when it replaced /canarySettings/percentTraffic. */
export function percentSet(call: CallRecord): string | undefined {
  if (call.operation !== 'UpdateStage') return undefined
  const ops = call.input.patchOperations
  if (!Array.isArray(ops)) return undefined
  for (const op of ops as { op?: string; path?: string; value?: string }[]) {
    if (op.op === 'replace' && op.path === '/canarySettings/percentTraffic') return op.value
  }
  return undefined
}
