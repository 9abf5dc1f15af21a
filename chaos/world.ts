/**
 * The chaos suite's world: local-runner/world.ts (an emulator in-process, SDK
 * clients on it) and what a user's infrastructure would have made before a
 * release: a REST API, its stable deployment, a `prod` stage, an alarm in OK.
 * Every scenario worker gets a world of its own, because the emulator's faults
 * and quotas are global to it.
 */
import { CreateDeploymentCommand } from '@aws-sdk/client-api-gateway'
import { stageAlarm, startWorld, type World } from '../local-runner/world.js'

export { startWorld, type World }

export const STAGE = 'prod'
export const ALARM = 'orders-api-prod-5xx-errors'
export const REPO = 'acme/orders-api'

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
  const alarmName = o.alarmName ?? ALARM
  const { restApiId } = await w.seed({
    reset: o.reset,
    apiName: o.apiName ?? 'orders-api',
    stableDescription: 'v1.4.2 (initial stable)',
    variables: { backend: 'orders-v1' },
    alarms: [
      {
        alarm: stageAlarm(
          alarmName,
          '5XXError',
          { apiName: 'orders-api', stage: `${STAGE}/Canary` },
          { Statistic: 'Sum', Threshold: 5 }
        ),
        okReason: o.alarmReason ?? 'Threshold Crossed: no datapoints were above 5'
      }
    ]
  })
  if (o.canary) {
    await w.apigw.send(
      new CreateDeploymentCommand({
        restApiId,
        stageName: STAGE,
        description: o.canary.description,
        canarySettings: {
          percentTraffic: o.canary.percent,
          useStageCache: false,
          stageVariableOverrides: o.canary.overrides
        }
      })
    )
  }
  return restApiId
}
