import type { RunContext } from '../ports.js'
import { GateError } from '../errors.js'
import { checkLine, type PreflightResult } from '../preflight/step.js'
import { checkBackends } from './decide.js'

/**
 * deploy with `openapi-file`, after PutRestApi and before CreateDeployment:
 * the backend check again, on the integrations just imported (preflight saw
 * the API before the import). Returns its rows, which replace preflight's in
 * the report (withBackendRows), and the GateError that stops the step before
 * the canary exists on a ❌; the caller records the rows, then throws `stop`.
 * Undefined in a dry run (nothing was imported), with `preflight: off`, or
 * with no reader.
 */
export async function recheckBackends(ctx: RunContext): Promise<PreflightResult | undefined> {
  const { cfg, log } = ctx
  const read = ctx.readBackends
  if (!read || cfg.preflight === 'off' || cfg.dryRun) return undefined
  const facts = await read({
    restApiId: cfg.restApiId,
    stageVariables: ctx.run.before?.variables ?? {},
    overrides: cfg.stageVariableOverrides
  })
  const rows = checkBackends(facts, {
    region: cfg.region,
    restApiId: cfg.restApiId,
    stage: cfg.stage
  })
  for (const c of rows) {
    const line = `${checkLine(c)} (after the import)`
    if (c.status === 'fail') log.error(line, `Backend: ${c.title}`)
    else if (c.status === 'warn') log.warning(line, `Backend: ${c.title}`)
    else log.info(line)
  }
  const failed = rows.filter((c) => c.status === 'fail')
  if (failed.length === 0) return { checks: rows }
  return {
    checks: rows,
    stop: new GateError(
      `backend check failed after importing ${cfg.openapiFile ?? 'the definition'} (${failed.map((c) => c.title).join('; ')}): ${failed
        .map((c) => (c.todo ?? c.found).replace(/\n/g, ' '))
        .join(' ')} The definition was imported; no canary was created.`
    )
  }
}
