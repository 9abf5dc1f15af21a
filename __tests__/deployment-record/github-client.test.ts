/**
 * The GitHub Deployments adapter against the emulator's fake GitHub API:
 * what it records, how it finds a release's deployment again, and that every
 * failure (permissions, rate limits, 5xx, outage, slowness, cancel) comes back
 * as one `{ ok: false, why }` instead of a throw.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

import {
  EMULATOR_GITHUB_TOKEN,
  getGitHubDeployments,
  getGitHubRequests,
  reset,
  setGitHubFailure,
  setGitHubRateLimit,
  setGitHubToken
} from '../../emulator/client.js'
import { type Emulator, startEmulator } from '../../emulator/server.js'
import { REST_API_ID, SHA, STAGE } from '../../local-runner/fixtures.js'
import {
  createDeploymentsClient,
  DEPLOYMENT_TASK,
  type DeploymentsClientOptions,
  type GitHubResult,
  type ReleasePayload
} from '../../src/deployment-record/github-client.js'
import { cutDescription as cut } from '../../src/deployment-record/record.js'

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(() => emu.close())
beforeEach(() => reset(emu.url))

const release: ReleasePayload = {
  restApiId: REST_API_ID,
  stage: STAGE,
  region: 'us-east-1',
  canaryDeploymentId: 'dep123'
}
const ENV = `${STAGE} (us-east-1)`
const create = { sha: SHA, environment: ENV, productionEnvironment: true, release }

const client = (o: Partial<DeploymentsClientOptions> = {}) =>
  createDeploymentsClient({
    token: EMULATOR_GITHUB_TOKEN,
    repository: 'octo/api',
    baseUrl: emu.url,
    retryBaseMs: 5,
    rateLimitSecondMs: 10,
    spaceWrites: false,
    ...o
  })

function value<T>(r: GitHubResult<T>): T {
  if (!r.ok) throw new Error(`expected ok, got: ${r.why}`)
  return r.value
}
function why(r: GitHubResult<unknown>): string {
  if (r.ok) throw new Error('expected a failure')
  return r.why
}

describe('recording a release', () => {
  it('creates the deployment of the commit with the release in its payload', async () => {
    const d = value(await client().createDeployment({ ...create, description: 'canary dep123' }))
    expect(d).toEqual({ id: expect.any(Number), sha: SHA, environment: ENV, payload: release })
    const [stored] = await getGitHubDeployments(emu.url)
    expect(stored).toMatchObject({
      ref: SHA,
      sha: SHA,
      task: DEPLOYMENT_TASK,
      environment: ENV,
      productionEnvironment: true,
      transientEnvironment: false,
      description: 'canary dep123',
      payload: release
    })
  })

  it('posts statuses: description cut to 140, log and environment URLs, earlier success made inactive', async () => {
    const gh = client()
    const old = value(
      await gh.createDeployment({ ...create, release: { ...release, canaryDeploymentId: 'old' } })
    )
    value(await gh.postStatus({ deploymentId: old.id, state: 'success', description: 'promoted' }))
    const d = value(await gh.createDeployment(create))
    const long = `alarm prod-canary-5xx: ${'threshold crossed '.repeat(12)}`
    value(
      await gh.postStatus({
        deploymentId: d.id,
        state: 'failure',
        description: long,
        logUrl: 'https://github.com/octo/api/actions/runs/1',
        environmentUrl: 'https://api.example.com/prod'
      })
    )
    value(await gh.postStatus({ deploymentId: d.id, state: 'success', description: 'promoted' }))
    const [first, second] = await getGitHubDeployments(emu.url)
    expect(first!.statuses.map((s) => s.state)).toEqual(['success', 'inactive'])
    expect(second!.statuses[0]).toMatchObject({
      state: 'failure',
      description: cut(long),
      logUrl: 'https://github.com/octo/api/actions/runs/1',
      environmentUrl: 'https://api.example.com/prod'
    })
    expect([...second!.statuses[0]!.description]).toHaveLength(140)
    expect(second!.statuses[0]!.description.endsWith('…')).toBe(true)
  })

  it('autoInactive: false leaves earlier deployments as they are', async () => {
    const gh = client()
    const old = value(
      await gh.createDeployment({ ...create, release: { ...release, canaryDeploymentId: 'x' } })
    )
    await gh.postStatus({ deploymentId: old.id, state: 'success', description: '' })
    const d = value(await gh.createDeployment(create))
    await gh.postStatus({
      deploymentId: d.id,
      state: 'success',
      description: '',
      autoInactive: false
    })
    const [first] = await getGitHubDeployments(emu.url)
    expect(first!.statuses.map((s) => s.state)).toEqual(['success'])
  })

  it('finds the release again among many, paging; undefined when it is not there', async () => {
    const s = emu.state.github.service
    const seed = (canaryDeploymentId: string, sha = SHA, environment = ENV) =>
      s.createDeployment({
        owner: 'octo',
        repo: 'api',
        actor: { login: 'x', id: 1, type: 'User' },
        body: {
          ref: sha,
          environment,
          task: DEPLOYMENT_TASK,
          payload: { ...release, canaryDeploymentId }
        }
      })
    const target = seed('dep123')
    seed('dep123', 'f'.repeat(40)) // another commit
    seed('dep123', SHA, `${STAGE} (eu-west-1)`) // another environment
    for (let i = 0; i < 150; i++) seed(`other${i}`)
    const found = value(await client().findDeployment(create))
    expect(found?.id).toBe(target.id)
    const listCalls = (await getGitHubRequests(emu.url)).filter((r) => r.method === 'GET')
    expect(listCalls).toHaveLength(2)
    expect(listCalls[0]!.path).toContain(`sha=${SHA}`)
    expect(
      value(await client().findDeployment({ ...create, release: { ...release, stage: 'beta' } }))
    ).toBe(undefined)
  })

  it('ensureDeployment creates once, then finds the same one (a re-run)', async () => {
    const first = value(await client().ensureDeployment(create))
    const again = value(await client().ensureDeployment(create))
    expect(again.id).toBe(first.id)
    expect(await getGitHubDeployments(emu.url)).toHaveLength(1)
  })

  it('reads GITHUB_API_URL when no base URL is given', async () => {
    const before = process.env.GITHUB_API_URL
    process.env.GITHUB_API_URL = emu.url
    try {
      value(await client({ baseUrl: undefined }).createDeployment(create))
    } finally {
      if (before === undefined) delete process.env.GITHUB_API_URL
      else process.env.GITHUB_API_URL = before
    }
    expect(await getGitHubDeployments(emu.url)).toHaveLength(1)
  })
})

describe('failures are results, never throws', () => {
  afterEach(() => setGitHubFailure(emu.url, undefined))

  it('a token without deployments: write: the why names the permission, nothing recorded', async () => {
    await setGitHubToken(emu.url, 'ghs_read', 'read')
    const w = why(await client({ token: 'ghs_read' }).createDeployment(create))
    expect(w).toMatch(/permissions: deployments: write/)
    expect(w).toMatch(/Resource not accessible by integration/)
    expect(await getGitHubDeployments(emu.url)).toEqual([])
    expect(await getGitHubRequests(emu.url)).toHaveLength(1)
  })

  it('a bad token names the github-token input; an empty one fails the same way', async () => {
    expect(why(await client({ token: 'ghs_nope' }).createDeployment(create))).toMatch(
      /401 Bad credentials.*github-token/
    )
    expect(why(await client({ token: '' }).createDeployment(create))).toMatch(/token/)
  })

  it('the primary rate limit used up for long: no wait, the why says until when', async () => {
    await setGitHubRateLimit(emu.url, {
      token: EMULATOR_GITHUB_TOKEN,
      remaining: 0,
      resetInSeconds: 600
    })
    const w = why(await client({ rateLimitSecondMs: 1000 }).createDeployment(create))
    expect(w).toMatch(/rate limit for this token is used up until \d{4}-\d\d-\d\dT/)
    expect(await getGitHubRequests(emu.url)).toHaveLength(1)
  })

  it('a secondary rate limit whose wait fits the budget is waited out once', async () => {
    await setGitHubFailure(emu.url, {
      kind: 'secondary-rate-limit',
      retryAfterSeconds: 2,
      count: 1
    })
    value(await client().createDeployment(create))
    expect((await getGitHubRequests(emu.url)).map((r) => r.status)).toEqual([403, 201])
  })

  it('a secondary rate limit longer than the budget is not waited for', async () => {
    await setGitHubFailure(emu.url, {
      kind: 'secondary-rate-limit',
      retryAfterSeconds: 60,
      status: 429
    })
    const w = why(
      await client({ rateLimitSecondMs: 1000, budgetMs: 5000 }).createDeployment(create)
    )
    expect(w).toMatch(/secondary rate limit \(429\), retry after 60 s/)
    expect(await getGitHubRequests(emu.url)).toHaveLength(1)
  })

  it('5xx is retried: two 502s then served', async () => {
    await setGitHubFailure(emu.url, { kind: 'error', status: 502, count: 2 })
    value(await client().createDeployment(create))
    expect((await getGitHubRequests(emu.url)).map((r) => r.status)).toEqual([502, 502, 201])
  })

  it('5xx that lasts: a bounded number of attempts, then the why', async () => {
    await setGitHubFailure(emu.url, { kind: 'error', status: 500 })
    const r = await client({ retries: 2 }).postStatus({
      deploymentId: 1,
      state: 'in_progress',
      description: 'canary 5 %'
    })
    expect(why(r)).toMatch(/GitHub failed \(500 Server Error\) after its retries/)
    expect(await getGitHubRequests(emu.url)).toHaveLength(3)
  })

  it('an outage: could not be reached', async () => {
    await setGitHubFailure(emu.url, { kind: 'outage' })
    expect(why(await client({ retries: 1 }).createDeployment(create))).toMatch(
      /GitHub could not be reached/
    )
  })

  it('a total budget over every call: each call gets what is left of it', async () => {
    const c = client({ totalMs: 5000 })
    const d = value(await c.ensureDeployment(create))
    expect(
      value(await c.postStatus({ deploymentId: d.id, state: 'success', description: '' }))
    ).toEqual({
      id: expect.any(Number)
    })
    await setGitHubFailure(emu.url, { kind: 'slow', delayMs: 20_000 })
    expect(why(await client({ totalMs: 400 }).findDeployment(create))).toBe(
      'Looking for the GitHub deployment: GitHub did not answer within 0.4 s.'
    )
  })

  it('a hung GitHub: given up at the budget', async () => {
    await setGitHubFailure(emu.url, { kind: 'slow', delayMs: 20_000 })
    expect(why(await client({ budgetMs: 300 }).findDeployment(create))).toBe(
      'Looking for the GitHub deployment: GitHub did not answer within 0.3 s.'
    )
  })

  it('cancelled by the caller: the why says so', async () => {
    await setGitHubFailure(emu.url, { kind: 'slow', delayMs: 20_000 })
    const ac = new AbortController()
    const pending = client({ signal: ac.signal }).createDeployment(create)
    setTimeout(() => ac.abort(), 50)
    expect(why(await pending)).toBe('Creating the GitHub deployment: cancelled.')
    const already = client({ signal: AbortSignal.abort() })
    expect(
      why(await already.postStatus({ deploymentId: 1, state: 'success', description: '' }))
    ).toMatch(/cancelled/)
  })

  it('a refused request (422) and an unknown deployment (404) say what GitHub said', async () => {
    expect(why(await client().createDeployment({ ...create, sha: ' ' }))).toMatch(
      /GitHub refused \(422 Validation Failed\)/
    )
    expect(
      why(await client().postStatus({ deploymentId: 999, state: 'success', description: '' }))
    ).toMatch(/404 for octo\/api \(Not Found\)/)
  })
})
