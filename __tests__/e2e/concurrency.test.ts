/**
 * Two releases meeting on one stage, through the bundled action: a step never
 * raises or promotes another commit's canary, and the loser of a race always
 * fails naming the other commit.
 */
import { describe, expect, it } from '@jest/globals'
import { CreateDeploymentCommand } from '@aws-sdk/client-api-gateway'
import {
  deployments,
  ERRORS_ALARM,
  freshRelease,
  getStage,
  OTHER_SHA,
  REPO,
  SHA,
  STAGE,
  step,
  useWorld
} from './fixtures.js'

const world = useWorld()

describe("another commit's canary on the stage", () => {
  it('a ramp of commit A with promote-on-success refuses the canary of commit B that replaced A', async () => {
    const w = world()
    const api = await freshRelease(w)
    const a = await step(w, api.restApiId, {
      command: 'deploy',
      percent: '10',
      'alarm-names': ERRORS_ALARM
    })
    expect(a.r.code).toBe(0)
    // What a racing deploy of commit B sends.
    const b = await w.apigw.send(
      new CreateDeploymentCommand({
        restApiId: api.restApiId,
        stageName: STAGE,
        description: `apigw-canary: ${REPO}@${OTHER_SHA} run 7 attempt 1 by mallory, step 0b0b`,
        canarySettings: { percentTraffic: 10 }
      })
    )
    const r = await step(w, api.restApiId, {
      command: 'ramp',
      'bake-time': '0',
      'promote-on-success': 'true',
      'alarm-names': ERRORS_ALARM
    })
    expect(r.r.code).toBe(1)
    expect(r.r.outputs['abort-reason']).toMatch(
      new RegExp(
        `ramp refused: the canary is deployment ${b.id} from commit ${REPO}@${OTHER_SHA.slice(0, 12)}, not this workflow's commit ${REPO}@${SHA.slice(0, 12)}.*expected-canary-deployment-id: ${b.id}`
      )
    )
    expect(r.r.outputs).toMatchObject({ status: 'canary', 'canary-commit': OTHER_SHA })
    expect(r.log.filter((c) => c.operation === 'UpdateStage')).toEqual([])
    const s = await getStage(w, api.restApiId)
    expect(s.deploymentId).toBe(api.stableDeploymentId)
    expect(s.canarySettings).toMatchObject({ deploymentId: b.id, percentTraffic: 10 })

    // Driving it on purpose, by its id, works.
    const on = await step(w, api.restApiId, {
      command: 'shift',
      percent: '25',
      'alarm-names': ERRORS_ALARM,
      'expected-canary-deployment-id': b.id!
    })
    expect(on.r.code).toBe(0)
    expect(on.r.outputs).toMatchObject({ percent: '25', 'canary-commit': OTHER_SHA })
  })

  it('two deploys of different commits started together: the loser fails naming the winner', async () => {
    const w = world()
    const api = await freshRelease(w)
    const [x, y] = await Promise.all([
      step(w, api.restApiId, { command: 'deploy', percent: '5', 'alarm-names': ERRORS_ALARM }),
      step(
        w,
        api.restApiId,
        { command: 'deploy', percent: '5', 'alarm-names': ERRORS_ALARM },
        { github: { sha: OTHER_SHA } }
      )
    ])
    const s = await getStage(w, api.restApiId)
    const live = s.canarySettings?.deploymentId
    const ok = [x.r, y.r].filter((r) => r.code === 0)
    // Whoever reports success reports the canary that is live, and its own commit.
    for (const r of ok) {
      expect(r.outputs['canary-deployment-id']).toBe(live)
      expect([SHA, OTHER_SHA]).toContain(r.outputs['canary-commit'])
    }
    expect(new Set(ok.map((r) => r.outputs['canary-commit'])).size).toBe(ok.length)
    for (const r of [x.r, y.r].filter((r) => r.code !== 0)) {
      expect(r.outputs['abort-reason']).toMatch(/another canary|conflict/)
      expect(r.outputs['abort-reason']).toMatch(/commit acme\/orders-api@/)
    }
    // One deployment per commit at most, and nothing above the first rung.
    const mine = (await deployments(w, api.restApiId)).filter((d) =>
      d.description?.startsWith('apigw-canary:')
    )
    expect(mine.length).toBeLessThanOrEqual(2)
    expect(s.canarySettings?.percentTraffic ?? 0).toBeLessThanOrEqual(5)
  })
})

describe('stage variable names an object prototype has', () => {
  it('__proto__ and constructor reach the canary as given', async () => {
    const w = world()
    const api = await freshRelease(w)
    const r = await step(w, api.restApiId, {
      command: 'deploy',
      'alarm-names': ERRORS_ALARM,
      'stage-variable-overrides': '{"__proto__":"v2","constructor":"x","lambdaAlias":"canary"}'
    })
    expect(r.r.code).toBe(0)
    const sent = r.log.find((c) => c.operation === 'CreateDeployment')!.input as {
      canarySettings: { stageVariableOverrides: Record<string, string> }
    }
    expect(Object.entries(sent.canarySettings.stageVariableOverrides)).toEqual([
      ['__proto__', 'v2'],
      ['constructor', 'x'],
      ['lambdaAlias', 'canary']
    ])
  })
})
