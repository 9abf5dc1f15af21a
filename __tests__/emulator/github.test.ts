/**
 * The emulator's fake GitHub REST API, spoken to over plain HTTP: deployments,
 * deployment statuses, paging, auth and permissions, rate limits, injected
 * failures, and its `/_emulator/github/*` hooks.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

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

let emu: Emulator
beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
})
afterAll(() => emu.close())
beforeEach(() => reset(emu.url))

const SHA = 'a'.repeat(40)
const REPO = '/repos/octo/api'

interface Res {
  status: number
  headers: Headers
  body: any // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function call(
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  token: string | null = EMULATOR_GITHUB_TOKEN
): Promise<Res> {
  const res = await fetch(`${emu.url}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      ...(token === null ? {} : { authorization: `token ${token}` }),
      ...(body === undefined ? {} : { 'content-type': 'application/json' })
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body)
  })
  const text = await res.text()
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined }
}

const deploy = (body: Record<string, unknown> = {}) =>
  call('POST', `${REPO}/deployments`, { ref: SHA, auto_merge: false, ...body })
const status = (id: number, body: Record<string, unknown>) =>
  call('POST', `${REPO}/deployments/${id}/statuses`, body)

describe('deployments', () => {
  it('creates one with GitHub defaults and shape', async () => {
    const r = await deploy({ payload: { stage: 'prod' }, required_contexts: [] })
    expect(r.status).toBe(201)
    expect(r.body).toMatchObject({
      id: expect.any(Number),
      sha: SHA,
      ref: SHA,
      task: 'deploy',
      payload: { stage: 'prod' },
      environment: 'production',
      original_environment: 'production',
      production_environment: true,
      transient_environment: false,
      description: null,
      creator: { login: 'github-actions[bot]', type: 'Bot' },
      url: `${emu.url}${REPO}/deployments/${r.body.id}`,
      statuses_url: `${emu.url}${REPO}/deployments/${r.body.id}/statuses`
    })
    expect(r.body.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/)
    expect(r.headers.get('x-ratelimit-remaining')).toBe('999')
  })

  it('a named environment is not production unless said; a JSON string payload is kept as its object', async () => {
    const r = await deploy({
      environment: 'prod (us-east-1)',
      payload: '{"a":1}',
      task: 'deploy:canary'
    })
    expect(r.body).toMatchObject({
      environment: 'prod (us-east-1)',
      production_environment: false,
      payload: { a: 1 },
      task: 'deploy:canary'
    })
  })

  it.each([
    [{ auto_merge: false }, `"ref" wasn't supplied.`],
    [{ ref: SHA, auto_merge: 'no' }, `For 'properties/auto_merge', "no" is not a boolean.`],
    [
      { ref: SHA, required_contexts: 'ci' },
      `For 'properties/required_contexts', "ci" is not a string[].`
    ]
  ])('refuses %j with 422', async (body, detail) => {
    const r = await call('POST', `${REPO}/deployments`, body)
    expect(r.status).toBe(422)
    expect(r.body).toEqual({
      message: `Invalid request.\n\n${detail}`,
      documentation_url: 'https://docs.github.com/rest/deployments/deployments#create-a-deployment',
      status: '422'
    })
    expect(await getGitHubDeployments(emu.url)).toEqual([])
  })

  it('refuses a body that is not JSON with 400', async () => {
    const r = await call('POST', `${REPO}/deployments`, '{nope')
    expect([r.status, r.body.message]).toEqual([400, 'Problems parsing JSON'])
  })

  it('gets one by id; an unknown id or another repository is 404', async () => {
    const { body: d } = await deploy()
    expect((await call('GET', `${REPO}/deployments/${d.id}`)).body).toEqual(d)
    for (const path of [`${REPO}/deployments/999`, `/repos/octo/other/deployments/${d.id}`]) {
      const r = await call('GET', path)
      expect(r.status).toBe(404)
      expect(r.body.message).toBe('Not Found')
      expect(r.body.documentation_url).toMatch(/#get-a-deployment$/)
    }
  })

  it('lists newest first, filtered by sha, ref, environment and task', async () => {
    const other = 'b'.repeat(40)
    const a = (await deploy({ environment: 'staging' })).body
    const b = (await deploy({ ref: other, environment: 'staging', task: 'deploy:canary' })).body
    const c = (await deploy({ ref: 'main', environment: 'prod' })).body
    const ids = async (q: string) =>
      ((await call('GET', `${REPO}/deployments${q}`)).body as { id: number }[]).map((d) => d.id)
    expect(await ids('')).toEqual([c.id, b.id, a.id])
    expect(await ids(`?sha=${SHA}`)).toEqual([a.id])
    expect(await ids('?ref=main')).toEqual([c.id])
    expect(c.sha).toMatch(/^[0-9a-f]{40}$/)
    expect(await ids(`?sha=${c.sha}`)).toEqual([c.id])
    expect(await ids('?environment=staging')).toEqual([b.id, a.id])
    expect(await ids('?environment=staging&task=deploy:canary')).toEqual([b.id])
    expect(await ids('?environment=none')).toEqual([])
  })

  it('pages with per_page and page, and says where the other pages are in Link', async () => {
    for (let i = 0; i < 5; i++) await deploy({ description: `d${i}` })
    const p1 = await call('GET', `${REPO}/deployments?per_page=2`)
    expect(p1.body.map((d: { description: string }) => d.description)).toEqual(['d4', 'd3'])
    const base = `${emu.url}${REPO}/deployments`
    expect(p1.headers.get('link')).toBe(
      `<${base}?per_page=2&page=2>; rel="next", <${base}?per_page=2&page=3>; rel="last"`
    )
    const p3 = await call('GET', `${REPO}/deployments?per_page=2&page=3`)
    expect(p3.body.map((d: { description: string }) => d.description)).toEqual(['d0'])
    expect(p3.headers.get('link')).toBe(
      `<${base}?per_page=2&page=2>; rel="prev", <${base}?per_page=2&page=1>; rel="first"`
    )
    const all = await call('GET', `${REPO}/deployments`)
    expect([all.body.length, all.headers.get('link')]).toEqual([5, null])
  })
})

describe('deployment statuses', () => {
  it('creates every state GitHub knows; log_url also sets target_url; lists newest first', async () => {
    const { body: d } = await deploy({ environment: 'prod (eu-west-1)' })
    const states = ['queued', 'pending', 'in_progress', 'error', 'failure', 'inactive', 'success']
    for (const state of states) {
      const r = await status(d.id, { state, log_url: 'https://ci/run/1', description: state })
      expect(r.status).toBe(201)
      expect(r.body).toMatchObject({
        state,
        description: state,
        log_url: 'https://ci/run/1',
        target_url: 'https://ci/run/1',
        environment: 'prod (eu-west-1)',
        environment_url: '',
        deployment_url: `${emu.url}${REPO}/deployments/${d.id}`
      })
    }
    const list = await call('GET', `${REPO}/deployments/${d.id}/statuses`)
    expect(list.body.map((s: { state: string }) => s.state)).toEqual([...states].reverse())
  })

  it('a status naming an environment and its URL moves the deployment there', async () => {
    const { body: d } = await deploy({ environment: 'old' })
    const r = await status(d.id, {
      state: 'success',
      environment: 'new',
      environment_url: 'https://api.example.com'
    })
    expect(r.body).toMatchObject({ environment: 'new', environment_url: 'https://api.example.com' })
    expect((await call('GET', `${REPO}/deployments/${d.id}`)).body).toMatchObject({
      environment: 'new',
      original_environment: 'old'
    })
  })

  it('takes a 140-character description and refuses 141 with Validation Failed', async () => {
    const { body: d } = await deploy()
    expect((await status(d.id, { state: 'pending', description: 'x'.repeat(140) })).status).toBe(
      201
    )
    const r = await status(d.id, { state: 'pending', description: 'x'.repeat(141) })
    expect(r.status).toBe(422)
    expect(r.body).toEqual({
      message: 'Validation Failed',
      errors: [
        {
          resource: 'DeploymentStatus',
          code: 'custom',
          field: 'description',
          message: 'description is too long (maximum is 140 characters)'
        }
      ],
      documentation_url:
        'https://docs.github.com/rest/deployments/statuses#create-a-deployment-status',
      status: '422'
    })
    expect((await getGitHubDeployments(emu.url))[0]!.statuses).toHaveLength(1)
  })

  it('refuses a missing or unknown state with 422, and an unknown deployment with 404', async () => {
    const { body: d } = await deploy()
    expect((await status(d.id, {})).body.message).toBe(
      `Invalid request.\n\n"state" wasn't supplied.`
    )
    const bad = await status(d.id, { state: 'done' })
    expect([bad.status, bad.body.message]).toEqual([
      422,
      `Invalid request.\n\nFor 'properties/state', "done" is not one of error, failure, inactive, in_progress, queued, pending, success.`
    ])
    expect((await status(12345, { state: 'success' })).status).toBe(404)
    expect((await call('GET', `${REPO}/deployments/12345/statuses`)).status).toBe(404)
  })

  describe('auto_inactive', () => {
    const latest = async () =>
      Object.fromEntries(
        (await getGitHubDeployments(emu.url)).map((d) => [d.description, d.statuses.at(-1)?.state])
      )

    it('success marks earlier successful deployments of the same environment inactive', async () => {
      const old = (await deploy({ environment: 'prod', description: 'old' })).body
      const failed = (await deploy({ environment: 'prod', description: 'failed' })).body
      const transient = (
        await deploy({ environment: 'prod', description: 'transient', transient_environment: true })
      ).body
      const elsewhere = (await deploy({ environment: 'stage', description: 'elsewhere' })).body
      const fresh = (await deploy({ environment: 'prod', description: 'fresh' })).body
      await status(old.id, { state: 'success' })
      await status(failed.id, { state: 'failure' })
      await status(transient.id, { state: 'success', auto_inactive: false })
      await status(elsewhere.id, { state: 'success' })
      await status(fresh.id, { state: 'in_progress' })
      expect(await latest()).toMatchObject({ old: 'success' })
      await status(fresh.id, { state: 'success' })
      expect(await latest()).toEqual({
        old: 'inactive',
        failed: 'failure',
        transient: 'success',
        elsewhere: 'success',
        fresh: 'success'
      })
    })

    it('auto_inactive: false leaves them', async () => {
      const old = (await deploy({ environment: 'prod', description: 'old' })).body
      const fresh = (await deploy({ environment: 'prod', description: 'fresh' })).body
      await status(old.id, { state: 'success' })
      await status(fresh.id, { state: 'success', auto_inactive: false })
      expect(await latest()).toEqual({ old: 'success', fresh: 'success' })
    })
  })
})

describe('auth and permissions', () => {
  it('no token is 401 Requires authentication; an unknown one 401 Bad credentials', async () => {
    const none = await call('GET', `${REPO}/deployments`, undefined, null)
    expect([none.status, none.body.message]).toEqual([401, 'Requires authentication'])
    const bad = await call('GET', `${REPO}/deployments`, undefined, 'ghs_wrong')
    expect([bad.status, bad.body.message]).toEqual([401, 'Bad credentials'])
  })

  it('a token without deployments: write may read but not write (403, and the permission it lacks)', async () => {
    await setGitHubToken(emu.url, 'ghs_read', 'read')
    expect((await call('GET', `${REPO}/deployments`, undefined, 'ghs_read')).status).toBe(200)
    const r = await call('POST', `${REPO}/deployments`, { ref: SHA }, 'ghs_read')
    expect(r.status).toBe(403)
    expect(r.body.message).toBe('Resource not accessible by integration')
    expect(r.headers.get('x-accepted-github-permissions')).toBe('deployments=write')
    await setGitHubToken(emu.url, 'ghs_none', 'none')
    expect((await call('GET', `${REPO}/deployments`, undefined, 'ghs_none')).status).toBe(403)
    expect(await getGitHubDeployments(emu.url)).toEqual([])
  })

  it('Bearer works as token does', async () => {
    const res = await fetch(`${emu.url}${REPO}/deployments`, {
      headers: { authorization: `Bearer ${EMULATOR_GITHUB_TOKEN}` }
    })
    expect(res.status).toBe(200)
  })

  it('paths it does not serve are 404', async () => {
    expect((await call('GET', `${REPO}/releases`)).status).toBe(404)
    expect((await call('POST', `${REPO}/deployments/1`, {})).status).toBe(404)
  })
})

describe('rate limits and failures', () => {
  it('primary: remaining 0 answers 403 with x-ratelimit-remaining 0 and the reset time', async () => {
    await setGitHubRateLimit(emu.url, {
      token: EMULATOR_GITHUB_TOKEN,
      remaining: 0,
      resetInSeconds: 120
    })
    const r = await deploy()
    expect(r.status).toBe(403)
    expect(r.body.message).toMatch(/^API rate limit exceeded/)
    expect(r.headers.get('x-ratelimit-remaining')).toBe('0')
    const reset = Number(r.headers.get('x-ratelimit-reset'))
    expect(reset - Date.now() / 1000).toBeGreaterThan(100)
    expect(await getGitHubDeployments(emu.url)).toEqual([])
  })

  it('primary as 429, and one request left then refused', async () => {
    await setGitHubRateLimit(emu.url, { token: EMULATOR_GITHUB_TOKEN, remaining: 1, status: 429 })
    expect((await deploy()).status).toBe(201)
    expect((await deploy()).status).toBe(429)
  })

  it('secondary: 403 with retry-after, then served', async () => {
    await setGitHubFailure(emu.url, {
      kind: 'secondary-rate-limit',
      retryAfterSeconds: 7,
      count: 1
    })
    const r = await deploy()
    expect(r.status).toBe(403)
    expect(r.body.message).toMatch(/secondary rate limit/)
    expect(r.headers.get('retry-after')).toBe('7')
    expect((await deploy()).status).toBe(201)
  })

  it('500 and 502 for count requests, then served; the request log says which failed', async () => {
    await setGitHubFailure(emu.url, { kind: 'error', status: 502, count: 2 })
    expect((await deploy()).status).toBe(502)
    expect((await call('GET', `${REPO}/deployments`)).status).toBe(502)
    expect((await deploy()).status).toBe(201)
    const log = await getGitHubRequests(emu.url)
    expect(log.map((r) => [r.method, r.status, r.failure])).toEqual([
      ['POST', 502, 'error'],
      ['GET', 502, 'error'],
      ['POST', 201, undefined]
    ])
  })

  it('an outage drops the connection', async () => {
    await setGitHubFailure(emu.url, { kind: 'outage' })
    await expect(deploy()).rejects.toThrow()
    await setGitHubFailure(emu.url, undefined)
    expect((await deploy()).status).toBe(201)
  })

  it('slow answers can be given up on', async () => {
    await setGitHubFailure(emu.url, { kind: 'slow', delayMs: 10_000, count: 1 })
    const res = fetch(`${emu.url}${REPO}/deployments`, {
      headers: { authorization: `token ${EMULATOR_GITHUB_TOKEN}` },
      signal: AbortSignal.timeout(100)
    })
    await expect(res).rejects.toThrow(/aborted/)
  })

  it('hooks refuse bodies they cannot use', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${emu.url}/_emulator/github/${path}`, { method: 'POST', body: JSON.stringify(body) })
    expect((await post('failures', { kind: 'error', status: 404 })).status).toBe(400)
    expect((await post('failures', { kind: 'meteor' })).status).toBe(400)
    expect((await post('tokens', { token: 't', deployments: 'admin' })).status).toBe(400)
    expect((await post('rate-limit', { remaining: 0 })).status).toBe(400)
  })

  it('the emulator reset forgets GitHub records and tokens', async () => {
    await setGitHubToken(emu.url, 'ghs_extra', 'write')
    await deploy()
    await reset(emu.url)
    expect(await getGitHubDeployments(emu.url)).toEqual([])
    expect((await call('GET', `${REPO}/deployments`, undefined, 'ghs_extra')).status).toBe(401)
  })
})
