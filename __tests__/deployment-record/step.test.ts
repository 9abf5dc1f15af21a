import { afterEach, describe, expect, it } from '@jest/globals'
import {
  outcomeOf,
  recordOnGitHub,
  releaseCanaryId,
  runUrl
} from '../../src/deployment-record/step.js'
import { harness } from '../helpers/harness.js'

let h: ReturnType<typeof harness>
afterEach(() => h.restore())

const state = (canary?: { deploymentId: string; percent: number }) => ({
  stableDeploymentId: 'st001',
  variables: {},
  leftover: false,
  canary: canary && { ...canary, stageVariableOverrides: {}, useStageCache: false }
})

describe('the GitHub record of a step', () => {
  it('for promote and rollback, is the canary found before the step', () => {
    h = harness({ command: 'promote' })
    h.report.before = state({ deploymentId: 'can001', percent: 25 }) as never
    h.report.after = state() as never
    h.report.outcome = 'promoted'
    expect(releaseCanaryId(h.report)).toBe('can001')
    expect(outcomeOf(h.report, false)).toMatchObject({ status: 'promoted', percent: 0 })
  })

  it('for deploy, is only the canary it created (an older canary is not this release)', () => {
    h = harness({ command: 'deploy' })
    h.report.before = state({ deploymentId: 'old001', percent: 5 }) as never
    h.report.after = h.report.before
    expect(releaseCanaryId(h.report)).toBeUndefined()
    h.report.drivenCanaryId = 'new001'
    expect(releaseCanaryId(h.report)).toBe('new001')
  })

  it("links the workflow run's attempt", () => {
    expect(
      runUrl({
        GITHUB_SERVER_URL: 'https://ghe.example.com/',
        GITHUB_REPOSITORY: 'acme/api',
        GITHUB_RUN_ID: '42',
        GITHUB_RUN_ATTEMPT: '2'
      })
    ).toBe('https://ghe.example.com/acme/api/actions/runs/42/attempts/2')
    expect(runUrl({ GITHUB_REPOSITORY: 'acme/api', GITHUB_RUN_ID: '42' })).toBe(
      'https://github.com/acme/api/actions/runs/42'
    )
  })

  it.each([
    ['github-deployment: false', { 'github-deployment': 'false', 'github-token': 't' }],
    ['a dry run', { 'dry-run': 'true', 'github-token': 't' }],
    ['no token', {}]
  ])('is skipped, without a warning, for %s', async (_, inputs) => {
    h = harness({ command: 'shift', percent: '10', ...inputs })
    h.report.after = state({ deploymentId: 'can001', percent: 10 }) as never
    await recordOnGitHub(h.ctx, undefined, { GITHUB_REPOSITORY: 'acme/api' })
    expect(h.log.warnings).toEqual([])
    expect(h.report.githubDeploymentId).toBeUndefined()
  })
})
