/**
 * AWS that stops answering: a connection that is accepted and never answered
 * (a NAT or proxy black hole). run() in this process against the emulator
 * behind a black-hole proxy (local-runner/black-hole.ts), with small deadlines
 * injected so that each test takes a second or two, not the real deadlines'
 * seconds. What a user would notice: the canary reaches 0 % after an alarm,
 * the bake goes on watching, the step ends.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals'
import { makeClients, type Deadlines } from '../src/aws/clients.js'
import {
  blackHole,
  blackHoleProxy,
  type BlackHole,
  type BlackHoleProxy,
  type ProxiedRequest,
  type Verdict
} from '../local-runner/black-hole.js'
import { awsEnv, GITHUB_DEFAULTS } from '../local-runner/run-action.js'
import { startWorld, type World } from '../local-runner/world.js'
import { runAction } from './helpers/run-action.js'
import { ERRORS_ALARM, REST_API_ID, STAGE } from '../local-runner/fixtures.js'
import { buildScenario } from '../local-runner/scenario.js'

/** A tenth of the real deadlines, or less (clients.ts DEADLINES). */
const SMALL: Deadlines = {
  connectMs: 1_000,
  attemptMs: 1_000,
  callMs: 3_000,
  slowAttemptMs: 3_000,
  alarmReadMs: 800,
  urgentAttemptMs: 300,
  urgentMs: 3_000
}
const ALARM = ERRORS_ALARM

let w: World
let proxy: BlackHoleProxy | undefined
let hole: BlackHole | undefined
beforeAll(async () => {
  w = await startWorld()
})
afterEach(async () => {
  await proxy?.close()
  await hole?.close()
  proxy = hole = undefined
})
afterAll(() => w.close())

/** The API, its stage and the errors alarm in OK (local-runner/scenario.ts). */
async function seed(): Promise<string> {
  const { restApiId } = await buildScenario(w, { alarms: ['errors'] })
  return restApiId
}

/** Sets the alarm in the emulator at once (from inside the proxy, between two reads). */
const alarmNow = () =>
  w.emu.state.cloudwatch.alarms.setAlarmState({
    AlarmName: ALARM,
    StateValue: 'ALARM',
    StateReason: 'Threshold Crossed: 9 errors'
  })

const isRollback = (r: ProxiedRequest) =>
  r.operation === 'UpdateStage' && /percentTraffic","value":"0(\.0)?"/.test(r.body)

function env(endpoint: string) {
  return {
    ...awsEnv(endpoint),
    GITHUB_REPOSITORY: GITHUB_DEFAULTS.repository,
    GITHUB_SHA: GITHUB_DEFAULTS.sha,
    GITHUB_RUN_ID: GITHUB_DEFAULTS.runId
  }
}

const deployAndBake = (restApiId: string, endpoint: string) =>
  runAction(
    {
      command: 'deploy',
      'rest-api-id': restApiId,
      stage: STAGE,
      'alarm-names': ALARM,
      'bake-time': '10m',
      'poll-interval': '15s',
      preflight: 'off'
    },
    { env: env(endpoint), deps: { makeClients, deadlines: SMALL } }
  )

describe('an alarm during a bake, with AWS going silent', () => {
  it('takes the canary to 0 % although the pooled connection and the first rollback attempt get no answer', async () => {
    const restApiId = await seed()
    let reads = 0
    proxy = await blackHoleProxy(w.url, (r): Verdict => {
      if (r.operation === 'DescribeAlarms' && ++reads === 3) {
        alarmNow()
        // Every connection open now goes silent, the SDK's pooled keep-alive ones included.
        proxy!.silenceOpenConnections()
      }
      if (isRollback(r) && !proxy!.stalled.includes('UpdateStage')) return 'stall'
      return 'pass'
    })
    const r = await deployAndBake(restApiId, proxy.url)
    expect(r.exitCode).toBe(1)
    expect(r.outputs).toMatchObject({ status: 'rolled-back', percent: '0' })
    expect((await w.getStage(restApiId)).canarySettings?.percentTraffic).toBe(0)
    expect(proxy.stalled).toContain('UpdateStage')
    expect(r.outputs['abort-reason']).toMatch(/^alarm during bake at 5%/)
  })

  it('a bake whose alarm read gets no answer counts it as failed and goes on watching', async () => {
    const restApiId = await seed()
    let reads = 0
    proxy = await blackHoleProxy(w.url, (r): Verdict => {
      if (r.operation !== 'DescribeAlarms') return 'pass'
      reads++
      if (reads === 3) return 'stall'
      if (reads === 4) alarmNow()
      return 'pass'
    })
    const r = await deployAndBake(restApiId, proxy.url)
    expect(r.log.warnings.join('\n')).toMatch(
      /alarm read failed \(1\/3\): Reading the alarms: not done within 0\.8 s \(AWS did not answer/
    )
    expect(r.outputs).toMatchObject({ status: 'rolled-back', percent: '0' })
    expect((await w.getStage(restApiId)).canarySettings?.percentTraffic).toBe(0)
  })

  it('three silent reads in a row: unhealthy, and the canary goes to 0 %', async () => {
    const restApiId = await seed()
    let reads = 0
    proxy = await blackHoleProxy(w.url, (r): Verdict =>
      r.operation === 'DescribeAlarms' && ++reads >= 3 ? 'stall' : 'pass'
    )
    const r = await deployAndBake(restApiId, proxy.url)
    expect(r.outputs['abort-reason']).toMatch(/unhealthy: the alarms could not be read 3 times/)
    expect(r.outputs).toMatchObject({ status: 'rolled-back', percent: '0' })
  })
})

describe('an endpoint that accepts and never answers', () => {
  it('status with max-attempts 1 ends, saying AWS did not answer', async () => {
    hole = await blackHole()
    const r = await runAction(
      { command: 'status', 'rest-api-id': REST_API_ID, stage: STAGE, 'max-attempts': '1' },
      { env: env(hole.url), deps: { makeClients, deadlines: SMALL } }
    )
    expect(r.exitCode).toBe(1)
    expect(r.outputs['abort-reason']).toBe(
      `GetStage failed in us-east-1 at endpoint-url ${hole.url}. The connection was made but AWS did not answer in time: check the runner network (a proxy or NAT that drops connections), then re-run. Nothing was changed: the stage was never read. (GetStage: no answer from AWS (1 attempt, each given up after 1 s))`
    )
    expect(hole.accepted).toBeGreaterThan(0)
  })

  it('with the default max-attempts, a call ends at its deadline, retries included', async () => {
    hole = await blackHole()
    const r = await runAction(
      { command: 'status', 'rest-api-id': REST_API_ID, stage: STAGE },
      { env: env(hole.url), deps: { makeClients, deadlines: SMALL } }
    )
    expect(r.outputs['abort-reason']).toMatch(
      /\(GetStage: not done within 3 s \(AWS did not answer, or failed every retry\)\)$/
    )
  })
})
