/**
 * A scenario as data, and what a world holds when it is made: the one
 * definition of "the stage, its deployments and the alarms" behind every test
 * world. `buildScenario` (scenario.ts) makes it on the emulator with the AWS
 * SDK; the unit tests' `mockScenario` (__tests__/helpers/harness.ts) answers
 * the mocked SDK calls from it. So a unit test and an end-to-end test say "a
 * stage with a 10 % canary of another commit and the errors alarm in OK" the
 * same way: `{ canary: { percent: 10, commit: OTHER_SHA }, alarms: ['errors'] }`.
 * Pure: SDK types only, no client, no emulator.
 */
import type { Deployment, EndpointType, Stage } from '@aws-sdk/client-api-gateway'
import type {
  MetricAlarm,
  PutMetricAlarmCommandInput,
  StateValue
} from '@aws-sdk/client-cloudwatch'
import type { MetricScenario } from '../emulator/client.js'
import {
  API_NAME,
  CANARY_STAGE,
  ERRORS_ALARM,
  ERRORS_OK_REASON,
  LATENCY_ALARM,
  LATENCY_OK_REASON,
  REPO,
  REST_API_ID,
  STABLE_DESCRIPTION,
  STABLE_VARIABLES,
  STAGE
} from './fixtures.js'

/** An alarm to make, and the state it is set to (default OK with `okReason`). */
export interface AlarmSeed {
  alarm: PutMetricAlarmCommandInput
  okReason: string
  /** Default OK. */
  state?: StateValue
  /** The state's reason when it is not OK (default `state {state}`). */
  reason?: string
}

export interface Scenario {
  /** Forget everything on the emulator first (default); false adds another API beside. */
  reset?: boolean
  /** Default API_NAME. */
  apiName?: string
  apiDescription?: string
  /** The API's endpoint types; default API Gateway's, EDGE. */
  endpointTypes?: EndpointType[]
  /** Default STAGE. */
  stage?: string
  stageDescription?: string
  stableDescription?: string
  /** The stage variables (default STABLE_VARIABLES). */
  variables?: Record<string, string>
  /**
   * The alarms, each made and set to its state (OK unless the seed says): the
   * shared `errors` (5XXError Sum > 5 on the canary) and `latency` (p99 >
   * 1500 ms on the canary), or any seed (errorsAlarm({ state: 'ALARM' })).
   * Default both shared ones.
   */
  alarms?: (AlarmSeed | 'errors' | 'latency')[]
  /**
   * A canary already on the stage: `commit` (a sha) describes it as another
   * run of REPO would; `description` says it as given (another tool).
   */
  canary?: {
    percent: number
    commit?: string
    description?: string
    overrides?: Record<string, string>
  }
  /** Scripted API Gateway metrics for the stage and its canary (the canary analysis's input). */
  metrics?: MetricScenario
  /** Empty the call log afterwards, so it holds only what the action does (default false). */
  clearCalls?: boolean
}

/**
 * A metric alarm on an API's API Gateway metric for a stage (the canary's
 * metrics are those of `{stage}/Canary`), one 60 s period, `GreaterThanThreshold`
 * unless `extra` says otherwise.
 */
export function stageAlarm(
  name: string,
  metric: string,
  dims: { apiName: string; stage: string },
  extra: Partial<PutMetricAlarmCommandInput>
): PutMetricAlarmCommandInput {
  return {
    AlarmName: name,
    Namespace: 'AWS/ApiGateway',
    MetricName: metric,
    Dimensions: [
      { Name: 'ApiName', Value: dims.apiName },
      { Name: 'Stage', Value: dims.stage }
    ],
    Period: 60,
    EvaluationPeriods: 1,
    ComparisonOperator: 'GreaterThanThreshold',
    ...extra
  }
}

/** How a shared alarm is set: another name, another OK reason, another state. */
export interface AlarmOptions {
  name?: string
  okReason?: string
  state?: StateValue
  reason?: string
}

/** An alarm on the canary's own metrics (Stage={stage}/Canary). */
const canaryAlarm = (
  metric: string,
  extra: Partial<PutMetricAlarmCommandInput>,
  o: Required<Pick<AlarmOptions, 'name' | 'okReason'>> & AlarmOptions
): AlarmSeed => ({
  alarm: stageAlarm(o.name, metric, { apiName: API_NAME, stage: CANARY_STAGE }, extra),
  okReason: o.okReason,
  ...(o.state ? { state: o.state } : {}),
  ...(o.reason !== undefined ? { reason: o.reason } : {})
})

