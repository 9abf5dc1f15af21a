import {
  APIGatewayClient,
  CreateDeploymentCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  UpdateStageCommand,
  type CreateDeploymentCommandInput,
  type Stage
} from '@aws-sdk/client-api-gateway'
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  type MetricAlarm,
  type StateValue
} from '@aws-sdk/client-cloudwatch'
import { mockClient, type AwsClientStub } from 'aws-sdk-client-mock'
import type { Stage as EmulatorStage } from '../../emulator/apigateway/model.js'
import { applyStagePatch, type PatchOperation } from '../../emulator/apigateway/patch.js'
import { buildContext } from '../../src/context.js'
import type { Clock, Logger, Sleep } from '../../src/ports.js'
import type { Provenance } from '../../src/core/description.js'
import { parseInputs, type Config } from '../../src/github/inputs.js'
import { newReport } from '../../src/core/report.js'

import { OTHER_SHA, REPO, REST_API_ID, SHA, STAGE } from '../../local-runner/fixtures.js'
import {
  describedAlarm,
  MOCK_IDS,
  stageOf,
  worldState,
  type Scenario,
  type WorldAlarm,
  type WorldIds
} from '../../local-runner/world-state.js'

export { OTHER_SHA, REPO, SHA, STAGE }
export const API = REST_API_ID
export const PROVENANCE: Provenance = {
  repository: REPO,
  sha: SHA,
  runId: '42',
  runAttempt: '1',
  actor: 'octocat'
}
/** The GitHub context of a run() test: this repository at this commit. */
export const RUN_ENV = { GITHUB_REPOSITORY: REPO, GITHUB_SHA: SHA }
export const STEP_ID = 'feedc0de'
export const THIS_COMMIT_DESC = `apigw-canary: ${REPO}@${SHA} run 42 attempt 1 by octocat, step ${STEP_ID}`
export const OTHER_COMMIT_DESC = `apigw-canary: ${REPO}@${OTHER_SHA} run 41 attempt 1 by octocat`

/**
 * The tests' opt-in to releases without a gate: a step that raises traffic
 * or promotes needs an alarm or `allow-ungated: true`, and most tests are
 * not about the gate (those that are name alarms, or set it to false).
 */
export const ungatedOptIn = (inputs: Record<string, string>): Record<string, string> =>
  ['deploy', 'shift', 'ramp', 'promote'].includes(inputs.command ?? '')
    ? { 'allow-ungated': 'true' }
    : {}

/** A Config as parseInputs makes it from these inputs (so defaults are the real ones). */
export function config(inputs: Record<string, string>): Config {
  const all: Record<string, string> = {
    'rest-api-id': API,
    stage: STAGE,
    'aws-region': 'us-east-1',
    ...ungatedOptIn(inputs),
    ...inputs
  }
  return parseInputs((n) => all[n] ?? '', {})
}

/**
 * A stage as GetStage answers it (local-runner/world-state.ts `stageOf`, the
 * builder behind every test world), with this file's deployment ids: the
 * stable `stable1`, a canary when `canary` names its deployment.
 */
export function stage(
  opts: {
    stable?: string
    canary?: string
    percent?: number
    overrides?: Record<string, string>
    variables?: Record<string, string>
  } = {}
): Stage {
  return stageOf({
    deploymentId: opts.stable ?? MOCK_IDS.stable,
    ...(opts.variables ? { variables: opts.variables } : {}),
    ...(opts.canary
      ? {
          canary: {
            deploymentId: opts.canary,
            percent: opts.percent ?? 0,
            ...(opts.overrides ? { overrides: opts.overrides } : {})
          }
        }
      : {})
  })
}

/** When the unit tests' alarms last changed state. */
const ALARM_UPDATED = new Date('2026-11-26T08:00:00Z')

/** An alarm as DescribeAlarms answers it, in `state` (the reason defaults to `state {state}`). */
export function alarm(
  name: string,
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA',
  reason = ''
): MetricAlarm {
  return describedAlarm(
    { definition: { AlarmName: name }, state, reason: reason || `state ${state}` },
    ALARM_UPDATED
  )
}

