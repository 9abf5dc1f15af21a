/**
 * One builder of scenarios for every emulator world (the end-to-end tests,
 * the chaos suite, the demo, the bench): what a user's infrastructure would
 * have made before a release — the API, its stable deployment, the stage, the
 * alarms, optionally a canary another run or tool made, and the API Gateway
 * metrics the canary analysis reads — said as a `Scenario` (world-state.ts,
 * where the unit tests' mocked world reads the same data) and made on a world
 * by `buildScenario`.
 */
import { setMetricScenario } from '../emulator/client.js'
import { alarmSeeds, worldState, type Scenario } from './world-state.js'
import type { Seeded, SeedOptions, World } from './world.js'

export {
  errorsAlarm,
  latencyAlarm,
  otherRunDescription,
  type AlarmSeed,
  type Scenario
} from './world-state.js'

/** Pure: the scenario as the world's seed options (the stage and its deployments as worldState says). */
export function seedOptions(s: Scenario = {}): SeedOptions {
  const state = worldState(s)
  const { stage, deployments } = state
  const canary = stage.canarySettings
  return {
    reset: s.reset,
    apiName: state.apiName,
    ...(s.apiDescription !== undefined ? { apiDescription: s.apiDescription } : {}),
    ...(s.endpointTypes ? { endpointTypes: s.endpointTypes } : {}),
    stage: stage.stageName!,
    ...(stage.description !== undefined ? { stageDescription: stage.description } : {}),
    stableDescription: deployments[0]!.description!,
    variables: stage.variables!,
    alarms: alarmSeeds(s),
    ...(canary
      ? {
          canary: {
            percent: canary.percentTraffic!,
            description: deployments[1]!.description!,
            ...(canary.stageVariableOverrides ? { overrides: canary.stageVariableOverrides } : {})
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
