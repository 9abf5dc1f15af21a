/**
 * The chaos suite's world: local-runner/world.ts (an emulator in-process, SDK
 * clients on it) and what a user's infrastructure would have made before a
 * release: a REST API, its stable deployment, a `prod` stage, an alarm in OK.
 * Every scenario worker gets a world of its own, because the emulator's faults
 * and quotas are global to it.
 */
import { startWorld, type World } from '../local-runner/world.js'
import { buildScenario, errorsAlarm } from '../local-runner/scenario.js'
import { ERRORS_ALARM, ERRORS_OK_REASON } from '../local-runner/fixtures.js'

export { startWorld, type World }
export { REPO, STAGE } from '../local-runner/fixtures.js'
export const ALARM = ERRORS_ALARM

export interface ReleaseSeed {
  /** Forget everything on the emulator first (default); false adds another API beside. */
  reset?: boolean
  /** The REST API's name (hostile text for the inputs scenario). */
  apiName?: string
  alarmName?: string
  /** The reason the alarm is set to OK with. */
  alarmReason?: string
  /** A canary made directly with CreateDeployment, as another tool would. */
  canary?: { percent: number; description: string; overrides?: Record<string, string> }
}

/** A REST API with its stable deployment, `prod` stage and alarm; returns the API's id. */
export async function seedRelease(w: World, o: ReleaseSeed = {}): Promise<string> {
  const { restApiId } = await buildScenario(w, {
    reset: o.reset,
    ...(o.apiName !== undefined ? { apiName: o.apiName } : {}),
    variables: { backend: 'orders-v1' },
    alarms: [
      errorsAlarm({ name: o.alarmName ?? ALARM, okReason: o.alarmReason ?? ERRORS_OK_REASON })
    ],
    ...(o.canary ? { canary: o.canary } : {})
  })
  return restApiId
}
