import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it } from '@jest/globals'
import {
  APIGatewayClient,
  GetDeploymentCommand,
  GetStageCommand,
  UpdateStageCommand
} from '@aws-sdk/client-api-gateway'
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch'
import { type AwsClientStub } from 'aws-sdk-client-mock'
import { bake } from '../src/steps/bake.js'
import { ramp } from '../src/commands/ramp.js'
import { jobLengthWarning } from '../src/core/plan.js'
import { shift } from '../src/commands/shift.js'
import { ERRORS_ALARM } from '../local-runner/fixtures.js'
import {
  API,
  harness,
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
afterEach(() => h?.restore())

/**
 * This commit's canary at `percent` with the errors alarm (mockScenario: a
 * stage that behaves like API Gateway for the calls a ramp makes), the
 * alarm's state scripted per DescribeAlarms: one entry per read, the last one
 * repeats, an Error fails that read.
 */
function canaryAt(
  m: { apigw: AwsClientStub<APIGatewayClient>; cw: AwsClientStub<CloudWatchClient> },
  percent: number,
  states: ('OK' | 'ALARM' | 'INSUFFICIENT_DATA' | Error)[] = ['OK']
) {
  const world = mockScenario(m, { canary: { percent, commit: SHA }, alarms: ['errors'] })
  let i = 0
  m.cw.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames?: string[] }) => {
    const s = states[Math.min(i++, states.length - 1)]!
    if (s instanceof Error) throw s
    world.setAlarm(ERRORS_ALARM, s, s === 'ALARM' ? 'Threshold Crossed: 5XXError > 1%' : undefined)
    return world.describeAlarms(input)
  })
  return Object.assign(world, { reads: () => i })
}

describe('bake', () => {
  it('polls on a fixed schedule: at the start, every poll interval, and when the time is up', async () => {
    h = harness({
      command: 'shift',
      percent: '10',
      'alarm-names': ERRORS_ALARM,
      'poll-interval': '15s'
    })
    const { reads } = canaryAt(h, 10)
    const result = await bake(h.ctx, 60_000, 10)
    expect(result).toEqual({ verdict: 'clean', reason: '', polls: 5 })
    expect(reads()).toBe(5)
    expect(h.time.slept).toEqual([15000, 15000, 15000, 15000])
    expect(h.log.lines.filter((l) => l.startsWith('[poll'))).toEqual([
      `[poll 1] 0s elapsed, 1m left, canary 10%: ${ERRORS_ALARM}=OK`,
      `[poll 2] 15s elapsed, 45s left, canary 10%: ${ERRORS_ALARM}=OK`,
      `[poll 3] 30s elapsed, 30s left, canary 10%: ${ERRORS_ALARM}=OK`,
      `[poll 4] 45s elapsed, 15s left, canary 10%: ${ERRORS_ALARM}=OK`,
      `[poll 5] 1m elapsed, 0s left, canary 10%: ${ERRORS_ALARM}=OK`
    ])
  })

  it('stops at the first poll that sees ALARM', async () => {
    h = harness({
      command: 'shift',
      percent: '10',
      'alarm-names': ERRORS_ALARM,
      'poll-interval': '10s'
    })
    canaryAt(h, 10, ['OK', 'OK', 'ALARM'])
    const result = await bake(h.ctx, 300_000, 10)
    expect(result.verdict).toBe('alarm')
    expect(result.polls).toBe(3)
    expect(result.reason).toBe(
      `alarm during bake at 10%: ${ERRORS_ALARM} is ALARM: Threshold Crossed: 5XXError > 1%`
    )
  })

  it('fails closed after three failed reads in a row, but not after two', async () => {
    h = harness({
      command: 'shift',
      percent: '10',
      'alarm-names': ERRORS_ALARM,
      'poll-interval': '10s'
    })
    const boom = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' })
    canaryAt(h, 10, [boom, boom, 'OK', boom, boom, boom])
    const result = await bake(h.ctx, 300_000, 10)
    expect(result.verdict).toBe('unhealthy')
    expect(result.polls).toBe(6)
    expect(result.reason).toMatch(/could not be read 3 times in a row.*Rate exceeded/)
    expect(h.log.warnings.filter((w) => w.includes('alarm read failed'))).toHaveLength(5)
  })

  it('INSUFFICIENT_DATA stops the bake only under insufficient-data: alarm', async () => {
    h = harness({
      command: 'shift',
      percent: '10',
      'alarm-names': ERRORS_ALARM,
      'insufficient-data': 'alarm'
    })
    canaryAt(h, 10, ['INSUFFICIENT_DATA'])
    expect((await bake(h.ctx, 60_000, 10)).verdict).toBe('alarm')
    h.restore()
    h = harness({ command: 'shift', percent: '10', 'alarm-names': ERRORS_ALARM })
    canaryAt(h, 10, ['INSUFFICIENT_DATA'])
    expect((await bake(h.ctx, 60_000, 10)).verdict).toBe('clean')
    expect(h.log.warnings).toEqual([
      `${ERRORS_ALARM} is INSUFFICIENT_DATA: state INSUFFICIENT_DATA (insufficient-data: ok)`
    ])
  })
})

