import type { Change, Report, TimelineEntry } from './report.js'
import type { StageState } from './stage.js'
import { worstState, type AlarmStatus } from './gate.js'
import type { AnalysisReport } from '../analysis/window.js'

/**
 * What a step has driven so far: the memory recovery needs after a failure,
 * kept apart from the Report (what the run tells the user). Steps write it as
 * they go (a write's target is recorded before the write goes out); commands
 * and main.ts copy it into the report with `recordRun`.
 */
export interface RunState {
  /** The stage as first read; undefined until a read answered. */
  before: StageState | undefined
  /** The stage as last read or written. */
  stage: StageState | undefined
  /** The canary deployment whose traffic this step set or created; recovery touches no other. */
  drivenCanaryId: string | undefined
  /** A CreateDeployment went out and its outcome is not known (no answer, or a cancel cut the wait). */
  createInFlight: boolean
  /** What happened, in order (recovery looks for an alarm in it). */
  timeline: TimelineEntry[]
  /** The gating alarms as last read; undefined when none were read. */
  alarms: AlarmStatus[] | undefined
  /** A traffic change or promotion went ahead with no gate (allow-ungated: true). */
  ungated: boolean
  /** The canary was taken to 0 % (a response, recovery or the rollback command). */
  rolledBack: boolean
  /** The canary was promoted (the stable deployment now serves it), or a promotion's cleanup finished. */
  promoted: boolean
  /** The canary analysis's last verdict, kept after each poll (a bake cut short still shows it); undefined until one ran. */
  analysis: AnalysisReport | undefined
  /** Every call that changed the stage, as sent (in dry-run, as it would be sent); the recording API appends. */
  changes: Change[]
}

export const newRunState = (): RunState => ({
  before: undefined,
  stage: undefined,
  drivenCanaryId: undefined,
  createInFlight: false,
  timeline: [],
  alarms: undefined,
  ungated: false,
  rolledBack: false,
  promoted: false,
  analysis: undefined,
  changes: []
})

/**
 * The report's view of the run state: the stage as found and as left, the
 * canary driven, a create in doubt, the timeline, the alarms, the outcome (a
 * rollback wins over a promotion) and the analysis's verdict.
 */
export function recordRun(report: Report, run: RunState): void {
  report.before = run.before
  report.after = run.stage
  report.drivenCanaryId = run.drivenCanaryId
  report.createInFlight = run.createInFlight
  report.timeline = [...run.timeline]
  report.changes = [...run.changes]
  if (run.alarms) {
    report.alarms = run.alarms
    report.alarmState = worstState(run.alarms)
  }
  if (run.ungated) report.ungated = true
  if (run.rolledBack) report.outcome = 'rolled-back'
  else if (run.promoted) report.outcome = 'promoted'
  if (run.analysis) report.analysis = run.analysis
}
