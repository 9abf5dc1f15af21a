import { bake } from '../bake.js'
import type { RunContext } from '../context.js'
import { mark } from '../context.js'
import { buildDescription, commitOf, sameCommit } from '../description.js'
import { ConflictError, errorMessage, StateError } from '../errors.js'
import { attachCanaryOps } from '../patch.js'
import type { NewCanary } from '../aws/stage-api.js'
import { pct, type StageState } from '../stage.js'
import { actOnBake, checkNoConflict, gate, loadCanaryCommit, readStage } from './shared.js'

/** CreateDeployment's 1-request-per-5-s account quota: the wait before trying again after a throttle. */
export const CREATE_THROTTLE_WAIT_MS = 5_000

function statusOf(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode
}

/** Throttled: the request was refused, so nothing was created and it can be sent again. */
export function isThrottle(err: unknown): boolean {
  const name = (err as Error)?.name
  return (
    name === 'TooManyRequestsException' ||
    name === 'LimitExceededException' ||
    statusOf(err) === 429
  )
}

/**
 * Ambiguous: no answer, or a server-side failure; the deployment may or may
 * not exist. Any other 4xx is a definite refusal.
 */
export function isAmbiguous(err: unknown): boolean {
  const status = statusOf(err)
  return status === undefined || status >= 500
}

/**
 * Creates the canary deployment without ever making two: CreateDeployment is
 * sent with one SDK attempt; a throttle waits and sends again; an ambiguous
 * failure re-reads the stage (and the deployments) before deciding, adopts a
 * deployment this step made whose answer was lost (the description carries
 * the step's id), and sends again only after a second look 5 s later.
 * `replacing` is the canary the step decided to replace, if any.
 */
export async function createCanary(
  ctx: RunContext,
  c: NewCanary,
  replacing: string | undefined
): Promise<string> {
  const { api, log, cfg } = ctx
  /** This step's deployment, attached as the canary or not; undefined when there is none. */
  const findMine = async (): Promise<string | undefined> => {
    const state = await readStage(ctx)
    const other = state.canary
    if (other && (await api.deploymentDescription(other.deploymentId)) === c.description) {
      log.info(
        `The deployment was created: canary ${other.deploymentId} carries this step's description.`
      )
      return other.deploymentId
    }
    if (
      other &&
      other.deploymentId !== replacing &&
      other.percent > 0 &&
      cfg.ifCanaryExists === 'fail'
    ) {
      // Another run owns the stage now: a conflict, and nothing of it is touched.
      throw new ConflictError(
        `deploy refused: while this step's CreateDeployment went unanswered, another canary appeared: deployment ${other.deploymentId} at ${pct(other.percent)}.`
      )
    }
    const orphan = await api.findDeployment(c.description)
    if (orphan) {
      log.info(`Deployment ${orphan} was created but not attached: attaching it as the canary.`)
      ctx.report.after = await api.updateStage(
        attachCanaryOps(orphan, c.percent, c.overrides, c.useStageCache)
      )
      return orphan
    }
    return undefined
  }
  let lastErr: unknown
  for (let attempt = 1; attempt <= cfg.maxAttempts; attempt++) {
    // A cancelled step creates nothing more.
    if (ctx.signal.aborted) throw ctx.signal.reason
    ctx.report.createInFlight = true
    try {
      return await api.createCanaryDeployment(c)
    } catch (err) {
      // Cancelled while the call was out: recovery re-reads the stage and takes back what it made.
      if (ctx.signal.aborted) throw ctx.signal.reason
      lastErr = err
      // A throttle or another clear refusal: nothing was created.
      if (!isAmbiguous(err)) ctx.report.createInFlight = false
      if (isThrottle(err)) {
        log.warning(
          `CreateDeployment throttled (attempt ${attempt}/${cfg.maxAttempts}): ${errorMessage(err)}; waiting ${CREATE_THROTTLE_WAIT_MS / 1000}s`
        )
        await ctx.sleep(CREATE_THROTTLE_WAIT_MS, ctx.signal)
        continue
      }
      if (!isAmbiguous(err)) throw err
      log.warning(
        `CreateDeployment failed without a clear answer (${errorMessage(err)}): re-reading the stage before deciding.`
      )
      const found = await findMine()
      if (found) return found
      // A creation still in progress shows up a moment later; the quota wants the pause anyway.
      log.info(
        `No deployment of this step yet: looking again in ${CREATE_THROTTLE_WAIT_MS / 1000}s.`
      )
      await ctx.sleep(CREATE_THROTTLE_WAIT_MS, ctx.signal)
      const late = await findMine()
      if (late) return late
      log.info('No deployment was created: sending CreateDeployment again.')
    }
  }
  throw lastErr
}

