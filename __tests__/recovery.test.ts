/**
 * Recovery paths through run(), with the SDK mocked: the alarm rollback that
 * must not depend on any read, and the watch for a CreateDeployment a cancel
 * cut short.
 */
import { describe, expect, it } from '@jest/globals'
import { EventEmitter } from 'node:events'
import {
  CreateDeploymentCommand,
  GetDeploymentCommand,
  GetStageCommand,
  UpdateStageCommand,
  type APIGatewayClient,
  type Stage
} from '@aws-sdk/client-api-gateway'
import { DescribeAlarmsCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import type { AwsClientStub } from 'aws-sdk-client-mock'
import {
  alarm,
  API,
  OTHER_SHA,
  REPO,
  RUN_ENV,
  sdkError,
  stage,
  STAGE,
  THIS_COMMIT_DESC,
  withSdkMocks
} from './helpers/harness.js'
import { runAction } from './helpers/run-action.js'

// The mocks script the command's own reads in order: preflight's reads (tested in preflight/aws-reads.test.ts) are left out.
const base = {
  'rest-api-id': API,
  stage: STAGE,
  'aws-region': 'us-east-1',
  preflight: 'off'
}
const env = RUN_ENV
const unavailable = () => sdkError('ServiceUnavailableException', 503, 'Service Unavailable')
const zero = [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' }]
const writes = (apigw: {
  commandCalls: (
    c: typeof UpdateStageCommand
  ) => { args: [{ input: { patchOperations?: unknown } }] }[]
}) => apigw.commandCalls(UpdateStageCommand).map((c) => c.args[0].input.patchOperations)

/**
 * This commit's canary at 10 %, the api-5xx alarm OK at the gate and in ALARM
 * from the bake's first poll; returns the UpdateStage fake that moves the canary.
 */
function alarmAfterShift(
  apigw: AwsClientStub<APIGatewayClient>,
  cw: AwsClientStub<CloudWatchClient>
) {
  let now = stage({ canary: 'can001', percent: 10 })
  apigw.on(GetStageCommand).callsFake(() => now)
  apigw.on(GetDeploymentCommand).resolves({ description: THIS_COMMIT_DESC })
  cw.on(DescribeAlarmsCommand)
    .resolvesOnce({ MetricAlarms: [alarm('api-5xx', 'OK')] }) // gate
    .resolves({ MetricAlarms: [alarm('api-5xx', 'ALARM', 'Threshold Crossed')] })
  return (input: { patchOperations: { value: string }[] }) =>
    (now = stage({ canary: 'can001', percent: Number(input.patchOperations[0]!.value) }))
}

describe('the alarm rollback is one UpdateStage, whatever else fails', () => {
  it('a deploy re-run bakes the canary it finds; on an alarm it goes to 0 % even while GetStage fails', async () => {
    await withSdkMocks(async ({ apigw, cw }) => {
      let s: Stage = stage({ canary: 'can001', percent: 10 })
      apigw
        .on(GetStageCommand)
        .resolvesOnce(s) // the step's first read
        .rejects(unavailable()) // the read before the rollback (and any after)
      apigw.on(GetDeploymentCommand).resolves({ description: THIS_COMMIT_DESC })
      cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('api-5xx', 'ALARM')] })
      apigw.on(UpdateStageCommand).callsFake(() => (s = stage({ canary: 'can001', percent: 0 })))
      const r = await runAction(
        { ...base, command: 'deploy', 'bake-time': '1m', 'alarm-names': 'api-5xx' },
        { env }
      )
      expect(r.exitCode).toBe(1)
      // on-alarm: rollback — the alarming canary goes to 0 %.
      expect(writes(apigw)).toEqual([zero])
      expect(r.outputs.status).toBe('rolled-back')
    })
  })

  it('a shift to the same percent bakes; on an alarm the canary goes to 0 % even while GetStage fails', async () => {
    await withSdkMocks(async ({ apigw, cw }) => {
      apigw
        .on(GetStageCommand)
        .resolvesOnce(stage({ canary: 'can001', percent: 25 }))
        .rejects(unavailable())
      apigw.on(GetDeploymentCommand).resolves({ description: 'x' })
      cw.on(DescribeAlarmsCommand)
        .resolvesOnce({ MetricAlarms: [alarm('api-5xx', 'OK')] }) // report read
        .resolves({ MetricAlarms: [alarm('api-5xx', 'ALARM')] })
      apigw.on(UpdateStageCommand).resolves(stage({ canary: 'can001', percent: 0 }))
      const r = await runAction(
        { ...base, command: 'shift', percent: '25', 'bake-time': '1m', 'alarm-names': 'api-5xx' },
        { env }
      )
      expect(r.exitCode).toBe(1)
      expect(writes(apigw)).toEqual([zero])
    })
  })

  it("an alarm whose rollback call fails: the abort reason stays the alarm's, and recovery takes the canary to 0 %", async () => {
    await withSdkMocks(async ({ apigw, cw }) => {
      const set = alarmAfterShift(apigw, cw)
      apigw
        .on(UpdateStageCommand)
        .callsFakeOnce(set) // 10 → 25
        .rejectsOnce(sdkError('ConflictException', 409, 'Stage is being updated')) // the alarm's rollback
        .callsFake(set) // recovery's
      const r = await runAction(
        { ...base, command: 'shift', percent: '25', 'bake-time': '1m', 'alarm-names': 'api-5xx' },
        { env }
      )
      expect(r.exitCode).toBe(1)
      expect(writes(apigw).slice(1)).toEqual([zero, zero])
      expect(r.outputs).toMatchObject({
        status: 'rolled-back',
        percent: '0',
        'abort-reason': 'alarm during bake at 25%: api-5xx is ALARM: Threshold Crossed'
      })
    })
  })

  it('an alarm whose rollback keeps meeting 503s: the abort reason gives the alarm first, then what AWS did', async () => {
    await withSdkMocks(async ({ apigw, cw }) => {
      const set = alarmAfterShift(apigw, cw)
      apigw
        .on(UpdateStageCommand)
        .callsFakeOnce(set) // 10 → 25
        .rejects(unavailable()) // the alarm's rollback and recovery's
      const r = await runAction(
        { ...base, command: 'shift', percent: '25', 'bake-time': '1m', 'alarm-names': 'api-5xx' },
        { env }
      )
      expect(r.exitCode).toBe(1)
      const reason = r.outputs['abort-reason'] ?? ''
      expect(
        reason.startsWith('alarm during bake at 25%: api-5xx is ALARM: Threshold Crossed; then ')
      ).toBe(true)
      expect(reason).toMatch(/kept answering 503/)
    })
  })

  it.each([
    ['answers', (now: Stage) => now],
    ['fails', () => Promise.reject(unavailable())]
  ])(
    'shift 10 → 25 bakes; on an alarm the only call after the read that finds it is UpdateStage 0 %% (GetStage %s)',
    async (_, laterReads) => {
      await withSdkMocks(async ({ apigw, cw }) => {
        let now = stage({ canary: 'can001', percent: 10 })
        apigw
          .on(GetStageCommand)
          .resolvesOnce(now)
          .callsFake(() => laterReads(now))
        apigw.on(GetDeploymentCommand).resolves({ description: THIS_COMMIT_DESC })
        cw.on(DescribeAlarmsCommand)
          .resolvesOnce({ MetricAlarms: [alarm('api-5xx', 'OK')] }) // gate
          .resolves({ MetricAlarms: [alarm('api-5xx', 'ALARM')] })
        apigw
          .on(UpdateStageCommand)
          .callsFake((input: { patchOperations: { value: string }[] }) => {
            const percent = Number(input.patchOperations[0]!.value)
            return (now = stage({ canary: 'can001', percent }))
          })
        const r = await runAction(
          { ...base, command: 'shift', percent: '25', 'bake-time': '1m', 'alarm-names': 'api-5xx' },
          { env }
        )
        expect(r.exitCode).toBe(1)
        expect(writes(apigw).slice(1)).toEqual([zero])
        expect(r.outputs).toMatchObject({ status: 'rolled-back', percent: '0' })
        // The README: alarm → 0 % within one poll interval plus one API call
        const all = [...apigw.calls(), ...cw.calls()]
          .sort(
            (x, y) =>
              (x as unknown as { callId: number }).callId -
              (y as unknown as { callId: number }).callId
          )
          .map((c) => (c.args[0] as object).constructor.name.replace(/Command$/, ''))
        expect(all[all.lastIndexOf('DescribeAlarms') + 1]).toBe('UpdateStage')
      })
    }
  )
})

