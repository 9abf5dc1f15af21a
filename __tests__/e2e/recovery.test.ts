/**
 * Failures that land between the action's own steps: a write that applied but
 * whose answer was lost, alarm reads failing at the end of a bake, another run
 * replacing the canary mid-bake, and cancels that arrive while AWS is still
 * working on a call. In each, the step must end with no more canary traffic
 * than it started with, and touch no other run's canary.
 */
import { describe, expect, it } from '@jest/globals'
import { clearFaults, setFaults } from '../../emulator/client.js'
import { runAction, startAction, type Inputs } from '../../local-runner/run-action.js'
import {
  calls,
  clearCallLog,
  deployments,
  ERRORS_ALARM,
  freshRelease,
  getStage,
  OTHER_SHA,
  setAlarm,
  STAGE,
  startBakingShift,
  step,
  trafficWrites,
  useWorld,
  waitFor
} from './fixtures.js'
import { slowProxy } from './slow-proxy.js'

const world = useWorld()
const DEFAULTS = { 'alarm-names': ERRORS_ALARM }

/** A stage with a 5 % canary of this commit; returns the API and the canary. */
async function canaryAt5() {
  const api = await freshRelease(world())
  const d = await step(world(), api.restApiId, { ...DEFAULTS, command: 'deploy', percent: '5' })
  expect(d.r.code).toBe(0)
  return { api, canary: d.r.outputs['canary-deployment-id']! }
}

/**
 * A shift 5 → 50 % (`inputs` win) through a proxy that slows one kind of
 * request down; SIGINT goes out as soon as that request is seen.
 */
async function shiftCancelledDuring(slow: Parameters<typeof slowProxy>[1], inputs: Inputs = {}) {
  const { api, canary } = await canaryAt5()
  const proxy = await slowProxy(world().url, slow)
  try {
    const run = startAction(
      {
        ...DEFAULTS,
        'rest-api-id': api.restApiId,
        stage: STAGE,
        command: 'shift',
        percent: '50',
        ...inputs
      },
      { endpoint: proxy.url }
    )
    await waitFor('the slowed request', async () => proxy.seen.some((s) => s.endsWith('(slow)')))
    const sentAt = Date.now()
    run.child.kill('SIGINT')
    const r = await run.done
    return { api, canary, r, ms: Date.now() - sentAt }
  } finally {
    await proxy.close()
  }
}

describe('a traffic write that applied but whose answer was lost', () => {
  it.each([
    ['max-attempts 1, its one answer lost', '1', 1],
    ['max-attempts 6, every retry applied and lost', '6', 6]
  ])('shift 5 → 50 fails and takes the traffic back to 5 (%s)', async (_, attempts, lost) => {
    const { api, canary } = await canaryAt5()
    await setFaults(world().url, {
      resetRate: 1,
      resetAfterApply: true,
      limit: lost,
      operations: ['UpdateStage']
    })
    const { r, log } = await step(world(), api.restApiId, {
      ...DEFAULTS,
      command: 'shift',
      percent: '50',
      'max-attempts': attempts
    })
    await clearFaults(world().url)
    expect(r.code).toBe(1)
    expect(trafficWrites(log).map((t) => t.value)).toEqual(['5.0']) // the 50s' answers were lost
    expect(await getStage(world(), api.restApiId)).toMatchObject({
      canarySettings: { deploymentId: canary, percentTraffic: 5 }
    })
    expect(r.stdout).toContain('canary traffic restored 50% → 5%')
    expect(r.outputs).toMatchObject({ percent: '5', 'previous-percent': '5' })
  })

  it('a ramp whose first rung lost its answer goes back to where it started', async () => {
    const { api } = await canaryAt5()
    await setFaults(world().url, {
      resetRate: 1,
      resetAfterApply: true,
      limit: 1,
      operations: ['UpdateStage']
    })
    const { r } = await step(world(), api.restApiId, {
      ...DEFAULTS,
      command: 'ramp',
      'bake-time': '0',
      'max-attempts': '1'
    })
    await clearFaults(world().url)
    expect(r.code).toBe(1)
    expect((await getStage(world(), api.restApiId)).canarySettings?.percentTraffic).toBe(5)
  })
})

describe('a bake whose alarm reads fail at its end', () => {
  it('is not clean: it reads on, three failures in a row are unhealthy, and the canary goes to 0 %', async () => {
    const { api } = await canaryAt5()
    // Reads at 0 s and 2 s (the end): the faults land well before the last one,
    // which fails; the bake reads on at 4 s and 6 s.
    const run = await startBakingShift(world(), api.restApiId, 50, {
      'bake-time': '2s',
      'poll-interval': '2s',
      'max-attempts': '1'
    })
    await setFaults(world().url, { errorRate: 1, operations: ['DescribeAlarms'] })
    const r = await run.done
    await clearFaults(world().url)
    expect(r.code).toBe(1)
    expect(r.outputs['abort-reason']).toMatch(/^unhealthy: the alarms could not be read 3 times/)
    expect(r.outputs).toMatchObject({ status: 'rolled-back', percent: '0' })
    expect(r.stdout).not.toContain('with no alarm')
    expect(r.stdout).toContain("The bake's time is up but its last alarm read failed")
    expect((await getStage(world(), api.restApiId)).canarySettings?.percentTraffic).toBe(0)
  })
})

