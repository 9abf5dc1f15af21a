/**
 * GitHub Deployments for a release: create the deployment of a commit, find it
 * again in a later step, post its statuses. GitHub is a record, not the
 * release: every function resolves to `{ ok: true, value }` or to
 * `{ ok: false, why }` (one line for a warning), never throws, and gives up
 * within its time budget so GitHub never holds up the AWS work.
 *
 * Octokit comes from @actions/github (GITHUB_API_URL, the runner's proxy
 * settings), with @octokit/plugin-retry (5xx and dropped connections, a few
 * short retries) and @octokit/plugin-throttling (primary and secondary rate
 * limits: one retry when the wait fits in the budget, and GitHub's
 * recommended one second between writes).
 */
import { randomUUID } from 'node:crypto'
import { getOctokit } from '@actions/github'
import { retry } from '@octokit/plugin-retry'
import { throttling } from '@octokit/plugin-throttling'
import { cutDescription, MAX_DESCRIPTION } from './record.js'
import { whyFailed } from './github-errors.js'
import { traceRequests } from './github-trace.js'

export { whyFailed }

/** The task of the action's deployments (GitHub's default is `deploy`). */
export const DEPLOYMENT_TASK = 'deploy:canary'

/** GitHub's limit on a status description. */
export const MAX_STATUS_DESCRIPTION = MAX_DESCRIPTION

export type DeploymentState =
  'error' | 'failure' | 'inactive' | 'in_progress' | 'queued' | 'pending' | 'success'

/** What identifies a release's GitHub deployment, kept in its `payload`. */
export interface ReleasePayload {
  restApiId: string
  stage: string
  region: string
  /** The API Gateway deployment that is the canary. */
  canaryDeploymentId: string
}

export interface GitHubDeployment {
  id: number
  sha: string
  environment: string
  payload: ReleasePayload
}

export type GitHubResult<T> = { ok: true; value: T } | { ok: false; why: string }

export interface DeploymentsClientOptions {
  /** GITHUB_TOKEN or another token with `deployments: write`. */
  token: string
  /** `owner/repo` (GITHUB_REPOSITORY). */
  repository: string
  /** Default: GITHUB_API_URL, else https://api.github.com. */
  baseUrl?: string
  /** How long one function may take, retries and waits included. Default 20 s. */
  budgetMs?: number
  /** How long every function together may take, from the client's creation. Default: no limit. */
  totalMs?: number
  /** Aborts whatever is under way (the job being cancelled); the result is then `{ ok: false }`. */
  signal?: AbortSignal
  /** Retries of a 5xx or dropped connection. Default 2. */
  retries?: number
  /** Retry n waits n² times this. Default 500 ms. */
  retryBaseMs?: number
  /** A rate limit's `retry-after` second counts as this many ms (tests shrink it). Default 1000. */
  rateLimitSecondMs?: number
  /** GitHub asks for a second between writes; tests turn it off. Default true. */
  spaceWrites?: boolean
  /** Octokit's own warnings and debug lines. */
  debug?: (message: string) => void
}

export interface CreateDeploymentRequest {
  /** The commit: the deployment's `ref`. */
  sha: string
  environment: string
  productionEnvironment: boolean
  description?: string
  release: ReleasePayload
}

export interface FindDeploymentRequest {
  sha: string
  environment: string
  release: ReleasePayload
}

export interface StatusRequest {
  deploymentId: number
  state: DeploymentState
  /** Cut to 140 characters, on one line. */
  description: string
  /** The workflow run. */
  logUrl?: string
  /** The stage's URL. */
  environmentUrl?: string
  /** Mark earlier successful deployments of the environment inactive (GitHub's default: true). */
  autoInactive?: boolean
}

export interface DeploymentsClient {
  createDeployment(req: CreateDeploymentRequest): Promise<GitHubResult<GitHubDeployment>>
  /** The release's deployment (environment, commit and payload); undefined when there is none. */
  findDeployment(req: FindDeploymentRequest): Promise<GitHubResult<GitHubDeployment | undefined>>
  /** findDeployment, else createDeployment: what a re-run of a step needs. */
  ensureDeployment(req: CreateDeploymentRequest): Promise<GitHubResult<GitHubDeployment>>
  postStatus(req: StatusRequest): Promise<GitHubResult<{ id: number }>>
}

/** Pages read when looking for a deployment (100 each), newest first. */
const MAX_PAGES = 5
const PER_PAGE = 100

const asPayload = (p: unknown): Partial<ReleasePayload> =>
  p && typeof p === 'object' ? (p as Partial<ReleasePayload>) : {}

/** Whether a GitHub deployment's payload is this release's. */
export function sameRelease(p: unknown, r: ReleasePayload): boolean {
  const q = asPayload(p)
  return (
    q.canaryDeploymentId === r.canaryDeploymentId &&
    q.restApiId === r.restApiId &&
    q.stage === r.stage &&
    q.region === r.region
  )
}

/** A write group that runs at once (Bottleneck.Group's interface, as the throttling plugin uses it). */
const UNSPACED = {
  key: () => ({
    schedule: (...args: unknown[]) => {
      const i = args.findIndex((a) => typeof a === 'function')
      return (args[i] as (...a: unknown[]) => unknown)(...args.slice(i + 1))
    }
  })
}

