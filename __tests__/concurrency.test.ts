/**
 * Two releases meeting on one stage: a step raises or promotes only its own
 * release's canary, a deploy never silently replaces or is replaced, and the
 * account's CreateDeployment quota is waited out on a time budget.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import {
  CreateDeploymentCommand,
  GetDeploymentCommand,
  GetStageCommand,
  UpdateStageCommand,
  type CreateDeploymentCommandInput
} from '@aws-sdk/client-api-gateway'
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch'
import { realSleep } from '../src/context.js'
import { deploy } from '../src/commands/deploy.js'
import { quotaWaitMs } from '../src/steps/create-canary.js'
import { promote } from '../src/commands/promote.js'
import { ramp } from '../src/commands/ramp.js'
import { shift } from '../src/commands/shift.js'
import { buildDescription, commitOf, ownershipProblem } from '../src/core/description.js'
import { ConflictError } from '../src/errors.js'
import { ERRORS_ALARM } from '../local-runner/fixtures.js'
import {
  API,
  harness,
  mockScenario,
  OTHER_COMMIT_DESC,
  OTHER_SHA,
  PROVENANCE,
  REPO,
  SHA,
  sdkError,
  stage,
  STAGE,
  THIS_COMMIT_DESC
} from './helpers/harness.js'

let h: ReturnType<typeof harness>
/** Another commit as the action's messages name it: the repository and 12 hex digits. */
const THEIRS = `${REPO}@${OTHER_SHA.slice(0, 12)}`
afterEach(() => h?.restore())

describe('the commit a description records', () => {
  it('is the mark the action appended, not one the user wrote into a custom description', () => {
    const d = buildDescription('reverts apigw-canary: acme/petstore@deadbeef1', PROVENANCE, 'ab12')
    expect(commitOf(d)).toEqual({ repository: REPO, sha: SHA })
  })

  it('is none when the user wrote a mark but the run has no commit', () => {
    const d = buildDescription(
      'hotfix (apigw-canary: acme/petstore@deadbeef1, step 1)',
      { ...PROVENANCE, sha: undefined },
      'ab12'
    )
    expect(commitOf(d)).toBeUndefined()
  })

  it('reads generated descriptions, old and new', () => {
    expect(commitOf(THIS_COMMIT_DESC)?.sha).toBe(SHA)
    expect(commitOf(OTHER_COMMIT_DESC)?.sha).toBe(OTHER_SHA)
    expect(commitOf('deployed by hand')).toBeUndefined()
  })
})

describe('ownershipProblem', () => {
  it('accepts the canary of the workflow commit, or exactly the expected deployment', () => {
    expect(ownershipProblem('c1', THIS_COMMIT_DESC, PROVENANCE, undefined)).toBeUndefined()
    expect(ownershipProblem('c1', OTHER_COMMIT_DESC, PROVENANCE, 'c1')).toBeUndefined()
  })
  it('refuses another commit, naming it and the way to drive it on purpose', () => {
    expect(ownershipProblem('c1', OTHER_COMMIT_DESC, PROVENANCE, undefined)).toMatch(
      new RegExp(
        `deployment c1 from commit ${THEIRS}, not this workflow's commit ${REPO}@${SHA.slice(0, 12)}.*expected-canary-deployment-id: c1`
      )
    )
  })
  it('refuses when the expected deployment is not the canary', () => {
    expect(ownershipProblem('c2', THIS_COMMIT_DESC, PROVENANCE, 'c1')).toMatch(
      /canary is deployment c2 .*not expected-canary-deployment-id c1/
    )
  })
  it('refuses a run without a commit unless told which canary', () => {
    const none = { ...PROVENANCE, sha: undefined }
    expect(ownershipProblem('c1', 'manual', none, undefined)).toMatch(
      /no commit to match.*expected-canary-deployment-id: c1/
    )
  })
})

