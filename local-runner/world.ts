/**
 * A seeded emulator world: the emulator in-process on a free port, SDK clients
 * on it, and what a user's infrastructure code would have made before the
 * first release (a REST API, its stable deployment, a stage, CloudWatch alarms
 * in their states, optionally a canary), made with the AWS SDK. The end-to-end tests,
 * the chaos suite, the demo and the bench all build their AWS account with
 * this, through the scenario builder (scenario.ts); the action itself runs
 * against `url` through run-action.ts.
 */
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  type Deployment,
  type EndpointType,
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
import { clearCalls, getCalls, reset, type CallRecord } from '../emulator/client.js'
import { startEmulator, type Emulator } from '../emulator/server.js'
import { awsEnv } from './run-action.js'
import { STAGE } from './fixtures.js'
import { worldAlarm, type AlarmSeed } from './world-state.js'

export { stageAlarm, type AlarmSeed } from './world-state.js'

/** The stage seeded when none is named (fixtures.ts STAGE). */
export const DEFAULT_STAGE = STAGE

export interface SeedOptions {
  /** Forget everything on the emulator first (default); false adds beside what exists. */
  reset?: boolean
  apiName: string
  apiDescription?: string
  /** The API's endpoint types (CreateRestApi endpointConfiguration); default API Gateway's, EDGE. */
  endpointTypes?: EndpointType[]
  /** Default `prod`. */
  stage?: string
  stageDescription?: string
  /** The stable deployment's description. */
  stableDescription: string
  variables?: Record<string, string>
  /** A canary deployment on the stage at this traffic (CreateDeployment with canarySettings). */
  canary?: { percent: number; description: string; overrides?: Record<string, string> }
  /** Metric alarms to make, each set to its state (OK unless the seed says). */
  alarms?: AlarmSeed[]
  /** Empty the call log afterwards, so that it holds only what comes next (default false). */
  clearCalls?: boolean
}

export interface Seeded {
  restApiId: string
  stableDeploymentId: string
  /** Undefined when seeded without a canary. */
  canaryDeploymentId: string | undefined
}

export interface World {
  emu: Emulator
  /** The emulator's URL, for `endpoint` / AWS_ENDPOINT_URL. */
  url: string
  apigw: APIGatewayClient
  cw: CloudWatchClient
  /** Makes the API, stage, alarms and canary asked for. */
  seed(opts: SeedOptions): Promise<Seeded>
  getStage(restApiId: string, stageName?: string): Promise<Stage>
  deployments(restApiId: string): Promise<Deployment[]>
  setAlarm(name: string, state: StateValue, reason: string): Promise<void>
  /** PutMetricData in the AWS/ApiGateway namespace (what API Gateway itself publishes). */
  putMetrics(data: MetricDatum[]): Promise<void>
  /** The emulator's call log. */
  calls(): Promise<CallRecord[]>
  /** Empties the call log without forgetting resources. */
  clearCalls(): Promise<void>
  close(): Promise<void>
}

export interface WorldOptions {
  /** SDK attempts per call of the world's own clients (default 1: a failure shows at once). */
  maxAttempts?: number
  /** The emulator's clock (default Date.now), e.g. fastClock() of fast-clock.ts. */
  now?: () => number
}

/**
 * What a user's infrastructure code would have made before the first release,
 * made with the AWS SDK on the emulator at `url`: an API, its stable
 * deployment, a stage, alarms in their states (OK by default), optionally a canary. startWorld's
 * `seed`, and `npm run local-action:seed` on an emulator started apart.
 */
export async function seedAccount(
  { url, apigw, cw }: { url: string; apigw: APIGatewayClient; cw: CloudWatchClient },
  o: SeedOptions
): Promise<Seeded> {
  if (o.reset !== false) await reset(url)
  const stageName = o.stage ?? DEFAULT_STAGE
  const api = await apigw.send(
    new CreateRestApiCommand({
      name: o.apiName,
      description: o.apiDescription,
      ...(o.endpointTypes ? { endpointConfiguration: { types: o.endpointTypes } } : {})
    })
  )
  const restApiId = api.id!
  const stable = await apigw.send(
    new CreateDeploymentCommand({ restApiId, description: o.stableDescription })
  )
  await apigw.send(
    new CreateStageCommand({
      restApiId,
      stageName,
      deploymentId: stable.id!,
      description: o.stageDescription,
      variables: o.variables
    })
  )
  let canaryDeploymentId: string | undefined
  if (o.canary) {
    const canary = await apigw.send(
      new CreateDeploymentCommand({
        restApiId,
        stageName,
        description: o.canary.description,
        canarySettings: {
          percentTraffic: o.canary.percent,
          useStageCache: false,
          ...(o.canary.overrides ? { stageVariableOverrides: o.canary.overrides } : {})
        }
      })
    )
    canaryDeploymentId = canary.id!
  }
  for (const a of o.alarms ?? []) await cw.send(new PutMetricAlarmCommand(a.alarm))
  for (const a of (o.alarms ?? []).map(worldAlarm)) {
    await cw.send(
      new SetAlarmStateCommand({
        AlarmName: a.definition.AlarmName!,
        StateValue: a.state,
        StateReason: a.reason
      })
    )
  }
  if (o.clearCalls) await clearCalls(url)
  return { restApiId, stableDeploymentId: stable.id!, canaryDeploymentId }
}

export async function startWorld(opts: WorldOptions = {}): Promise<World> {
  const emu = await startEmulator({ port: 0, ...(opts.now ? { now: opts.now } : {}) })
  const env = awsEnv(emu.url)
  const common = {
    region: env.AWS_REGION,
    endpoint: emu.url,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? '',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? ''
    },
    maxAttempts: opts.maxAttempts ?? 1
  }
  const apigw = new APIGatewayClient(common)
  const cw = new CloudWatchClient(common)

  const setAlarm = async (name: string, state: StateValue, reason: string): Promise<void> => {
    await cw.send(
      new SetAlarmStateCommand({ AlarmName: name, StateValue: state, StateReason: reason })
    )
  }

  const seed = (o: SeedOptions) => seedAccount({ url: emu.url, apigw, cw }, o)

  return {
    emu,
    url: emu.url,
    apigw,
    cw,
    seed,
    getStage: (restApiId, stageName = DEFAULT_STAGE) =>
      apigw.send(new GetStageCommand({ restApiId, stageName })),
    async deployments(restApiId) {
      const res = await apigw.send(new GetDeploymentsCommand({ restApiId, limit: 500 }))
      return res.items ?? []
    },
    setAlarm,
    async putMetrics(data) {
      await cw.send(new PutMetricDataCommand({ Namespace: 'AWS/ApiGateway', MetricData: data }))
    },
    calls: () => getCalls(emu.url),
    clearCalls: () => clearCalls(emu.url),
    async close() {
      apigw.destroy()
      cw.destroy()
      await emu.close()
    }
  }
}