export function createDeploymentsClient(opts: DeploymentsClientOptions): DeploymentsClient {
  const [owner = '', repo = ''] = opts.repository.split('/')
  const oneMs = opts.budgetMs ?? 20_000
  const end = opts.totalMs === undefined ? Infinity : performance.now() + opts.totalMs
  const secondMs = opts.rateLimitSecondMs ?? 1000
  const debug = opts.debug ?? (() => {})

  // A rate-limit wait is taken once, and only when it ends before the call's budget does.
  const waitFits = (
    retryAfter: number,
    options: { request?: object },
    _octokit: unknown,
    retryCount: number
  ) =>
    retryCount < 1 &&
    Date.now() + retryAfter * secondMs <
      ((options.request as { deadline?: number } | undefined)?.deadline ?? 0)

  const make = () => traceRequests(newOctokit(), debug)
  const newOctokit = () =>
    getOctokit(
      opts.token,
      {
        baseUrl: opts.baseUrl ?? process.env.GITHUB_API_URL ?? 'https://api.github.com',
        userAgent: 'apigw-canary',
        log: { debug, info: debug, warn: debug, error: debug },
        retry: {
          retries: opts.retries ?? 2,
          retryAfterBaseValue: opts.retryBaseMs ?? 500,
          // The throttling plugin answers rate limits (403/429), not this one.
          doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451]
        },
        throttle: {
          id: randomUUID(),
          retryAfterBaseValue: secondMs,
          onRateLimit: waitFits,
          onSecondaryRateLimit: waitFits,
          ...(opts.spaceWrites === false ? { write: UNSPACED as never } : {})
        }
      },
      retry,
      throttling
    )
  let octokit: ReturnType<typeof make> | undefined

  /** Runs `fn` within the budget and the caller's signal; every failure becomes `{ ok: false }`. */
  async function bounded<T>(
    what: string,
    fn: (
      o: ReturnType<typeof make>,
      request: { signal: AbortSignal; deadline: number }
    ) => Promise<T>
  ): Promise<GitHubResult<T>> {
    const budgetMs = Math.max(0, Math.round(Math.min(oneMs, end - performance.now())))
    const timeout = AbortSignal.timeout(budgetMs)
    const signal = opts.signal ? AbortSignal.any([opts.signal, timeout]) : timeout
    const deadline = Date.now() + budgetMs
    let stop: (() => void) | undefined
    const stopped = new Promise<GitHubResult<T>>((resolve) => {
      stop = () =>
        resolve({
          ok: false,
          why: opts.signal?.aborted
            ? `${what}: cancelled.`
            : `${what}: GitHub did not answer within ${Number((budgetMs / 1000).toFixed(1))} s.`
        })
      if (signal.aborted) stop()
      else signal.addEventListener('abort', stop, { once: true })
    })
    try {
      octokit ??= make()
      const o = octokit
      const run = fn(o, { signal, deadline }).then(
        (value): GitHubResult<T> => ({ ok: true, value }),
        (e: unknown): GitHubResult<T> =>
          signal.aborted
            ? { ok: false, why: '' }
            : { ok: false, why: `${what}: ${whyFailed(e, opts.repository)}` }
      )
      const r = await Promise.race([run, stopped])
      return r.ok || r.why !== '' ? r : await stopped
    } catch (e) {
      return { ok: false, why: `${what}: ${whyFailed(e, opts.repository)}` }
    } finally {
      if (stop) signal.removeEventListener('abort', stop)
    }
  }

  const toDeployment = (d: {
    id: number
    sha: string
    environment: string
    payload: unknown
  }): GitHubDeployment => ({
    id: d.id,
    sha: d.sha,
    environment: d.environment,
    payload: asPayload(d.payload) as ReleasePayload
  })

  const client: DeploymentsClient = {
    createDeployment: (req) =>
      bounded('Creating the GitHub deployment', async (o, request) => {
        const { data } = await o.rest.repos.createDeployment({
          owner,
          repo,
          ref: req.sha,
          task: DEPLOYMENT_TASK,
          auto_merge: false,
          required_contexts: [],
          payload: { ...req.release },
          environment: req.environment,
          description: req.description,
          transient_environment: false,
          production_environment: req.productionEnvironment,
          request
        })
        // 202 is GitHub's "merged the default branch into the ref first": never with auto_merge false.
        if (!('id' in data)) throw new Error(`no deployment was created: ${data.message ?? ''}`)
        return toDeployment(data)
      }),

    findDeployment: (req) =>
      bounded('Looking for the GitHub deployment', async (o, request) => {
        // Not octokit.paginate.iterator: it drops `request` (the abort signal), so a page
        // GitHub never answers would hold the process until undici's own timeout.
        const { sha, environment } = req
        for (let page = 1; page <= MAX_PAGES; page++) {
          const q = { owner, repo, sha, environment, task: DEPLOYMENT_TASK, page, request }
          const { data } = await o.rest.repos.listDeployments({ ...q, per_page: PER_PAGE })
          const found = data.find((d) => sameRelease(d.payload, req.release))
          if (found) return toDeployment(found)
          if (data.length < PER_PAGE) break
        }
        return undefined
      }),

    async ensureDeployment(req) {
      const found = await client.findDeployment(req)
      if (!found.ok || found.value) return found as GitHubResult<GitHubDeployment>
      return client.createDeployment(req)
    },

    postStatus: (req) =>
      bounded(`Posting the GitHub deployment status ${req.state}`, async (o, request) => {
        const { data } = await o.rest.repos.createDeploymentStatus({
          owner,
          repo,
          deployment_id: req.deploymentId,
          state: req.state,
          description: cutDescription(req.description),
          ...(req.logUrl ? { log_url: req.logUrl } : {}),
          ...(req.environmentUrl ? { environment_url: req.environmentUrl } : {}),
          auto_inactive: req.autoInactive ?? true,
          request
        })
        return { id: data.id }
      })
  }
  return client
}
