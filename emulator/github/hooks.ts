/** The `/_emulator/github/*` test hooks: records, tokens, rate limit, failures. */
import { isRecord } from '../common/wire.js'
import type { GitHubApi, GitHubFailure, Permission } from './api.js'

export interface GitHubHookAnswer {
  status: number
  body: unknown
}

const ok = (body: unknown): GitHubHookAnswer => ({ status: 200, body })
const bad = (message: string): GitHubHookAnswer => ({ status: 400, body: { message } })

const PERMISSIONS: readonly Permission[] = ['write', 'read', 'none']

function parseFailure(body: unknown): GitHubFailure | string {
  if (!isRecord(body)) return 'failures must be a JSON object'
  const { kind, count } = body
  if (count !== undefined && !(Number.isInteger(count) && (count as number) >= 0))
    return 'count must be a whole number'
  switch (kind) {
    case 'error':
      if (![500, 502, 503].includes(body.status as number))
        return 'error status must be 500, 502 or 503'
      return { kind, status: body.status as 500 | 502 | 503, count: count as number | undefined }
    case 'secondary-rate-limit':
      if (body.status !== undefined && body.status !== 403 && body.status !== 429)
        return 'secondary-rate-limit status must be 403 or 429'
      return {
        kind,
        status: body.status as 403 | 429 | undefined,
        retryAfterSeconds:
          typeof body.retryAfterSeconds === 'number' ? body.retryAfterSeconds : undefined,
        count: count as number | undefined
      }
    case 'outage':
      return { kind, count: count as number | undefined }
    case 'slow':
      if (typeof body.delayMs !== 'number' || body.delayMs < 0) return 'slow needs delayMs'
      return { kind, delayMs: body.delayMs, count: count as number | undefined }
    default:
      return 'kind must be error, secondary-rate-limit, outage or slow'
  }
}

export const GITHUB_HOOKS: Record<string, (api: GitHubApi, body: unknown) => GitHubHookAnswer> = {
  /** Every deployment with its statuses, oldest first. */
  'GET /_emulator/github/deployments': (api) => ok(api.service.all()),
  /** Every GitHub request served, in order. */
  'GET /_emulator/github/requests': (api) => ok(api.requests()),
  /** `{token, deployments: write|read|none, login?}`: adds or changes a token. */
  'POST /_emulator/github/tokens': (api, body) => {
    if (!isRecord(body) || typeof body.token !== 'string' || body.token === '')
      return bad('tokens body must be {"token": "...", "deployments": "write|read|none"}')
    if (!PERMISSIONS.includes(body.deployments as Permission))
      return bad('deployments must be write, read or none')
    const login = typeof body.login === 'string' ? body.login : undefined
    api.setToken({
      token: body.token,
      deployments: body.deployments as Permission,
      actor: login ? { login, id: 1, type: 'User' } : undefined
    })
    return ok({})
  },
  /** `{token, remaining, resetInSeconds?, status?: 403|429}`: the token's primary rate limit. */
  'POST /_emulator/github/rate-limit': (api, body) => {
    if (!isRecord(body) || typeof body.token !== 'string' || typeof body.remaining !== 'number')
      return bad('rate-limit body must be {"token": "...", "remaining": n, "resetInSeconds"?: s}')
    const status = body.status === 429 ? 429 : 403
    const reset = typeof body.resetInSeconds === 'number' ? body.resetInSeconds : undefined
    api.setRateLimit(body.token, body.remaining, reset, status)
    return ok({})
  },
  /** One injected failure kind for the next `count` requests; `{}` clears. */
  'POST /_emulator/github/failures': (api, body) => {
    if (isRecord(body) && Object.keys(body).length === 0) {
      api.setFailure(undefined)
      return ok({})
    }
    const f = parseFailure(body)
    if (typeof f === 'string') return bad(f)
    api.setFailure(f)
    return ok(f)
  },
  'GET /_emulator/github/failures': (api) => ok(api.getFailure() ?? {}),
  'POST /_emulator/github/reset': (api) => {
    api.reset()
    return ok({})
  }
}
