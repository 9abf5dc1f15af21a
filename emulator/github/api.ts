/**
 * The emulator's GitHub REST API front door (`/repos/{owner}/{repo}/deployments...`):
 * tokens and their `deployments` permission, the primary rate limit and its
 * headers, injected failures (5xx, secondary rate limit, outage, slowness),
 * routing, paging `Link` headers and the request log.
 */
import { randomUUID } from 'node:crypto'

import type { Answer, Request } from '../common/protocol.js'
import { isRecord } from '../common/wire.js'
import { deploymentJson, statusJson, type Actor } from './model.js'
import { DOC_URLS, GitHubError, GitHubService, type Page } from './service.js'

/** The token a fresh emulator accepts, with `deployments: write`. */
export const EMULATOR_GITHUB_TOKEN = 'ghs_emulator_github_token'
export const GITHUB_ACTIONS_BOT: Actor = { login: 'github-actions[bot]', id: 41898282, type: 'Bot' }
/** GITHUB_TOKEN's primary rate limit: 1,000 requests an hour per repository. */
export const DEFAULT_RATE_LIMIT = 1000

export type Permission = 'write' | 'read' | 'none'

export interface TokenSpec {
  token: string
  deployments: Permission
  actor?: Actor
}

/** An injected failure for the next `count` requests (all, when absent). */
export type GitHubFailure = {
  count?: number
} & (
  | { kind: 'error'; status: 500 | 502 | 503 }
  | { kind: 'secondary-rate-limit'; status?: 403 | 429; retryAfterSeconds?: number }
  | { kind: 'outage' }
  | { kind: 'slow'; delayMs: number }
)

export interface GitHubRequestRecord {
  method: string
  path: string
  time: string
  /** 0 when the connection was dropped. */
  status: number
  failure?: GitHubFailure['kind'] | 'rate-limit'
}

export type GitHubOutcome = { kind: 'answer'; answer: Answer; delayMs: number } | { kind: 'drop' }

const RATE_DOC = 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api'
const REST_DOC = 'https://docs.github.com/rest'

interface RateWindow {
  limit: number
  remaining: number
  /** Epoch seconds. */
  reset: number
  status: 403 | 429
}

export function isGitHubRequest(path: string): boolean {
  return path.startsWith('/repos/')
}

export class GitHubApi {
  readonly service: GitHubService
  private tokens = new Map<string, { deployments: Permission; actor: Actor }>()
  private rate = new Map<string, RateWindow>()
  private failure: GitHubFailure | undefined
  private log: GitHubRequestRecord[] = []

  constructor(private readonly now: () => number = Date.now) {
    this.service = new GitHubService(now)
    this.reset()
  }

  reset(): void {
    this.service.reset()
    this.tokens.clear()
    this.setToken({ token: EMULATOR_GITHUB_TOKEN, deployments: 'write' })
    this.rate.clear()
    this.failure = undefined
    this.log = []
  }

  setToken(t: TokenSpec): void {
    this.tokens.set(t.token, { deployments: t.deployments, actor: t.actor ?? GITHUB_ACTIONS_BOT })
  }

  /** Sets a token's rate-limit window: `remaining: 0` makes its next request a primary rate limit. */
  setRateLimit(token: string, remaining: number, resetInSeconds = 3600, status: 403 | 429 = 403) {
    const w = this.window(token)
    Object.assign(w, {
      remaining,
      reset: Math.floor(this.now() / 1000) + resetInSeconds,
      status
    })
  }

  setFailure(f: GitHubFailure | undefined): void {
    this.failure = f
  }

  getFailure(): GitHubFailure | undefined {
    return this.failure
  }

  requests(): GitHubRequestRecord[] {
    return structuredClone(this.log)
  }

  serve(req: Request): GitHubOutcome {
    const record: GitHubRequestRecord = {
      method: req.method,
      path: req.url.pathname + req.url.search,
      time: new Date(this.now()).toISOString(),
      status: 0
    }
    this.log.push(record)
    const f = this.takeFailure()
    if (f) record.failure = f.kind
    if (f?.kind === 'outage') return { kind: 'drop' }
    const delayMs = f?.kind === 'slow' ? f.delayMs : 0
    const answer = this.answer(req, f, record)
    record.status = answer.status
    answer.headers['x-github-request-id'] = randomUUID()
    return { kind: 'answer', answer, delayMs }
  }

  private takeFailure(): GitHubFailure | undefined {
    const f = this.failure
    if (!f) return undefined
    if (f.count !== undefined) {
      if (f.count <= 0) return (this.failure = undefined)
      f.count--
    }
    return f
  }

  private window(token: string): RateWindow {
    let w = this.rate.get(token)
    const nowS = Math.floor(this.now() / 1000)
    if (!w || nowS >= w.reset) {
      w = {
        limit: DEFAULT_RATE_LIMIT,
        remaining: DEFAULT_RATE_LIMIT,
        reset: nowS + 3600,
        status: 403
      }
      this.rate.set(token, w)
    }
    return w
  }

