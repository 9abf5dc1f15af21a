/**
 * Ids from AWS become outputs, which a later step may paste into a shell
 * script: an endpoint answering an id that is not API Gateway's form (here a
 * proxy that rewrites the emulator's answers) is refused before the id is
 * used or written anywhere, and the step fails saying so.
 */
import { describe, expect, it } from '@jest/globals'
import { runAction, type ActionResult } from '../../local-runner/run-action.js'
import {
  ERRORS_ALARM,
  freshRelease,
  getStage,
  STAGE,
  step,
  useWorld,
  type World
} from './fixtures.js'
import { rewriteProxy, type Answer } from './rewrite-proxy.js'

const world = useWorld()
const HOSTILE_ID = 'abc$(touch${IFS}/tmp/apigw-canary-pwned)'

/** Everything the step wrote where a reader or a later step would see it. */
const written = (r: ActionResult) =>
  [r.stdout, r.stderr, r.summary, JSON.stringify(r.outputs)].join('\n')

function withJson(a: Answer, change: (body: Record<string, unknown>) => void): Answer {
  const body = JSON.parse(a.body) as Record<string, unknown>
  change(body)
  return { ...a, body: JSON.stringify(body) }
}

async function throughProxy(
  w: World,
  rewrite: Parameters<typeof rewriteProxy>[1],
  inputs: Record<string, string>
): Promise<ActionResult> {
  const proxy = await rewriteProxy(w.url, rewrite)
  try {
    return await runAction(
      { stage: STAGE, 'alarm-names': ERRORS_ALARM, ...inputs },
      { endpoint: proxy.url }
    )
  } finally {
    await proxy.close()
  }
}

describe('ids from AWS', () => {
  it("a canary deployment id that is not AWS's form never becomes an output", async () => {
    const w = world()
    const api = await freshRelease(w)
    const d = await step(w, api.restApiId, {
      command: 'deploy',
      percent: '5',
      preflight: 'off',
      'alarm-names': ERRORS_ALARM
    })
    expect(d.r.code).toBe(0)
    const r = await throughProxy(
      w,
      (req, a) =>
        req.method === 'GET' && req.path.includes('/stages/') && a.status === 200
          ? withJson(a, (b) => {
              ;(b.canarySettings as Record<string, unknown>).deploymentId = HOSTILE_ID
            })
          : undefined,
      { command: 'status', 'rest-api-id': api.restApiId }
    )
    expect(r.code).toBe(1)
    expect(written(r)).not.toContain('$(')
    expect(r.outputs['canary-deployment-id']).toBe('')
    expect(r.outputs['abort-reason']).toContain(
      "GetStage answered a canary's deployment id that is not an API Gateway id"
    )
  })

  it("a created deployment's id that is not AWS's form is refused; the stage's own answer is used instead", async () => {
    const w = world()
    const api = await freshRelease(w)
    const r = await throughProxy(
      w,
      (req, a) =>
        req.method === 'POST' && /\/restapis\/[^/]+\/deployments$/.test(req.path) && a.status < 300
          ? withJson(a, (b) => {
              b.id = HOSTILE_ID
            })
          : undefined,
      { command: 'deploy', percent: '5', preflight: 'off', 'rest-api-id': api.restApiId }
    )
    // The answer is treated as lost: the stage, re-read, says which deployment is the canary.
    expect(written(r)).not.toContain('$(')
    expect(r.stdout).toContain(
      'CreateDeployment answered a deployment id that is not an API Gateway id'
    )
    const stage = await getStage(w, api.restApiId)
    expect(r.code).toBe(0)
    expect(r.outputs['canary-deployment-id']).toBe(stage.canarySettings?.deploymentId)
    expect(r.outputs['canary-deployment-id']).toMatch(/^[a-z0-9]+$/)
  })
})
