import type { RunContext } from '../context.js'
import { mark } from '../context.js'
import { commitOf, ownershipProblem, shortCommit } from '../core/description.js'
import { ConflictError, errorMessage, GateError, StateError } from '../errors.js'
import {
  describeBlocking,
  evaluateGate,
  worstState,
  type AlarmStatus,
  type GateVerdict
} from '../core/gate.js'
import { removeCanaryOps, setTrafficOps } from '../core/patch.js'
import type { TimelineEvent } from '../core/report.js'
import { pct, trafficOf, type Canary, type StageState } from '../core/stage.js'
import type { BakeResult } from '../steps/bake.js'

/** GetStage; the first read of the run is the report's `before`, and is logged. */
export async function readStage(ctx: RunContext): Promise<StageState> {
  const state = await ctx.api.getStage()
  if (ctx.report.before === undefined) {
    ctx.report.before = state
    const c = state.canary
    ctx.log.info(
      `Stage ${ctx.cfg.stage} of ${ctx.cfg.restApiId}: stable deployment ${state.stableDeploymentId}, ` +
        (c
          ? `canary ${c.deploymentId} at ${pct(c.percent)}`
          : state.leftover
            ? 'no canary (settings left by a promotion)'
            : 'no canary')
    )
  }
  ctx.report.after = state
  return state
}

/** The stage's canary, or a StateError that says what to do instead. */
export function requireCanary(ctx: RunContext, state: StageState): Canary {
  if (!state.canary) {
    throw new StateError(
      state.leftover
        ? `Stage '${ctx.cfg.stage}' has no canary, only the settings an unfinished promotion left behind: run promote to finish it, or deploy a new canary.`
        : `Stage '${ctx.cfg.stage}' has no canary: run deploy first.`
    )
  }
  return state.canary
}

/** Reads the canary deployment's description and the commit it records, into the report. */
export async function loadCanaryCommit(
  ctx: RunContext,
  deploymentId: string
): Promise<string | undefined> {
  const description = await ctx.api.deploymentDescription(deploymentId)
  ctx.report.canaryDescription = description
  ctx.report.canaryCommit = commitOf(description)?.sha
  return description
}

/**
 * Before raising or promoting: the canary must be this release's (deployed
 * from the workflow's commit, or the expected-canary-deployment-id), judged
 * from its deployment's `description` (loadCanaryCommit); refuses with a ConflictError that names whose
 * it is and what to do.
 */
export function requireOwnCanary(
  ctx: RunContext,
  canary: Canary,
  description: string | undefined
): void {
  const problem = ownershipProblem(
    canary.deploymentId,
    description,
    ctx.provenance,
    ctx.cfg.expectedCanaryId
  )
  if (problem) throw new ConflictError(`${ctx.cfg.command} refused: ${problem}`)
}

/** 'deployment X (commit owner/repo@abc)': whose a canary is, for a conflict message. */
export async function describeCanary(ctx: RunContext, deploymentId: string): Promise<string> {
  try {
    const c = commitOf(await ctx.api.deploymentDescription(deploymentId))
    return `deployment ${deploymentId} (${c ? `commit ${shortCommit(c)}` : 'no commit recorded'})`
  } catch {
    return `deployment ${deploymentId}`
  }
}

const annotated = new WeakMap<RunContext, Set<string>>()

/**
 * Annotations for alarms not OK, once per alarm state change: ALARM is an
 * error where it gates this step, a warning where the step only reports it.
 */
function annotate(ctx: RunContext, alarms: AlarmStatus[], gating: boolean) {
  let seen = annotated.get(ctx)
  if (!seen) annotated.set(ctx, (seen = new Set()))
  for (const a of alarms) {
    const key = `${a.name}|${a.state}|${a.updated}`
    if (a.state === 'OK' || seen.has(key)) continue
    seen.add(key)
    const text = `${a.name} is ${a.state}${a.reason ? `: ${a.reason}` : ''}`
    if (a.state === 'ALARM' && gating) ctx.log.error(text, `Alarm ${a.name}`)
    else if (a.state === 'ALARM')
      ctx.log.warning(`${text} (this step is not gated on it)`, `Alarm ${a.name}`)
    else
      ctx.log.warning(
        `${text} (insufficient-data: ${ctx.cfg.insufficientData})`,
        `No data for ${a.name}`
      )
  }
}

