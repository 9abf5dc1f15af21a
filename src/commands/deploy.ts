import { decideDeploy, type DeployDecision } from '../core/plan.js'
import { canaryCommit, recorded } from './recorded.js'
import { noteCanary } from '../core/report.js'
import { bake } from '../steps/bake.js'
import { said } from '../steps/dry-run-text.js'
import type { RunContext } from '../ports.js'
import { mark } from '../steps/timeline.js'
import { buildDescription, commitOf, sameCommit } from '../core/description.js'
import { ConflictError, StateError } from '../errors.js'
import { pct, trafficOf } from '../core/stage.js'
import { respondToBake } from './respond.js'
import { createCanary } from '../steps/create-canary.js'
import { checkNoConflict } from '../steps/traffic.js'
import { describeCanary, loadStage } from '../steps/load-stage.js'
import { gate } from '../steps/alarm-gate.js'
import { importDefinition } from '../steps/import-definition.js'
import { recheckBackends } from '../backend-check/step.js'
import { withBackendRows } from '../backend-check/decide.js'

/**
 * How long a deploy without a bake waits before reading its canary back. Two
 * deploys that both saw no canary both create; the later CreateDeployment
 * lands within about one round trip of the earlier one, and this wait lets the
 * earlier deploy see that its canary was replaced, and fail saying by whom.
 */
export const RACE_SETTLE_MS = 2_000

/** Reads the stage and what its deployments record, and decides (decideDeploy). */
async function readAndDecide(ctx: RunContext): Promise<DeployDecision> {
  const { api } = ctx
  const state = await loadStage(ctx)
  const hasCommit = ctx.provenance.sha !== undefined && ctx.provenance.repository !== undefined
  const canaryDesc = state.canary ? await canaryCommit(ctx, state.canary.deploymentId) : undefined
  const canarySame = hasCommit && sameCommit(canaryDesc, ctx.provenance)
  const stableSame =
    hasCommit && !state.canary && state.stableDeploymentId !== ''
      ? sameCommit(await api.deploymentDescription(state.stableDeploymentId), ctx.provenance)
      : false
  return decideDeploy(state, canarySame, stableSame, ctx.cfg.ifCanaryExists, commitOf(canaryDesc))
}

/** A new deployment as the stage's canary, once per commit. */
export async function deploy(ctx: RunContext): Promise<void> {
  await recorded(ctx, () => deploySteps(ctx))
}

async function deploySteps(ctx: RunContext): Promise<void> {
  const { cfg, log, api } = ctx
  // An OpenAPI file was checked before any AWS call (main.ts), and is imported just before the deployment.
  const definition = ctx.definition
  const description = buildDescription(
    cfg.description,
    ctx.provenance,
    ctx.stepId,
    definition?.sha256
  )
  const percent = cfg.percent === undefined ? cfg.steps[0]! : (cfg.percent as number)

  let decision = await log.group('Read stage', () => readAndDecide(ctx))
  if (decision.kind === 'create') {
    // Deciding took a gate's read: look again just before creating, so that a
    // canary another run made meanwhile is seen, not silently replaced.
    const seen = decision.replacing?.deploymentId
    decision = await log.group('Gate and re-read stage', async () => {
      await gate(ctx, `a new canary at ${pct(percent)}`)
      const again = await api.getStage()
      if (again.canary?.deploymentId === seen) return decision
      log.info('The canary changed while this step decided: deciding again.')
      return readAndDecide(ctx)
    })
  }

  if (decision.kind === 'noop') {
    log.info(`Nothing to deploy: ${decision.why}. No deployment was created.`)
    const c = ctx.run.stage?.canary
    if (c && c.percent === 0) {
      log.warning(
        `The canary for this commit is at 0% (rolled back). deploy leaves it there: shift sends it traffic again, a new commit deploys a fix.`,
        'Canary for this commit is at 0%'
      )
    }
    // A re-run whose first run did not finish its bake watches the canary it finds.
    if (c && c.percent > 0) await bakeAndConfirm(ctx, c.deploymentId, c.percent)
    return
  }
  if (decision.kind === 'refuse') throw new StateError(`deploy refused: ${decision.why}`)
  const replacing = decision.replacing

  await log.group(`Deploy canary at ${pct(percent)}`, async () => {
    if (replacing) {
      const was = `canary ${replacing.deploymentId} (${pct(replacing.percent)})`
      log.info(said(cfg.dryRun, `Replacing ${was}.`, `would replace ${was}.`))
    }
    if (definition) {
      await importDefinition(ctx, definition)
      // The imported integrations are what the canary will call: check them before it exists.
      const rechecked = await recheckBackends(ctx)
      if (rechecked) {
        ctx.report.preflightChecks = withBackendRows(ctx.report.preflightChecks, rechecked.checks)
        if (rechecked.stop) throw rechecked.stop
      }
    }
    const id = await createCanary(
      ctx,
      {
        description,
        percent,
        overrides: cfg.stageVariableOverrides,
        useStageCache: cfg.useStageCache
      },
      replacing?.deploymentId
    )
    ctx.run.drivenCanaryId = id
    ctx.run.createInFlight = false
    // A deploy that raced this one may land just after it: without a bake (whose
    // end checks the canary again), give it a moment to show before reading back.
    if (cfg.bakeTimeMs === 0 && !cfg.dryRun) await ctx.sleep(RACE_SETTLE_MS, ctx.signal)
    const state = await loadStage(ctx)
    if (state.canary?.deploymentId !== id) {
      // Another run's deployment replaced this one at once: theirs is left as it is.
      ctx.run.drivenCanaryId = undefined
      const found = state.canary
        ? `${await describeCanary(ctx, state.canary.deploymentId)} at ${pct(state.canary.percent)}`
        : 'no canary'
      const reason = `conflict: this step created canary deployment ${id}, but the stage's canary is now ${found}: another run deployed at the same moment. That canary is left as it is; this commit serves no traffic. Use a workflow concurrency group per stage, then re-run this job.`
      mark(ctx, 'conflict', reason, trafficOf(state))
      throw new ConflictError(reason)
    }
    // A dry run created nothing: the canary, if any, is still the one it found.
    if (!cfg.dryRun) {
      noteCanary(ctx.report, description)
    }
    mark(
      ctx,
      'deploy',
      `canary deployment ${id} created at ${pct(percent)}`,
      state.canary?.percent ?? percent
    )
    const share = `${pct(state.canary?.percent ?? percent)} of ${cfg.stage}'s traffic`
    log.info(
      said(
        cfg.dryRun,
        `Canary deployment ${id} serves ${share}.`,
        `the new canary deployment would serve ${share}.`
      )
    )
  })

  const canary = ctx.run.stage?.canary
  if (canary) await bakeAndConfirm(ctx, canary.deploymentId, percent)
}

/** With bake-time: watch the canary, act on an alarm, and confirm nobody changed it meanwhile. */
async function bakeAndConfirm(
  ctx: RunContext,
  deploymentId: string,
  percent: number
): Promise<void> {
  const { cfg, log } = ctx
  if (cfg.bakeTimeMs <= 0 || cfg.dryRun) return
  const result = await log.group(`Bake at ${pct(percent)}`, () =>
    bake(ctx, cfg.bakeTimeMs, percent)
  )
  await respondToBake(ctx, result)
  // Nobody changed the canary while this step watched it (and the outputs tell the truth).
  await checkNoConflict(ctx, { deploymentId, percent })
}
