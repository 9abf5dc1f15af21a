/**
 * One builder of scenarios for every emulator world (the end-to-end tests,
 * the chaos suite, the demo, the bench): what a user's infrastructure would
 * have made before a release — the API, its stable deployment, the stage, the
 * alarms in OK, optionally a canary another run or tool made, and the API
 * Gateway metrics the canary analysis reads — said as data with the shared
 * names of fixtures.ts, then made on a world by `buildScenario`.
 */
import { setMetricScenario, type MetricScenario } from '../emulator/client.js'
import {
  API_NAME,
  CANARY_STAGE,
  ERRORS_ALARM,
  ERRORS_OK_REASON,
  LATENCY_ALARM,
  LATENCY_OK_REASON,
  REPO,
  STABLE_DESCRIPTION,
  STABLE_VARIABLES,
  STAGE
} from './fixtures.js'
import { stageAlarm, type AlarmSeed, type Seeded, type SeedOptions, type World } from './world.js'

export interface Scenario {
  /** Forget everything on the emulator first (default); false adds another API beside. */
  reset?: boolean
  /** Default API_NAME. */
  apiName?: string
  apiDescription?: string
  /** The API's endpoint types; default API Gateway's, EDGE. */
  endpointTypes?: SeedOptions['endpointTypes']
  /** Default STAGE. */
  stage?: string
  stageDescription?: string
  stableDescription?: string
  /** The stage variables (default STABLE_VARIABLES). */
  variables?: Record<string, string>
  /**
   * The alarms, each made and set to OK: the shared `errors` (5XXError Sum > 5
   * on the canary) and `latency` (p99 > 1500 ms on the canary), or any seed.
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

/** An alarm on the canary's own metrics (Stage={stage}/Canary), set to OK with `okReason`. */
const canaryAlarm = (
  name: string,
  metric: string,
  extra: Parameters<typeof stageAlarm>[3],
  okReason: string
): AlarmSeed => ({
  alarm: stageAlarm(name, metric, { apiName: API_NAME, stage: CANARY_STAGE }, extra),
  okReason
})

/** The shared `errors` alarm: 5XXError Sum above 5 on the canary's metrics (`name`: another name). */
export const errorsAlarm = (name = ERRORS_ALARM, okReason = ERRORS_OK_REASON): AlarmSeed =>
  canaryAlarm(name, '5XXError', { Statistic: 'Sum', Threshold: 5 }, okReason)

/** The shared `latency` alarm: p99 latency above 1500 ms on the canary's metrics. */
export const latencyAlarm = (): AlarmSeed =>
  canaryAlarm(
    LATENCY_ALARM,
    'Latency',
    { ExtendedStatistic: 'p99', Threshold: 1500 },
    LATENCY_OK_REASON
  )

/** A canary's description as another run of REPO at `sha` would have written it. */
export const otherRunDescription = (sha: string) =>
  `apigw-canary: ${REPO}@${sha} run 7 attempt 1 by mallory, step 0b0b`

/** Pure: the scenario as the world's seed options. */
export function seedOptions(s: Scenario = {}): SeedOptions {
  const alarms = (s.alarms ?? ['errors', 'latency']).map((a) =>
    a === 'errors' ? errorsAlarm() : a === 'latency' ? latencyAlarm() : a
  )
  const c = s.canary
  return {
    reset: s.reset,
    apiName: s.apiName ?? API_NAME,
    ...(s.apiDescription !== undefined ? { apiDescription: s.apiDescription } : {}),
    ...(s.endpointTypes ? { endpointTypes: s.endpointTypes } : {}),
    stage: s.stage ?? STAGE,
    ...(s.stageDescription !== undefined ? { stageDescription: s.stageDescription } : {}),
    stableDescription: s.stableDescription ?? STABLE_DESCRIPTION,
    variables: s.variables ?? { ...STABLE_VARIABLES },
    alarms,
    ...(c
      ? {
          canary: {
            percent: c.percent,
            description: c.description ?? otherRunDescription(c.commit ?? '0'.repeat(40)),
            ...(c.overrides ? { overrides: c.overrides } : {})
          }
        }
      : {}),
    clearCalls: s.clearCalls
  }
}

/** Makes the scenario on the world; returns the ids it made. */
export async function buildScenario(w: World, s: Scenario = {}): Promise<Seeded> {
  const seeded = await w.seed(seedOptions(s))
  if (s.metrics) await setMetricScenario(w.url, s.metrics)
  return seeded
}