/** Records a read of the alarms in the report and annotates the ones that are not OK. */
export function noteAlarms(ctx: RunContext, alarms: AlarmStatus[], gating = true): GateVerdict {
  ctx.report.alarms = alarms
  ctx.report.alarmState = worstState(alarms)
  annotate(ctx, alarms, gating)
  return evaluateGate(alarms, ctx.cfg.insufficientData)
}

/** Reads the alarms once; undefined when none are configured. `gating`: whether this read gates a change. */
export async function readGate(ctx: RunContext, gating = true): Promise<GateVerdict | undefined> {
  if (!ctx.readAlarms) return undefined
  const alarms = await ctx.readAlarms(ctx.signal)
  return noteAlarms(ctx, alarms, gating)
}

const warnedUngated = new WeakSet<RunContext>()

/**
 * Reads the alarms for the report only (a step that is never gated: a
 * decrease, a rollback): a failed read is a warning, not a failed step.
 */
export async function readAlarmsForReport(ctx: RunContext): Promise<void> {
  try {
    await readGate(ctx, false)
  } catch (err) {
    ctx.log.warning(`Could not read the alarms for the report: ${errorMessage(err)}`)
  }
}

/** The alarm gate before a traffic increase or a promotion: refuses with a GateError. */
export async function gate(ctx: RunContext, what: string): Promise<void> {
  if (!ctx.readAlarms) {
    if (!warnedUngated.has(ctx)) {
      warnedUngated.add(ctx)
      ctx.log.warning(
        `No alarms are configured (alarm-names, alarm-name-prefix): ${what} is not gated on anything.`,
        'Ungated traffic change'
      )
    }
    return
  }
  const verdict = (await readGate(ctx))!
  const states = (ctx.report.alarms ?? []).map((a) => `${a.name}=${a.state}`).join(', ')
  if (!verdict.pass) {
    const reason = `gate refused ${what}: ${describeBlocking(verdict.blocking)}`
    mark(ctx, 'gate-refused', reason)
    throw new GateError(reason)
  }
  ctx.log.info(`Gate passed for ${what}: ${states}`)
}

/** Sets canary traffic with one UpdateStage and records it on the timeline. */
export async function setTraffic(
  ctx: RunContext,
  percent: number,
  event: TimelineEvent,
  detail: string
): Promise<StageState> {
  // A cancelled run raises nothing more (a decrease still goes through).
  if (ctx.signal.aborted && percent > trafficOf(ctx.report.after)) throw ctx.signal.reason
  const from = trafficOf(ctx.report.after)
  // The canary is this step's from the moment the write goes out: if its answer
  // is lost after it applied, recovery must still know to take the traffic back.
  const aimedAt = ctx.report.after?.canary?.deploymentId
  if (aimedAt !== undefined) ctx.report.drivenCanaryId = aimedAt
  const state = await ctx.api.updateStage(setTrafficOps(percent))
  ctx.report.after = state
  const hit = state.canary?.deploymentId
  if (aimedAt !== undefined && hit !== undefined && hit !== aimedAt && percent > from) {
    // API Gateway has no conditional write: another run replaced the canary between
    // this step's read and its write, and the raise landed on theirs. Put it back.
    await undoRaiseOnReplacedCanary(ctx, { aimedAt, hit, from, percent })
  }
  ctx.report.drivenCanaryId = hit
  mark(ctx, event, `${detail} (${pct(from)} → ${pct(trafficOf(state))})`, trafficOf(state))
  return state
}

