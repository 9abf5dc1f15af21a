import { afterEach, describe, expect, it } from '@jest/globals'
import { GetDeploymentCommand } from '@aws-sdk/client-api-gateway'
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch'
import { promote } from '../src/commands/promote.js'
import { rollback } from '../src/commands/rollback.js'
import { status } from '../src/commands/status.js'
import { ERRORS_ALARM, STABLE_VARIABLES } from '../local-runner/fixtures.js'
import { errorsAlarm, type AlarmOptions } from '../local-runner/world-state.js'
import {
  alarm,
  API,
  harness,
  liveStage,
  mockScenario,
  RUN_ENV,
  sdkError,
  SHA,
  stage,
  STAGE,
  THIS_COMMIT_DESC,
  withSdkMocks
} from './helpers/harness.js'
import { runAction } from './helpers/run-action.js'

let h: ReturnType<typeof harness>
afterEach(() => h.restore())
const ids = { restApiId: API, stageName: STAGE }

/** This commit's canary at `percent` (stage variable overrides as given), the errors alarm (OK unless told). */
const canaryAt = (
  percent: number,
  o: { alarm?: AlarmOptions; overrides?: Record<string, string> } = {}
) =>
  mockScenario(h, {
    canary: { percent, commit: SHA, ...(o.overrides ? { overrides: o.overrides } : {}) },
    alarms: [errorsAlarm(o.alarm)]
  })

