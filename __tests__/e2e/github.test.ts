/**
 * GitHub Deployments through the bundled action: each step of a release, one
 * process each (the jobs of a workflow, approvals between them), records its
 * status on the release's one GitHub deployment in the emulator's fake GitHub
 * API. GitHub failing changes nothing on AWS and only warns.
 */
import { describe, expect, it } from '@jest/globals'
import {
  EMULATOR_GITHUB_TOKEN,
  getGitHubDeployments,
  setGitHubFailure,
  setGitHubToken,
  type Deployment
} from '../../emulator/client.js'
import { GITHUB_DEFAULTS, startAction, type ActionResult } from '../../local-runner/run-action.js'
import { stageAlarm } from '../../local-runner/world.js'
import {
  calls,
  ERRORS_ALARM,
  freshRelease,
  getStage,
  operations,
  OTHER_SHA,
  setAlarm,
  SHA,
  STAGE,
  startBakingShift,
  step,
  trafficWrites,
  useWorld,
  waitFor,
  type World
} from './fixtures.js'

const world = useWorld()

// deploy and ramp run with preflight: off: its warnings about this world's setup (no custom
// domain, logging off) are another test's subject; here every warning must be GitHub's.
const GH = { 'github-token': EMULATOR_GITHUB_TOKEN, 'alarm-names': ERRORS_ALARM }
const ENV = { env: { GITHUB_TOKEN: EMULATOR_GITHUB_TOKEN } }
const RUN_URL = `https://github.com/${GITHUB_DEFAULTS.repository}/actions/runs/${GITHUB_DEFAULTS.runId}/attempts/1`

function expectOk(r: ActionResult) {
  if (r.code !== 0) throw new Error(`step failed (${r.code}):\n${r.stdout}\n${r.stderr}`)
}

const warnings = (r: ActionResult) => r.stdout.split('\n').filter((l) => l.startsWith('::warning'))
const statuses = (d: Deployment) => d.statuses.map((s) => [s.state, s.description])

async function ghStep(w: World, restApiId: string, inputs: Record<string, string>) {
  return step(w, restApiId, { ...GH, ...inputs }, ENV)
}

