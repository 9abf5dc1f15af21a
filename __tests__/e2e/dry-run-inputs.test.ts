/**
 * dry-run prints the exact calls and changes nothing; a bad input fails
 * before any AWS call with one error line naming the input.
 */
import { describe, expect, it } from '@jest/globals'
import { errorLines, runAction } from '../../local-runner/run-action.js'
import {
  calls,
  clearCallLog,
  count,
  deployments,
  ERRORS_ALARM,
  freshRelease,
  getStage,
  REPO,
  SHA,
  STAGE,
  step,
  useWorld
} from './fixtures.js'

const world = useWorld()

/** The JSON after `[dry-run] would call <operation> ` on each such stdout line. */
function wouldCall(stdout: string, operation: string): unknown[] {
  const prefix = `[dry-run] would call ${operation} `
  return stdout
    .split('\n')
    .filter((l) => l.startsWith(prefix))
    .map((l) => JSON.parse(l.slice(prefix.length)) as unknown)
}

describe('dry-run', () => {
  it('deploy prints the CreateDeployment it would send and creates nothing', async () => {
    const api = await freshRelease(world())
    const before = await getStage(world(), api.restApiId)
    const r = await runAction(
      {
        command: 'deploy',
        'rest-api-id': api.restApiId,
        stage: STAGE,
        'alarm-names': ERRORS_ALARM,
        percent: '5',
        'stage-variable-overrides': '{"backend": "orders-v2"}',
        'dry-run': 'true'
      },
      { endpoint: world().url }
    )
    expect(r.code).toBe(0)
    expect(wouldCall(r.stdout, 'CreateDeployment')).toEqual([
      {
        restApiId: api.restApiId,
        stageName: STAGE,
        description: expect.stringMatching(
          new RegExp(
            `^apigw-canary: ${REPO}@${SHA} run 9876543210 attempt 1 by octocat, step [0-9a-f]{8}$`
          )
        ),
        canarySettings: {
          percentTraffic: 5,
          stageVariableOverrides: { backend: 'orders-v2' },
          useStageCache: false
        }
      }
    ])
    const log = await calls(world())
    expect(count(log, 'CreateDeployment')).toBe(0)
    expect(count(log, 'UpdateStage')).toBe(0)
    expect(count(log, 'DescribeAlarms')).toBeGreaterThanOrEqual(1) // it still gates
    expect(await deployments(world(), api.restApiId)).toHaveLength(1)
    const after = await getStage(world(), api.restApiId)
    expect(after.canarySettings).toBeUndefined()
    expect(after.lastUpdatedDate).toEqual(before.lastUpdatedDate)
    expect(r.summary).toContain('> [!NOTE]\n> Dry run')
    expect(r.summary).toContain('### Calls that would be made')
    expect(r.summary).toContain('- `CreateDeployment`')
  })

  it('promote prints both UpdateStage calls and changes nothing', async () => {
    const api = await freshRelease(world())
    const base = { 'rest-api-id': api.restApiId, stage: STAGE, 'alarm-names': ERRORS_ALARM }
    const d = await runAction(
      { ...base, command: 'deploy', percent: '25' },
      { endpoint: world().url }
    )
    expect(d.code).toBe(0)
    const canary = d.outputs['canary-deployment-id']!
    await clearCallLog(world())

    const r = await runAction(
      { ...base, command: 'promote', 'dry-run': 'true' },
      { endpoint: world().url }
    )
    expect(r.code).toBe(0)
    const ids = { restApiId: api.restApiId, stageName: STAGE }
    expect(wouldCall(r.stdout, 'UpdateStage')).toEqual([
      {
        ...ids,
        patchOperations: [
          { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
          { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
          { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
        ]
      },
      { ...ids, patchOperations: [{ op: 'remove', path: '/canarySettings' }] }
    ])
    const log = await calls(world())
    expect(count(log, 'UpdateStage')).toBe(0)
    expect(count(log, 'CreateDeployment')).toBe(0)
    expect(count(log, 'DescribeAlarms')).toBeGreaterThanOrEqual(1)
    const s = await getStage(world(), api.restApiId)
    expect(s.deploymentId).toBe(api.stableDeploymentId)
    expect(s.canarySettings).toMatchObject({ deploymentId: canary, percentTraffic: 25 })
    expect(r.summary).toContain('Dry run')
    expect(r.summary).toContain('### Calls that would be made')
  })
})

describe('a bad input', () => {
  const cases: { name: string; inputs: Record<string, string> }[] = [
    { name: 'percent', inputs: { command: 'shift', percent: '150' } },
    { name: 'bake-time', inputs: { command: 'shift', percent: '10', 'bake-time': 'soon' } },
    { name: 'steps', inputs: { command: 'ramp', steps: '10,5,50' } },
    { name: 'command', inputs: { command: 'deploi' } },
    { name: 'rest-api-id', inputs: { command: 'status', 'rest-api-id': 'orders api' } }
  ]
  it.each(cases)(
    '$name: exit 1, one ::error:: naming it, no AWS call',
    async ({ name, inputs }) => {
      const api = await freshRelease(world())
      const { r, log } = await step(world(), api.restApiId, {
        'alarm-names': ERRORS_ALARM,
        ...inputs
      })
      expect(r.code).toBe(1)
      const errors = errorLines(r.stdout)
      expect(errors).toHaveLength(1)
      expect(errors[0]).toContain(`'${name}'`)
      expect(r.outputs['abort-reason']).toContain(`'${name}'`)
      expect(log).toEqual([])
    }
  )

  it('still writes a job summary that says what was wrong', async () => {
    // The contract: every run also writes a job summary; a bad input is a run too.
    const api = await freshRelease(world())
    const { r } = await step(world(), api.restApiId, { command: 'shift', percent: '150' })
    expect(r.code).toBe(1)
    expect(r.outputs['abort-reason']).toContain("'percent'")
    expect(r.summary).toContain("Input 'percent' must be")
  })
})