export interface Recorded {
  lines: string[]
  debugLines: string[]
  warnings: string[]
  errors: string[]
  groups: string[]
}

export function recordingLogger(): Logger & Recorded {
  const r: Recorded = { lines: [], debugLines: [], warnings: [], errors: [], groups: [] }
  return {
    ...r,
    info: (m) => void r.lines.push(m),
    warning: (m) => void r.warnings.push(m),
    error: (m) => void r.errors.push(m),
    debug: (m) => void r.debugLines.push(m),
    group: async (name, fn) => {
      r.groups.push(name)
      return fn()
    }
  }
}

/** A clock that only moves when the code under test sleeps: a five-minute bake runs in microseconds. */
export function fakeTime(startMs = Date.parse('2026-11-26T09:00:00.000Z')): {
  clock: Clock
  sleep: Sleep
  slept: number[]
  advance(ms: number): void
} {
  let t = startMs
  const slept: number[] = []
  return {
    clock: { now: () => t },
    slept,
    advance: (ms) => void (t += ms),
    sleep: async (ms, signal) => {
      if (signal?.aborted) throw signal.reason
      slept.push(ms)
      t += ms
      await Promise.resolve()
      if (signal?.aborted) throw signal.reason
    }
  }
}

/** Mocks of both SDK clients (every instance), a RunContext over them, and the calls made, in order. */
export function harness(inputs: Record<string, string>, opts: { provenance?: Provenance } = {}) {
  const apigw = mockClient(APIGatewayClient)
  const cw = mockClient(CloudWatchClient)
  // Every deployment is this run's commit's unless a test says otherwise.
  apigw.on(GetDeploymentCommand).resolves({ description: THIS_COMMIT_DESC })
  const cfg = config(inputs)
  const log = recordingLogger()
  const time = fakeTime()
  const cancel = new AbortController()
  const report = newReport(cfg, new Date(time.clock.now()))
  const clients = {
    apigateway: new APIGatewayClient({ region: 'us-east-1' }),
    apigatewaySlow: new APIGatewayClient({ region: 'us-east-1' }),
    apigatewayOnce: new APIGatewayClient({ region: 'us-east-1', maxAttempts: 1 }),
    apigatewayUrgent: new APIGatewayClient({ region: 'us-east-1' }),
    cloudwatch: new CloudWatchClient({ region: 'us-east-1' })
  }
  const ctx = buildContext(cfg, report, {
    clients,
    provenance: opts.provenance ?? PROVENANCE,
    stepId: STEP_ID,
    clock: time.clock,
    sleep: time.sleep,
    log,
    signal: cancel.signal
  })
  // The metrics comparison is main's, after the command: unit tests of commands leave it out.
  ctx.readMetrics = undefined
  /** Every AWS call made, in order, as [operation, input]. */
  const calls = () =>
    [...apigw.calls(), ...cw.calls()]
      // sinon numbers every spy call globally: the order across both clients.
      .sort(
        (a, b) =>
          (a as unknown as { callId: number }).callId - (b as unknown as { callId: number }).callId
      )
      .map((c) => {
        const cmd = c.args[0] as { constructor: { name: string }; input: Record<string, unknown> }
        return [cmd.constructor.name.replace(/Command$/, ''), cmd.input] as [
          string,
          Record<string, unknown>
        ]
      })
  const ops = () => calls().map(([op]) => op)
  const mutations = () =>
    calls().filter(([op]) => op === 'UpdateStage' || op === 'CreateDeployment')
  const restore = () => {
    apigw.restore()
    cw.restore()
  }
  return { apigw, cw, cfg, ctx, log, time, cancel, report, calls, ops, mutations, restore }
}

/**
 * GetStage answers in a scripted test: `first` for the first `times` reads
 * (the step's read and re-reads), then `then` for every read after (what the
 * step's change left), when given.
 */