  private answer(req: Request, f: GitHubFailure | undefined, record: GitHubRequestRecord): Answer {
    const auth = /^(?:token|bearer)\s+(\S+)$/i.exec(String(req.headers.authorization ?? '').trim())
    if (!auth) return errorAnswer(new GitHubError(401, 'Requires authentication', REST_DOC))
    const token = auth[1]!
    const who = this.tokens.get(token)
    if (!who) return errorAnswer(new GitHubError(401, 'Bad credentials', REST_DOC))

    const w = this.window(token)
    const rateHeaders = () => ({
      'x-ratelimit-limit': String(w.limit),
      'x-ratelimit-remaining': String(w.remaining),
      'x-ratelimit-reset': String(w.reset),
      'x-ratelimit-used': String(w.limit - w.remaining),
      'x-ratelimit-resource': 'core'
    })
    if (w.remaining <= 0) {
      record.failure = 'rate-limit'
      const e = new GitHubError(
        w.status,
        'API rate limit exceeded for installation ID 1.',
        `${RATE_DOC}#about-primary-rate-limits`
      )
      return errorAnswer(e, rateHeaders())
    }
    w.remaining--

    const withRate = (a: Answer): Answer => ({ ...a, headers: { ...rateHeaders(), ...a.headers } })
    if (f?.kind === 'error')
      return withRate(
        jsonAnswer(f.status, { message: f.status === 500 ? 'Server Error' : 'Bad Gateway' })
      )
    if (f?.kind === 'secondary-rate-limit') {
      const e = new GitHubError(
        f.status ?? 403,
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        `${RATE_DOC}#about-secondary-rate-limits`,
        undefined,
        { 'retry-after': String(f.retryAfterSeconds ?? 60) }
      )
      return withRate(errorAnswer(e))
    }
    try {
      return withRate(this.route(req, who))
    } catch (e) {
      if (e instanceof GitHubError) return withRate(errorAnswer(e))
      throw e
    }
  }

  private route(req: Request, who: { deployments: Permission; actor: Actor }): Answer {
    const m = /^\/repos\/([^/]+)\/([^/]+)\/deployments(?:\/(\d+)(?:\/(statuses))?)?\/?$/.exec(
      req.url.pathname
    )
    const key = m ? `${req.method} ${m[3] ? (m[4] ? 'statuses' : 'one') : 'list'}` : ''
    const doc = {
      'POST list': DOC_URLS.createDeployment,
      'GET list': DOC_URLS.listDeployments,
      'GET one': DOC_URLS.getDeployment,
      'POST statuses': DOC_URLS.createStatus,
      'GET statuses': DOC_URLS.listStatuses
    }[key]
    if (!m || !doc) throw new GitHubError(404, 'Not Found', REST_DOC)
    const needed: Permission = req.method === 'GET' ? 'read' : 'write'
    if (who.deployments === 'none' || (needed === 'write' && who.deployments !== 'write'))
      throw new GitHubError(403, 'Resource not accessible by integration', doc, undefined, {
        'x-accepted-github-permissions': `deployments=${needed}`
      })
    const [, owner, repo, id] = m as unknown as [string, string, string, string | undefined]
    const base = `http://${req.headers.host ?? 'localhost'}`
    const s = this.service
    switch (key) {
      case 'POST list':
        return jsonAnswer(
          201,
          deploymentJson(
            base,
            s.createDeployment({ owner, repo, body: bodyOf(req, doc), actor: who.actor })
          )
        )
      case 'GET list': {
        const page = s.listDeployments(owner, repo, req.url.searchParams)
        return pageAnswer(base, req.url, page, (d) => deploymentJson(base, d))
      }
      case 'GET one':
        return jsonAnswer(200, deploymentJson(base, s.getDeployment(owner, repo, id!)))
      case 'POST statuses': {
        const r = s.createStatus(owner, repo, id!, bodyOf(req, doc), who.actor)
        return jsonAnswer(201, statusJson(base, r.deployment, r.status))
      }
      default: {
        const { deployment, page } = s.listStatuses(owner, repo, id!, req.url.searchParams)
        return pageAnswer(base, req.url, page, (st) => statusJson(base, deployment, st))
      }
    }
  }
}

function bodyOf(req: Request, doc: string): Record<string, unknown> {
  let body: unknown
  try {
    body = req.body.trim() === '' ? {} : JSON.parse(req.body)
  } catch {
    throw new GitHubError(400, 'Problems parsing JSON', doc)
  }
  if (!isRecord(body)) throw new GitHubError(400, 'Body should be a JSON object', doc)
  return body
}

function jsonAnswer(status: number, body: unknown, headers: Record<string, string> = {}): Answer {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body)
  }
}

function errorAnswer(e: GitHubError, headers: Record<string, string> = {}): Answer {
  return jsonAnswer(e.status, e.body(), { ...headers, ...e.headers })
}

/** A list page with GitHub's `Link` header (first, prev, next, last as they apply). */
function pageAnswer<T>(base: string, url: URL, p: Page<T>, json: (t: T) => unknown): Answer {
  const link = (page: number, rel: string) => {
    const u = new URL(url.pathname + url.search, base)
    u.searchParams.set('per_page', String(p.perPage))
    u.searchParams.set('page', String(page))
    return `<${u.toString()}>; rel="${rel}"`
  }
  const links = [
    ...(p.page > 1 ? [link(p.page - 1, 'prev')] : []),
    ...(p.page < p.lastPage ? [link(p.page + 1, 'next'), link(p.lastPage, 'last')] : []),
    ...(p.page > 1 ? [link(1, 'first')] : [])
  ]
  return jsonAnswer(200, p.items.map(json), links.length ? { link: links.join(', ') } : {})
}
