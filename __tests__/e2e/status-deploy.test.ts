/**
 * status, and deploy's once-per-commit rule, through the bundled action
 * against the emulator.
 */
import { describe, expect, it } from '@jest/globals'
import { errorLines, runAction } from '../../local-runner/run-action.js'
import {
  calls,
  count,
  deployments,
  ERRORS_ALARM,
  freshRelease,
  getStage,
  LATENCY_ALARM,
  operations,
  OTHER_SHA,
  SHA,
  STAGE,
  step,
  useWorld
} from './fixtures.js'

const world = useWorld()

const ALARMS = `${ERRORS_ALARM}, ${LATENCY_ALARM}`

/** Every step's inputs besides rest-api-id and stage. */
const DEFAULTS = { 'alarm-names': ALARMS }

describe('status', () => {
  it('with no canary: no-canary, the alarms read, nothing written', async () => {
    const api = await freshRelease(world())
    const { r, log } = await step(world(), api.restApiId, { ...DEFAULTS, command: 'status' })
    expect(r.code).toBe(0)
    expect(r.outputs).toMatchObject({
      status: 'no-canary',
      percent: '0',
      'canary-deployment-id': '',
      'stable-deployment-id': api.stableDeploymentId,
      'canary-commit': '',
      'abort-reason': ''
    })
    expect(['OK', 'NONE']).toContain(r.outputs['alarm-state'])
    expect(r.outputs['alarm-state']).toBe('OK')
    expect(operations(log)).toEqual(expect.arrayContaining(['GetStage', 'DescribeAlarms']))
    expect(operations(log).filter((op) => !/^(Get|Describe|List)/.test(op))).toEqual([])
    expect(r.summary).toContain('`status`')
    expect(r.summary).toContain('⚪ no canary')
    expect(r.summary).toContain('### Alarms — worst state OK')
    expect(r.summary).toContain('Nothing: no call changed the stage.')
  })

  it('without alarms configured: alarm-state NONE', async () => {
    const api = await freshRelease(world())
    const { r, log } = await step(world(), api.restApiId, { command: 'status' })
    expect(r.code).toBe(0)
    expect(r.outputs).toMatchObject({ status: 'no-canary', 'alarm-state': 'NONE', alarms: '[]' })
    const ops = operations(log)
    expect(ops).toContain('GetStage')
    expect(ops).not.toContain('DescribeAlarms')
    expect(ops.filter((op) => !/^(Get|Describe|List)/.test(op))).toEqual([])
  })

  it('with a canary: its deployment, traffic and commit', async () => {
    const api = await freshRelease(world())
    const d = await step(world(), api.restApiId, { ...DEFAULTS, command: 'deploy', percent: '5' })
    expect(d.r.code).toBe(0)
    const { r, log } = await step(world(), api.restApiId, { ...DEFAULTS, command: 'status' })
    expect(r.code).toBe(0)
    expect(r.outputs).toMatchObject({
      status: 'canary',
      percent: '5',
      'previous-percent': '5',
      'next-percent': '10',
      'canary-deployment-id': d.r.outputs['canary-deployment-id'],
      'stable-deployment-id': api.stableDeploymentId,
      'canary-commit': SHA,
      'alarm-state': 'OK'
    })
    expect(count(log, 'UpdateStage') + count(log, 'CreateDeployment')).toBe(0)
    expect(r.summary).toContain(`| Commit | \`${SHA}\` |`)
    expect(r.summary).toContain('| Canary traffic | 5% |')
  })
})

describe('deploy, once per commit', () => {
  it('a re-run for the same commit reports the existing canary and creates nothing', async () => {
    const api = await freshRelease(world())
    const first = await runAction(
      { 'rest-api-id': api.restApiId, stage: STAGE, 'alarm-names': ALARMS, command: 'deploy' },
      { endpoint: world().url }
    )
    expect(first.code).toBe(0)
    const canary = first.outputs['canary-deployment-id']!

    // the job is re-run: same commit, next attempt; the log keeps both runs
    const again = await runAction(
      { 'rest-api-id': api.restApiId, stage: STAGE, 'alarm-names': ALARMS, command: 'deploy' },
      { endpoint: world().url, env: { GITHUB_RUN_ATTEMPT: '2' } }
    )
    expect(again.code).toBe(0)
    expect(errorLines(again.stdout)).toEqual([])
    expect(again.outputs).toMatchObject({
      status: 'canary',
      percent: '5',
      'canary-deployment-id': canary,
      'canary-commit': SHA
    })
    expect(again.stdout).toMatch(/Nothing to deploy/)
    const log = await calls(world())
    expect(count(log, 'CreateDeployment')).toBe(1)
    expect(count(log, 'UpdateStage')).toBe(0)
    // one stable + one canary deployment in the whole API
    expect(await deployments(world(), api.restApiId)).toHaveLength(2)
    expect(again.summary).toContain('Nothing: no call changed the stage.')
  })

  it('another commit is refused while a canary is active (if-canary-exists: fail)', async () => {
    const api = await freshRelease(world())
    const first = await step(world(), api.restApiId, {
      ...DEFAULTS,
      command: 'deploy',
      percent: '5'
    })
    expect(first.r.code).toBe(0)
    const canary = first.r.outputs['canary-deployment-id']!

    const { r, log } = await step(
      world(),
      api.restApiId,
      { ...DEFAULTS, command: 'deploy', percent: '5', 'if-canary-exists': 'fail' },
      { github: { sha: OTHER_SHA } }
    )
    expect(r.code).toBe(1)
    expect(r.outputs['abort-reason']).toMatch(/another canary is active/)
    expect(r.outputs['abort-reason']).toContain(canary)
    expect(r.outputs).toMatchObject({
      status: 'canary',
      percent: '5',
      'canary-deployment-id': canary,
      'canary-commit': SHA
    })
    expect(count(log, 'CreateDeployment')).toBe(0)
    expect(count(log, 'UpdateStage')).toBe(0)
    expect(errorLines(r.stdout)).toHaveLength(1)
    expect(r.summary).toContain('> [!CAUTION]')
    const s = await getStage(world(), api.restApiId)
    expect(s.canarySettings).toMatchObject({ deploymentId: canary, percentTraffic: 5 })
  })

  it('another commit replaces the canary with if-canary-exists: replace', async () => {
    const api = await freshRelease(world())
    const first = await step(world(), api.restApiId, {
      ...DEFAULTS,
      command: 'deploy',
      percent: '10'
    })
    expect(first.r.code).toBe(0)
    const old = first.r.outputs['canary-deployment-id']!

    const { r, log } = await step(
      world(),
      api.restApiId,
      { ...DEFAULTS, command: 'deploy', percent: '5', 'if-canary-exists': 'replace' },
      { github: { sha: OTHER_SHA } }
    )
    expect(r.code).toBe(0)
    const fresh = r.outputs['canary-deployment-id']!
    expect(fresh).not.toBe(old)
    expect(r.outputs).toMatchObject({
      status: 'canary',
      percent: '5',
      'previous-percent': '10',
      'stable-deployment-id': api.stableDeploymentId,
      'canary-commit': OTHER_SHA
    })
    expect(count(log, 'CreateDeployment')).toBe(1)
    expect(r.stdout).toContain(`Replacing canary ${old}`)
    const s = await getStage(world(), api.restApiId)
    expect(s.deploymentId).toBe(api.stableDeploymentId)
    expect(s.canarySettings).toMatchObject({ deploymentId: fresh, percentTraffic: 5 })
    expect(r.summary).toContain(`| Commit | \`${OTHER_SHA}\` |`)
  })
})