export function answerGetStage(
  h: { apigw: AwsClientStub<APIGatewayClient> },
  first: Stage,
  times: number,
  then?: Stage
): void {
  let answers = h.apigw.on(GetStageCommand).resolvesOnce(first)
  for (let i = 1; i < times; i++) answers = answers.resolvesOnce(first)
  if (then) answers.resolves(then)
}

/** Both SDK clients mocked (every instance) for the length of `fn`, restored after. */
export async function withSdkMocks(
  fn: (m: {
    apigw: AwsClientStub<APIGatewayClient>
    cw: AwsClientStub<CloudWatchClient>
  }) => Promise<void>
): Promise<void> {
  const apigw = mockClient(APIGatewayClient)
  const cw = mockClient(CloudWatchClient)
  try {
    await fn({ apigw, cw })
  } finally {
    apigw.restore()
    cw.restore()
  }
}

/**
 * A stage that answers GetStage and UpdateStage as API Gateway does, starting
 * from `initial`: patches apply with the emulator's own patch rules
 * (emulator/apigateway/patch.ts), all or nothing, every deployment id counting
 * as existing unless `exists` says. `failUpdate` may refuse an UpdateStage.
 * Every deployment's description records this run's commit.
 */
export function liveStage(
  apigw: AwsClientStub<APIGatewayClient>,
  initial: Stage,
  failUpdate?: (ops: { op: string; path: string }[]) => Error | undefined,
  exists: (deploymentId: string) => boolean = () => true
) {
  let s: Stage = structuredClone(initial)
  apigw.on(GetStageCommand).callsFake(() => structuredClone(s))
  apigw.on(GetDeploymentCommand).resolves({ description: THIS_COMMIT_DESC })
  apigw.on(UpdateStageCommand).callsFake((input: { patchOperations: PatchOperation[] }) => {
    const refused = failUpdate?.(input.patchOperations as { op: string; path: string }[])
    if (refused) throw refused
    const next = toEmulatorStage(s)
    applyStagePatch(next, { deployments: { has: exists } }, input.patchOperations)
    s = fromEmulatorStage(next, s)
    return structuredClone(s)
  })
  return {
    get: () => s,
    set: (next: Stage) => void (s = next)
  }
}

/**
 * A scenario (local-runner/world-state.ts, the same data an end-to-end test
 * gives buildScenario) as a mocked world: GetStage and UpdateStage answer as
 * liveStage does from the scenario's stage (stable `stable1`, a canary
 * `can001`; a patch naming a deployment the world lacks is refused); GetDeployment answers its deployments' descriptions (404 for any
 * other id); CreateDeployment makes `new001`, `new002`, ... and attaches a
 * canary as API Gateway does; DescribeAlarms answers the named alarms in
 * their states. A test scripts only what differs (a failure, a race) with
 * `h.apigw.on(...)` after this.
 */
