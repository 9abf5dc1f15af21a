import type { Report } from './report.js'
import type { StageState } from './stage.js'

/**
 * What a step has driven so far: the memory recovery needs after a failure,
 * kept apart from the Report (what the run tells the user). Steps write it as
 * they go (a write's target is recorded before the write goes out); commands
 * and main.ts copy it into the report with `recordRun`.
 */
export interface RunState {
  /** The stage as last read or written. */
  stage: StageState | undefined
  /** The canary deployment whose traffic this step set or created; recovery touches no other. */
  drivenCanaryId: string | undefined
  /** A CreateDeployment went out and its outcome is not known (no answer, or a cancel cut the wait). */
  createInFlight: boolean
}

export const newRunState = (): RunState => ({
  stage: undefined,
  drivenCanaryId: undefined,
  createInFlight: false
})

/** The report's view of the run state: the stage as left, the canary driven, a create in doubt. */
export function recordRun(report: Report, run: RunState): void {
  report.after = run.stage
  report.drivenCanaryId = run.drivenCanaryId
  report.createInFlight = run.createInFlight
}
