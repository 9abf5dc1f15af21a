/**
 * Secrets through the bundled action, reading everything it writes (stdout,
 * stderr, the outputs, the job summary): the GitHub token is masked, each line
 * of it, before anything else is printed, and appears nowhere else, not even
 * in the error a malformed token makes; GitHub's response headers are cut;
 * the userinfo of endpoint-url is masked and never shown; AWS credentials are
 * never echoed.
 */
import { describe, expect, it } from '@jest/globals'
import { EMULATOR_GITHUB_TOKEN } from '../../emulator/client.js'
import { runAction, type ActionResult } from '../../local-runner/run-action.js'
import { ERRORS_ALARM, freshRelease, STAGE, step, useWorld } from './fixtures.js'
import { rewriteProxy } from './rewrite-proxy.js'

const world = useWorld()

/** stdout after the action's own leading `::add-mask::` lines, which the runner reads and never shows. */
function shownStdout(r: ActionResult): string {
  const lines = r.stdout.split('\n')
  let i = 0
  while (i < lines.length && lines[i]!.startsWith('::add-mask::')) i++
  return lines.slice(i).join('\n')
}

const masks = (r: ActionResult) =>
  r.stdout
    .split('\n')
    .filter((l) => l.startsWith('::add-mask::'))
    .map((l) => l.slice('::add-mask::'.length))

/** Everything a reader of the run could see. */
const written = (r: ActionResult) =>
  [shownStdout(r), r.stderr, r.summary, JSON.stringify(r.outputs)].join('\n')

const deployInputs = {
  command: 'deploy',
  percent: '5',
  preflight: 'off',
  'alarm-names': ERRORS_ALARM
}

describe('the GitHub token', () => {
  it('is masked before anything else is printed', async () => {
    const w = world()
    const api = await freshRelease(w)
    const { r } = await step(w, api.restApiId, {
      ...deployInputs,
      'github-token': EMULATOR_GITHUB_TOKEN
    })
    expect(r.code).toBe(0)
    expect(r.stdout.startsWith(`::add-mask::${EMULATOR_GITHUB_TOKEN}\n`)).toBe(true)
    expect(written(r)).not.toContain(EMULATOR_GITHUB_TOKEN)
  })

  it('with a line break: each line is masked, and the failed request never quotes it', async () => {
    const w = world()
    const api = await freshRelease(w)
    const lines = ['ghp_E2eTokenFirstLine0001', 'secondLineOfTheToken02']
    const { r } = await step(w, api.restApiId, {
      ...deployInputs,
      'github-token': `${lines[0]}\n${lines[1]}`
    })
    // GitHub failing only warns: the release itself went out.
    expect(r.code).toBe(0)
    for (const line of lines) expect(written(r)).not.toContain(line)
    expect(masks(r)).toEqual(expect.arrayContaining(lines))
  })
})

describe("GitHub's answers", () => {
  it('a huge response header is cut in the warning', async () => {
    const w = world()
    const api = await freshRelease(w)
    const huge = `deployments=write${'x'.repeat(4000)}`
    const proxy = await rewriteProxy(w.url, (req, a) =>
      req.path.startsWith('/repos/') && req.method === 'POST'
        ? {
            status: 403,
            headers: { ...a.headers, 'x-accepted-github-permissions': huge },
            body: JSON.stringify({ message: 'Resource not accessible by integration' })
          }
        : undefined
    )
    try {
      const r = await runAction(
        {
          ...deployInputs,
          'rest-api-id': api.restApiId,
          stage: STAGE,
          'github-token': EMULATOR_GITHUB_TOKEN
        },
        { endpoint: proxy.url }
      )
      expect(r.code).toBe(0)
      const warning = r.stdout.split('\n').find((l) => l.includes('deployments=write'))
      expect(warning).toContain('403')
      expect(written(r)).not.toContain('x'.repeat(300))
    } finally {
      await proxy.close()
    }
  })
})

describe('endpoint-url userinfo', () => {
  it('is masked, and the error, abort-reason and summary show ***@ instead', async () => {
    const password = 'Pa55wordInTheEndpointUrl'
    const r = await runAction(
      {
        command: 'status',
        'rest-api-id': 'a1b2c3d4e5',
        stage: STAGE,
        'endpoint-url': `http://canaryuser:${password}@127.0.0.1:1`,
        'max-attempts': '1'
      },
      { endpoint: world().url }
    )
    expect(r.code).toBe(1)
    expect(written(r)).not.toContain(password)
    expect(written(r)).not.toContain('canaryuser')
    expect(r.outputs['abort-reason']).toContain('http://***@127.0.0.1:1')
    expect(masks(r)).toEqual(expect.arrayContaining([`canaryuser:${password}`, password]))
  })
})

describe('AWS credentials', () => {
  it('are never echoed, even with a line break that makes a request fail', async () => {
    const w = world()
    const api = await freshRelease(w)
    const keyId = 'AKIAE2ELINEBREAK0001'
    const secret = 'secretFirstLine0000001\nsecretSecondLine000002'
    const token = 'sessionFirstLine000001\nsessionSecondLine00002'
    const { r } = await step(
      w,
      api.restApiId,
      { command: 'status' },
      {
        env: { AWS_ACCESS_KEY_ID: keyId, AWS_SECRET_ACCESS_KEY: secret, AWS_SESSION_TOKEN: token }
      }
    )
    expect(r.code).toBe(1)
    for (const part of [keyId, ...secret.split('\n'), ...token.split('\n')])
      expect(written(r)).not.toContain(part)
  })
})
