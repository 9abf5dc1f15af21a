import { afterEach, describe, expect, it } from '@jest/globals'
import {
  CreateDeploymentCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  GetStagesCommand,
  UpdateStageCommand,
  type CreateDeploymentCommandInput
} from '@aws-sdk/client-api-gateway'
import { deploy } from '../src/commands/deploy.js'
import { decideDeploy } from '../src/core/plan.js'
import { stageStateOf } from '../src/core/stage.js'
import {
  ERRORS_ALARM,
  LATENCY_ALARM,
  OTHER_SHA,
  STABLE_DESCRIPTION
} from '../local-runner/fixtures.js'
import { errorsAlarm } from '../local-runner/world-state.js'
import {
  answerGetStage,
  API,
  harness,
  mockScenario,
  OTHER_COMMIT_DESC,
  PROVENANCE,
  REPO,
  sdkError,
  SHA,
  stage,
  STAGE,
  THIS_COMMIT_DESC
} from './helpers/harness.js'

let h: ReturnType<typeof harness>
afterEach(() => h.restore())

describe('deploy', () => {
  it('creates the deployment as the canary at the first rung, gated, with the provenance description', async () => {
    h = harness({
      command: 'deploy',
      'alarm-names': ERRORS_ALARM,
      'stage-variable-overrides': 'lambdaAlias=v2'
    })
    mockScenario(h, { alarms: ['errors'] })

    await deploy(h.ctx)

    expect(h.calls()).toEqual([
      ['GetStage', { restApiId: API, stageName: STAGE }],
      ['GetDeployment', { restApiId: API, deploymentId: 'stable1' }],
      [
        'DescribeAlarms',
        {
          AlarmNames: [ERRORS_ALARM],
          AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
          NextToken: undefined
        }
      ],
      // the stage again, just before creating: a canary made meanwhile is seen
      ['GetStage', { restApiId: API, stageName: STAGE }],
      [
        'CreateDeployment',
        {
          restApiId: API,
          stageName: STAGE,
          description: THIS_COMMIT_DESC,
          canarySettings: {
            percentTraffic: 5,
            stageVariableOverrides: { lambdaAlias: 'v2' },
            useStageCache: false
          }
        }
      ],
      ['GetStage', { restApiId: API, stageName: STAGE }]
    ])
    expect(h.report.after?.canary).toMatchObject({ deploymentId: 'new001', percent: 5 })
    expect(h.report.canaryCommit).toBe(SHA)
    expect(h.report.timeline.map((e) => e.event)).toEqual(['deploy'])
  })

  it('uses the given percent', async () => {
    h = harness({ command: 'deploy', percent: '12.5%' })
    const world = mockScenario(h)
    await deploy(h.ctx)
    expect(h.apigw.commandCalls(CreateDeploymentCommand)[0]!.args[0].input.canarySettings).toEqual({
      percentTraffic: 12.5,
      useStageCache: false
    })
    expect(world.get().canarySettings?.percentTraffic).toBe(12.5)
    expect(h.log.warnings.join('\n')).toMatch(
      /allow-ungated: true: a new canary at 12.5% is not gated on anything/
    )
  })

  it('is a no-op when the active canary already carries this commit', async () => {
    h = harness({ command: 'deploy', 'alarm-names': ERRORS_ALARM })
    mockScenario(h, { alarms: ['errors'], canary: { percent: 10, commit: SHA } })
    await deploy(h.ctx)
    expect(h.ops()).toEqual(['GetStage', 'GetDeployment'])
    expect(h.log.lines.join('\n')).toMatch(/already carries this commit.*No deployment was created/)
    expect(h.report.after?.canary?.deploymentId).toBe('can001')
  })

  it('a re-run with bake-time watches the canary it finds for this commit (its first bake may not have finished)', async () => {
    h = harness({
      command: 'deploy',
      'alarm-names': ERRORS_ALARM,
      'bake-time': '30s',
      'poll-interval': '15s'
    })
    mockScenario(h, { alarms: ['errors'], canary: { percent: 5, commit: SHA } })
    await deploy(h.ctx)
    expect(h.ops()).toEqual([
      'GetStage',
      'GetDeployment',
      'DescribeAlarms',
      'DescribeAlarms',
      'DescribeAlarms',
      'GetStage'
    ])
    expect(h.mutations()).toEqual([])
    expect(h.report.timeline.map((e) => e.event)).toEqual(['bake-start', 'bake-clean'])
  })

  it('is a no-op when the stable deployment already carries this commit (re-run after promotion)', async () => {
    h = harness({ command: 'deploy' })
    mockScenario(h, { stableDescription: THIS_COMMIT_DESC })
    await deploy(h.ctx)
    expect(h.ops()).toEqual(['GetStage', 'GetDeployment'])
    expect(h.mutations()).toEqual([])
  })

  it('refuses, before creating anything, when another commit is the active canary', async () => {
    h = harness({ command: 'deploy' })
    mockScenario(h, { canary: { percent: 10, commit: OTHER_SHA } })
    await expect(deploy(h.ctx)).rejects.toThrow(
      /another canary is active.*can001 at 10%.*if-canary-exists: replace/
    )
    expect(h.mutations()).toEqual([])
  })

  it("replaces another commit's canary with if-canary-exists: replace", async () => {
    h = harness({ command: 'deploy', 'if-canary-exists': 'replace' })
    const world = mockScenario(h, { canary: { percent: 10, commit: OTHER_SHA } })
    await deploy(h.ctx)
    expect(h.ops()).toEqual([
      'GetStage',
      'GetDeployment',
      'GetStage',
      'CreateDeployment',
      'GetStage'
    ])
    expect(h.log.lines.join('\n')).toMatch(/Replacing canary can001 \(10%\)/)
    expect(world.get().canarySettings).toMatchObject({ deploymentId: 'new001', percentTraffic: 5 })
  })

  it('replaces a rolled-back (0 %) canary of another commit without needing replace', async () => {
    h = harness({ command: 'deploy' })
    mockScenario(h, { canary: { percent: 0, commit: OTHER_SHA } })
    await deploy(h.ctx)
    expect(h.apigw.commandCalls(CreateDeploymentCommand)).toHaveLength(1)
  })

  it('refuses when the stage does not exist', async () => {
    h = harness({ command: 'deploy' })
    h.apigw
      .on(GetStageCommand)
      .rejects(sdkError('NotFoundException', 404, 'Invalid Stage identifier specified'))
    h.apigw.on(GetStagesCommand).resolves({ item: [{ stageName: 'Prod' }, { stageName: 'dev' }] })
    await expect(deploy(h.ctx)).rejects.toThrow(
      /^Stage 'prod' of REST API 'a1b2c3d4e5' in [a-z0-9-]+ was not found: its stages are Prod, dev\. Did you mean 'Prod'\? Check the stage input\.$/
    )
    expect(h.mutations()).toEqual([])
  })

  it('refuses when a gating alarm is in ALARM, before creating anything', async () => {
    h = harness({ command: 'deploy', 'alarm-names': `${ERRORS_ALARM},${LATENCY_ALARM}` })
    mockScenario(h, {
      alarms: [errorsAlarm({ state: 'ALARM', reason: 'Threshold Crossed' }), 'latency']
    })
    await expect(deploy(h.ctx)).rejects.toThrow(
      `gate refused a new canary at 5%: ${ERRORS_ALARM} is ALARM: Threshold Crossed`
    )
    expect(h.mutations()).toEqual([])
    expect(h.log.errors).toEqual([`${ERRORS_ALARM} is ALARM: Threshold Crossed`])
  })

  describe('after an ambiguous CreateDeployment failure', () => {
    it("adopts the canary the lost answer created (it carries this run's description): one CreateDeployment", async () => {
      h = harness({ command: 'deploy' })
      const world = mockScenario(h)
      h.apigw.on(CreateDeploymentCommand).callsFake((input: CreateDeploymentCommandInput) => {
        world.create(input)
        throw sdkError('TimeoutError', undefined, 'socket hang up')
      })
      await deploy(h.ctx)
      expect(h.ops()).toEqual([
        'GetStage',
        'GetDeployment',
        'GetStage',
        'CreateDeployment',
        'GetStage',
        'GetDeployment',
        'GetStage'
      ])
      expect(h.report.after?.canary?.deploymentId).toBe('new001')
    })

    it('attaches a deployment that was created but not attached, instead of creating another', async () => {
      h = harness({ command: 'deploy' })
      const world = mockScenario(h, { canary: { percent: 0, commit: OTHER_SHA } })
      h.apigw.on(CreateDeploymentCommand).callsFake((input: CreateDeploymentCommandInput) => {
        world.create({ ...input, stageName: undefined, canarySettings: undefined }, 'orph01')
        throw sdkError('ServiceUnavailableException', 503)
      })
      await deploy(h.ctx)
      expect(h.apigw.commandCalls(CreateDeploymentCommand)).toHaveLength(1)
      expect(h.apigw.commandCalls(UpdateStageCommand)[0]!.args[0].input.patchOperations).toEqual([
        { op: 'replace', path: '/canarySettings/deploymentId', value: 'orph01' },
        { op: 'replace', path: '/canarySettings/percentTraffic', value: '5.0' },
        { op: 'replace', path: '/canarySettings/useStageCache', value: 'false' }
      ])
      expect(world.get().canarySettings).toMatchObject({
        deploymentId: 'orph01',
        percentTraffic: 5
      })
    })

    it('sends CreateDeployment again only when two looks, 5 s apart, show nothing was created', async () => {
      h = harness({ command: 'deploy' })
      const world = mockScenario(h)
      h.apigw
        .on(CreateDeploymentCommand)
        .rejectsOnce(sdkError('ECONNRESET', undefined))
        .callsFake(world.createDeployment)
      await deploy(h.ctx)
      expect(h.ops()).toEqual([
        'GetStage',
        'GetDeployment',
        'GetStage',
        'CreateDeployment',
        'GetStage',
        'GetDeployments',
        'GetStage',
        'GetDeployments',
        'CreateDeployment',
        'GetStage'
      ])
      // the second look's pause, then the settle before reading the new canary back
      expect(h.time.slept).toEqual([5000, 2000])
    })

    it('adopts a deployment that shows up only on the second look (a slow creation)', async () => {
      h = harness({ command: 'deploy' })
      answerGetStage(h, stage(), 3, stage({ canary: 'slow01', percent: 5 }))
      h.apigw
        .on(GetDeploymentCommand, { deploymentId: 'stable1' })
        .resolves({ description: OTHER_COMMIT_DESC })
      h.apigw
        .on(GetDeploymentCommand, { deploymentId: 'slow01' })
        .resolves({ description: THIS_COMMIT_DESC })
      h.apigw.on(CreateDeploymentCommand).rejects(sdkError('TimeoutError', undefined, 'timed out'))
      h.apigw.on(GetDeploymentsCommand).resolves({ items: [] })
      await deploy(h.ctx)
      expect(h.apigw.commandCalls(CreateDeploymentCommand)).toHaveLength(1)
      expect(h.report.after?.canary?.deploymentId).toBe('slow01')
    })

    it('never adopts a canary that another step made, even with the same commit text', async () => {
      // A manual run (no commit) before this one left its canary; this step's id differs.
      h = harness(
        { command: 'deploy', 'if-canary-exists': 'replace' },
        { provenance: { ...PROVENANCE, sha: undefined } }
      )
      const earlier = 'apigw-canary: manual deployment by octocat, step 0badf00d'
      const world = mockScenario(h, { canary: { percent: 10, description: earlier } })
      h.apigw
        .on(CreateDeploymentCommand)
        .rejectsOnce(sdkError('ServiceUnavailableException', 503))
        .callsFake(world.createDeployment)
      await deploy(h.ctx)
      expect(h.apigw.commandCalls(CreateDeploymentCommand)).toHaveLength(2)
      expect(h.mutations().filter(([op]) => op === 'UpdateStage')).toEqual([])
      expect(h.apigw.commandCalls(CreateDeploymentCommand)[1]!.args[0].input.description).toBe(
        'apigw-canary: manual deployment by octocat, step feedc0de'
      )
    })

    it('refuses when another canary appeared while its CreateDeployment went unanswered', async () => {
      h = harness({ command: 'deploy' })
      const world = mockScenario(h)
      h.apigw.on(CreateDeploymentCommand).callsFake((input: CreateDeploymentCommandInput) => {
        const theirs = { percentTraffic: 20, useStageCache: false }
        world.create({ ...input, description: OTHER_COMMIT_DESC, canarySettings: theirs }, 'them01')
        throw sdkError('ServiceUnavailableException', 503)
      })
      await expect(deploy(h.ctx)).rejects.toThrow(
        `another canary appeared: deployment them01 (commit ${REPO}@${OTHER_SHA.slice(0, 12)}) at 20%`
      )
      expect(h.apigw.commandCalls(CreateDeploymentCommand)).toHaveLength(1)
      expect(h.mutations().filter(([op]) => op === 'UpdateStage')).toEqual([])
    })

    it('a cancelled step sends no CreateDeployment', async () => {
      h = harness({ command: 'deploy' })
      mockScenario(h)
      h.apigw.on(GetDeploymentCommand).callsFake(() => {
        h.cancel.abort(new Error('cancelled: the runner sent SIGINT'))
        return { description: STABLE_DESCRIPTION }
      })
      await expect(deploy(h.ctx)).rejects.toThrow('cancelled: the runner sent SIGINT')
      expect(h.mutations()).toEqual([])
    })

    it('waits out a throttle (nothing was created) and sends again, never re-reading', async () => {
      h = harness({ command: 'deploy' })
      const world = mockScenario(h)
      h.apigw
        .on(CreateDeploymentCommand)
        .rejectsOnce(sdkError('TooManyRequestsException', 429))
        .callsFake(world.createDeployment)
      await deploy(h.ctx)
      expect(h.ops()).toEqual([
        'GetStage',
        'GetDeployment',
        'GetStage',
        'CreateDeployment',
        'CreateDeployment',
        'GetStage'
      ])
      // A random 1-5 s: parallel deploys throttled together do not retry together.
      expect(h.time.slept).toHaveLength(2)
      expect(h.time.slept[1]).toBe(2000) // the settle before reading the new canary back
      expect(h.time.slept[0]).toBeGreaterThanOrEqual(1000)
      expect(h.time.slept[0]).toBeLessThanOrEqual(5000)
    })

    it('gives up on a definite refusal without retrying', async () => {
      h = harness({ command: 'deploy' })
      mockScenario(h)
      h.apigw
        .on(CreateDeploymentCommand)
        .rejects(sdkError('BadRequestException', 400, 'Invalid stage variable value'))
      await expect(deploy(h.ctx)).rejects.toThrow('Invalid stage variable value')
      expect(h.apigw.commandCalls(CreateDeploymentCommand)).toHaveLength(1)
    })
  })

  it('in dry-run prints the CreateDeployment and makes no change', async () => {
    h = harness({ command: 'deploy', 'dry-run': 'true', 'bake-time': '5m' })
    mockScenario(h)
    await deploy(h.ctx)
    expect(h.mutations()).toEqual([])
    expect(
      h.log.lines.find((l) => l.startsWith('[dry-run] would call CreateDeployment'))
    ).toContain('"percentTraffic":5')
    expect(h.report.changes).toHaveLength(1)
  })
})

describe('decideDeploy', () => {
  const s = (canary?: string, percent = 10) => stageStateOf(stage({ canary, percent }))
  it('decides from the stage alone', () => {
    expect(decideDeploy(s(), false, false, 'fail').kind).toBe('create')
    expect(decideDeploy(s('c1'), true, false, 'fail').kind).toBe('noop')
    expect(decideDeploy(s(), false, true, 'fail').kind).toBe('noop')
    expect(decideDeploy(s('c1'), false, false, 'fail').kind).toBe('refuse')
    expect(decideDeploy(s('c1'), false, false, 'replace').kind).toBe('create')
    expect(decideDeploy(s('c1', 0), false, false, 'fail').kind).toBe('create')
  })
})