describe('after a cancel, the watch for a CreateDeployment still in flight', () => {
  it('does not run when CreateDeployment was refused (a throttle) before the cancel', async () => {
    const signals = new EventEmitter()
    await withSdkMocks(async ({ apigw }) => {
      apigw.on(GetStageCommand).resolves(stage())
      apigw.on(GetDeploymentCommand).resolves({ description: 'manual' })
      apigw.on(CreateDeploymentCommand).rejects(
        Object.assign(new Error('Too Many Requests'), {
          name: 'TooManyRequestsException',
          $metadata: { httpStatusCode: 429 }
        })
      )
      const r = await runAction(
        { ...base, command: 'deploy' },
        { env, signals, onSleep: (n) => n === 1 && void signals.emit('SIGINT') }
      )
      expect(r.exitCode).toBe(1)
      expect(r.outputs['abort-reason']).toBe('cancelled: the runner sent SIGINT')
      // The 429 answered: nothing was in flight at the cancel.
      // the first read, the re-read just before CreateDeployment, recovery's read
      expect(apigw.commandCalls(GetStageCommand).length).toBeLessThanOrEqual(3)
      expect(r.log.errors).toEqual([])
    })
  })

  it('sees a replacing canary at lower traffic at once, and reports its commit', async () => {
    const signals = new EventEmitter()
    const theirs = OTHER_SHA
    await withSdkMocks(async ({ apigw }) => {
      let made: Stage = stage({ canary: 'old001', percent: 25 })
      let description = ''
      apigw.on(GetStageCommand).callsFake(() => made)
      apigw.on(GetDeploymentCommand).callsFake((input: { deploymentId: string }) => ({
        description:
          input.deploymentId === 'new001'
            ? description
            : `apigw-canary: ${REPO}@${theirs} run 1 attempt 1 by x, step 1`
      }))
      apigw.on(CreateDeploymentCommand).callsFake((input: { description: string }) => {
        description = input.description
        made = stage({ canary: 'new001', percent: 5 })
        signals.emit('SIGINT')
        throw Object.assign(new Error('Request aborted'), { name: 'AbortError' })
      })
      const r = await runAction(
        { ...base, command: 'deploy', 'if-canary-exists': 'replace' },
        { env, signals }
      )
      expect(r.exitCode).toBe(1)
      // The new canary is on the stage at the first re-read: it did show.
      // Outputs: the canary is new001 (this step's commit), not the replaced canary's commit.
      expect(r.outputs['canary-deployment-id']).toBe('new001')
      expect(r.log.errors.join('\n')).not.toMatch(/had not shown on the stage/)
      // the first read, the re-read just before CreateDeployment, recovery's read
      expect(apigw.commandCalls(GetStageCommand).length).toBeLessThanOrEqual(3)
      expect(r.outputs['canary-commit']).not.toBe(theirs)
    })
  })

  it('does not run with rollback-on-cancel: false', async () => {
    const signals = new EventEmitter()
    await withSdkMocks(async ({ apigw }) => {
      apigw.on(GetStageCommand).resolves(stage())
      apigw.on(GetDeploymentCommand).resolves({ description: 'manual' })
      apigw.on(CreateDeploymentCommand).callsFake(() => {
        signals.emit('SIGINT')
        throw Object.assign(new Error('Request aborted'), { name: 'AbortError' })
      })
      const r = await runAction(
        { ...base, command: 'deploy', 'rollback-on-cancel': 'false' },
        { env, signals }
      )
      expect(r.exitCode).toBe(1)
      // the first read, the re-read just before CreateDeployment, recovery's read
      expect(apigw.commandCalls(GetStageCommand).length).toBeLessThanOrEqual(3)
      expect(r.log.errors).toEqual([])
    })
  })
})
