/**
 * Preflight as a phase: read (never write), check, log one line per check,
 * keep the checks in the report, and stop the step on the failures the mode
 * says stop it (blockingChecks). docs/preflight.md describes each check.
 */
import type { RunContext } from '../ports.js'
import { jobLengthWarning } from '../core/plan.js'
import { rungsAbove } from '../core/ladder.js'
import { traitsOf } from '../commands/catalog.js'
import type { CheckResult } from './types.js'
import {
  CHECK_ICON,
  type PreflightFacts,
  type PreflightPlan,
  blockingChecks,
  preflightChecks
} from './checks.js'
import { GateError } from '../errors.js'
import { logText } from '../github/untrusted.js'

/** The ladder and bake the step is about to walk, and the commit it releases. */
function planOf(ctx: RunContext, f: PreflightFacts): PreflightPlan {
  const { cfg } = ctx
  const traits = traitsOf(cfg.command)
  const canary = f.current?.canary
  let rungs = cfg.steps
  if (traits.preflight === 'first-rung' && typeof cfg.percent === 'number')
    rungs = [cfg.percent, ...rungsAbove(cfg.steps, cfg.percent)]
  if (traits.preflight === 'above-canary' && canary && canary.percent > 0) {
    const above = rungsAbove(cfg.steps, canary.percent)
    if (above.length > 0) rungs = above
  }
  // A ramp may drive another commit's canary on purpose (expected-canary-deployment-id).
  const commit =
    traits.drivesExpectedCanary && canary && cfg.expectedCanaryId === canary.deploymentId
      ? canary.commit
      : ctx.provenance.sha
  // deploy bakes once (first-rung): the job length is the ramp's concern.
  const tooLong =
    traits.preflight === 'first-rung' ? undefined : jobLengthWarning(rungs, cfg.bakeTimeMs)
  return {
    restApiId: cfg.restApiId,
    stage: cfg.stage,
    region: cfg.region,
    domainName: cfg.domainName,
    commit,
    rungs,
    // A deploy without a bake watches nothing in this step: the alarm timing is the ramp's concern.
    bakeTimeMs: cfg.bakeTimeMs > 0 ? cfg.bakeTimeMs : Number.POSITIVE_INFINITY,
    ...(tooLong ? { rampTooLong: tooLong } : {})
  }
}

/** One log line: icon, title, what was found, what to do. */
export function checkLine(c: CheckResult): string {
  return logText(
    `${CHECK_ICON[c.status]} ${c.title}: ${c.found.replace(/\n/g, ' ')}${c.todo ? ` → ${c.todo}` : ''}`
  )
}

/** What preflight found, and the GateError that stops the step (before any change) when a check does. */
export interface PreflightResult {
  checks: CheckResult[]
  stop?: GateError
}

/** Runs preflight (undefined: it cannot, no reader); the caller records the checks, then throws `stop`. */
export async function runPreflight(
  ctx: RunContext,
  mode: 'fail' | 'warn'
): Promise<PreflightResult | undefined> {
  const read = ctx.readPreflight
  if (!read) return
  const { cfg, log } = ctx
  const traits = traitsOf(cfg.command)
  return log.group('Preflight', async (): Promise<PreflightResult> => {
    const facts = await read({
      restApiId: cfg.restApiId,
      stage: cfg.stage,
      domainName: cfg.domainName,
      hostedZoneId: cfg.hostedZoneId,
      alarmNames: cfg.alarmNames,
      alarmNamePrefix: cfg.alarmNamePrefix,
      canaryMetricsStage: cfg.canaryMetricsStage,
      // deploy creates the canary with these, and the preflight command may be given the ones it
      // will use; otherwise the backend check takes the existing canary's.
      overrides:
        traits.overrides === 'creates' ||
        (traits.overrides === 'when-given' && Object.keys(cfg.stageVariableOverrides).length > 0)
          ? cfg.stageVariableOverrides
          : undefined
    })
    const checks = preflightChecks(facts, planOf(ctx, facts))
    const blocking = blockingChecks(checks, mode, facts)
    for (const c of checks) {
      const line = checkLine(c)
      if (blocking.includes(c)) log.error(line, `Preflight: ${c.title}`)
      else if (c.status === 'warn' || c.status === 'fail')
        log.warning(line, `Preflight: ${c.title}`)
      else log.info(line)
    }
    const counts = (['pass', 'warn', 'fail', 'skipped'] as const)
      .map((s) => `${checks.filter((c) => c.status === s).length} ${CHECK_ICON[s]}`)
      .join(', ')
    log.info(`Preflight: ${counts}${blocking.length > 0 ? '' : '; nothing stops the step.'}`)
    if (blocking.length === 0) return { checks }
    return {
      checks,
      stop: new GateError(
        `preflight failed (${blocking.map((c) => c.title).join('; ')}): ${blocking
          .map((c) => (c.todo ?? c.found).replace(/\n/g, ' '))
          .join(' ')} Nothing was changed.`
      )
    }
  })
}
