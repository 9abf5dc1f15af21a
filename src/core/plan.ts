/**
 * What a command plans to do, as pure functions of the stage (and what its
 * deployments record) and the inputs: deploy, the shift target, promote,
 * the rollback's patch, whether the bakes fit a job; or why not. The commands
 * read, call these, and act on the answer. What a bake, an alarm or a failure
 * does next is in response.ts.
 */
import type { PatchOperation } from './patch.js'
import { StateError } from '../errors.js'
import { shortCommit } from './description.js'
import { formatDuration } from './duration.js'
import { nextRung } from './ladder.js'
import { pointStageOps, removeCanaryOps, setTrafficOps } from './patch.js'
import { pct, type Canary, type StageState } from './stage.js'

export type DeployDecision =
  | { kind: 'create'; replacing: StageState['canary'] }
  | { kind: 'noop'; why: string }
  | { kind: 'refuse'; why: string }

/** Pure: what deploy does, given the stage and what the canary and the stable deployment record. */
export function decideDeploy(
  state: StageState,
  canaryIsThisCommit: boolean,
  stableIsThisCommit: boolean,
  ifCanaryExists: 'fail' | 'replace',
  /** Whose the canary is, as its description records it (commitOf). */
  canaryCommit?: { repository: string; sha: string }
): DeployDecision {
  const c = state.canary
  if (c && canaryIsThisCommit) {
    return {
      kind: 'noop',
      why: `the canary ${c.deploymentId} (${pct(c.percent)}) already carries this commit`
    }
  }
  if (!c && stableIsThisCommit) {
    return {
      kind: 'noop',
      why: `the stable deployment ${state.stableDeploymentId} already carries this commit`
    }
  }
  if (c && c.percent > 0 && ifCanaryExists === 'fail') {
    return {
      kind: 'refuse',
      why: `another canary is active on this stage: deployment ${c.deploymentId} at ${pct(c.percent)} (${canaryCommit ? `commit ${shortCommit(canaryCommit)}` : 'no commit recorded'}). Promote or roll it back first, or set if-canary-exists: replace.`
    }
  }
  return { kind: 'create', replacing: c }
}

/** The traffic `percent` asks for, from the current traffic (`next` = the rung above). */
export function shiftTarget(
  requested: number | 'next',
  current: number,
  steps: readonly number[]
): number {
  if (requested !== 'next') return requested
  const next = nextRung(steps, current)
  if (next === undefined) {
    throw new StateError(
      `The canary is at ${pct(current)}, the top of steps (${steps.join(',')}): there is no next rung; promote it.`
    )
  }
  return next
}

/** Pure: the patch a rollback sends (empty when there is nothing to roll back). */
export function rollbackOps(
  state: StageState,
  mode: 'zero' | 'remove',
  toDeploymentId: string | undefined
): PatchOperation[] {
  const ops: PatchOperation[] = []
  if (mode === 'remove' && (state.canary || state.leftover)) ops.push(...removeCanaryOps())
  if (mode === 'zero' && state.canary && state.canary.percent > 0) ops.push(...setTrafficOps(0))
  if (toDeploymentId !== undefined && toDeploymentId !== state.stableDeploymentId)
    ops.push(...pointStageOps(toDeploymentId))
  return ops
}

/** A hosted runner's job limit. */
export const JOB_LIMIT_MS = 6 * 60 * 60 * 1000

/**
 * Pure: whether the remaining bakes fit in one job, and the advice when they
 * do not. A single bake (shift): its advice is a shorter bake, or several shifts.
 */
export function jobLengthWarning(
  rungs: readonly number[],
  bakeTimeMs: number,
  walk: 'ladder' | 'single-bake' = 'ladder'
): string | undefined {
  const total = rungs.length * bakeTimeMs
  if (total <= JOB_LIMIT_MS - 10 * 60 * 1000) return undefined
  if (walk === 'single-bake')
    return (
      `A bake of ${formatDuration(bakeTimeMs)} is longer than a 6-hour job allows: the job would be cancelled mid-bake (and the canary set to 0 %). ` +
      `Shorten bake-time, or bake over several jobs, each a shift with a bake-time that fits; a self-hosted runner allows up to 5 days.`
    )
  return (
    `${rungs.length} bakes of ${formatDuration(bakeTimeMs)} take ${formatDuration(total)}, longer than a 6-hour job allows: ` +
    `split the ramp over jobs (e.g. one job per rung with steps: set to the rungs it should walk, or shift with percent: next and bake-time), ` +
    `each continuing from the stage; or shorten bake-time.`
  )
}

export type PromoteDecision =
  | { kind: 'promote'; canary: Canary }
  | { kind: 'cleanup'; why: string }
  | { kind: 'noop'; why: string }
  | { kind: 'refuse'; why: string }

/**
 * Pure: what promote does. A canary with traffic is promoted (if it is this
 * release's: ownershipProblem); the settings an interrupted promotion left
 * are removed; a stable deployment that already carries this commit is done.
 */
export function decidePromote(
  state: StageState,
  stage: string,
  stableIsThisCommit: boolean
): PromoteDecision {
  const canary = state.canary
  if (canary && canary.percent === 0) {
    return {
      kind: 'refuse',
      why: `Canary ${canary.deploymentId} is at 0% (rolled back, or never given traffic): promoting it would send it all traffic untried. Shift it up first, or deploy a new one.`
    }
  }
  if (canary) return { kind: 'promote', canary }
  if (state.leftover) {
    return {
      kind: 'cleanup',
      why: `The canary settings point at the stage's own deployment ${state.stableDeploymentId}: a promotion was interrupted before its cleanup. Removing them.`
    }
  }
  if (stableIsThisCommit) {
    return {
      kind: 'noop',
      why: `Nothing to promote: the stable deployment ${state.stableDeploymentId} already carries this commit.`
    }
  }
  return { kind: 'refuse', why: `Stage '${stage}' has no canary to promote: run deploy first.` }
}
