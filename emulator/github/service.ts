/**
 * The GitHub deployments the emulator keeps, and the operations on them with
 * GitHub's validation: create, list (filtered, paged) and get deployments;
 * create and list deployment statuses, with `auto_inactive`. Failures throw a
 * GitHubError carrying the status and body GitHub answers with.
 */
import { createHash } from 'node:crypto'

import {
  MAX_STATUS_DESCRIPTION,
  STATUS_STATES,
  type Actor,
  type Deployment,
  type DeploymentStatus,
  type StatusState
} from './model.js'

const DOCS = 'https://docs.github.com/rest/deployments'
export const DOC_URLS = {
  createDeployment: `${DOCS}/deployments#create-a-deployment`,
  listDeployments: `${DOCS}/deployments#list-deployments`,
  getDeployment: `${DOCS}/deployments#get-a-deployment`,
  createStatus: `${DOCS}/statuses#create-a-deployment-status`,
  listStatuses: `${DOCS}/statuses#list-deployment-statuses`
} as const

export interface ValidationErrorItem {
  resource: string
  code: string
  field: string
  message?: string
}

/** An error answer: GitHub's `{message, errors?, documentation_url, status}` body. */
export class GitHubError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly documentationUrl: string,
    readonly errors?: ValidationErrorItem[],
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
  }

  body() {
    return {
      message: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
      documentation_url: this.documentationUrl,
      status: String(this.status)
    }
  }
}

const notFound = (doc: string) => new GitHubError(404, 'Not Found', doc)

/** GitHub's JSON-schema refusal (422 "Invalid request."). */
const invalid = (doc: string, detail: string) =>
  new GitHubError(422, `Invalid request.\n\n${detail}`, doc)

type FieldType = 'string' | 'boolean' | 'string[]' | 'object|string' | 'string|null'

function hasType(v: unknown, t: FieldType): boolean {
  switch (t) {
    case 'string':
      return typeof v === 'string'
    case 'boolean':
      return typeof v === 'boolean'
    case 'string[]':
      return Array.isArray(v) && v.every((x) => typeof x === 'string')
    case 'object|string':
      return typeof v === 'string' || (typeof v === 'object' && v !== null && !Array.isArray(v))
    case 'string|null':
      return v === null || typeof v === 'string'
  }
}

/** Checks the body's known fields against their types; unknown fields are ignored, as GitHub does. */
function checkTypes(
  doc: string,
  body: Record<string, unknown>,
  fields: Record<string, FieldType>,
  required: string[]
): void {
  for (const r of required) if (body[r] === undefined) throw invalid(doc, `"${r}" wasn't supplied.`)
  for (const [name, t] of Object.entries(fields)) {
    const v = body[name]
    if (v !== undefined && !hasType(v, t))
      throw invalid(doc, `For 'properties/${name}', ${JSON.stringify(v)} is not a ${t}.`)
  }
}

export interface Page<T> {
  items: T[]
  page: number
  perPage: number
  lastPage: number
}

/** GitHub's paging: `per_page` 1 to 100 (default 30, larger values count as 100), `page` from 1. */
export function paged<T>(all: T[], query: URLSearchParams): Page<T> {
  const n = (name: string, dflt: number) => {
    const v = Number.parseInt(query.get(name) ?? '', 10)
    return Number.isFinite(v) && v >= 1 ? v : dflt
  }
  const perPage = Math.min(n('per_page', 30), 100)
  const page = n('page', 1)
  return {
    items: all.slice((page - 1) * perPage, page * perPage),
    page,
    perPage,
    lastPage: Math.max(1, Math.ceil(all.length / perPage))
  }
}

export interface CreateDeploymentInput {
  owner: string
  repo: string
  body: Record<string, unknown>
  actor: Actor
}

export class GitHubService {
  private deployments: Deployment[] = []
  private nextId = 1

  constructor(private readonly now: () => number = Date.now) {}

  reset(): void {
    this.deployments = []
    this.nextId = 1
  }

  /** Every deployment with its statuses, oldest first (the test hook). */
  all(): Deployment[] {
    return structuredClone(this.deployments)
  }

  private time(): string {
    return new Date(this.now()).toISOString().replace(/\.\d{3}Z$/, 'Z')
  }

  createDeployment({ owner, repo, body, actor }: CreateDeploymentInput): Deployment {
    const doc = DOC_URLS.createDeployment
    checkTypes(
      doc,
      body,
      {
        ref: 'string',
        task: 'string',
        auto_merge: 'boolean',
        required_contexts: 'string[]',
        payload: 'object|string',
        environment: 'string',
        description: 'string|null',
        transient_environment: 'boolean',
        production_environment: 'boolean'
      },
      ['ref']
    )
    const ref = body.ref as string
    if (ref.trim() === '')
      throw new GitHubError(422, 'Validation Failed', doc, [
        { resource: 'Deployment', code: 'missing_field', field: 'ref' }
      ])
    const environment = (body.environment as string | undefined) ?? 'production'
    const time = this.time()
    const d: Deployment = {
      id: this.nextId++,
      owner,
      repo,
      sha: commitOf(owner, repo, ref),
      ref,
      task: (body.task as string | undefined) ?? 'deploy',
      payload: payloadOf(body.payload),
      originalEnvironment: environment,
      environment,
      description: (body.description as string | null | undefined) ?? null,
      creator: actor,
      createdAt: time,
      updatedAt: time,
      transientEnvironment: (body.transient_environment as boolean | undefined) ?? false,
      productionEnvironment:
        (body.production_environment as boolean | undefined) ?? environment === 'production',
      statuses: []
    }
    this.deployments.push(d)
    return structuredClone(d)
  }