describe('a bake without alarms', () => {
  it('says whether the canary analysis gates it or only reports', async () => {
    const first = async (analysis: string) => {
      h = harness({ command: 'shift', percent: '10', analysis })
      await bake(h.ctx, 0, 10).catch(() => undefined)
      const line = h.log.lines.find((l) => l.startsWith('Baking'))
      h.restore()
      return line
    }
    expect(await first('report')).toMatch(
      /\(no alarms configured: the canary analysis only reports; nothing gates\)$/
    )
    expect(await first('gate')).toMatch(
      /\(no alarms configured: only the canary analysis watches, and gates\)$/
    )
    expect(await first('off')).toMatch(/\(no alarms configured: nothing is watched\)$/)
  })
})

describe('ramp', () => {
  it('walks every rung: one UpdateStage per rung, one DescribeAlarms per poll, a conflict check between rungs', async () => {
    h = harness({
      command: 'ramp',
      'alarm-names': ERRORS_ALARM,
      'bake-time': '1m',
      'poll-interval': '30s'
    })
    canaryAt(h, 5)
    await ramp(h.ctx)
    expect(h.ops()).toEqual([
      'GetStage',
      'GetDeployment',
      'DescribeAlarms',
      'UpdateStage',
      'DescribeAlarms',
      'DescribeAlarms',
      'DescribeAlarms', // gate, 10 %, bake 1m/30s = 3 polls
      'GetStage',
      'UpdateStage',
      'DescribeAlarms',
      'DescribeAlarms',
      'DescribeAlarms', // 25 %
      'GetStage',
      'UpdateStage',
      'DescribeAlarms',
      'DescribeAlarms',
      'DescribeAlarms', // 50 %
      'GetStage',
      'UpdateStage',
      'DescribeAlarms',
      'DescribeAlarms',
      'DescribeAlarms', // 100 %
      'GetStage' // the stage after the last bake is still this run's canary
    ])
    expect(
      h.mutations().map(([, i]) => (i.patchOperations as { value: string }[])[0]!.value)
    ).toEqual(['10.0', '25.0', '50.0', '100.0'])
    expect(h.report.timeline.filter((e) => e.event === 'shift').map((e) => e.percent)).toEqual([
      10, 25, 50, 100
    ])
    expect(h.report.timeline.filter((e) => e.event === 'bake-clean')).toHaveLength(4)
    expect(h.report.outcome).toBeUndefined()
    expect(h.report.after?.canary?.percent).toBe(100)
  })

  it('fails closed: a bake whose last read failed reads on past its time, and an ALARM then rolls back', async () => {
    h = harness({
      command: 'ramp',
      'alarm-names': ERRORS_ALARM,
      steps: '10,20',
      'bake-time': '20s',
      'poll-interval': '10s'
    })
    const boom = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' })
    // gate OK; bake at 10 %: OK, OK, then its last read fails; the read after the deadline sees ALARM
    canaryAt(h, 5, ['OK', 'OK', 'OK', boom, 'ALARM'])
    await expect(ramp(h.ctx)).rejects.toThrow(
      new RegExp(`alarm during bake at 10%: ${ERRORS_ALARM} is ALARM`)
    )
    expect(
      h.mutations().map(([, i]) => (i.patchOperations as { value: string }[])[0]!.value)
    ).toEqual(['10.0', '0.0'])
    expect(h.report.outcome).toBe('rolled-back')
    expect(h.log.warnings.join('\n')).toContain(
      "The bake's time is up but its last alarm read failed: reading on every 10s"
    )
    expect(h.report.timeline.map((e) => e.event)).not.toContain('bake-clean')
  })

  it('fails closed: a bake whose reads keep failing past its time is unhealthy, rolled back, never raised further', async () => {
    h = harness({
      command: 'ramp',
      'alarm-names': ERRORS_ALARM,
      steps: '10,20',
      'bake-time': '20s',
      'poll-interval': '10s'
    })
    const boom = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' })
    const live = canaryAt(h, 5, ['OK', 'OK', 'OK', boom, boom, boom])
    await expect(ramp(h.ctx)).rejects.toThrow(/unhealthy: the alarms could not be read 3 times/)
    expect(
      h.mutations().map(([, i]) => (i.patchOperations as { value: string }[])[0]!.value)
    ).toEqual(['10.0', '0.0'])
    expect(live.get().canarySettings?.percentTraffic).toBe(0)
  })

  it('re-run after its promotion began: finishes the cleanup, or finds the commit already stable', async () => {
    h = harness({ command: 'ramp', 'promote-on-success': 'true' })
    h.apigw.on(GetStageCommand).resolves(stage({ stable: 'can001', canary: 'can001', percent: 0 }))
    h.apigw.on(UpdateStageCommand).resolves(stage({ stable: 'can001' }))
    await ramp(h.ctx)
    expect(h.mutations()).toEqual([
      [
        'UpdateStage',
        expect.objectContaining({ patchOperations: [{ op: 'remove', path: '/canarySettings' }] })
      ]
    ])
    expect(h.report.outcome).toBe('promoted')
    h.restore()
    h = harness({ command: 'ramp', 'promote-on-success': 'true' })
    h.apigw.on(GetStageCommand).resolves(stage({ stable: 'can001' }))
    h.apigw.on(GetDeploymentCommand).resolves({ description: THIS_COMMIT_DESC })
    await ramp(h.ctx)
    expect(h.mutations()).toEqual([])
    expect(h.log.lines.join('\n')).toMatch(
      /Nothing to promote: the stable deployment can001 already carries this commit/
    )
  })

  it('resumes: started at 25 %, it goes on at 50 %', async () => {
    h = harness({ command: 'ramp', 'bake-time': '10s', 'poll-interval': '10s' })
    canaryAt(h, 25)
    await ramp(h.ctx)
    expect(
      h.mutations().map(([, i]) => (i.patchOperations as { value: string }[])[0]!.value)
    ).toEqual(['50.0', '100.0'])
  })

  it('at the top with promote-on-success it only promotes', async () => {
    h = harness({ command: 'ramp', 'promote-on-success': 'true', 'alarm-names': ERRORS_ALARM })
    const live = canaryAt(h, 100)
    await ramp(h.ctx)
    expect(
      h
        .mutations()
        .map(([, i]) => (i.patchOperations as { op: string }[]).map((o) => o.op).join('+'))
    ).toEqual(['replace+copy+copy', 'remove'])
    expect(live.get().deploymentId).toBe('can001')
    expect(h.report.outcome).toBe('promoted')
  })

  it('an alarm mid-bake rolls the canary to 0 % with the very next call, and the step fails', async () => {
    h = harness({
      command: 'ramp',
      'alarm-names': ERRORS_ALARM,
      'bake-time': '5m',
      'poll-interval': '15s'
    })
    // gate OK, rung 10 %: 21 clean polls; rung 25 %: OK, OK, then ALARM
    const live = canaryAt(h, 5, [...Array(22).fill('OK'), 'OK', 'OK', 'ALARM'])
    await expect(ramp(h.ctx)).rejects.toThrow(
      `alarm during bake at 25%: ${ERRORS_ALARM} is ALARM: Threshold Crossed: 5XXError > 1%`
    )
    const ops = h.ops()
    expect(ops.slice(-2)).toEqual(['DescribeAlarms', 'UpdateStage'])
    expect(h.mutations().at(-1)![1].patchOperations).toEqual([
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' }
    ])
    expect(live.get().canarySettings?.percentTraffic).toBe(0)
    expect(h.report.outcome).toBe('rolled-back')
    expect(h.report.timeline.map((e) => e.event)).toEqual([
      'shift',
      'bake-start',
      'bake-clean',
      'shift',
      'bake-start',
      'alarm',
      'rollback'
    ])
    expect(h.report.timeline.filter((e) => e.event === 'rollback')).toEqual([
      expect.objectContaining({ percent: 0 })
    ])
  })

  it('on-alarm: fail leaves the traffic as it is and fails', async () => {
    h = harness({
      command: 'ramp',
      'alarm-names': ERRORS_ALARM,
      'bake-time': '1m',
      'on-alarm': 'fail'
    })
    const live = canaryAt(h, 5, ['OK', 'ALARM'])
    await expect(ramp(h.ctx)).rejects.toThrow(/alarm during bake at 10%/)
    expect(live.get().canarySettings?.percentTraffic).toBe(10)
    expect(h.report.outcome).toBeUndefined()
  })

  it('stops with a conflict, changing nothing more, when another run moved the canary', async () => {
    h = harness({ command: 'ramp', 'bake-time': '30s', 'poll-interval': '10s' })
    const live = canaryAt(h, 5)
    let sleeps = 0
    const sleep = h.ctx.sleep
    h.ctx.sleep = async (ms, signal) => {
      // During the first bake another run sets the canary to 50 %.
      if (++sleeps === 2) live.set(stage({ canary: 'can001', percent: 50 }))
      return sleep(ms, signal)
    }
    await expect(ramp(h.ctx)).rejects.toThrow(
      /conflict: expected canary deployment can001 at 10% but found deployment can001 at 50%/
    )
    expect(h.mutations()).toHaveLength(1)
    expect(live.get().canarySettings?.percentTraffic).toBe(50)
  })

  it('a shift whose canary was changed during its bake ends with a conflict, not green', async () => {
    h = harness({ command: 'shift', percent: '10', 'bake-time': '30s', 'poll-interval': '10s' })
    const live = canaryAt(h, 5)
    const sleep = h.ctx.sleep
    let sleeps = 0
    h.ctx.sleep = async (ms, signal) => {
      if (++sleeps === 2) live.set(stage({ canary: 'can001', percent: 0 })) // a person rolls back by hand
      return sleep(ms, signal)
    }
    await expect(shift(h.ctx)).rejects.toThrow(
      /conflict: expected canary deployment can001 at 10% but found deployment can001 at 0%/
    )
    expect(h.mutations()).toHaveLength(1)
    expect(h.report.after?.canary?.percent).toBe(0)
  })

  it('warns when the bakes cannot fit in a 6-hour job and says how to split', () => {
    expect(jobLengthWarning([10, 25, 50, 100], 60 * 60_000)).toBeUndefined()
    expect(jobLengthWarning([10, 25, 50, 100], 2 * 60 * 60_000)).toMatch(
      /4 bakes of 2h take 8h, longer than a 6-hour job allows: split the ramp over jobs/
    )
  })
})