/** The shared `errors` alarm: 5XXError Sum above 5 on the canary's metrics. */
export const errorsAlarm = (o: AlarmOptions = {}): AlarmSeed =>
  canaryAlarm(
    '5XXError',
    { Statistic: 'Sum', Threshold: 5 },
    { ...o, name: o.name ?? ERRORS_ALARM, okReason: o.okReason ?? ERRORS_OK_REASON }
  )

/** The shared `latency` alarm: p99 latency above 1500 ms on the canary's metrics. */
export const latencyAlarm = (o: AlarmOptions = {}): AlarmSeed =>
  canaryAlarm(
    'Latency',
    { ExtendedStatistic: 'p99', Threshold: 1500 },
    { ...o, name: o.name ?? LATENCY_ALARM, okReason: o.okReason ?? LATENCY_OK_REASON }
  )

/** A canary's description as another run of REPO at `sha` would have written it. */
export const otherRunDescription = (sha: string) =>
  `apigw-canary: ${REPO}@${sha} run 7 attempt 1 by mallory, step 0b0b`

/** A stage as GetStage answers it: its deployment, variables and optionally a canary. */
export function stageOf(o: {
  stageName?: string
  deploymentId: string
  variables?: Record<string, string>
  description?: string
  canary?: { deploymentId: string; percent: number; overrides?: Record<string, string> }
}): Stage {
  const c = o.canary
  return {
    stageName: o.stageName ?? STAGE,
    deploymentId: o.deploymentId,
    ...(o.description !== undefined ? { description: o.description } : {}),
    variables: o.variables ?? { ...STABLE_VARIABLES },
    ...(c
      ? {
          canarySettings: {
            deploymentId: c.deploymentId,
            percentTraffic: c.percent,
            ...(c.overrides ? { stageVariableOverrides: c.overrides } : {}),
            useStageCache: false
          }
        }
      : {})
  }
}

/** An alarm of a world: its definition, and the state it is in. */
export interface WorldAlarm {
  definition: PutMetricAlarmCommandInput
  state: StateValue
  reason: string
}

/** What a world holds once a scenario is made. */
export interface WorldState {
  apiName: string
  restApiId: string
  stage: Stage
  /** The stable deployment, then the canary's when there is one. */
  deployments: Deployment[]
  alarms: WorldAlarm[]
}

/** The ids a world gives what it makes (the emulator picks its own; a mocked world uses these). */
export interface WorldIds {
  restApiId: string
  stable: string
  canary: string
}
export const MOCK_IDS: WorldIds = { restApiId: REST_API_ID, stable: 'stable1', canary: 'can001' }

/** The scenario's alarms as seeds, the shared ones by name. */
export const alarmSeeds = (s: Scenario): AlarmSeed[] =>
  (s.alarms ?? ['errors', 'latency']).map((a) =>
    a === 'errors' ? errorsAlarm() : a === 'latency' ? latencyAlarm() : a
  )

/** A seed's alarm in the state it is set to. */
export const worldAlarm = (a: AlarmSeed): WorldAlarm => {
  const state = a.state ?? 'OK'
  return {
    definition: a.alarm,
    state,
    reason: state === 'OK' ? a.okReason : (a.reason ?? `state ${state}`)
  }
}

/** The canary's description: as given, or as another run of REPO at its commit wrote it. */
export const canaryDescription = (c: NonNullable<Scenario['canary']>): string =>
  c.description ?? otherRunDescription(c.commit ?? '0'.repeat(40))

/** Pure: what a world holds once `s` is made, with these ids. */
export function worldState(s: Scenario = {}, ids: WorldIds = MOCK_IDS): WorldState {
  const c = s.canary
  const stage = stageOf({
    stageName: s.stage ?? STAGE,
    deploymentId: ids.stable,
    variables: s.variables ?? { ...STABLE_VARIABLES },
    ...(s.stageDescription !== undefined ? { description: s.stageDescription } : {}),
    ...(c
      ? {
          canary: {
            deploymentId: ids.canary,
            percent: c.percent,
            ...(c.overrides ? { overrides: c.overrides } : {})
          }
        }
      : {})
  })
  return {
    apiName: s.apiName ?? API_NAME,
    restApiId: ids.restApiId,
    stage,
    deployments: [
      { id: ids.stable, description: s.stableDescription ?? STABLE_DESCRIPTION },
      ...(c ? [{ id: ids.canary, description: canaryDescription(c) }] : [])
    ],
    alarms: alarmSeeds(s).map(worldAlarm)
  }
}

/** An alarm as DescribeAlarms answers it. */
export function describedAlarm(a: WorldAlarm, updated: Date): MetricAlarm {
  return {
    ...(a.definition as MetricAlarm),
    AlarmName: a.definition.AlarmName,
    StateValue: a.state,
    StateReason: a.reason,
    StateUpdatedTimestamp: updated
  }
}