async function undoRaiseOnReplacedCanary(
  ctx: RunContext,
  w: { aimedAt: string; hit: string; from: number; percent: number }
): Promise<never> {
  ctx.report.drivenCanaryId = undefined
  let undone = ''
  try {
    ctx.report.after = await ctx.api.updateStage(setTrafficOps(w.from))
    undone = `; its traffic was set back to ${pct(w.from)}, where this step found the stage`
  } catch (err) {
    undone = `; setting it back to ${pct(w.from)} failed (${errorMessage(err)}): check the stage and run rollback`
  }
  const other = await describeCanary(ctx, w.hit)
  const reason = `conflict: ${other} replaced this step's canary ${w.aimedAt} just before the increase to ${pct(w.percent)} reached it${undone}. This run changes nothing more; use a workflow concurrency group per stage.`
  mark(ctx, 'conflict', reason, trafficOf(ctx.report.after))
  throw new ConflictError(reason)
}

/**
 * Removes the canary settings. If the call fails, the stage is read again: a
 * retried removal whose first answer was lost finds nothing left to remove,
 * and that is the outcome wanted.
 */
export async function removeCanarySettings(ctx: RunContext): Promise<StageState> {
  try {
    ctx.report.after = await ctx.api.updateStage(removeCanaryOps())
  } catch (err) {
    const state = await ctx.api.getStage()
    if (state.canary || state.leftover) throw err
    ctx.log.info(
      `The canary settings are gone (${errorMessage(err)} came after they were removed).`
    )
    ctx.report.after = state
  }
  return ctx.report.after
}

/**
 * Before a traffic change in a run that already changed it: the canary must
 * still be the one this run is driving, at the traffic it set. Otherwise
 * another run (or a person) changed it, and this run stops without touching it.
 */
export async function checkNoConflict(
  ctx: RunContext,
  expected: { deploymentId: string; percent: number }
): Promise<StageState> {
  const state = await ctx.api.getStage()
  ctx.report.after = state
  const c = state.canary
  if (
    !c ||
    c.deploymentId !== expected.deploymentId ||
    Math.abs(c.percent - expected.percent) > 1e-9
  ) {
    const found = c ? `deployment ${c.deploymentId} at ${pct(c.percent)}` : 'no canary'
    const reason = `conflict: expected canary deployment ${expected.deploymentId} at ${pct(expected.percent)} but found ${found}; another run or a person changed the stage. This run changes nothing more; use a workflow concurrency group per stage.`
    mark(ctx, 'conflict', reason, trafficOf(state))
    throw new ConflictError(reason)
  }
  return state
}

/**
 * What a bake's verdict does: nothing when clean; otherwise, per `on-alarm`,
 * the canary goes to 0 % (rollback) or stays as it is (fail), and the step fails.
 */
export async function actOnBake(ctx: RunContext, result: BakeResult): Promise<void> {
  if (result.verdict === 'clean') return
  const reason = result.reason
  ctx.report.abortReason = reason
  if (ctx.cfg.onAlarm === 'rollback') {
    await ctx.log.group('Rollback', async () => {
      // One call, no read first: the README bounds alarm-to-0 % at one poll interval
      // plus one API call, and 0 % is the safe direction for any canary.
      const mine = ctx.report.after?.canary?.deploymentId
      const after = await setTraffic(ctx, 0, 'rollback', `rolled back (${result.verdict})`)
      const rolled = after.canary?.deploymentId
      if (mine !== undefined && rolled !== undefined && rolled !== mine) {
        // Another run (or a person) replaced the canary during the bake: the alarm stopped theirs too.
        const note = `the canary set to 0 % was deployment ${rolled}, which replaced this step's ${mine} during the bake (another run or a person; use a concurrency group per stage)`
        ctx.report.abortReason = `${reason}; ${note}`
        ctx.log.warning(`Rolled back: ${note}.`, 'Canary replaced during the bake')
      }
      ctx.report.outcome = 'rolled-back'
      ctx.log.info(`Canary traffic is 0%; the stable deployment serves everything.`)
    })
  } else {
    ctx.log.warning(
      `on-alarm is 'fail': canary traffic left at ${pct(trafficOf(ctx.report.after))}.`
    )
  }
  throw new GateError(reason)
}
