/**
 * The demo's AWS account: the emulator in-process (local-runner/world.ts), and
 * what a team's infrastructure code would have made before its first canary
 * release — a REST API serving v1 on a `prod` stage, and two CloudWatch alarms
 * on the canary's metrics.
 */
import type { Stage } from '@aws-sdk/client-api-gateway'
import {
  DEFAULT_STAGE,
  stageAlarm,
  startWorld as startEmulatorWorld,
  type Seeded,
  type World as EmulatorWorld
} from '../local-runner/world.js'

export const API_NAME = 'orders-api'
export const STAGE = DEFAULT_STAGE
export const ERRORS_ALARM = 'orders-api-prod-canary-5XXError'
export const LATENCY_ALARM = 'orders-api-prod-canary-Latency-p99'

export interface World extends Omit<EmulatorWorld, 'getStage'>, Seeded {
  /** The `prod` stage as GetStage reports it. */
  getStage(): Promise<Stage>
}

export async function startWorld(): Promise<World> {
  const w = await startEmulatorWorld({ maxAttempts: 2 })
  const canary = { apiName: API_NAME, stage: `${STAGE}/Canary` }
  const seeded = await w.seed({
    apiName: API_NAME,
    apiDescription: 'Orders service, public REST API',
    stableDescription: 'orders-api v1.8.0 (stable)',
    stageDescription: 'production',
    variables: { backendAlias: 'live', ordersTable: 'orders-prod', logLevel: 'INFO' },
    alarms: [
      {
        alarm: stageAlarm(ERRORS_ALARM, '5XXError', canary, {
          AlarmDescription: 'Canary 5XX responses above 5 a minute',
          Statistic: 'Sum',
          Threshold: 5,
          TreatMissingData: 'notBreaching'
        }),
        okReason: 'Threshold Crossed: no datapoints were above the threshold (5.0).'
      },
      {
        alarm: stageAlarm(LATENCY_ALARM, 'Latency', canary, {
          AlarmDescription: 'Canary p99 latency above 1.5 s',
          ExtendedStatistic: 'p99',
          EvaluationPeriods: 3,
          DatapointsToAlarm: 2,
          Threshold: 1500,
          TreatMissingData: 'notBreaching'
        }),
        okReason: 'Threshold Crossed: no datapoints were above the threshold (1500.0).'
      }
    ]
  })
  return { ...w, ...seeded, getStage: () => w.getStage(seeded.restApiId) }
}

/** CloudWatch's own wording for a metric alarm that crossed its threshold. */
export function thresholdCrossedReason(value: number, threshold: number, at = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  const stamp = `${p(at.getUTCDate())}/${p(at.getUTCMonth() + 1)}/${p(at.getUTCFullYear() % 100)} ${p(at.getUTCHours())}:${p(at.getUTCMinutes())}:00`
  return `Threshold Crossed: 1 out of the last 1 datapoints [${value.toFixed(1)} (${stamp})] was greater than the threshold (${threshold.toFixed(1)}) (minimum 1 datapoint for OK -> ALARM transition).`
}
