/**
 * What a user's infrastructure code would have made before the first release,
 * made with the AWS SDK against the in-process emulator: a REST API, a stable
 * deployment, a `prod` stage and CloudWatch alarms. Plus readers for the
 * emulator's call log and the stage as GetStage reports it, the world's
 * lifecycle for a test file (useWorld), and one step of a release (step).
 */
import { afterAll, beforeAll } from '@jest/globals'
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
  SetAlarmStateCommand,
  type StateValue
} from '@aws-sdk/client-cloudwatch'
import { getCalls, reset, type CallRecord } from '../../emulator/client.js'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import {
  GITHUB_DEFAULTS,
  runAction,
  startAction,
  type ActionOptions,
  type ActionResult,
  type Inputs,
  type Started
} from '../../local-runner/run-action.js'

export const STAGE = 'prod'
export const ERRORS_ALARM = 'orders-api-prod-5xx-errors'
export const LATENCY_ALARM = 'orders-api-prod-latency-p99'

/** The commit every run deploys unless told otherwise (GITHUB_SHA). */
export const SHA = GITHUB_DEFAULTS.sha
export const OTHER_SHA = '1111111111222222222233333333334444444444'

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
    credentials: { accessKeyId: 'AKIAE2ETESTEXAMPLE00', secretAccessKey: 'e2e-dummy-secret' },
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

/**
 * Starts a world before the test file's tests and closes it after them.
 * Returns a getter for it, to call inside the tests (`const world = useWorld()`).
 */
export function useWorld(): () => World {
  let w: World | undefined
  beforeAll(async () => {
    w = await startWorld()
  })
  afterAll(async () => {
    await w?.close()
  })
  return () => {
    if (!w) throw new Error('the world is started in beforeAll: use it inside a test')
    return w
  }
}

export interface Api {
  restApiId: string
  stableDeploymentId: string
}

/**
 * Forgets everything on the emulator, then makes the API with its stable
 * deployment, the stage (with stage variables) and both alarms in OK.
 * The call log is emptied afterwards, so it holds only what the action does.
 */
export async function freshRelease(
  w: World,
  opts: { variables?: Record<string, string> } = {}
): Promise<Api> {
  await reset(w.url)
  const api = await w.apigw.send(new CreateRestApiCommand({ name: 'orders-api' }))
  const restApiId = api.id!
  const stable = await w.apigw.send(
    new CreateDeploymentCommand({ restApiId, description: 'v1.4.2 (initial stable)' })
  )
  await w.apigw.send(
    new CreateStageCommand({
      restApiId,
      stageName: STAGE,
      deploymentId: stable.id!,
      variables: opts.variables ?? { backend: 'orders-v1', logLevel: 'info' }
    })
  )
  await putAlarm(w, ERRORS_ALARM, '5XXError', 'Sum')
  await putAlarm(w, LATENCY_ALARM, 'Latency', undefined, 'p99')
  await setAlarm(w, ERRORS_ALARM, 'OK', 'Threshold Crossed: no datapoints were above 5')
  await setAlarm(w, LATENCY_ALARM, 'OK', 'Threshold Crossed: p99 latency below 1500 ms')
  await clearCallLog(w)
  return { restApiId, stableDeploymentId: stable.id! }
}

export async function putAlarm(
  w: World,
  name: string,
  metric: string,
  statistic?: 'Sum' | 'Average',
  extendedStatistic?: string
): Promise<void> {
  await w.cw.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      Namespace: 'AWS/ApiGateway',
      MetricName: metric,
      Dimensions: [
        { Name: 'ApiName', Value: 'orders-api' },
        { Name: 'Stage', Value: `${STAGE}/Canary` }
      ],
      ...(statistic ? { Statistic: statistic } : {}),
      ...(extendedStatistic ? { ExtendedStatistic: extendedStatistic } : {}),
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: metric === 'Latency' ? 1500 : 5,
      ComparisonOperator: 'GreaterThanThreshold'
    })
  )
}

export async function setAlarm(
  w: World,
  name: string,
  state: StateValue,
  reason: string
): Promise<void> {
  await w.cw.send(
    new SetAlarmStateCommand({ AlarmName: name, StateValue: state, StateReason: reason })
  )
}

export async function getStage(w: World, restApiId: string, stageName = STAGE): Promise<Stage> {
  return w.apigw.send(new GetStageCommand({ restApiId, stageName }))
}

export async function deployments(w: World, restApiId: string): Promise<Deployment[]> {
  const res = await w.apigw.send(new GetDeploymentsCommand({ restApiId, limit: 500 }))
  return res.items ?? []
}

/** Empties the call log without forgetting resources. */
export async function clearCallLog(w: World): Promise<void> {
  await fetch(`${w.url}/_emulator/calls`, { method: 'DELETE' })
}

/** The emulator's call log (what the action did since the last clear). */
export function calls(w: World): Promise<CallRecord[]> {
  return getCalls(w.url)
}

/**
 * Runs one step on the stage (`rest-api-id` and `stage` given, `inputs` win)
 * with an empty call log, and returns the step's result and the calls it made.
 */
export async function step(
  w: World,
  restApiId: string,
  inputs: Inputs,
  opts: Omit<ActionOptions, 'endpoint'> = {}
): Promise<{ r: ActionResult; log: CallRecord[] }> {
  await clearCallLog(w)
  const r = await runAction(
    { 'rest-api-id': restApiId, stage: STAGE, ...inputs },
    { ...opts, endpoint: w.url }
  )
  return { r, log: await calls(w) }
}

/**
 * Starts a `shift` to `percent` that bakes, gated on ERRORS_ALARM and polling
 * every second (`inputs` win), and returns once its raise has landed.
 */
export async function startBakingShift(
  w: World,
  restApiId: string,
  percent: number,
  inputs: Inputs
): Promise<Started<ActionResult>> {
  const run = startAction(
    {
      'rest-api-id': restApiId,
      stage: STAGE,
      'alarm-names': ERRORS_ALARM,
      command: 'shift',
      percent: String(percent),
      'poll-interval': '1s',
      ...inputs
    },
    { endpoint: w.url }
  )
  await waitFor(`the raise to ${percent}%`, async () =>
    trafficWrites(await calls(w)).some((t) => t.value === percent.toFixed(1))
  )
  return run
}

/** Operation names in order, e.g. ['GetStage', 'DescribeAlarms', 'UpdateStage']. */
export function operations(log: CallRecord[]): string[] {
  return log.map((c) => c.operation)
}

export function count(log: CallRecord[], operation: string): number {
  return log.filter((c) => c.operation === operation).length
}

/** Traffic set by each successful UpdateStage that replaced percentTraffic, in order. */
export function trafficWrites(log: CallRecord[]): { time: string; value: string }[] {
  const out: { time: string; value: string }[] = []
  for (const c of log) {
    if (c.operation !== 'UpdateStage' || c.status !== 200) continue
    const ops = (c.input.patchOperations ?? []) as { op: string; path: string; value?: string }[]
    for (const o of ops)
      if (o.op === 'replace' && o.path === '/canarySettings/percentTraffic')
        out.push({ time: c.time, value: o.value ?? '' })
  }
  return out
}

/** Polls `check` every 50 ms until it returns something truthy, or fails after `timeoutMs`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  timeoutMs = 10_000
): Promise<T> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const v = await check()
    if (v) return v
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 50))
  }
}
