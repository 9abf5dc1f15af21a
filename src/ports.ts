/**
 * The interfaces the rest of the action depends on for I/O. Adapters in
 * src/aws/ implement the AWS ones; main.ts supplies the clock, sleep and
 * logger. Nothing here imports an SDK, so the core, the steps and the
 * commands can be tested with any implementation.
 */
import type { AlarmStatus } from './core/gate.js'
import type { StageMetrics } from './analysis/metric-verdicts.js'
import type { StageState } from './core/stage.js'
import type { JudgeReads, TailPlan } from './analysis/metric-reads.js'
import type { KpiMetric } from './analysis/metric-queries.js'
import type { PreflightFacts, PreflightQuery } from './preflight/checks.js'
import type { Config } from './config.js'
import type { Provenance } from './core/description.js'
import type { Report } from './core/report.js'
import type { RunState } from './core/run-state.js'
import type { PatchOperation } from './core/patch.js'
export type { PatchOperation } from './core/patch.js'
export type { Change } from './core/report.js'
import type { TriageQuery, TriageReport } from './triage/decide.js'
import type { StopQueryLimit } from './triage/budget.js'
import type { BackendFacts, BackendQuery } from './backend-check/decide.js'

export interface NewCanary {
  description: string
  percent: number
  overrides: Record<string, string>
  useStageCache: boolean
}

/** An OpenAPI definition to import into the REST API (PutRestApi) before the canary deployment. */
export interface DefinitionImport {
  /** The file, as the openapi-file input named it. */
  file: string
  body: Uint8Array
  sha256: string
  mode: 'overwrite' | 'merge'
  failOnWarnings: boolean
  parameters: Record<string, string>
}

/** Per-call options: an abort signal bounds a call (the cancel-time rollback must land within the runner's grace). */
export interface CallOptions {
  abortSignal?: AbortSignal
  /**
   * A write that lowers traffic (an alarm's rollback, recovery): sent on a new
   * connection per attempt with a short deadline, and retried (docs/safety.md).
   */
  urgent?: boolean
}

/** The one stage this run works on. */
export interface StageApi {
  getStage(opts?: CallOptions): Promise<StageState>
  deploymentDescription(deploymentId: string, opts?: CallOptions): Promise<string | undefined>
  updateStage(ops: PatchOperation[], opts?: CallOptions): Promise<StageState>
  /** One attempt, never retried by the SDK. Returns the new deployment's id. */
  createCanaryDeployment(c: NewCanary): Promise<string>
  /** Imports an OpenAPI definition into the REST API (PutRestApi); answers API Gateway's warnings. */
  putRestApi(d: DefinitionImport): Promise<{ warnings: string[] }>
  /** The newest deployment with exactly this description, if any. */
  findDeployment(description: string): Promise<string | undefined>
}

/** Everything preflight reads (src/preflight/aws-reads.ts); never a write. */
export type PreflightReader = (q: PreflightQuery) => Promise<PreflightFacts>

/**
 * Triage's reads after a rollback (src/triage/aws-reads.ts), all bounded by
 * `deadline`; a Logs Insights query still running then is stopped within
 * `stopQuery` (src/triage/budget.ts).
 */
export type TriageReader = (
  q: TriageQuery,
  deadline: AbortSignal,
  stopQuery: StopQueryLimit
) => Promise<TriageReport>

/** Reads the gating alarms; `signal` aborts a read in flight (cancellation must not wait on a slow call). */
export type AlarmReader = (signal?: AbortSignal) => Promise<AlarmStatus[]>

/** What the comparison reads: the same statistics for the stable and the canary side. */
export interface MetricsRead {
  apiName: string
  /** The Stage dimension value of canary metrics (discovered, given, or the documented default). */
  canaryStage: string
  canaryStageSource: 'input' | 'discovered' | 'default'
  stable: StageMetrics
  canary: StageMetrics
}

export type MetricsReader = (
  window: { start: Date; end: Date },
  signal?: AbortSignal
) => Promise<MetricsRead>

/** One read for the canary judge: both sides' per-minute series (one GetMetricData, paginated). */
export type MetricDataRead = JudgeReads & {
  apiName: string
  canaryStage: string
  canaryStageSource: 'input' | 'discovered' | 'default'
  /** GetMetricData calls (pages) and the metrics CloudWatch bills for the read. */
  calls: number
  billedMetrics: number
}

export type MetricDataReader = (
  read: {
    window: { start: Date; end: Date }
    kpis: readonly KpiMetric[]
    /** Latency thresholds to read trimmed counts at; absent until known. */
    tail?: TailPlan
  },
  signal?: AbortSignal
) => Promise<MetricDataRead>

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
}

/** Waits `ms`; rejects with the signal's reason as soon as `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

export interface Logger {
  info(message: string): void
  warning(message: string, title?: string): void
  error(message: string, title?: string): void
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
  /** A line shown only when the run has debug logging on (a re-run with "Enable debug logging"). */
  debug(message: string): void
}

/** What a command runs with: all I/O is here, so tests can swap any of it. */
export interface RunContext {
  cfg: Config
  api: StageApi
  /** undefined when no alarms are configured. */
  readAlarms: AlarmReader | undefined
  /** API Gateway metrics of both sides; undefined to skip the comparison. */
  readMetrics?: MetricsReader
  /** The canary judge's per-minute series; undefined: no analysis. */
  readMetricData?: MetricDataReader
  /** Preflight's reads; undefined to skip preflight. */
  readPreflight?: PreflightReader
  /** Triage's reads after a rollback; undefined: no triage (unit tests without client options). */
  readTriage?: TriageReader
  /** The backend check's reads (deploy after an import); undefined: not checked again. */
  readBackends?: (q: BackendQuery) => Promise<BackendFacts>
  provenance: Provenance
  /** Random per step: makes this step's deployment description its own. */
  stepId: string
  clock: Clock
  sleep: Sleep
  /** Aborts when the runner cancels the job. */
  signal: AbortSignal
  /** Aborts on a second signal after the cancel (the kill is near): triage after a cancel stops at once. */
  terminate?: AbortSignal
  log: Logger
  /** What the run tells the user; written by the commands and main.ts. */
  report: Report
  /** What the step has driven so far: the steps' memory, and recovery's (src/core/run-state.ts). */
  run: RunState
  /** deploy: the openapi-file definition, read and checked before any AWS call. */
  definition?: DefinitionImport
  /** What this run already said once (annotations per alarm state, the ungated warning). */
  said: Set<string>
}
