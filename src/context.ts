import { alarmReader } from './aws/alarms.js'
import { DEADLINES, type ClientOptions, type Clients, type Deadlines } from './aws/clients.js'
import { metricDimensions, metricsReader } from './analysis/aws-metrics.js'
import { metricDataReader } from './analysis/aws-metric-data.js'
import { recordingApi } from './aws/recording-api.js'
import { awsStageApi } from './aws/stage-api.js'
import type { Config } from './config.js'
import type { Provenance } from './core/description.js'
import type { Report } from './core/report.js'
import { newRunState } from './core/run-state.js'
import type { Clock, DefinitionImport, Logger, RunContext, Sleep } from './ports.js'

export type { RunContext } from './ports.js'

/** What buildContext wires together besides the configuration and the report. */
export interface ContextParts {
  clients: Clients
  provenance: Provenance
  stepId: string
  clock: Clock
  sleep: Sleep
  log: Logger
  /** Aborts reads and CreateDeployment in flight when the job is cancelled. */
  signal: AbortSignal
  /** Aborts a traffic write in flight a little after a cancel (see awsStageApi). */
  writeGrace?: AbortSignal
  /** Aborts on the runner's second signal after a cancel: what runs after the rollback stops at once. */
  terminate?: AbortSignal
  /** The options the clients were made with: preflight makes its Route 53 client from them. */
  clientOptions?: ClientOptions
  /** The deadlines the clients were made with (default DEADLINES): the alarm read's. */
  deadlines?: Deadlines
  /** deploy: the openapi-file definition, read and checked before any AWS call. */
  definition?: DefinitionImport
}

/**
 * The one place a run's context is wired: the stage API over the SDK clients
 * (recording every change, simulating it under dry-run), the alarm and
 * metrics readers. run() and the unit-test harness both build it here.
 */
export function buildContext(cfg: Config, report: Report, p: ContextParts): RunContext {
  const { apigateway, cloudwatch } = p.clients
  const ids = { restApiId: cfg.restApiId, stageName: cfg.stage }
  const dims = metricDimensions(
    apigateway,
    cloudwatch,
    cfg.restApiId,
    cfg.stage,
    cfg.canaryMetricsStage
  )
  const stage = awsStageApi(p.clients, cfg.restApiId, cfg.stage, p.signal, p.writeGrace)
  const run = newRunState()
  return {
    cfg,
    api: recordingApi(stage, run.changes, p.log, ids, cfg.dryRun),
    readAlarms: alarmReader(
      cloudwatch,
      { names: cfg.alarmNames, prefix: cfg.alarmNamePrefix },
      (p.deadlines ?? DEADLINES).alarmReadMs
    ),
    readMetrics: metricsReader(
      apigateway,
      cloudwatch,
      cfg.restApiId,
      cfg.stage,
      cfg.canaryMetricsStage,
      dims
    ),
    readMetricData: metricDataReader(cloudwatch, cfg.stage, dims),
    // Loaded when preflight runs: the Route 53 SDK costs start-up time no other step needs.
    readPreflight: async (q) =>
      (await import('./preflight/aws-client.js')).readPreflightWithDns(
        p.clients,
        p.clientOptions,
        q,
        p.log
      ),
    // Loaded after a rollback only: the Logs and X-Ray SDKs cost start-up time.
    ...(p.clientOptions
      ? {
          readBackends: async (q) =>
            (await import('./backend-check/aws-client.js')).readBackendsWithClients(
              p.clients,
              p.clientOptions!,
              q,
              p.log
            ),
          readTriage: async (q, deadline, stopQuery) =>
            (await import('./triage/aws-client.js')).readTriageWithClients(
              p.clients,
              p.clientOptions!,
              q,
              deadline,
              stopQuery,
              p.sleep,
              p.log
            )
        }
      : {}),
    provenance: p.provenance,
    definition: p.definition,
    stepId: p.stepId,
    clock: p.clock,
    sleep: p.sleep,
    signal: p.signal,
    ...(p.terminate ? { terminate: p.terminate } : {}),
    log: p.log,
    report,
    said: new Set(),
    run
  }
}

export const realClock: Clock = { now: () => Date.now() }

/** setTimeout fires at once for a delay above 2^31 - 1 ms: longer waits are slept in parts. */
const MAX_TIMER_MS = 2 ** 31 - 1

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    let timer: NodeJS.Timeout
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    const wait = (left: number) => {
      timer = setTimeout(
        () => {
          if (left > MAX_TIMER_MS) return wait(left - MAX_TIMER_MS)
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
        Math.max(0, Math.min(left, MAX_TIMER_MS))
      )
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    wait(Number.isFinite(ms) ? ms : MAX_TIMER_MS)
  })