describe('promote', () => {
  it("gates, sends AWS's three promotion operations in one UpdateStage, then removes the canary settings", async () => {
    h = harness({ command: 'promote', 'alarm-names': ERRORS_ALARM })
    const world = canaryAt(100, { overrides: { alias: 'v2' } })
    await promote(h.ctx)
    expect(h.calls()).toEqual([
      ['GetStage', ids],
      ['GetDeployment', { restApiId: API, deploymentId: 'can001' }],
      ['DescribeAlarms', expect.objectContaining({ AlarmNames: [ERRORS_ALARM] })],
      [
        'UpdateStage',
        {
          ...ids,
          patchOperations: [
            { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
            { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
            { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
          ]
        }
      ],
      ['UpdateStage', { ...ids, patchOperations: [{ op: 'remove', path: '/canarySettings' }] }]
    ])
    expect(h.report.outcome).toBe('promoted')
    expect(h.report.previousStableDeploymentId).toBe('stable1')
    expect(h.report.after).toMatchObject({
      stableDeploymentId: 'can001',
      canary: undefined,
      leftover: false
    })
    expect(world.get()).toMatchObject({
      deploymentId: 'can001',
      variables: { ...STABLE_VARIABLES, alias: 'v2' }
    })
    expect(world.get().canarySettings).toBeUndefined()
  })

  it('refuses a canary at 0 % (rolled back or never given traffic): all traffic at once is the anti-pattern', async () => {
    h = harness({ command: 'promote' })
    canaryAt(0)
    await expect(promote(h.ctx)).rejects.toThrow(
      /Canary can001 is at 0% .*Shift it up first, or deploy a new one/
    )
    expect(h.mutations()).toEqual([])
  })

  it('a cancelled step promotes nothing', async () => {
    h = harness({ command: 'promote' })
    canaryAt(100)
    h.apigw.on(GetDeploymentCommand).callsFake(() => {
      h.cancel.abort(new Error('cancelled: the runner sent SIGINT'))
      return { description: THIS_COMMIT_DESC }
    })
    await expect(promote(h.ctx)).rejects.toThrow('cancelled: the runner sent SIGINT')
    expect(h.mutations()).toEqual([])
  })

  it('finishes the cleanup of an interrupted promotion with one call, ungated', async () => {
    h = harness({ command: 'promote', 'alarm-names': ERRORS_ALARM })
    const live = liveStage(h.apigw, stage({ stable: 'can001', canary: 'can001', percent: 0 }))
    await promote(h.ctx)
    expect(h.calls()).toEqual([
      ['GetStage', ids],
      ['UpdateStage', { ...ids, patchOperations: [{ op: 'remove', path: '/canarySettings' }] }]
    ])
    expect(h.report.outcome).toBe('promoted')
    expect(live.get()).toEqual(stage({ stable: 'can001' }))
  })

  it('refuses while an alarm is in ALARM', async () => {
    h = harness({ command: 'promote', 'alarm-names': ERRORS_ALARM })
    canaryAt(100, { alarm: { state: 'ALARM' } })
    await expect(promote(h.ctx)).rejects.toThrow(/gate refused the promotion of can001/)
    expect(h.mutations()).toEqual([])
  })

  it('with no canary: succeeds when this commit is already stable, fails otherwise', async () => {
    h = harness({ command: 'promote' })
    mockScenario(h, { stableDescription: THIS_COMMIT_DESC })
    await promote(h.ctx)
    expect(h.mutations()).toEqual([])
    h.restore()
    h = harness({ command: 'promote' })
    mockScenario(h)
    await expect(promote(h.ctx)).rejects.toThrow(
      "Stage 'prod' has no canary to promote: run deploy first."
    )
  })
})

describe('rollback', () => {
  it('zero: canary traffic to 0 in one UpdateStage, never gated; the alarms are read after, for the report', async () => {
    h = harness({ command: 'rollback', 'alarm-names': ERRORS_ALARM })
    canaryAt(25, { alarm: { state: 'ALARM' } })
    await rollback(h.ctx)
    expect(h.calls()).toEqual([
      ['GetStage', ids],
      [
        'UpdateStage',
        {
          ...ids,
          patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' }]
        }
      ],
      ['DescribeAlarms', expect.objectContaining({ AlarmNames: [ERRORS_ALARM] })],
      ['GetDeployment', { restApiId: API, deploymentId: 'can001' }]
    ])
    expect(h.report.outcome).toBe('rolled-back')
    expect(h.report.after?.canary).toMatchObject({ deploymentId: 'can001', percent: 0 })
    expect(h.report.alarmState).toBe('ALARM')
  })

  it('is not held up by reads it does not need: a failing GetDeployment still rolls back', async () => {
    h = harness({ command: 'rollback', 'to-deployment-id': 'old001' })
    const world = canaryAt(25)
    world.deployments.set('old001', { id: 'old001', description: 'v1.4.1' })
    h.apigw
      .on(GetDeploymentCommand)
      .rejects(sdkError('ServiceUnavailableException', 503, 'Service Unavailable'))
    await rollback(h.ctx)
    expect(h.mutations()).toEqual([
      [
        'UpdateStage',
        {
          ...ids,
          patchOperations: [
            { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
            { op: 'replace', path: '/deploymentId', value: 'old001' }
          ]
        }
      ]
    ])
    expect(h.report.outcome).toBe('rolled-back')
    expect(world.get()).toMatchObject({
      deploymentId: 'old001',
      canarySettings: { deploymentId: 'can001', percentTraffic: 0 }
    })
    expect(h.log.warnings).toEqual([
      'Could not check to-deployment-id first (ServiceUnavailableException: Service Unavailable); rolling back anyway.',
      "Could not read the canary's commit: ServiceUnavailableException: Service Unavailable"
    ])
  })

  it('remove: deletes the canary settings', async () => {
    h = harness({ command: 'rollback', 'rollback-mode': 'remove' })
    const world = canaryAt(25)
    await rollback(h.ctx)
    expect(h.mutations()).toEqual([
      ['UpdateStage', { ...ids, patchOperations: [{ op: 'remove', path: '/canarySettings' }] }]
    ])
    expect(h.report.after?.canary).toBeUndefined()
    expect(world.get().canarySettings).toBeUndefined()
  })

  it('to-deployment-id: points the stage back at that deployment (the undo of a promotion)', async () => {
    h = harness({ command: 'rollback', 'to-deployment-id': 'old001' })
    const world = mockScenario(h)
    world.deployments.set('old001', { id: 'old001', description: 'v1.4.1' })
    await rollback(h.ctx)
    expect(h.calls()).toEqual([
      ['GetStage', ids],
      ['GetDeployment', { restApiId: API, deploymentId: 'old001' }],
      [
        'UpdateStage',
        { ...ids, patchOperations: [{ op: 'replace', path: '/deploymentId', value: 'old001' }] }
      ]
    ])
    expect(h.report.previousStableDeploymentId).toBe('stable1')
    expect(h.report.outcome).toBe('rolled-back')
    expect(world.get().deploymentId).toBe('old001')
  })

  it('to-deployment-id that does not exist: a clear error before any change', async () => {
    h = harness({ command: 'rollback', 'to-deployment-id': 'nope01' })
    mockScenario(h) // its deployments: stable1 only
    await expect(rollback(h.ctx)).rejects.toThrow(
      "to-deployment-id: deployment 'nope01' does not exist in REST API 'a1b2c3d4e5'."
    )
    expect(h.mutations()).toEqual([])
  })

  it('with nothing to roll back succeeds and says so', async () => {
    h = harness({ command: 'rollback' })
    mockScenario(h)
    await rollback(h.ctx)
    expect(h.ops()).toEqual(['GetStage'])
    expect(h.log.lines.join('\n')).toMatch(/Nothing to roll back: the stage has no canary/)
    expect(h.report.outcome).toBeUndefined()
  })

  it('a canary already at 0 % is nothing to do in zero mode', async () => {
    h = harness({ command: 'rollback' })
    canaryAt(0)
    await rollback(h.ctx)
    expect(h.mutations()).toEqual([])
    expect(h.report.outcome).toBe('rolled-back')
  })
})

describe('status', () => {
  it('reads the stage, the canary commit and the alarms, and changes nothing', async () => {
    h = harness({ command: 'status', 'alarm-names': ERRORS_ALARM, 'alarm-name-prefix': 'orders-' })
    canaryAt(10)
    h.cw.on(DescribeAlarmsCommand, { AlarmNamePrefix: 'orders-' }).resolves({
      CompositeAlarms: [
        { AlarmName: 'orders-health', StateValue: 'INSUFFICIENT_DATA', StateReason: 'no data' }
      ]
    })
    await status(h.ctx)
    expect(h.ops()).toEqual(['GetStage', 'GetDeployment', 'DescribeAlarms', 'DescribeAlarms'])
    expect(h.report.canaryCommit).toBe(SHA)
    expect(h.report.alarmState).toBe('INSUFFICIENT_DATA')
    expect(h.report.alarms?.map((a) => [a.name, a.type])).toEqual([
      [ERRORS_ALARM, 'MetricAlarm'],
      ['orders-health', 'CompositeAlarm']
    ])
  })

  it('with no canary makes one call when no alarms are configured', async () => {
    h = harness({ command: 'status' })
    mockScenario(h)
    await status(h.ctx)
    expect(h.ops()).toEqual(['GetStage'])
    expect(h.report.alarmState).toBe('NONE')
  })
})

describe('outcomes after an interrupted promotion, through run()', () => {
  // A promotion interrupted between its two calls: the stage already serves can001.
  const promotedLeftover = () => stage({ stable: 'can001', canary: 'can001', percent: 0 })
  const base = { 'rest-api-id': API, stage: STAGE, 'aws-region': 'us-east-1' }
  const env = RUN_ENV

  it('rollback-mode: remove on the leftover settings says there was no canary, like zero mode', async () => {
    await withSdkMocks(async ({ apigw }) => {
      const live = liveStage(apigw, promotedLeftover())
      const zero = await runAction({ ...base, command: 'rollback' }, { env })
      const remove = await runAction(
        { ...base, command: 'rollback', 'rollback-mode': 'remove' },
        { env }
      )
      expect(live.get().deploymentId).toBe('can001') // nothing was rolled back
      expect(live.get().canarySettings).toBeUndefined() // the leftover is cleaned up
      expect(zero.outputs.status).toBe('no-canary')
      expect(remove.outputs.status).toBe('no-canary')
      expect(remove.summary).not.toContain('rolled back')
      expect(remove.log.lines.join('\n')).toContain('Nothing to roll back: the stage has no canary')
    })
  })

  it('to-deployment-id turns the leftover into a 0 % canary, and reports its commit', async () => {
    await withSdkMocks(async ({ apigw }) => {
      const live = liveStage(apigw, promotedLeftover())
      const r = await runAction(
        { ...base, command: 'rollback', 'to-deployment-id': 'stable1' },
        { env }
      )
      expect(live.get()).toMatchObject({
        deploymentId: 'stable1',
        canarySettings: { deploymentId: 'can001', percentTraffic: 0 }
      })
      expect(r.outputs).toMatchObject({
        status: 'rolled-back',
        'canary-deployment-id': 'can001',
        'canary-commit': SHA,
        'previous-stable-deployment-id': 'can001'
      })
    })
  })

  it('a promotion whose cleanup call fails still reports promoted, and fails', async () => {
    await withSdkMocks(async ({ apigw, cw }) => {
      const unavailable = sdkError('ServiceUnavailableException', 503, 'Internal failure')
      const live = liveStage(apigw, stage({ canary: 'can001', percent: 50 }), (ops) =>
        ops[0]!.op === 'remove' ? unavailable : undefined
      )
      cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('api-5xx', 'OK')] })
      const r = await runAction(
        { ...base, command: 'promote', 'alarm-names': 'api-5xx', 'max-attempts': '1' },
        { env }
      )
      expect(r.exitCode).toBe(1)
      expect(live.get().deploymentId).toBe('can001')
      expect(r.outputs).toMatchObject({
        status: 'promoted',
        'previous-stable-deployment-id': 'stable1'
      })
      expect(r.outputs['abort-reason']).toMatch(/Internal failure/)
    })
  })
})
