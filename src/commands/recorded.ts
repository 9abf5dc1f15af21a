import { recordRun } from '../core/run-state.js'
import type { RunContext } from '../ports.js'

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
