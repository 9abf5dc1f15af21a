import { describe, expect, it } from '@jest/globals'
import { EventEmitter } from 'node:events'
import {
  CreateDeploymentCommand,
  GetDeploymentCommand,
  GetStageCommand,
  UpdateStageCommand,
  type CreateDeploymentCommandInput
} from '@aws-sdk/client-api-gateway'
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch'
import {
  alarm,
  API,
  mockScenario,
  OTHER_SHA,
  RUN_ENV,
  sdkError,
  stage,
  STAGE,
  withSdkMocks
} from './helpers/harness.js'
import { runAction } from './helpers/run-action.js'

const base = { 'rest-api-id': API, stage: STAGE, 'aws-region': 'us-east-1' }

describe('run()', () => {
  it("keeps the job summary under GitHub's 1 MiB limit, and says it cut it", async () => {
    await withSdkMocks(async ({ apigw, cw }) => {
      apigw.on(GetStageCommand).resolves(stage({ canary: 'can001', percent: 5 }))
      apigw.on(GetDeploymentCommand).resolves({ description: 'manual' })
      // 3,000 alarms under the prefix, each with a long reason: a summary of about 2 MB.
      cw.on(DescribeAlarmsCommand).resolves({
        MetricAlarms: Array.from({ length: 3000 }, (_, i) =>
          alarm(`orders-${i}`, 'OK', 'x'.repeat(600))
        )
      })
      const r = await runAction({ ...base, command: 'status', 'alarm-name-prefix': 'orders-' })
      expect(r.exitCode).toBeUndefined()
      expect(Buffer.byteLength(r.summary)).toBeLessThanOrEqual(1_000_000)
      expect(r.summary).toContain("Summary cut at GitHub's 1 MiB limit")
      expect(JSON.parse(r.outputs.alarms!)).toHaveLength(3000)
    })
  })

  it('warns about inputs the command does not use, not about action.yml defaults', async () => {
    await withSdkMocks(async ({ apigw }) => {
      apigw.on(GetStageCommand).resolves(stage())
      const r = await runAction({
        ...base,
        command: 'status',
        'rollback-mode': 'remove',
        'if-canary-exists': 'fail'
      })
      expect(r.log.warnings).toEqual([
        "Input 'rollback-mode' is not used by status; it was ignored."
      ])
    })
  })
})

describe('run(): a dry-run deploy describes the stage as it is', () => {
  const env = RUN_ENV

  it('no canary: canary-commit is empty like canary-deployment-id, not the commit it would deploy', async () => {
    await withSdkMocks(async (m) => {
      const { apigw } = m
      mockScenario(m)
      const r = await runAction({ ...base, command: 'deploy', 'dry-run': 'true' }, { env })
      expect(apigw.commandCalls(CreateDeploymentCommand)).toHaveLength(0)
      expect(r.outputs).toMatchObject({
        status: 'no-canary',
        'canary-deployment-id': '',
        'canary-commit': ''
      })
    })
  })

  it("if-canary-exists: replace: canary-commit stays the existing canary's", async () => {
    const theirs = OTHER_SHA
    await withSdkMocks(async (m) => {
      mockScenario(m, { canary: { percent: 10, commit: theirs } })
      const r = await runAction(
        { ...base, command: 'deploy', 'dry-run': 'true', 'if-canary-exists': 'replace' },
        { env }
      )
      expect(r.outputs).toMatchObject({ 'canary-deployment-id': 'can001', 'canary-commit': theirs })
      expect(r.summary).toContain(`| Commit | \`${theirs}\` |`)
    })
  })
})

describe('run(): recovery touches only the canary this step raised', () => {
  const env = RUN_ENV

  it("a deploy refused because another run's canary appeared leaves that canary alone", async () => {
    await withSdkMocks(async (m) => {
      const { apigw } = m
      const world = mockScenario(m)
      // While this step's CreateDeployment goes unanswered, another tool makes its canary.
      apigw.on(CreateDeploymentCommand).callsFake((input: CreateDeploymentCommandInput) => {
        const theirs = { percentTraffic: 20, useStageCache: false }
        world.create({ ...input, description: 'someone else', canarySettings: theirs }, 'them01')
        throw sdkError('ServiceUnavailableException', 503, 'Service Unavailable')
      })
      // The mocks script the command's own reads in order: preflight's reads are left out.
      const r = await runAction({ ...base, command: 'deploy', preflight: 'off' }, { env })
      expect(r.exitCode).toBe(1)
      expect(r.outputs['abort-reason']).toMatch(
        /another canary appeared: deployment them01 \(no commit recorded\) at 20%/
      )
      expect(apigw.commandCalls(UpdateStageCommand)).toHaveLength(0)
      expect(world.get().canarySettings).toMatchObject({
        deploymentId: 'them01',
        percentTraffic: 20
      })
    })
  })

  it('a cancel while CreateDeployment is out: the canary it made is found by its description and set to 0 %', async () => {
    const signals = new EventEmitter()
    await withSdkMocks(async (m) => {
      const { apigw } = m
      const world = mockScenario(m)
      apigw.on(CreateDeploymentCommand).callsFake((input: CreateDeploymentCommandInput) => {
        // AWS makes the canary, but the runner cancels before the answer arrives.
        world.create(input)
        signals.emit('SIGINT')
        throw Object.assign(new Error('Request aborted'), { name: 'AbortError' })
      })
      const r = await runAction({ ...base, command: 'deploy' }, { env, signals })
      expect(r.exitCode).toBe(1)
      expect(r.outputs['abort-reason']).toBe('cancelled: the runner sent SIGINT')
      expect(apigw.commandCalls(CreateDeploymentCommand)).toHaveLength(1)
      expect(
        apigw.commandCalls(UpdateStageCommand).map((c) => c.args[0].input.patchOperations)
      ).toEqual([[{ op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' }]])
      expect(r.outputs).toMatchObject({
        status: 'rolled-back',
        percent: '0',
        'canary-deployment-id': 'new001'
      })
      expect(world.get().canarySettings).toMatchObject({
        deploymentId: 'new001',
        percentTraffic: 0
      })
    })
  })

  it('our own messages keep the names the user gave, even ones that look like key ids', async () => {
    const { errorMessage, GateError } = await import('../src/errors.js')
    expect(errorMessage(new GateError('gate refused: ASIAPACIFIC5XXERRORS01 is ALARM'))).toBe(
      'gate refused: ASIAPACIFIC5XXERRORS01 is ALARM'
    )
  })
})
