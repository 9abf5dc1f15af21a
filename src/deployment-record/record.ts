/**
 * Pure: what a step tells GitHub's Deployments history. From the step's
 * outcome, the deployment status to post (or none), and the names and payload
 * of the release's GitHub deployment.
 *
 * GitHub's states (https://docs.github.com/en/rest/deployments/statuses):
 * `in_progress` while the canary carries traffic, `success` once promoted
 * (with `auto_inactive`, so the deployment it replaced shows inactive),
 * `failure` when an alarm or a failed step ended the release, `inactive`
 * when someone rolled it back by hand.
 */

import { traitsOf, type Command } from '../commands/catalog.js'

export type StepCommand = Command

/** What a step did, as its outputs say. */
export interface StepOutcome {
  command: StepCommand
  /** The stage after the step (the `status` output); '' when it could not be read. */
  status: 'no-canary' | 'canary' | 'promoted' | 'rolled-back' | ''
  /** Canary traffic after the step. */
  percent: number | undefined
  /** The step failed (the action exits non-zero). */
  failed: boolean
  /** Why the step stopped early (the `abort-reason` output). */
  abortReason?: string
  dryRun?: boolean
}

export type GitHubDeploymentState = 'in_progress' | 'success' | 'failure' | 'inactive'

export interface StatusToPost {
  state: GitHubDeploymentState
  /** At most 140 characters (GitHub's limit). */
  description: string
  /** Mark earlier successful deployments of the environment inactive: on promotion only. */
  autoInactive: boolean
}

/** GitHub's limit on a deployment status description. */
export const MAX_DESCRIPTION = 140

/** `text` cut to `max` characters, ending in an ellipsis when cut. */
export function cutDescription(text: string, max = MAX_DESCRIPTION): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()]
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`
}

const pct = (p: number | undefined) => `${p ?? 0} %`

/**
 * The status a step posts, or undefined when it posts none: `status` and dry
 * runs change nothing, and a step that left no canary and did not fail has
 * nothing to record.
 */
export function statusFor(o: StepOutcome): StatusToPost | undefined {
  // Read-only commands change no release.
  if (o.dryRun || traitsOf(o.command).githubDeployment === 'none') return undefined
  const post = (state: GitHubDeploymentState, description: string): StatusToPost => ({
    state,
    description: cutDescription(description),
    autoInactive: state === 'success'
  })
  const reason = o.abortReason?.trim() || 'no reason given'
  if (o.failed) {
    // An alarm (or a cancel) that set the canary to 0 %, or a step that failed with traffic left as is.
    return o.status === 'rolled-back'
      ? post('failure', `rolled back: ${reason}`)
      : post('failure', `${o.command} failed at ${pct(o.percent)}: ${reason}`)
  }
  switch (o.status) {
    case 'promoted':
      return post('success', 'promoted: the stage serves the canary to everyone')
    case 'canary':
      return post('in_progress', `canary ${pct(o.percent)}`)
    case 'rolled-back':
      return traitsOf(o.command).rollsBackByHand
        ? post('inactive', 'rolled back by hand')
        : post('failure', `rolled back: ${reason}`)
    default:
      return undefined
  }
}

/** The environment named by the `environment` input, else `{stage} ({region})`, e.g. `prod (us-east-1)`. */
export function environmentName(input: string | undefined, stage: string, region: string): string {
  const given = input?.trim()
  return given ? given : `${stage} (${region})`
}

/** What identifies a release's GitHub deployment: kept in its payload, matched to find it again. */
export interface ReleaseKey {
  restApiId: string
  stage: string
  region: string
  canaryDeploymentId: string
}

/** The GitHub deployment's description: which canary of which stage. */
export function deploymentDescription(k: ReleaseKey): string {
  return cutDescription(
    `apigw-canary: canary ${k.canaryDeploymentId} of ${k.restApiId}/${k.stage} in ${k.region}`
  )
}

/**
 * The commit the release's GitHub deployment belongs to: the one recorded on
 * the canary (a manual ramp may drive another commit's canary), else the
 * workflow's own.
 */
export function releaseCommit(canaryCommit: string | undefined, workflowSha: string): string {
  return canaryCommit && /^[0-9a-f]{40}$/i.test(canaryCommit) ? canaryCommit : workflowSha
}

/**
 * Whether the step records its release on GitHub: `create` (deploy: find the
 * release's deployment, else create it, so a re-run does not make a second),
 * `find` (later steps: the one deploy created, else create it), `none`. Either
 * needs the canary's deployment id: the one before the step for promote and
 * rollback, which leave no canary.
 */
export function deploymentStep(o: StepOutcome): 'create' | 'find' | 'none' {
  if (!statusFor(o)) return 'none'
  return traitsOf(o.command).githubDeployment
}
