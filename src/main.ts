import { randomBytes } from 'node:crypto'
import * as core from '@actions/core'
import { alarmReader } from './aws/alarms.js'
import { metricsReader } from './aws/metrics.js'
import { makeClients, type Clients } from './aws/clients.js'
import { recordingApi } from './aws/recording-api.js'
import { awsStageApi } from './aws/stage-api.js'
import { deploy } from './commands/deploy.js'
import { promote } from './commands/promote.js'
import { ramp } from './commands/ramp.js'
import { rollback } from './commands/rollback.js'
import { shift } from './commands/shift.js'
import { status } from './commands/status.js'
import {
  realClock,
  realSleep,
  type Clock,
  type Logger,
  type RunContext,
  type Sleep
} from './context.js'
import { provenanceFromEnv } from './core/description.js'
import { CancelledError, errorMessage, InputError } from './errors.js'
import {
  COMMANDS as COMMANDS_LIST,
  ignoredInputs,
  parseInputs,
  type Command,
  type Config,
  type InputName
} from './github/inputs.js'
import { coreLogger, failStep } from './github/logger.js'
import { outputsOf } from './github/outputs.js'
import { newReport, type Report } from './core/report.js'
import { CANCEL_WRITE_GRACE_MS, recover } from './steps/recovery.js'
import { compareStageMetrics } from './steps/metrics-report.js'
import { renderSummary } from './github/summary.js'

const COMMANDS: Record<Command, (ctx: RunContext) => Promise<void>> = {
  deploy,
  shift,
  ramp,
  promote,
  rollback,
  status
}

/** Everything run() touches outside itself, so tests can replace any of it. */
export interface Deps {
  env: NodeJS.ProcessEnv
  clock: Clock
  sleep: Sleep
  log: Logger
  makeClients: (cfg: Config) => Clients
  /** Where SIGINT/SIGTERM arrive (process in production). */
  signals: Pick<NodeJS.EventEmitter, 'on' | 'off'>
}

export function defaultDeps(): Deps {
  return {
    env: process.env,
    clock: realClock,
    sleep: realSleep,
    log: coreLogger,
    makeClients,
    signals: process
  }
}

function writeOutputs(report: Report) {
  for (const [k, v] of Object.entries(outputsOf(report))) core.setOutput(k, v)
}

/** GitHub refuses a step summary over 1 MiB; stay well under it. */
const SUMMARY_LIMIT = 1_000_000

async function writeSummary(report: Report, log: Logger) {
  try {
    let md = renderSummary(report)
    if (Buffer.byteLength(md) > SUMMARY_LIMIT) {
      md = `${Buffer.from(md)
        .subarray(0, SUMMARY_LIMIT - 200)
        .toString()}\n\n> [!NOTE]\n> Summary cut at GitHub's 1 MiB limit; the \`report\` output has everything.\n`
    }
    await core.summary.addRaw(md).write({ overwrite: false })
  } catch (err) {
    // No GITHUB_STEP_SUMMARY outside a runner: the logs have it all.
    log.info(`(no job summary written: ${errorMessage(err)})`)
  }
}

const cut = (s: string, max = 128) => (s.length > max ? `${s.slice(0, max - 3)}...` : s)

