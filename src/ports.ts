/**
 * The interfaces the rest of the action depends on for I/O. Adapters in
 * src/aws/ implement the AWS ones; main.ts supplies the clock, sleep and
 * logger. Nothing here imports an SDK, so the core, the steps and the
 * commands can be tested with any implementation.
 */
import type { AlarmStatus } from './core/gate.js'
import type { StageMetrics } from './core/metric-verdicts.js'
import type { StageState } from './core/stage.js'
import type { KpiSeries, SideSeries } from './core/judge-types.js'
import type { KpiMetric } from './core/metric-queries.js'
import type { PreflightFacts, PreflightQuery } from './core/preflight-run.js'

/** One UpdateStage patch operation, as API Gateway takes it (all values are strings). */
export interface PatchOperation {
  op: 'replace' | 'remove' | 'copy' | 'add' | 'move' | 'test'
  path: string
  value?: string
  from?: string
}

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

/** Everything preflight reads (src/aws/preflight-reads.ts); never a write. */
export type PreflightReader = (q: PreflightQuery) => Promise<PreflightFacts>

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
export interface MetricDataRead {
  apiName: string
  canaryStage: string
  canaryStageSource: 'input' | 'discovered' | 'default'
  stable: SideSeries
  canary: SideSeries
  kpis: KpiSeries[]
  /** GetMetricData calls (pages) and the metrics CloudWatch bills for the read. */
  calls: number
  billedMetrics: number
}

export type MetricDataReader = (
  read: { window: { start: Date; end: Date }; kpis: readonly KpiMetric[] },
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
}