describe('an alarm after another run replaced the canary during the bake', () => {
  it('still sets canary traffic to 0 % in one call, and says whose canary that was', async () => {
    const { api, canary: mine } = await canaryAt5()
    const run = await startBakingShift(world(), api.restApiId, 10, { 'bake-time': '30s' })
    const other = await runAction(
      {
        'rest-api-id': api.restApiId,
        stage: STAGE,
        command: 'deploy',
        percent: '20',
        'if-canary-exists': 'replace',
        ...DEFAULTS
      },
      { endpoint: world().url, github: { sha: OTHER_SHA, runId: '555' } }
    )
    expect(other.code).toBe(0)
    const theirs = other.outputs['canary-deployment-id']!
    expect(theirs).not.toBe(mine)
    await clearCallLog(world())
    await setAlarm(world(), ERRORS_ALARM, 'ALARM', 'Threshold Crossed')
    const r = await run.done
    expect(r.code).toBe(1)
    // The README: one poll interval plus one API call; 0 % is safe whoever's canary it is
    const ops = (await calls(world())).map((c) => c.operation)
    expect(ops.slice(ops.indexOf('SetAlarmState') + 1, ops.indexOf('UpdateStage') + 1)).toEqual([
      'DescribeAlarms',
      'UpdateStage'
    ])
    expect(await getStage(world(), api.restApiId)).toMatchObject({
      canarySettings: { deploymentId: theirs, percentTraffic: 0 }
    })
    expect(r.outputs['abort-reason']).toMatch(
      new RegExp(
        `^alarm during bake at 10%: ${ERRORS_ALARM} is ALARM.*; the canary set to 0 % was deployment ${theirs}, which replaced this step's ${mine} during the bake`
      )
    )
    expect(r.stdout).toContain('::warning title=Canary replaced during the bake::')
    expect(r.outputs).toMatchObject({ status: 'rolled-back', percent: '0' })
  })
})

describe('a cancel while AWS is still working on a call', () => {
  it('a CreateDeployment that lands after the cancel is found and set to 0 %', async () => {
    const api = await freshRelease(world())
    const proxy = await slowProxy(world().url, {
      match: (req) => req.method === 'POST' && /\/deployments$/.test(req.url ?? ''),
      delayMs: 2000,
      when: 'before'
    })
    try {
      const run = startAction(
        { ...DEFAULTS, 'rest-api-id': api.restApiId, stage: STAGE, command: 'deploy' },
        { endpoint: proxy.url }
      )
      await waitFor('CreateDeployment sent', async () =>
        proxy.seen.some((s) => s.endsWith('(slow)'))
      )
      run.child.kill('SIGINT')
      const r = await run.done
      expect(r.signal).toBeNull()
      expect(r.code).toBe(1)
      expect(r.outputs['abort-reason']).toBe('cancelled: the runner sent SIGINT')
      expect(r.stdout).toContain('CreateDeployment was in flight at the cancel')
      const made = (await deployments(world(), api.restApiId)).filter(
        (d) => d.id !== api.stableDeploymentId
      )
      expect(made).toHaveLength(1)
      expect(await getStage(world(), api.restApiId)).toMatchObject({
        deploymentId: api.stableDeploymentId,
        canarySettings: { deploymentId: made[0]!.id, percentTraffic: 0 }
      })
    } finally {
      await proxy.close()
    }
  })

  it('a traffic write whose answer is slow is given 2 s after the cancel, then recovery takes over', async () => {
    let writes = 0
    // The raise applies at once; its answer would take 20 s (throttled retries, a slow network).
    const { api, canary, r, ms } = await shiftCancelledDuring({
      match: (req) => req.method === 'PATCH' && writes++ === 0,
      delayMs: 20_000,
      when: 'after'
    })
    // Before the runner's SIGTERM at 7.5 s (it was 20 s when the write was waited for).
    expect(ms).toBeLessThan(7500)
    expect(r.code).toBe(1)
    expect(r.outputs['abort-reason']).toBe('cancelled: the runner sent SIGINT')
    expect(await getStage(world(), api.restApiId)).toMatchObject({
      canarySettings: { deploymentId: canary, percentTraffic: 0 }
    })
  })

  it('a cancel while the canary-vs-stable comparison reads still rolls the raise back', async () => {
    const { api, r } = await shiftCancelledDuring(
      {
        match: (req) => req.method === 'GET' && /^\/restapis\/[^/]+$/.test(req.url ?? ''),
        delayMs: 4000,
        when: 'after'
      },
      { 'bake-time': '1s', 'poll-interval': '1s' }
    )
    expect(r.code).toBe(1)
    expect(r.outputs['abort-reason']).toBe('cancelled: the runner sent SIGINT')
    expect(r.outputs).toMatchObject({ status: 'rolled-back', percent: '0' })
    expect(r.stdout).not.toContain('Could not compare canary and stable metrics')
    expect((await getStage(world(), api.restApiId)).canarySettings?.percentTraffic).toBe(0)
  })
})
