/**
 * The end-to-end tests' world (local-runner/world.ts) with what a user's
 * infrastructure code would have made before the first release, built by
 * local-runner/scenario.ts with the shared names of local-runner/fixtures.ts:
 * the `orders-api` REST API, a stable deployment, a `prod` stage and two
 * CloudWatch alarms. Plus the world's lifecycle for a test file (useWorld),
 * readers for the stage and the call log, and one step of a release (step).
 */
import { afterAll, beforeAll } from '@jest/globals'
import type { Deployment, Stage } from '@aws-sdk/client-api-gateway'
import type { StateValue } from '@aws-sdk/client-cloudwatch'
import type { CallRecord } from '../../emulator/client.js'
import {
  runAction,
  startAction,
  type ActionOptions,
  type ActionResult,
  type Inputs,
  type Started
} from '../../local-runner/run-action.js'
import { startWorld, type World } from '../../local-runner/world.js'
import { buildScenario, type Scenario } from '../../local-runner/scenario.js'
import { ERRORS_ALARM, STAGE } from '../../local-runner/fixtures.js'

export type { World } from '../../local-runner/world.js'
/** The shared names (SHA: the commit every run deploys unless told otherwise). */
export {
  ERRORS_ALARM,
  LATENCY_ALARM,
  OTHER_SHA,
  REPO,
  SHA,
  STAGE
} from '../../local-runner/fixtures.js'

/** An OpenAPI 3.0 definition API Gateway imports without a warning: GET /orders on a mock integration. */
export const OPENAPI_DEFINITION = `openapi: 3.0.1
info: { title: orders, version: '2' }
paths:
  /orders:
    get:
      x-amazon-apigateway-integration: { type: mock, requestTemplates: { application/json: '{"statusCode": 200}' } }
      responses: { '200': { description: ok } }
`

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
 * Forgets everything on the emulator, then makes the scenario (by default the
 * API with its stable deployment, the stage with stage variables and both
 * alarms in OK). The call log is emptied afterwards, so it holds only what
 * the action does.
 */
export async function freshRelease(w: World, scenario: Scenario = {}): Promise<Api> {
  const { restApiId, stableDeploymentId } = await buildScenario(w, {
    ...scenario,
    clearCalls: true
  })
  return { restApiId, stableDeploymentId }
}

export async function setAlarm(
  w: World,
  name: string,
  state: StateValue,
  reason: string
): Promise<void> {
  await w.setAlarm(name, state, reason)
}

export async function getStage(w: World, restApiId: string, stageName = STAGE): Promise<Stage> {
  return w.getStage(restApiId, stageName)
}

export async function deployments(w: World, restApiId: string): Promise<Deployment[]> {
  return w.deployments(restApiId)
}

/** Empties the call log without forgetting resources. */
export async function clearCallLog(w: World): Promise<void> {
  await w.clearCalls()
}

/** The emulator's call log (what the action did since the last clear). */
export function calls(w: World): Promise<CallRecord[]> {
  return w.calls()
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