  /** Newest first, filtered by `sha`, `ref`, `task`, `environment` (exact matches). */
  listDeployments(owner: string, repo: string, query: URLSearchParams): Page<Deployment> {
    const filters = (['sha', 'ref', 'task', 'environment'] as const).flatMap((k) => {
      const v = query.get(k)
      return v === null ? [] : [[k, v] as const]
    })
    const matching = this.inRepo(owner, repo)
      .filter((d) => filters.every(([k, v]) => d[k] === v))
      .reverse()
    return paged(structuredClone(matching), query)
  }

  getDeployment(owner: string, repo: string, id: string, doc: string = DOC_URLS.getDeployment) {
    const d = this.inRepo(owner, repo).find((x) => String(x.id) === id)
    if (!d) throw notFound(doc)
    return d
  }

  createStatus(
    owner: string,
    repo: string,
    id: string,
    body: Record<string, unknown>,
    actor: Actor
  ): { deployment: Deployment; status: DeploymentStatus } {
    const doc = DOC_URLS.createStatus
    const d = this.getDeployment(owner, repo, id, doc)
    checkTypes(
      doc,
      body,
      {
        state: 'string',
        target_url: 'string',
        log_url: 'string',
        description: 'string',
        environment: 'string',
        environment_url: 'string',
        auto_inactive: 'boolean'
      },
      ['state']
    )
    const state = body.state as string
    if (!(STATUS_STATES as readonly string[]).includes(state))
      throw invalid(
        doc,
        `For 'properties/state', ${JSON.stringify(state)} is not one of ${STATUS_STATES.join(', ')}.`
      )
    const description = (body.description as string | undefined) ?? ''
    if (description.length > MAX_STATUS_DESCRIPTION)
      throw new GitHubError(422, 'Validation Failed', doc, [
        {
          resource: 'DeploymentStatus',
          code: 'custom',
          field: 'description',
          message: `description is too long (maximum is ${MAX_STATUS_DESCRIPTION} characters)`
        }
      ])
    if (typeof body.environment === 'string' && body.environment !== '')
      d.environment = body.environment
    // Setting log_url sets target_url to the same value.
    const logUrl = (body.log_url as string | undefined) ?? (body.target_url as string) ?? ''
    const status = this.addStatus(d, state as StatusState, actor, {
      description,
      logUrl,
      environmentUrl: (body.environment_url as string | undefined) ?? ''
    })
    if (state === 'success' && body.auto_inactive !== false) this.inactivateEarlier(d, actor)
    return { deployment: structuredClone(d), status: structuredClone(status) }
  }

  listStatuses(owner: string, repo: string, id: string, query: URLSearchParams) {
    const d = this.getDeployment(owner, repo, id, DOC_URLS.listStatuses)
    return { deployment: d, page: paged(structuredClone([...d.statuses].reverse()), query) }
  }

  private inRepo(owner: string, repo: string): Deployment[] {
    const key = `${owner}/${repo}`.toLowerCase()
    return this.deployments.filter((d) => `${d.owner}/${d.repo}`.toLowerCase() === key)
  }

  private addStatus(
    d: Deployment,
    state: StatusState,
    actor: Actor,
    f: { description: string; logUrl: string; environmentUrl: string }
  ): DeploymentStatus {
    const time = this.time()
    const status: DeploymentStatus = {
      id: this.nextId++,
      state,
      creator: actor,
      description: f.description,
      environment: d.environment,
      targetUrl: f.logUrl,
      logUrl: f.logUrl,
      environmentUrl: f.environmentUrl,
      createdAt: time
    }
    d.statuses.push(status)
    d.updatedAt = time
    return status
  }

  /**
   * auto_inactive: every earlier non-transient deployment of the same
   * repository and environment whose latest status is `success` gets an
   * `inactive` status.
   */
  private inactivateEarlier(d: Deployment, actor: Actor): void {
    for (const other of this.inRepo(d.owner, d.repo)) {
      if (other.id >= d.id || other.environment !== d.environment) continue
      if (other.transientEnvironment || other.statuses.at(-1)?.state !== 'success') continue
      this.addStatus(other, 'inactive', actor, {
        description: '',
        logUrl: '',
        environmentUrl: other.statuses.at(-1)?.environmentUrl ?? ''
      })
    }
  }
}

/** A 40-hex ref is its own commit; a branch or tag name stands for a made-up but stable commit. */
function commitOf(owner: string, repo: string, ref: string): string {
  if (/^[0-9a-f]{40}$/i.test(ref)) return ref.toLowerCase()
  return createHash('sha1').update(`${owner}/${repo}:${ref}`).digest('hex')
}

/** GitHub keeps a JSON string payload as the object it encodes. */
function payloadOf(p: unknown): unknown {
  if (p === undefined) return {}
  if (typeof p !== 'string') return p
  try {
    return JSON.parse(p) as unknown
  } catch {
    return p
  }
}
