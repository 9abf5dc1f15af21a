import type { RunContext } from '../ports.js'
import { commitOf, ownershipProblem, shortCommit } from '../core/description.js'
import { pct, type Canary, type StageState } from '../core/stage.js'
import { ConflictError, StateError } from '../errors.js'

/** GetStage; the first read of the run is the report's `before`, and is logged. */
export async function loadStage(ctx: RunContext): Promise<StageState> {
  const state = await ctx.api.getStage()
  if (ctx.report.before === undefined) {
    ctx.report.before = state
    const c = state.canary
    ctx.log.info(
      `Stage ${ctx.cfg.stage} of ${ctx.cfg.restApiId}: stable deployment ${state.stableDeploymentId}, ` +
        (c
          ? `canary ${c.deploymentId} at ${pct(c.percent)}`
          : state.leftover
            ? 'no canary (settings left by a promotion)'
            : 'no canary')
    )
  }
  ctx.report.after = state
  return state
}

/** The stage's canary, or a StateError that says what to do instead. */
export function requireCanary(ctx: RunContext, state: StageState): Canary {
  if (!state.canary) {
    throw new StateError(
      state.leftover
        ? `Stage '${ctx.cfg.stage}' has no canary, only the settings an unfinished promotion left behind: run promote to finish it, or deploy a new canary.`
        : `Stage '${ctx.cfg.stage}' has no canary: run deploy first.`
    )
  }
  return state.canary
}

/** Reads the canary deployment's description and the commit it records, into the report. */
export async function loadCanaryCommit(
  ctx: RunContext,
  deploymentId: string
): Promise<string | undefined> {
  const description = await ctx.api.deploymentDescription(deploymentId)
  ctx.report.canaryDescription = description
  ctx.report.canaryCommit = commitOf(description)?.sha
  return description
}

/**
 * Before raising or promoting: the canary must be this release's (deployed
 * from the workflow's commit, or the expected-canary-deployment-id), judged
 * from its deployment's `description` (loadCanaryCommit); refuses with a ConflictError that names whose
 * it is and what to do.
 */
export function requireOwnCanary(
  ctx: RunContext,
  canary: Canary,
  description: string | undefined
): void {
  const problem = ownershipProblem(
    canary.deploymentId,
    description,
    ctx.provenance,
    ctx.cfg.expectedCanaryId
  )
  if (problem) throw new ConflictError(`${ctx.cfg.command} refused: ${problem}`)
}

/** 'deployment X (commit owner/repo@abc)': whose a canary is, for a conflict message. */
export async function describeCanary(ctx: RunContext, deploymentId: string): Promise<string> {
  try {
    const c = commitOf(await ctx.api.deploymentDescription(deploymentId))
    return `deployment ${deploymentId} (${c ? `commit ${shortCommit(c)}` : 'no commit recorded'})`
  } catch {
    return `deployment ${deploymentId}`
  }
}
