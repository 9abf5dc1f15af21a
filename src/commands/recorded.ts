import { noteCanary } from '../core/report.js'
import { recordRun } from '../core/run-state.js'
import type { RunContext } from '../ports.js'
import { loadCanaryCommit } from '../steps/load-stage.js'

/**
 * Runs a command's steps, then writes what they drove (the stage as left, the
 * canary driven, a create in doubt) into the report, whether they succeeded or
 * threw: the steps keep it in the run state, the command records it.
 */
export async function recorded(ctx: RunContext, steps: () => Promise<void>): Promise<void> {
  try {
    await steps()
  } finally {
    recordRun(ctx.report, ctx.run)
  }
}

/** Reads the canary deployment's description and records it (and its commit) in the report. */
export async function canaryCommit(
  ctx: RunContext,
  deploymentId: string
): Promise<string | undefined> {
  const description = await loadCanaryCommit(ctx, deploymentId)
  noteCanary(ctx.report, description)
  return description
}