describe('a release recorded in GitHub Deployments', () => {
  it('deploy → shift → (approval) → ramp → promote: one deployment, a status per step', async () => {
    const api = await freshRelease(world())
    const d = await ghStep(world(), api.restApiId, {
      command: 'deploy',
      preflight: 'off',
      percent: '5'
    })
    expectOk(d.r)
    const canary = d.r.outputs['canary-deployment-id']!
    const id = d.r.outputs['github-deployment-id']!
    expect(id).toMatch(/^\d+$/)
    const s = await ghStep(world(), api.restApiId, { command: 'shift', percent: 'next' })
    expectOk(s.r)
    // The approval gap: a later job, another process, finds the same deployment.
    const r = await ghStep(world(), api.restApiId, {
      command: 'ramp',
      preflight: 'off',
      steps: '5,10,25',
      'bake-time': '1s',
      'poll-interval': '1s'
    })
    expectOk(r.r)
    const p = await ghStep(world(), api.restApiId, { command: 'promote' })
    expectOk(p.r)
    for (const x of [s, r, p]) expect(x.r.outputs['github-deployment-id']).toBe(id)
    for (const x of [d, s, r, p]) expect(warnings(x.r)).toEqual([])

    const all = await getGitHubDeployments(world().url)
    expect(all).toHaveLength(1)
    const gh = all[0]!
    expect(gh).toMatchObject({
      id: Number(id),
      sha: SHA,
      environment: `${STAGE} (us-east-1)`,
      task: 'deploy:canary',
      payload: {
        restApiId: api.restApiId,
        stage: STAGE,
        region: 'us-east-1',
        canaryDeploymentId: canary
      }
    })
    expect(statuses(gh)).toEqual([
      ['in_progress', 'canary 5 %'],
      ['in_progress', 'canary 10 %'],
      ['in_progress', 'canary 25 %'],
      ['success', 'promoted: the stage serves the canary to everyone']
    ])
    expect(gh.statuses.every((x) => x.logUrl === RUN_URL)).toBe(true)

    // The next release's promotion marks this one inactive (auto_inactive).
    const sha2 = { github: { sha: OTHER_SHA } }
    expectOk(
      (await step(world(), api.restApiId, { ...GH, command: 'deploy', preflight: 'off' }, sha2)).r
    )
    expectOk((await step(world(), api.restApiId, { ...GH, command: 'promote' }, sha2)).r)
    const [first, second] = await getGitHubDeployments(world().url)
    expect(first!.statuses.at(-1)!.state).toBe('inactive')
    expect(second!.sha).toBe(OTHER_SHA)
    expect(statuses(second!).map(([st]) => st)).toEqual(['in_progress', 'success'])
  }, 60_000)

  it('an alarm rollback posts failure with the abort reason, cut to 140 characters', async () => {
    const api = await freshRelease(world())
    expectOk(
      (await ghStep(world(), api.restApiId, { command: 'deploy', preflight: 'off', percent: '5' }))
        .r
    )
    const run = await startBakingShift(world(), api.restApiId, 10, {
      ...GH,
      'bake-time': '60s',
      'github-token': EMULATOR_GITHUB_TOKEN
    })
    await setAlarm(world(), ERRORS_ALARM, 'ALARM', `Threshold Crossed: ${'5xx errors '.repeat(20)}`)
    const r = await run.done
    expect(r.code).not.toBe(0)
    expect(r.outputs.status).toBe('rolled-back')
    const [gh] = await getGitHubDeployments(world().url)
    const last = gh!.statuses.at(-1)!
    expect(last.state).toBe('failure')
    expect([...last.description]).toHaveLength(140)
    expect(last.description.endsWith('…')).toBe(true)
    expect(r.outputs['abort-reason']).toContain(ERRORS_ALARM)
    const reasonStart = `rolled back: ${r.outputs['abort-reason']!}`.slice(0, 100)
    expect(last.description.startsWith(reasonStart)).toBe(true)
  }, 60_000)

  it('a manual rollback posts inactive', async () => {
    const api = await freshRelease(world())
    expectOk(
      (await ghStep(world(), api.restApiId, { command: 'deploy', preflight: 'off', percent: '5' }))
        .r
    )
    const rb = await ghStep(world(), api.restApiId, { command: 'rollback' })
    expectOk(rb.r)
    const [gh] = await getGitHubDeployments(world().url)
    expect(statuses(gh!)).toEqual([
      ['in_progress', 'canary 5 %'],
      ['inactive', 'rolled back by hand']
    ])
  }, 60_000)

  it('a cancel rolls back first, then posts failure within the runner grace', async () => {
    const api = await freshRelease(world())
    expectOk(
      (await ghStep(world(), api.restApiId, { command: 'deploy', preflight: 'off', percent: '5' }))
        .r
    )
    const run = await startBakingShift(world(), api.restApiId, 10, {
      ...GH,
      'bake-time': '60s'
    })
    const sentAt = Date.now()
    run.child.kill('SIGINT')
    const r = await run.done
    expect(Date.now() - sentAt).toBeLessThan(5000)
    expect(r.code).not.toBe(0)
    expect((await getStage(world(), api.restApiId)).canarySettings?.percentTraffic).toBe(0)
    const [gh] = await getGitHubDeployments(world().url)
    const last = gh!.statuses.at(-1)!
    expect(last.state).toBe('failure')
    expect(last.description).toMatch(/^rolled back: .*cancelled/)
  }, 60_000)
})

describe('GitHub failing changes nothing on AWS', () => {
  async function deployWith(setup: (w: World) => Promise<void>, inputs: Record<string, string>) {
    const api = await freshRelease(world())
    await setup(world())
    const d = await ghStep(world(), api.restApiId, {
      command: 'deploy',
      preflight: 'off',
      percent: '5',
      ...inputs
    })
    const stage = await getStage(world(), api.restApiId)
    return { r: d.r, ops: operations(d.log), percent: stage.canarySettings?.percentTraffic }
  }

  const cases: [string, (w: World) => Promise<void>, Record<string, string>, RegExp][] = [
    [
      'GitHub down',
      (w) => setGitHubFailure(w.url, { kind: 'outage' }),
      {},
      /GitHub could not be reached/
    ],
    [
      'a token without deployments: write (403)',
      (w) => setGitHubToken(w.url, 'ghs_no_deployments', 'none'),
      { 'github-token': 'ghs_no_deployments' },
      /deployments: write/
    ]
  ]

  it.each(cases)(
    '%s: same calls and stage as without GitHub, one warning',
    async (_, setup, inputs, why) => {
      const without = await deployWith(async () => {}, { 'github-deployment': 'false' })
      const failing = await deployWith(setup, inputs)
      expectOk(without.r)
      expectOk(failing.r)
      expect(failing.ops).toEqual(without.ops)
      expect(failing.percent).toBe(without.percent)
      expect(failing.r.outputs['github-deployment-id']).toBe('')
      const w = warnings(failing.r)
      expect(w).toHaveLength(1)
      expect(w[0]).toMatch(why)
      expect(warnings(without.r)).toEqual([])
    },
    60_000
  )
})

