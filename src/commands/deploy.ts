import { bake } from '../steps/bake.js'
import type { RunContext } from '../context.js'
import { mark } from '../context.js'
import { buildDescription, commitOf, sameCommit, shortCommit } from '../core/description.js'
import { formatDuration } from '../core/duration.js'
import { ConflictError, errorMessage, StateError } from '../errors.js'
import { attachCanaryOps } from '../core/patch.js'
import type { NewCanary } from '../aws/stage-api.js'
import { pct, trafficOf, type StageState } from '../core/stage.js'
import {
  actOnBake,
  checkNoConflict,
  describeCanary,
  gate,
  loadCanaryCommit,
  readStage
} from './shared.js'

/** CreateDeployment's account quota: one request every 5 s, shared by every deploy in the account and region. */
export const CREATE_THROTTLE_WAIT_MS = 5_000
/**
 * How long a deploy without a bake waits before reading its canary back. Two
 * deploys that both saw no canary both create; the later CreateDeployment
 * lands within about one round trip of the earlier one, and this wait lets the
 * earlier deploy see that its canary was replaced, and fail saying by whom.
 */
export const RACE_SETTLE_MS = 2_000

/**
 * How long deploy keeps trying a throttled CreateDeployment: room for about
 * 60 deploys queued in one account at once. A throttled call created nothing,
 * so waiting longer never risks a second deployment.
 */
export const CREATE_QUOTA_BUDGET_MS = 5 * 60_000

/**
 * The wait after a throttled CreateDeployment: 1-5 s at random. Waiting the
 * quota's whole 5 s makes parallel deploys throttled together retry together
 * and collide again; random waits spread them so the next free slot goes to
 * whoever asks first.
 */
export function quotaWaitMs(random: () => number = Math.random): number {
  return Math.round(1_000 + random() * 4_000)
}

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
        `deploy refused: while this step's CreateDeployment went unanswered, another canary appeared: ${await describeCanary(ctx, other.deploymentId)} at ${pct(other.percent)}. It is left as it is; promote or roll it back, then re-run this job.`
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
  const throttledSince: { at?: number; times: number } = { times: 0 }
  for (let attempt = 1; attempt <= cfg.maxAttempts;) {
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
        // Throttles are waited out on a time budget, not counted as attempts.
        const now = ctx.clock.now()
        throttledSince.at ??= now
        throttledSince.times++
        const waited = now - throttledSince.at
        if (waited >= CREATE_QUOTA_BUDGET_MS) {
          throw new StateError(
            `CreateDeployment was throttled ${throttledSince.times} times over ${formatDuration(waited)} by the account's deployment quota (one CreateDeployment every 5 s per account and region, shared by every deploy there); nothing was created. Re-run this job once the other deploys are done; it will work.`
          )
        }
        const wait = quotaWaitMs()
        log.warning(
          `CreateDeployment throttled by the account's deployment quota (${throttledSince.times} so far${waited >= 1000 ? `, over ${formatDuration(waited)}` : ''}): ${errorMessage(err)}; trying again in ${formatDuration(wait)}`
        )
        await ctx.sleep(wait, ctx.signal)
        continue
      }
      attempt++
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
  ifCanaryExists: 'fail' | 'replace',
  /** Whose the canary is, as its description records it (commitOf). */
  canaryCommit?: { repository: string; sha: string }
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
      why: `another canary is active on this stage: deployment ${c.deploymentId} at ${pct(c.percent)} (${canaryCommit ? `commit ${shortCommit(canaryCommit)}` : 'no commit recorded'}). Promote or roll it back first, or set if-canary-exists: replace.`
    }
  }
  return { kind: 'create', replacing: c }
}

/** Reads the stage and what its deployments record, and decides (decideDeploy). */
async function readAndDecide(ctx: RunContext): Promise<DeployDecision> {
  const { api } = ctx
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
  return decideDeploy(state, canarySame, stableSame, ctx.cfg.ifCanaryExists, commitOf(canaryDesc))
}

/** A new deployment as the stage's canary, once per commit. */
export async function deploy(ctx: RunContext): Promise<void> {
  const { cfg, log, api } = ctx
  const description = buildDescription(cfg.description, ctx.provenance, ctx.stepId)
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
    const c = ctx.report.after?.canary
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
      log.info(`Replacing canary ${replacing.deploymentId} (${pct(replacing.percent)}).`)
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
    ctx.report.drivenCanaryId = id
    ctx.report.createInFlight = false
    // A deploy that raced this one may land just after it: without a bake (whose
    // end checks the canary again), give it a moment to show before reading back.
    if (cfg.bakeTimeMs === 0 && !cfg.dryRun) await ctx.sleep(RACE_SETTLE_MS, ctx.signal)
    const state = await readStage(ctx)
    if (state.canary?.deploymentId !== id) {
      // Another run's deployment replaced this one at once: theirs is left as it is.
      ctx.report.drivenCanaryId = undefined
      const found = state.canary
        ? `${await describeCanary(ctx, state.canary.deploymentId)} at ${pct(state.canary.percent)}`
        : 'no canary'
      const reason = `conflict: this step created canary deployment ${id}, but the stage's canary is now ${found}: another run deployed at the same moment. That canary is left as it is; this commit serves no traffic. Use a workflow concurrency group per stage, then re-run this job.`
      mark(ctx, 'conflict', reason, trafficOf(state))
      throw new ConflictError(reason)
    }
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