type DeployDecision =
  | { kind: 'create'; replacing: StageState['canary'] }
  | { kind: 'noop'; why: string }
  | { kind: 'refuse'; why: string }

/** Pure: what deploy does, given the stage and what the canary and the stable deployment record. */
export function decideDeploy(
  state: StageState,
  canaryIsThisCommit: boolean,
  stableIsThisCommit: boolean,
  ifCanaryExists: 'fail' | 'replace'
): DeployDecision {
  const c = state.canary
  if (c && canaryIsThisCommit) {
    return {
      kind: 'noop',
      why: `the canary ${c.deploymentId} (${pct(c.percent)}) already carries this commit`
    }
  }
  if (!c && stableIsThisCommit) {
    return {
      kind: 'noop',
      why: `the stable deployment ${state.stableDeploymentId} already carries this commit`
    }
  }
  if (c && c.percent > 0 && ifCanaryExists === 'fail') {
    return {
      kind: 'refuse',
      why: `another canary is active on this stage: deployment ${c.deploymentId} at ${pct(c.percent)}. Promote or roll it back first, or set if-canary-exists: replace.`
    }
  }
  return { kind: 'create', replacing: c }
}

/** A new deployment as the stage's canary, once per commit. */
export async function deploy(ctx: RunContext): Promise<void> {
  const { cfg, log, api } = ctx
  const description = buildDescription(cfg.description, ctx.provenance, ctx.stepId)
  const percent = cfg.percent === undefined ? cfg.steps[0]! : (cfg.percent as number)

  const decision = await log.group('Read stage', async () => {
    const state = await readStage(ctx)
    const hasCommit = ctx.provenance.sha !== undefined && ctx.provenance.repository !== undefined
    const canaryDesc = state.canary
      ? await loadCanaryCommit(ctx, state.canary.deploymentId)
      : undefined
    const canarySame = hasCommit && sameCommit(canaryDesc, ctx.provenance)
    const stableSame =
      hasCommit && !state.canary && state.stableDeploymentId !== ''
        ? sameCommit(await api.deploymentDescription(state.stableDeploymentId), ctx.provenance)
        : false
    return decideDeploy(state, canarySame, stableSame, cfg.ifCanaryExists)
  })

  if (decision.kind === 'noop') {
    log.info(`Nothing to deploy: ${decision.why}. No deployment was created.`)
    const c = ctx.report.before?.canary
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

  await log.group(`Deploy canary at ${pct(percent)}`, async () => {
    if (decision.replacing) {
      log.info(
        `Replacing canary ${decision.replacing.deploymentId} (${pct(decision.replacing.percent)}).`
      )
    }
    await gate(ctx, `a new canary at ${pct(percent)}`)
    const id = await createCanary(
      ctx,
      {
        description,
        percent,
        overrides: cfg.stageVariableOverrides,
        useStageCache: cfg.useStageCache
      },
      decision.replacing?.deploymentId
    )
    ctx.report.drivenCanaryId = id
    ctx.report.createInFlight = false
    const state = await readStage(ctx)
    // A dry run created nothing: the canary, if any, is still the one it found.
    if (!cfg.dryRun) {
      ctx.report.canaryDescription = description
      ctx.report.canaryCommit = commitOf(description)?.sha
    }
    mark(
      ctx,
      'deploy',
      `canary deployment ${id} created at ${pct(percent)}`,
      state.canary?.percent ?? percent
    )
    log.info(
      `Canary deployment ${id} serves ${pct(state.canary?.percent ?? percent)} of ${cfg.stage}'s traffic.`
    )
  })

  const canary = ctx.report.after?.canary
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
  await actOnBake(ctx, result)
  // Nobody changed the canary while this step watched it (and the outputs tell the truth).
  await checkNoConflict(ctx, { deploymentId, percent })
}