export function mockScenario(
  h: { apigw: AwsClientStub<APIGatewayClient>; cw: AwsClientStub<CloudWatchClient> },
  s: Scenario = {},
  /** Other ids for what the scenario makes (e.g. `{ canary: 'them01' }` for another run's canary). */
  ids: Partial<WorldIds> = {}
) {
  const world = worldState(s, { ...MOCK_IDS, ...ids })
  const deployments = new Map(world.deployments.map((d) => [d.id!, { ...d }]))
  const live = liveStage(h.apigw, world.stage, undefined, (id) => deployments.has(id))
  const alarms = new Map(world.alarms.map((a) => [a.definition.AlarmName!, a]))
  let created = 0
  /** CreateDeployment as API Gateway does it: a new deployment, attached as the canary when asked. */
  const create = (
    input: CreateDeploymentCommandInput,
    id = `new${String(++created).padStart(3, '0')}`
  ) => {
    deployments.set(id, { id, description: input.description })
    const c = input.canarySettings
    if (c && input.stageName === live.get().stageName) {
      live.set({
        ...live.get(),
        canarySettings: {
          deploymentId: id,
          percentTraffic: c.percentTraffic ?? 0,
          ...(c.stageVariableOverrides ? { stageVariableOverrides: c.stageVariableOverrides } : {}),
          useStageCache: c.useStageCache ?? false
        }
      })
    }
    return { id, description: input.description }
  }
  h.apigw.on(GetDeploymentCommand).callsFake((input: { deploymentId: string }) => {
    const d = deployments.get(input.deploymentId)
    if (!d) throw sdkError('NotFoundException', 404, 'Invalid Deployment identifier specified')
    return structuredClone(d)
  })
  h.apigw.on(GetDeploymentsCommand).callsFake(() => ({
    items: [...deployments.values()].map((d) => structuredClone(d))
  }))
  const createDeployment = (input: CreateDeploymentCommandInput) => create(input)
  h.apigw.on(CreateDeploymentCommand).callsFake(createDeployment)
  const describeAlarms = (input: { AlarmNames?: string[] }) => ({
    MetricAlarms: (input.AlarmNames ?? [...alarms.keys()])
      .map((n) => alarms.get(n))
      .filter((a): a is WorldAlarm => a !== undefined)
      .map((a) => describedAlarm(a, ALARM_UPDATED))
  })
  h.cw.on(DescribeAlarmsCommand).callsFake(describeAlarms)
  return {
    ...live,
    /** The world's deployments by id, as GetDeployment answers them. */
    deployments,
    /**
     * What CreateDeployment does, for a test that scripts its answer (a lost
     * answer after the deployment was made, another party's canary): `id`
     * names the deployment, else the next `newNNN`.
     */
    create,
    /**
     * The world's CreateDeployment answer, to chain after a scripted failure:
     * `h.apigw.on(CreateDeploymentCommand).rejectsOnce(e).callsFake(world.createDeployment)`.
     */
    createDeployment,
    /** The world's DescribeAlarms answer, likewise (the named alarms in their states). */
    describeAlarms,
    /** Sets an alarm's state, as CloudWatch would on its next evaluation. */
    setAlarm(name: string, state: StateValue, reason = `state ${state}`) {
      const a = alarms.get(name)
      if (!a) throw new Error(`no alarm ${name} in this scenario`)
      alarms.set(name, { ...a, state, reason })
    }
  }
}

/** An SDK stage as the emulator models it (what patches need). */
function toEmulatorStage(s: Stage): EmulatorStage {
  const c = s.canarySettings
  return {
    stageName: s.stageName ?? STAGE,
    deploymentId: s.deploymentId ?? '',
    variables: { ...s.variables },
    cacheClusterEnabled: s.cacheClusterEnabled ?? false,
    tracingEnabled: s.tracingEnabled ?? false,
    methodSettings: {},
    tags: {},
    createdDate: 0,
    lastUpdatedDate: 0,
    ...(c && {
      canarySettings: {
        deploymentId: c.deploymentId ?? '',
        percentTraffic: c.percentTraffic ?? 0,
        stageVariableOverrides: { ...c.stageVariableOverrides },
        useStageCache: c.useStageCache ?? false
      }
    })
  }
}

/** `was` with what a patch may have changed, as GetStage would report it. */
function fromEmulatorStage(m: EmulatorStage, was: Stage): Stage {
  const { canarySettings: _old, ...rest } = was
  const c = m.canarySettings
  const overrides = c && Object.keys(c.stageVariableOverrides).length > 0
  return {
    ...rest,
    deploymentId: m.deploymentId,
    variables: m.variables,
    ...(c && {
      canarySettings: {
        deploymentId: c.deploymentId,
        percentTraffic: c.percentTraffic,
        ...(overrides && { stageVariableOverrides: c.stageVariableOverrides }),
        useStageCache: c.useStageCache
      }
    })
  }
}

/** An AWS SDK service error as the client throws it; no status is a failure without an answer. */
export function sdkError(name: string, status: number | undefined, message = name) {
  return Object.assign(new Error(message), {
    name,
    $metadata: status === undefined ? {} : { httpStatusCode: status }
  })
}
