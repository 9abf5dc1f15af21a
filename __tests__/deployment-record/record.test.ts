/** What a step posts to GitHub's Deployments history, from its outcome. */
import { describe, expect, it } from '@jest/globals'
import fc from 'fast-check'
import { REST_API_ID, STAGE } from '../../local-runner/fixtures.js'

import {
  cutDescription,
  deploymentDescription,
  deploymentStep,
  environmentName,
  releaseCommit,
  statusFor,
  type StepOutcome
} from '../../src/deployment-record/record.js'

const outcome = (o: Partial<StepOutcome>): StepOutcome => ({
  command: 'shift',
  status: 'canary',
  percent: 10,
  failed: false,
  ...o
})

describe('statusFor', () => {
  it.each([
    [{ command: 'deploy', percent: 5 }, 'in_progress', 'canary 5 %'],
    [{ command: 'shift', percent: 12.5 }, 'in_progress', 'canary 12.5 %'],
    [{ command: 'ramp', percent: 50 }, 'in_progress', 'canary 50 %'],
    [
      { command: 'promote', status: 'promoted', percent: 0 },
      'success',
      'promoted: the stage serves the canary to everyone'
    ],
    [
      { command: 'ramp', status: 'promoted', percent: 0 },
      'success',
      'promoted: the stage serves the canary to everyone'
    ],
    [{ command: 'rollback', status: 'rolled-back', percent: 0 }, 'inactive', 'rolled back by hand']
  ] as const)('%j: %s "%s"', (o, state, description) => {
    expect(statusFor(outcome(o))).toEqual({ state, description, autoInactive: state === 'success' })
  })

  it('an alarm rollback is a failure naming the alarm', () => {
    const s = statusFor(
      outcome({
        command: 'ramp',
        status: 'rolled-back',
        percent: 0,
        failed: true,
        abortReason: 'alarm prod-canary-5xx: Threshold Crossed'
      })
    )
    expect(s).toEqual({
      state: 'failure',
      description: 'rolled back: alarm prod-canary-5xx: Threshold Crossed',
      autoInactive: false
    })
  })

  it('a failed step that left traffic as is: failure, with the traffic and the reason', () => {
    expect(
      statusFor(
        outcome({ command: 'shift', percent: 25, failed: true, abortReason: 'alarm x in ALARM' })
      )
    ).toMatchObject({ state: 'failure', description: 'shift failed at 25 %: alarm x in ALARM' })
    expect(
      statusFor(outcome({ command: 'promote', status: '', percent: undefined, failed: true }))
    ).toMatchObject({ state: 'failure', description: 'promote failed at 0 %: no reason given' })
  })

  it('a long abort reason is cut to 140 characters, on one line', () => {
    const reason = `alarm a: ${'x'.repeat(300)}\nsecond line`
    const s = statusFor(outcome({ status: 'rolled-back', failed: true, abortReason: reason }))!
    expect([...s.description]).toHaveLength(140)
    expect(s.description).toMatch(/^rolled back: alarm a: x+…$/)
  })

  it('status, dry runs, and a clean step that left no canary post nothing', () => {
    expect(statusFor(outcome({ command: 'status' }))).toBeUndefined()
    expect(statusFor(outcome({ dryRun: true, failed: true }))).toBeUndefined()
    expect(statusFor(outcome({ status: 'no-canary', percent: 0 }))).toBeUndefined()
  })

  it('only a promotion marks earlier deployments inactive', () => {
    const outcomes = fc.record({
      command: fc.constantFrom('deploy', 'shift', 'ramp', 'promote', 'rollback', 'status'),
      status: fc.constantFrom('no-canary', 'canary', 'promoted', 'rolled-back', ''),
      percent: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: undefined }),
      failed: fc.boolean(),
      abortReason: fc.option(fc.string(), { nil: undefined })
    })
    fc.assert(
      fc.property(outcomes, (o) => {
        const s = statusFor(o as StepOutcome)
        if (!s) return
        expect(s.autoInactive).toBe(s.state === 'success')
        expect(s.state === 'success').toBe(!o.failed && o.status === 'promoted')
        expect([...s.description].length).toBeLessThanOrEqual(140)
      })
    )
  })
})

describe('names and keys', () => {
  it('the environment defaults to "stage (region)"; a given one wins', () => {
    expect(environmentName(undefined, 'prod', 'us-east-1')).toBe('prod (us-east-1)')
    expect(environmentName('  ', 'prod', 'eu-west-1')).toBe('prod (eu-west-1)')
    expect(environmentName('api-prod-canary', 'prod', 'us-east-1')).toBe('api-prod-canary')
  })

  it("the release commit is the canary's when it has one", () => {
    const canary = 'b'.repeat(40)
    expect(releaseCommit(canary, 'a'.repeat(40))).toBe(canary)
    expect(releaseCommit(undefined, 'a'.repeat(40))).toBe('a'.repeat(40))
    expect(releaseCommit('not-a-sha', 'a'.repeat(40))).toBe('a'.repeat(40))
  })

  it('deploy creates the GitHub deployment, later steps find it, status and dry runs do neither', () => {
    expect(deploymentStep(outcome({ command: 'deploy' }))).toBe('create')
    expect(deploymentStep(outcome({ command: 'ramp' }))).toBe('find')
    expect(deploymentStep(outcome({ command: 'status' }))).toBe('none')
    expect(deploymentStep(outcome({ command: 'deploy', dryRun: true }))).toBe('none')
  })

  it('descriptions say which canary of which stage, within 140 characters', () => {
    const key = {
      restApiId: REST_API_ID,
      stage: STAGE,
      region: 'us-east-1',
      canaryDeploymentId: 'dep1'
    }
    expect(deploymentDescription(key)).toBe(
      `apigw-canary: canary dep1 of ${REST_API_ID}/${STAGE} in us-east-1`
    )
    expect([...deploymentDescription({ ...key, stage: 's'.repeat(128) })]).toHaveLength(140)
    expect(cutDescription('a\n\tb')).toBe('a b')
  })
})
