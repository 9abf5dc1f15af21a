/**
 * GitHub deployments and deployment statuses as the emulator keeps them, and
 * their JSON shapes as GitHub's REST API answers them
 * (https://docs.github.com/en/rest/deployments/deployments,
 * https://docs.github.com/en/rest/deployments/statuses).
 */

export const STATUS_STATES = [
  'error',
  'failure',
  'inactive',
  'in_progress',
  'queued',
  'pending',
  'success'
] as const
export type StatusState = (typeof STATUS_STATES)[number]

/** GitHub's limit on a deployment status description. */
export const MAX_STATUS_DESCRIPTION = 140

/** Who made a record: the token's login (GITHUB_TOKEN acts as github-actions[bot]). */
export interface Actor {
  login: string
  id: number
  type: 'Bot' | 'User'
}

export interface DeploymentStatus {
  id: number
  state: StatusState
  creator: Actor
  description: string
  environment: string
  targetUrl: string
  logUrl: string
  environmentUrl: string
  createdAt: string
}

export interface Deployment {
  id: number
  owner: string
  repo: string
  sha: string
  ref: string
  task: string
  payload: unknown
  originalEnvironment: string
  environment: string
  description: string | null
  creator: Actor
  createdAt: string
  updatedAt: string
  transientEnvironment: boolean
  productionEnvironment: boolean
  /** Oldest first (GitHub lists them newest first). */
  statuses: DeploymentStatus[]
}

const actorJson = (a: Actor) => ({
  login: a.login,
  id: a.id,
  node_id: `MDQ6VXNlcj${a.id}`,
  type: a.type,
  site_admin: false
})

const repoUrl = (base: string, d: Deployment) => `${base}/repos/${d.owner}/${d.repo}`
const deploymentUrl = (base: string, d: Deployment) => `${repoUrl(base, d)}/deployments/${d.id}`

/** A deployment as GitHub answers it; `base` is the API's URL (e.g. https://api.github.com). */
export function deploymentJson(base: string, d: Deployment) {
  return {
    url: deploymentUrl(base, d),
    id: d.id,
    node_id: `DE_kwDO${d.id}`,
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    original_environment: d.originalEnvironment,
    environment: d.environment,
    description: d.description,
    creator: actorJson(d.creator),
    created_at: d.createdAt,
    updated_at: d.updatedAt,
    statuses_url: `${deploymentUrl(base, d)}/statuses`,
    repository_url: repoUrl(base, d),
    transient_environment: d.transientEnvironment,
    production_environment: d.productionEnvironment,
    performed_via_github_app: null
  }
}

/** A deployment status as GitHub answers it. */
export function statusJson(base: string, d: Deployment, s: DeploymentStatus) {
  return {
    url: `${deploymentUrl(base, d)}/statuses/${s.id}`,
    id: s.id,
    node_id: `DES_kwDO${s.id}`,
    state: s.state,
    creator: actorJson(s.creator),
    description: s.description,
    environment: s.environment,
    target_url: s.targetUrl,
    created_at: s.createdAt,
    updated_at: s.createdAt,
    deployment_url: deploymentUrl(base, d),
    repository_url: repoUrl(base, d),
    environment_url: s.environmentUrl,
    log_url: s.logUrl,
    performed_via_github_app: null
  }
}