describe("a step never raises or promotes another commit's canary", () => {
  /** Another run's canary, them01, at 10 %. */
  const theirs = () =>
    mockScenario(h, { canary: { percent: 10, commit: OTHER_SHA } }, { canary: 'them01' })

  it('ramp with promote-on-success refuses before any change, naming the other commit', async () => {
    h = harness({ command: 'ramp', 'promote-on-success': 'true', 'alarm-names': ERRORS_ALARM })
    theirs()
    await expect(ramp(h.ctx)).rejects.toThrow(
      new RegExp(`ramp refused: the canary is deployment them01 from commit ${THEIRS}`)
    )
    expect(h.mutations()).toEqual([])
    expect(h.report.canaryCommit).toBe(OTHER_SHA)
  })

  it('shift refuses an increase of it; a decrease of any canary goes through', async () => {
    h = harness({ command: 'shift', percent: '25' })
    theirs()
    await expect(shift(h.ctx)).rejects.toThrow(ConflictError)
    expect(h.mutations()).toEqual([])
    h.restore()

    h = harness({ command: 'shift', percent: '0' })
    const world = theirs()
    await shift(h.ctx)
    expect(h.mutations()).toHaveLength(1)
    expect(world.get().canarySettings).toMatchObject({ deploymentId: 'them01', percentTraffic: 0 })
  })

  it('promote refuses it', async () => {
    h = harness({ command: 'promote' })
    theirs()
    await expect(promote(h.ctx)).rejects.toThrow(/promote refused: .*them01/)
    expect(h.mutations()).toEqual([])
  })

  it('expected-canary-deployment-id drives exactly that canary', async () => {
    h = harness({ command: 'shift', percent: '25', 'expected-canary-deployment-id': 'them01' })
    const world = theirs()
    await shift(h.ctx)
    expect(h.report.after?.canary?.percent).toBe(25)
    expect(world.get().canarySettings?.percentTraffic).toBe(25)
  })

  it('a raise that lands on a canary swapped in after the read is put back and fails naming it', async () => {
    h = harness({ command: 'shift', percent: '25' })
    h.apigw.on(GetStageCommand).resolves(stage({ canary: 'can001', percent: 10 }))
    h.apigw.on(GetDeploymentCommand, { deploymentId: 'can001' }).resolves({
      description: THIS_COMMIT_DESC
    })
    h.apigw.on(GetDeploymentCommand, { deploymentId: 'them01' }).resolves({
      description: OTHER_COMMIT_DESC
    })
    h.apigw
      .on(UpdateStageCommand)
      .callsFake((input: { patchOperations: { value: string }[] }) =>
        stage({ canary: 'them01', percent: Number(input.patchOperations[0]!.value) })
      )
    await expect(shift(h.ctx)).rejects.toThrow(
      new RegExp(
        `conflict: deployment them01 \\(commit ${THEIRS}\\) replaced this step's canary can001.*set back to 10%`
      )
    )
    const values = h
      .mutations()
      .map(([, i]) => (i.patchOperations as { value: string }[])[0]!.value)
    expect(values).toEqual(['25.0', '10.0'])
    expect(h.report.after?.canary?.percent).toBe(10)
    // Not this step's canary: recovery must leave it alone.
    expect(h.report.drivenCanaryId).toBeUndefined()
  })

  it('a promotion that copied a canary swapped in after the read points the stage back', async () => {
    h = harness({ command: 'promote' })
    h.apigw.on(GetStageCommand).resolves(stage({ canary: 'can001', percent: 100 }))
    h.apigw.on(GetDeploymentCommand, { deploymentId: 'can001' }).resolves({
      description: THIS_COMMIT_DESC
    })
    h.apigw.on(GetDeploymentCommand, { deploymentId: 'them01' }).resolves({
      description: OTHER_COMMIT_DESC
    })
    h.apigw
      .on(UpdateStageCommand)
      .resolvesOnce(stage({ stable: 'them01', canary: 'them01', percent: 0 }))
      .resolves(stage({ stable: 'stable1', canary: 'them01', percent: 0 }))
    await expect(promote(h.ctx)).rejects.toThrow(
      new RegExp(
        `deployment them01 \\(commit ${THEIRS}\\) replaced this step's canary can001 just before the promotion.*points at stable1 again`
      )
    )
    expect(h.mutations()[1]![1].patchOperations).toEqual([
      { op: 'replace', path: '/deploymentId', value: 'stable1' }
    ])
    expect(h.report.outcome).toBeUndefined()
    expect(h.report.previousStableDeploymentId).toBeUndefined()
  })
})

