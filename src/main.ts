import { randomBytes } from 'node:crypto'
import {
  clientOptions,
  DEADLINES,
  destroyClients,
  makeClients,
  type Clients,
  type Deadlines
} from './aws/clients.js'
import { explainFailure } from './aws/explain-error.js'
import { listenForCancel } from './cancellation.js'
import { noteInvestigation } from './analysis/step-investigation.js'
import { buildContext, realClock, realSleep, type RunContext } from './context.js'
import { provenanceFromEnv } from './core/description.js'
import { newReport, noteCanary, type Report } from './core/report.js'
import { recordRun } from './core/run-state.js'
import { errorMessage } from './errors.js'
import {
  badInputsReport,
  ignoredInputs,
  parseInputs,
  type Config,
  type InputName
} from './github/inputs.js'
import { runnerLogger } from './github/logger.js'
import { getInput } from '@actions/core'
import { maskGivenSecrets } from './github/secrets.js'
import { finishStep, rewriteStep } from './github/step-report.js'
import type { Clock, Logger, Sleep } from './ports.js'
import { recordOnGitHub } from './deployment-record/step.js'
import { compareStageMetrics } from './analysis/step-metrics-report.js'
import type { ReadDefinition } from './steps/import-definition.js'
import { recover } from './steps/recovery.js'
import { traitsOf } from './commands/catalog.js'
import { loadCommand } from './commands/index.js'

/** Everything run() touches outside itself, so tests can replace any of it. */
export interface Deps {
  env: NodeJS.ProcessEnv
  clock: Clock
  sleep: Sleep
  log: Logger
  /** `log` gets a debug line for every AWS call. */
  makeClients: (cfg: Config, log: Logger, deadlines: Deadlines) => Clients
  /** How long AWS may stay silent (tests shrink them). */
  deadlines?: Deadlines
  /** Where SIGINT/SIGTERM arrive (process in production). */
  signals: Pick<NodeJS.EventEmitter, 'on' | 'off'>
}

export function defaultDeps(): Deps {
  return {
    env: process.env,
    clock: realClock,
    sleep: realSleep,
    log: runnerLogger,
    makeClients,
    signals: process
  }
}

/** An input as the runner passes it, untrimmed (each parser trims what it should). */
const readInput = (name: InputName): string => getInput(name, { trimWhitespace: false })

/**
 * The action: one step of a canary release. Parse the inputs, build the
 * context, run the command, recover from a failure, then write the outputs and
 * the summary. Returns the report it wrote them from.
 */
export async function run(deps: Deps = defaultDeps()): Promise<Report> {
  const now = () => new Date(deps.clock.now())
  // Before anything can echo them: an error quoting a request header, a bad input's report.
  maskGivenSecrets(readInput, deps.env)
  let cfg: Config
  let local: ReadDefinition | undefined
  try {
    cfg = parseInputs(readInput, deps.env)
    // What the step reads from disk is checked like an input: before any AWS call.
    // (Loaded only then: the YAML parser costs start-up time no other step needs.)
    if (traitsOf(cfg.command).importsDefinition && cfg.openapiFile !== undefined)
      local = (await import('./steps/import-definition.js')).readDefinition(cfg, deps.env)
  } catch (err) {
    return finishStep(badInputsReport(readInput, err, now()), err, deps.log)
  }
  for (const name of ignoredInputs(cfg, readInput))
    deps.log.warning(`Input '${name}' is not used by ${cfg.command}; it was ignored.`)
  for (const w of local?.warnings ?? [])
    deps.log.warning(`${cfg.openapiFile}: ${w}`, 'OpenAPI definition warning')

  const report = newReport(cfg, now())
  const cancel = listenForCancel(deps.signals, deps.log)
  const deadlines = deps.deadlines ?? DEADLINES
  const clients = deps.makeClients(cfg, deps.log, deadlines)
  const ctx = buildContext(cfg, report, {
    clients,
    provenance: provenanceFromEnv(deps.env),
    stepId: randomBytes(4).toString('hex'),
    clock: deps.clock,
    sleep: deps.sleep,
    log: deps.log,
    signal: cancel.signal,
    writeGrace: cancel.writeGrace,
    terminate: cancel.terminate,
    clientOptions: clientOptions(cfg, deadlines),
    deadlines,
    definition: local?.definition
  })
  let failure: unknown
  try {
    failure = await runCommand(ctx)
    // After the command and its recovery: GitHub never delays a rollback.
    report.githubDeploymentId = await recordOnGitHub(ctx, failure, deps.env)
    report.finishedAt = now().toISOString()
    if (cfg.dryRun) asNothingChanged(report)
    await finishStep(report, failure, deps.log)
    // After a cancel's rollback, with the outputs and summary safe: triage in
    // what is left of the runner's grace, then both again (docs/triage.md#time-budget).
    if (cancel.signal.aborted && report.outcome === 'rolled-back' && cfg.triageEnabled) {
      const { triageAfterCancel } = await import('./triage/step.js')
      const triage = await triageAfterCancel(ctx)
      if (triage) {
        report.triage = triage
        await rewriteStep(report, deps.log)
      }
    }
  } finally {
    cancel.stop()
    destroyClients(clients)
  }
  return report
}

