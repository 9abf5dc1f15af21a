import type { Command } from '../commands/catalog.js'
import type { AlarmState, AlarmStatus } from './gate.js'
import type { PatchOperation } from './patch.js'
import type { StageState } from './stage.js'
import type { AnalysisReport } from '../analysis/window.js'
import type { InvestigationLinks } from '../analysis/investigation.js'
import type { CheckResult } from '../preflight/types.js'
import type { ComparisonRow, StageMetrics } from '../analysis/metric-verdicts.js'
import type { TriageReport } from '../triage/decide.js'

export type TimelineEvent =
  | 'deploy'
  | 'shift'
  | 'gate-refused'
  | 'bake-start'
  | 'bake-clean'
  | 'alarm'
  | 'unhealthy'
  | 'rollback'
  | 'restore'
  | 'promote'
  | 'cleanup'
  | 'cancel'
  | 'conflict'

/** A call that changes the stage, as sent (or, in dry-run, as it would be sent). */
export type Change =
  | {
      operation: 'UpdateStage'
      input: { restApiId: string; stageName: string; patchOperations: PatchOperation[] }
    }
  | {
      operation: 'PutRestApi'
      /** The body is not repeated: its file, size and sha256 say which it was. */
      input: {
        restApiId: string
        mode: 'overwrite' | 'merge'
        failOnWarnings: boolean
        parameters: Record<string, string>
        file: string
        bytes: number
        sha256: string
      }
    }
  | {
      operation: 'CreateDeployment'
      input: {
        restApiId: string
        stageName: string
        description: string
        canarySettings: {
          percentTraffic: number
          stageVariableOverrides?: Record<string, string>
          useStageCache: boolean
        }
      }
    }

/** Canary beside stable from API Gateway's CloudWatch metrics; informational (the alarms gate). */
export interface MetricsComparison {
  start: string
  end: string
  apiName: string
  canaryStage: string
  canaryStageSource: 'input' | 'discovered' | 'default'
  stable: StageMetrics
  canary: StageMetrics
  rows: ComparisonRow[]
}

export interface TimelineEntry {
  /** ISO-8601 with milliseconds. */
  time: string
  event: TimelineEvent
  /** Canary traffic after the event. */
  percent: number
  detail: string
}

/** Everything one run learned and did; outputs and the summary are views of it. */
export interface Report {
  command: Command
  restApiId: string
  stage: string
  dryRun: boolean
  steps: number[]
  /** Stage as first read; undefined when the read failed. */
  before: StageState | undefined
  /** Stage as last read or written. */
  after: StageState | undefined
  /** Set when the step ended in a promotion or a rollback. */
  outcome: 'promoted' | 'rolled-back' | undefined
  previousStableDeploymentId: string | undefined
  /** The canary deployment whose traffic this step set or created; recovery touches no other. */
  drivenCanaryId: string | undefined
  /** A CreateDeployment went out and its outcome is not known (no answer, or a cancel cut the wait). */
  createInFlight: boolean
  canaryCommit: string | undefined
  canaryDescription: string | undefined
  /** Whether alarm-names or alarm-name-prefix were given. */
  alarmsConfigured: boolean
  /** Set when a traffic change or promotion went ahead with no gate, under allow-ungated: true. */
  ungated?: boolean
  /** As last read; undefined when none are configured or none were read. */
  alarms: AlarmStatus[] | undefined
  alarmState: AlarmState | 'NONE'
  abortReason: string | undefined
  timeline: TimelineEntry[]
  /** Calls that changed (or in dry-run would change) the stage, in order. */
  changes: Change[]
  metrics: MetricsComparison | undefined
  /** The release's GitHub deployment, when this step recorded one. */
  githubDeploymentId: string | undefined
  /** The canary analysis's last verdict (analysis: report or gate); absent when none ran. */
  analysis?: AnalysisReport
  /** Where to look after a rollback or a failed step with a canary. */
  investigation?: InvestigationLinks
  /** The canary's top errors after a rollback (docs/triage.md). */
  triage?: TriageReport
  /** The preflight checks, when preflight ran. */
  preflightChecks?: CheckResult[]
  startedAt: string
  finishedAt: string | undefined
}

export function newReport(
  cmd: {
    command: Command
    restApiId: string
    stage: string
    dryRun: boolean
    steps: number[]
    alarmNames?: string[]
    alarmNamePrefix?: string | undefined
  },
  now: Date
): Report {
  const { alarmNames, alarmNamePrefix, ...rest } = cmd
  return {
    ...rest,
    alarmsConfigured: (alarmNames?.length ?? 0) > 0 || alarmNamePrefix !== undefined,
    before: undefined,
    after: undefined,
    outcome: undefined,
    previousStableDeploymentId: undefined,
    drivenCanaryId: undefined,
    createInFlight: false,
    canaryCommit: undefined,
    canaryDescription: undefined,
    alarms: undefined,
    alarmState: 'NONE',
    abortReason: undefined,
    timeline: [],
    changes: [],
    metrics: undefined,
    githubDeploymentId: undefined,
    startedAt: now.toISOString(),
    finishedAt: undefined
  }
}
