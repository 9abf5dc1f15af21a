/**
 * Fixtures on the bench's emulator world (local-runner/world.ts): a REST API
 * with a `prod` stage, optionally a canary deployment at some traffic, and a
 * metric alarm in OK.
 */
import { UpdateStageCommand } from '@aws-sdk/client-api-gateway'
import type { StateValue } from '@aws-sdk/client-cloudwatch'
import { getCalls, type CallRecord } from '../emulator/client.js'
import { BENCH_CANARY_DESCRIPTION } from './spawn-action.js'
import { stageAlarm, type Seeded, type World } from '../local-runner/world.js'
import { buildScenario } from '../local-runner/scenario.js'
import { API_NAME, STAGE } from '../local-runner/fixtures.js'

export { STAGE }
export const ALARM = 'bench-5xx-errors'

/** The bench's AWS account: the emulator world it runs the action against. */
export type Aws = World

export interface Fixture extends Seeded {
  /** The alarm made in OK, when asked for. */
  alarmName: string | undefined
}

export interface FixtureOptions {
  /** Canary traffic; no canary when undefined. */
  canaryPercent?: number
  /** Make one metric alarm, in OK. */
  alarm?: boolean
}

/** Forgets everything on the emulator, then makes the API, stage, canary and alarm asked for. */
export async function freshFixture(aws: Aws, opts: FixtureOptions = {}): Promise<Fixture> {
  return makeFixture(aws, opts, true)
}

/** Makes another API (and the alarm, if asked) beside what exists. */
export async function makeFixture(
  aws: Aws,
  opts: FixtureOptions = {},
  reset = false
): Promise<Fixture> {
  const seeded = await buildScenario(aws, {
    reset,
    apiName: API_NAME,
    stableDescription: 'stable (bench)',
    variables: {},
    canary:
      opts.canaryPercent === undefined
        ? undefined
        : { percent: opts.canaryPercent, description: BENCH_CANARY_DESCRIPTION },
    alarms: opts.alarm
      ? [
          {
            alarm: stageAlarm(
              ALARM,
              '5XXError',
              { apiName: API_NAME, stage: STAGE },
              {
                Statistic: 'Sum',
                Threshold: 1,
                ComparisonOperator: 'GreaterThanOrEqualToThreshold'
              }
            ),
            okReason: 'bench: reset'
          }
        ]
      : []
  })
  return { ...seeded, alarmName: opts.alarm ? ALARM : undefined }
}

export async function setAlarm(aws: Aws, state: StateValue, name = ALARM): Promise<void> {
  await aws.setAlarm(name, state, state === 'ALARM' ? 'bench: alarm raised' : 'bench: reset')
}

/** Sets the canary's traffic directly (as a person with the console would). */
export async function setCanaryPercent(aws: Aws, fx: Fixture, percent: number): Promise<void> {
  await aws.apigw.send(
    new UpdateStageCommand({
      restApiId: fx.restApiId,
      stageName: STAGE,
      patchOperations: [
        { op: 'replace', path: '/canarySettings/percentTraffic', value: percent.toFixed(1) }
      ]
    })
  )
}

/** The canary's traffic as the stage has it; undefined with no canary settings. */
export async function canaryPercent(aws: Aws, fx: Fixture): Promise<number | undefined> {
  const s = await aws.getStage(fx.restApiId, STAGE)
  return s.canarySettings ? (s.canarySettings.percentTraffic ?? 0) : undefined
}

/** The emulator's call log from position `from` on (what happened since a mark). */
export async function callsSince(url: string, from: number): Promise<CallRecord[]> {
  return (await getCalls(url)).slice(from)
}

/** A mark in the call log: its current length. */
export async function callMark(url: string): Promise<number> {
  return (await getCalls(url)).length
}

/** The traffic value an UpdateStage call set, when it replaced /canarySettings/percentTraffic. */
export function percentSet(call: CallRecord): string | undefined {
  if (call.operation !== 'UpdateStage') return undefined
  const ops = call.input.patchOperations
  if (!Array.isArray(ops)) return undefined
  for (const op of ops as { op?: string; path?: string; value?: string }[]) {
    if (op.op === 'replace' && op.path === '/canarySettings/percentTraffic') return op.value
  }
  return undefined
}