describe('run(): failure paths never leave more canary traffic than the step started with', () => {
  const inputs = {
    command: 'ramp',
    'rest-api-id': API,
    stage: STAGE,
    'aws-region': 'us-east-1',
    'alarm-names': ERRORS_ALARM,
    'bake-time': '5m',
    'poll-interval': '15s',
    // The mocks script the command's own reads in order: preflight's reads are left out.
    preflight: 'off'
  }
  const env = RUN_ENV

  it('on SIGTERM mid-bake: canary to 0 %, outputs and summary written, the step fails as cancelled', async () => {
    await withSdkMocks(async ({ apigw, cw }) => {
      const live = canaryAt({ apigw, cw }, 5)
      const signals = new EventEmitter()
      const r = await runAction(inputs, {
        env,
        signals,
        onSleep: (n) => n === 30 && void signals.emit('SIGTERM') // in the bake of the second rung (25 %)
      })
      expect(live.get().canarySettings?.percentTraffic).toBe(0)
      expect(r.exitCode).toBe(1)
      expect(r.outputs['abort-reason']).toBe('cancelled: the runner sent SIGTERM')
      expect(r.outputs).toMatchObject({
        status: 'rolled-back',
        percent: '0',
        'previous-percent': '5',
        'canary-deployment-id': 'can001'
      })
      expect(r.summary).toContain('rolled back')
      expect(r.summary).toContain('cancelled: canary 25% → 0%')
      const report = JSON.parse(r.outputs.report!)
      expect(report.timeline.map((e: { event: string }) => e.event).slice(-2)).toEqual([
        'cancel',
        'rollback'
      ])
    })
  })

  it('with rollback-on-cancel: false the traffic stays, and a warning says so', async () => {
    await withSdkMocks(async ({ apigw, cw }) => {
      const live = canaryAt({ apigw, cw }, 5)
      const signals = new EventEmitter()
      const r = await runAction(
        { ...inputs, 'rollback-on-cancel': 'false' },
        {
          env,
          signals,
          onSleep: (n) => n === 3 && void signals.emit('SIGINT')
        }
      )
      expect(live.get().canarySettings?.percentTraffic).toBe(10)
      expect(r.outputs['abort-reason']).toBe('cancelled: the runner sent SIGINT')
      expect(r.log.warnings.join('\n')).toMatch(
        /rollback-on-cancel is false: canary traffic left at 10%/
      )
    })
  })

  it('an alarm at the promotion gate after the ramp raised traffic rolls the canary to 0 %, not back to the start', async () => {
    await withSdkMocks(async ({ apigw, cw }) => {
      // gate, two clean bakes at 50 % and 100 % (bake 15s, poll 15s: 2 reads each), then ALARM at the promotion gate
      const live = canaryAt({ apigw, cw }, 5, ['OK', 'OK', 'OK', 'OK', 'OK', 'ALARM'])
      const r = await runAction(
        { ...inputs, steps: '50,100', 'bake-time': '15s', 'promote-on-success': 'true' },
        { env }
      )
      expect(r.exitCode).toBe(1)
      expect(live.get().canarySettings?.percentTraffic).toBe(0)
      expect(live.get().deploymentId).toBe('stable1')
      expect(r.outputs).toMatchObject({ status: 'rolled-back', percent: '0' })
      expect(r.outputs['abort-reason']).toMatch(
        new RegExp(`gate refused the promotion of can001: ${ERRORS_ALARM} is ALARM`)
      )
    })
  })

  it('a read that fails because the runner cancelled counts as the cancel: canary to 0 %, not back to the start', async () => {
    await withSdkMocks(async ({ apigw, cw }) => {
      const live = canaryAt({ apigw, cw }, 5)
      const signals = new EventEmitter()
      const boom = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' })
      let reads = 0
      cw.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames?: string[] }) => {
        reads++
        // gate OK; the 10 % bake's polls OK but its last read fails, so rung 2 reads the gate afresh,
        // and that read is cut short by the runner's SIGTERM.
        if (reads === 22) throw boom
        if (reads === 23) {
          signals.emit('SIGTERM')
          throw Object.assign(new Error('Request aborted'), { name: 'AbortError' })
        }
        return live.describeAlarms(input)
      })
      const r = await runAction(inputs, { env, signals })
      expect(live.get().canarySettings?.percentTraffic).toBe(0)
      expect(r.outputs['abort-reason']).toBe('cancelled: the runner sent SIGTERM')
      expect(r.outputs.status).toBe('rolled-back')
    })
  })

  it('an AWS error after raising traffic restores it to where the step started', async () => {
    await withSdkMocks(async ({ apigw, cw }) => {
      const live = canaryAt({ apigw, cw }, 5)
      // The conflict check before the second rung fails for good.
      let gets = 0
      apigw.on(GetStageCommand).callsFake(() => {
        if (++gets === 2) throw sdkError('ServiceUnavailableException', 503, 'Internal failure')
        return structuredClone(live.get())
      })
      const r = await runAction(inputs, { env })
      expect(r.exitCode).toBe(1)
      expect(live.get().canarySettings?.percentTraffic).toBe(5)
      expect(r.outputs).toMatchObject({ percent: '5', 'previous-percent': '5' })
      expect(r.outputs['abort-reason']).toMatch(/Internal failure/)
      expect(r.summary).toContain('failed step: canary traffic restored 10% → 5%')
    })
  })
})
