/**
 * AWS failing under the action: a step that fails writes its outputs and a
 * re-run continues from the stage; an ambiguous CreateDeployment never makes
 * a second deployment.
 */
import { describe, expect, it } from '@jest/globals'
import { clearFaults, setFaults } from '../../emulator/client.js'
import {
  calls,
  clearCallLog,
  count,
  deployments,
  ERRORS_ALARM,
  freshRelease,
  getStage,
  SHA,
  startBakingShift,
  step,
  trafficWrites,
  useWorld
} from './fixtures.js'

const world = useWorld()

/** Every step's inputs besides rest-api-id and stage. */
const DEFAULTS = { 'alarm-names': ERRORS_ALARM }
const DEPLOY = { ...DEFAULTS, command: 'deploy', percent: '5' }

describe('a failed step, re-run', () => {
  it('fails with its outputs written when UpdateStage keeps failing, then the re-run succeeds', async () => {
    const api = await freshRelease(world())
    const d = await step(world(), api.restApiId, DEPLOY)
    expect(d.r.code).toBe(0)
    const canary = d.r.outputs['canary-deployment-id']!

    const shift = { ...DEFAULTS, command: 'shift', percent: '10', 'max-attempts': '1' }
    await setFaults(world().url, { errorRate: 1, operations: ['UpdateStage'] })
    const failed = await step(world(), api.restApiId, shift)
    expect(failed.r.code).toBe(1)
    expect(failed.r.outputs['abort-reason']).toMatch(/ServiceUnavailable/)
    expect(failed.r.outputs).toMatchObject({
      status: 'canary',
      percent: '5',
      'previous-percent': '5',
      'canary-deployment-id': canary,
      'stable-deployment-id': api.stableDeploymentId,
      'alarm-state': 'OK'
    })
    expect(failed.r.outputs.report).toBeTruthy()
    const updates = failed.log.filter((c) => c.operation === 'UpdateStage')
    expect(updates.length).toBeGreaterThanOrEqual(1)
    expect(updates.every((c) => c.status === 503)).toBe(true)
    expect(failed.r.summary).toContain('> [!CAUTION]')
    expect(failed.r.summary).toContain('ServiceUnavailable')
    expect((await getStage(world(), api.restApiId)).canarySettings?.percentTraffic).toBe(5)

    await clearFaults(world().url)
    const rerun = await step(world(), api.restApiId, shift)
    expect(rerun.r.code).toBe(0)
    expect(rerun.r.outputs).toMatchObject({
      status: 'canary',
      percent: '10',
      'previous-percent': '5',
      'canary-deployment-id': canary,
      'abort-reason': ''
    })
    expect(trafficWrites(rerun.log).map((t) => t.value)).toEqual(['10.0'])
    expect((await getStage(world(), api.restApiId)).canarySettings?.percentTraffic).toBe(10)
  })
})

describe('an ambiguous CreateDeployment', () => {
  const forThisCommit = async (restApiId: string) =>
    (await deployments(world(), restApiId)).filter((d) => d.description?.includes(SHA))

  it('connection dropped after the deployment was made: adopted, not made twice', async () => {
    const api = await freshRelease(world())
    await setFaults(world().url, {
      resetRate: 1,
      resetAfterApply: true,
      operations: ['CreateDeployment']
    })
    const { r, log } = await step(world(), api.restApiId, DEPLOY)
    await clearFaults(world().url)
    expect(r.code).toBe(0)
    expect(count(log, 'CreateDeployment')).toBe(1)
    expect(log.find((c) => c.operation === 'CreateDeployment')).toMatchObject({
      status: 0,
      fault: 'reset'
    })
    const mine = await forThisCommit(api.restApiId)
    expect(mine).toHaveLength(1)
    expect(r.outputs).toMatchObject({
      status: 'canary',
      percent: '5',
      'canary-deployment-id': mine[0]!.id,
      'canary-commit': SHA
    })
    const s = await getStage(world(), api.restApiId)
    expect(s.canarySettings).toMatchObject({ deploymentId: mine[0]!.id, percentTraffic: 5 })
    expect(r.stdout).toMatch(/re-reading the stage/)
  })

  it('connection dropped before the deployment was made: sent again, made once', async () => {
    const api = await freshRelease(world())
    await setFaults(world().url, { resetRate: 1, limit: 1, operations: ['CreateDeployment'] })
    const { r, log } = await step(world(), api.restApiId, DEPLOY)
    await clearFaults(world().url)
    expect(r.code).toBe(0)
    expect(log.filter((c) => c.operation === 'CreateDeployment').map((c) => c.status)).toEqual([
      0, 201
    ])
    const mine = await forThisCommit(api.restApiId)
    expect(mine).toHaveLength(1)
    expect(r.outputs['canary-deployment-id']).toBe(mine[0]!.id)
    expect((await getStage(world(), api.restApiId)).canarySettings?.deploymentId).toBe(mine[0]!.id)
  })
})

describe('alarms that cannot be read during a bake', () => {
  it('count as an unhealthy canary after three failed reads: rolled back (fail closed)', async () => {
    const api = await freshRelease(world())
    const d = await step(world(), api.restApiId, DEPLOY)
    expect(d.r.code).toBe(0)
    await clearCallLog(world())
    const run = await startBakingShift(world(), api.restApiId, 10, {
      'bake-time': '20s',
      'max-attempts': '1'
    })
    await setFaults(world().url, { errorRate: 1, operations: ['DescribeAlarms'] })
    const r = await run.done
    await clearFaults(world().url)
    expect(r.code).toBe(1)
    expect(r.outputs['abort-reason']).toMatch(/unhealthy/)
    expect(r.outputs).toMatchObject({ status: 'rolled-back', percent: '0' })
    const log = await calls(world())
    expect(log.filter((c) => c.operation === 'DescribeAlarms' && c.status === 503)).toHaveLength(3)
    expect(trafficWrites(log).map((t) => t.value)).toEqual(['10.0', '0.0'])
    expect((await getStage(world(), api.restApiId)).canarySettings?.percentTraffic).toBe(0)
  })
})