describe('multi-region (docs/examples/multi-region.yml against the emulator)', () => {
  const REGIONS = ['us-east-1', 'eu-west-1', 'ap-southeast-2']
  const FAILING = 'eu-west-1'

  it('the failing region rolls back alone; the others promote', async () => {
    const w = world()
    await w.seed({ apiName: 'unused', stableDescription: 'reset', clearCalls: true })
    const apis: Record<string, string> = {}
    for (const region of REGIONS) {
      const alarm = `prod-canary-5xx-${region}`
      const apiName = `orders-api-${region}`
      const seeded = await w.seed({
        reset: false,
        apiName,
        stableDescription: 'v1 (stable)',
        alarms: [
          {
            alarm: stageAlarm(
              alarm,
              '5XXError',
              { apiName, stage: `${STAGE}/Canary` },
              {
                Statistic: 'Sum',
                Threshold: 5
              }
            ),
            okReason: 'Threshold Crossed: no datapoints were above 5'
          }
        ]
      })
      apis[region] = seeded.restApiId
    }
    const job = (region: string, inputs: Record<string, string>) =>
      startAction(
        {
          ...GH,
          'rest-api-id': apis[region]!,
          stage: STAGE,
          'alarm-names': `prod-canary-5xx-${region}`,
          'environment-url': `https://${region}.api.example.com`,
          ...inputs
        },
        { endpoint: w.url, env: { ...ENV.env, AWS_REGION: region, AWS_DEFAULT_REGION: region } }
      )
    // The matrix: each region's job deploys, then ramps and promotes, on its own.
    const results = await Promise.all(
      REGIONS.map(async (region) => {
        const d = await job(region, { command: 'deploy', preflight: 'off', percent: '5' }).done
        expectOk(d)
        const ramp = job(region, {
          command: 'ramp',
          preflight: 'off',
          steps: '5,10,25',
          'bake-time': '3s',
          'poll-interval': '1s',
          'promote-on-success': 'true',
          'expected-canary-deployment-id': d.outputs['canary-deployment-id']!
        })
        if (region === FAILING) {
          await waitFor('the failing region raised to 10 %', async () =>
            trafficWrites((await calls(w)).filter((c) => c.input.restApiId === apis[region])).some(
              (t) => t.value === '10.0'
            )
          )
          await setAlarm(w, `prod-canary-5xx-${region}`, 'ALARM', 'Threshold Crossed: 5xx')
        }
        return [region, await ramp.done] as const
      })
    )
    const gh = await getGitHubDeployments(w.url)
    expect(gh.map((d) => d.environment).sort()).toEqual(
      REGIONS.map((r) => `${STAGE} (${r})`).sort()
    )
    for (const [region, r] of results) {
      const mine = gh.find((d) => d.environment === `${STAGE} (${region})`)!
      expect(
        mine.statuses.every((s) => s.environmentUrl === `https://${region}.api.example.com`)
      ).toBe(true)
      const stage = await getStage(w, apis[region]!)
      if (region === FAILING) {
        expect(r.code).not.toBe(0)
        expect(r.outputs.status).toBe('rolled-back')
        expect(stage.canarySettings?.percentTraffic).toBe(0)
        expect(statuses(mine).map(([s]) => s)).toEqual(['in_progress', 'failure'])
      } else {
        expectOk(r)
        expect(r.outputs.status).toBe('promoted')
        expect(stage.canarySettings).toBeUndefined()
        expect(statuses(mine).map(([s]) => s)).toEqual(['in_progress', 'success'])
      }
    }
  }, 90_000)
})