describe('deploy meets another deploy', () => {
  /** Another run's CreateDeployment of its canary at `percent`. */
  const theirCanary = (percent: number): CreateDeploymentCommandInput => ({
    restApiId: API,
    stageName: STAGE,
    description: OTHER_COMMIT_DESC,
    canarySettings: { percentTraffic: percent, useStageCache: false }
  })

  it('refuses a canary that appeared while it gated, naming its commit', async () => {
    h = harness({ command: 'deploy', 'alarm-names': ERRORS_ALARM })
    const world = mockScenario(h, { alarms: ['errors'] })
    // While this step reads its gate, another deploy makes its canary.
    h.cw.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames?: string[] }) => {
      world.create(theirCanary(5), 'them01')
      return world.describeAlarms(input)
    })
    await expect(deploy(h.ctx)).rejects.toThrow(
      new RegExp(
        `another canary is active on this stage: deployment them01 at 5% \\(commit ${THEIRS}\\)`
      )
    )
    expect(h.mutations()).toEqual([])
    expect(world.get().canarySettings?.deploymentId).toBe('them01')
  })

  it('fails loudly when its new canary was replaced at once, and leaves the other alone', async () => {
    h = harness({ command: 'deploy' })
    const world = mockScenario(h)
    // Another deploy replaces this step's canary as soon as it is made.
    h.apigw.on(CreateDeploymentCommand).callsFake((input: CreateDeploymentCommandInput) => {
      const made = world.createDeployment(input)
      world.create(theirCanary(5), 'them01')
      return made
    })
    await expect(deploy(h.ctx)).rejects.toThrow(
      new RegExp(
        `this step created canary deployment new001, but the stage's canary is now deployment them01 \\(commit ${THEIRS}\\) at 5%`
      )
    )
    expect(h.mutations().map(([op]) => op)).toEqual(['CreateDeployment'])
    expect(h.report.drivenCanaryId).toBeUndefined()
    expect(world.get().canarySettings).toMatchObject({ deploymentId: 'them01', percentTraffic: 5 })
  })
})

describe("the account's CreateDeployment quota", () => {
  const throttle = () => sdkError('TooManyRequestsException', 429, 'Too Many Requests')

  it('waits out throttles on a time budget: they do not use up max-attempts', async () => {
    h = harness({ command: 'deploy', 'max-attempts': '1' })
    const world = mockScenario(h)
    let n = 0
    h.apigw.on(CreateDeploymentCommand).callsFake((input: CreateDeploymentCommandInput) => {
      if (++n <= 12) throw throttle()
      return world.createDeployment(input)
    })
    await deploy(h.ctx)
    expect(n).toBe(13)
    expect(h.report.after?.canary?.deploymentId).toBe('new001')
    // Random waits: not all the same, each 1-5 s.
    const waits = h.time.slept.slice(0, -1) // the last is the settle before the read-back
    expect(waits).toHaveLength(12)
    expect(new Set(waits).size).toBeGreaterThan(1)
    for (const ms of waits) expect(ms >= 1000 && ms <= 5000).toBe(true)
  })

  it('gives up after five minutes, saying it was the quota and that a re-run will work', async () => {
    h = harness({ command: 'deploy' })
    mockScenario(h)
    h.apigw.on(CreateDeploymentCommand).callsFake(() => {
      throw throttle()
    })
    await expect(deploy(h.ctx)).rejects.toThrow(
      /throttled \d+ times over 5m\d*s? by the account's deployment quota.*nothing was created.*Re-run this job/
    )
    const waited = h.time.slept.reduce((a, b) => a + b, 0)
    expect(waited).toBeGreaterThanOrEqual(5 * 60_000 - 5_000)
    expect(waited).toBeLessThan(5 * 60_000 + 5_000)
  })

  it('spreads waits between 1 and 5 s', () => {
    expect(quotaWaitMs(() => 0)).toBe(1000)
    expect(quotaWaitMs(() => 0.999999)).toBe(5000)
  })
})

describe('realSleep', () => {
  afterEach(() => {
    jest.useRealTimers()
  })
  it('holds a delay longer than a timer can (2^31 ms) instead of firing at once', async () => {
    jest.useFakeTimers()
    let done = false
    void realSleep(3_000_000_000).then(() => (done = true))
    await jest.advanceTimersByTimeAsync(1_000)
    expect(done).toBe(false)
    await jest.advanceTimersByTimeAsync(2_000_000_000)
    expect(done).toBe(false)
    await jest.advanceTimersByTimeAsync(1_000_000_000)
    expect(done).toBe(true)
  })
})