/** The action: one step of a canary release. Returns the report it wrote outputs and a summary from. */
export async function run(deps: Deps = defaultDeps()): Promise<Report> {
  const { log } = deps
  const read = (name: InputName) => core.getInput(name, { trimWhitespace: false })
  let cfg: Config
  try {
    cfg = parseInputs(read, deps.env)
  } catch (err) {
    const report = newReport(
      {
        command: (COMMANDS_LIST.includes(read('command').trim() as Command)
          ? read('command').trim()
          : 'status') as Command,
        // As typed (cut: a bad input can be huge), even when some other input was bad.
        restApiId: cut(read('rest-api-id').trim()),
        stage: cut(read('stage').trim()),
        dryRun: false,
        steps: [],
        // Configured as typed: alarm-state then says 'not read'.
        alarmNames: read('alarm-names').trim() ? [cut(read('alarm-names'))] : [],
        alarmNamePrefix: cut(read('alarm-name-prefix').trim()) || undefined
      },
      new Date(deps.clock.now())
    )
    report.abortReason = err instanceof InputError ? err.message : errorMessage(err)
    report.finishedAt = new Date(deps.clock.now()).toISOString()
    writeOutputs(report)
    await writeSummary(report, log)
    failStep(report.abortReason)
    return report
  }

  for (const name of ignoredInputs(cfg, read))
    log.warning(`Input '${name}' is not used by ${cfg.command}; it was ignored.`)
  const report = newReport(cfg, new Date(deps.clock.now()))
  const cancel = new AbortController()
  const writeGrace = new AbortController()
  let graceTimer: NodeJS.Timeout | undefined
  const onSignal = (signal: string) => {
    if (cancel.signal.aborted) return
    log.warning(`Received ${signal}: cancelling.`)
    cancel.abort(new CancelledError(`cancelled: the runner sent ${signal}`))
    graceTimer = setTimeout(() => writeGrace.abort(cancel.signal.reason), CANCEL_WRITE_GRACE_MS)
    graceTimer.unref()
  }
  const onInt = () => onSignal('SIGINT')
  const onTerm = () => onSignal('SIGTERM')
  deps.signals.on('SIGINT', onInt)
  deps.signals.on('SIGTERM', onTerm)

  const clients = deps.makeClients(cfg)
  const ids = { restApiId: cfg.restApiId, stageName: cfg.stage }
  const ctx: RunContext = {
    cfg,
    api: recordingApi(
      awsStageApi(
        clients.apigateway,
        clients.apigatewayOnce,
        cfg.restApiId,
        cfg.stage,
        cancel.signal,
        writeGrace.signal
      ),
      report,
      log,
      ids,
      cfg.dryRun
    ),
    readAlarms: alarmReader(clients.cloudwatch, {
      names: cfg.alarmNames,
      prefix: cfg.alarmNamePrefix
    }),
    readMetrics: metricsReader(
      clients.apigateway,
      clients.cloudwatch,
      cfg.restApiId,
      cfg.stage,
      cfg.canaryMetricsStage
    ),
    provenance: provenanceFromEnv(deps.env),
    stepId: randomBytes(4).toString('hex'),
    clock: deps.clock,
    sleep: deps.sleep,
    signal: cancel.signal,
    log,
    report
  }
  if (cfg.dryRun)
    log.info('dry-run: reading and gating only; calls that would change the stage are printed.')

  let failure: unknown
  const fail = async (err: unknown) => {
    // Whatever broke once the runner said stop (an aborted read, say) is the cancellation.
    failure = cancel.signal.aborted ? cancel.signal.reason : err
    report.abortReason ??= errorMessage(failure)
    await recover(ctx, failure)
  }
  try {
    await COMMANDS[cfg.command](ctx)
    // Cancelled while a call was in flight: the command finished, but the job is going away.
    if (cancel.signal.aborted) throw cancel.signal.reason
  } catch (err) {
    await fail(err)
  }
  try {
    // After the step (status compares during its reads). Not after a cancel:
    // the runner's grace is for the rollback and the outputs.
    if (!cancel.signal.aborted && cfg.command !== 'status') {
      await compareStageMetrics(ctx)
      // Cancelled during the comparison: the step's change stands, and the job is going away.
      if (failure === undefined && cancel.signal.aborted) await fail(cancel.signal.reason)
    }
  } finally {
    clearTimeout(graceTimer)
    deps.signals.off('SIGINT', onInt)
    deps.signals.off('SIGTERM', onTerm)
    for (const c of [clients.apigateway, clients.apigatewayOnce, clients.cloudwatch]) c.destroy()
  }
  report.finishedAt = new Date(deps.clock.now()).toISOString()
  // A dry run changed nothing: the outputs describe the stage as it is; the
  // summary shows the calls it would have made.
  if (cfg.dryRun) {
    report.after = report.before
    report.outcome = undefined
    report.previousStableDeploymentId = undefined
  }
  writeOutputs(report)
  await writeSummary(report, log)
  if (failure !== undefined) failStep(report.abortReason ?? errorMessage(failure))
  return report
}