/**
 * Runs the command, and after a failure brings traffic back (recover); then
 * puts the canary's metrics beside the stable side's. Returns the failure,
 * undefined when the step succeeded. Whatever breaks once the runner said stop
 * (an aborted read, say) is the cancellation.
 */
async function runCommand(ctx: RunContext): Promise<unknown> {
  const { signal, report, cfg } = ctx
  const traits = traitsOf(cfg.command)
  let failure: unknown
  const fail = async (err: unknown) => {
    failure = signal.aborted ? signal.reason : err
    const recovered = await recover(ctx, failure)
    recordRun(report, ctx.run)
    if (recovered) noteCanary(report, recovered.adopted)
    // The reason the step gave (an alarm's) stays first; a setup mistake's one-line explanation
    // follows it (the rollback then met it), or stands for the bare error.
    const given = report.abortReason
    const explained = explainFailure(report, failure, cfg)
    report.abortReason =
      given && explained
        ? `${given}; then ${explained}`
        : (explained ?? given ?? errorMessage(failure))
  }
  if (cfg.dryRun)
    ctx.log.info('dry-run: reading and gating only; calls that would change the stage are printed.')
  try {
    // deploy and ramp: preflight first, before any change (docs/preflight.md).
    const first = traits.preflightFirst ? cfg.preflight : 'off'
    if (first !== 'off') {
      const result = await (await import('./preflight/step.js')).runPreflight(ctx, first)
      if (result) report.preflightChecks = result.checks
      if (result?.stop) throw result.stop
    }
    await (
      await loadCommand(cfg.command)
    )(ctx)
    // Cancelled while a call was in flight: the command finished, but the job is going away.
    if (signal.aborted) throw signal.reason
  } catch (err) {
    await fail(err)
  }
  // After the step (status compares during its reads). Not after a cancel:
  // the runner's grace is for the rollback and the outputs.
  if (!signal.aborted && traits.metrics === 'after') {
    const metrics = await compareStageMetrics(ctx)
    if (metrics) report.metrics = metrics
    // Cancelled during the comparison: the step's change stands, and the job is going away.
    if (failure === undefined && signal.aborted) await fail(signal.reason)
  }
  if (!signal.aborted) report.investigation = noteInvestigation(ctx, failure !== undefined)
  // After the rollback and the links: the canary's top errors, within a small budget (docs/triage.md).
  if (!signal.aborted && report.outcome === 'rolled-back' && cfg.triageEnabled) {
    const triage = await (await import('./triage/step.js')).runTriage(ctx)
    if (triage) report.triage = triage
  }
  return failure
}

/** A dry run changed nothing: the outputs describe the stage as it is; the summary shows the calls it would have made. */
function asNothingChanged(report: Report): void {
  report.after = report.before
  report.outcome = undefined
  report.previousStableDeploymentId = undefined
}
