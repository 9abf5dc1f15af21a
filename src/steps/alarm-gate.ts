import type { RunContext } from '../ports.js'
import {
  describeBlocking,
  evaluateGate,
  gateKind,
  ungatedMessage,
  ungatedWhy,
  worstState,
  type AlarmStatus,
  type GateVerdict
} from '../core/gate.js'
import { errorMessage, GateError, InputError } from '../errors.js'
import { mark } from './timeline.js'

/**
 * Annotations for alarms not OK, once per alarm state change: ALARM is an
 * error where it gates this step, a warning where the step only reports it.
 */
function annotate(ctx: RunContext, alarms: AlarmStatus[], gating: boolean) {
  for (const a of alarms) {
    const key = `annotation ${a.name}|${a.state}|${a.updated}`
    if (a.state === 'OK' || ctx.said.has(key)) continue
    ctx.said.add(key)
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

/**
 * The alarm gate before a traffic increase or a promotion: refuses with a
 * GateError. With no alarm configured, the canary analysis may gate the bake
 * that follows (analysis: gate); else the change is ungated, which only
 * `allow-ungated: true` allows (the log, an annotation and the summary say so).
 */
export async function gate(ctx: RunContext, what: string): Promise<void> {
  if (!ctx.readAlarms) {
    const kind = gateKind(ctx.cfg)
    if (kind === 'none' && !ctx.cfg.allowUngated)
      throw new InputError('allow-ungated', ungatedMessage(ctx.cfg, `make ${what}`))
    if (!ctx.said.has('ungated')) {
      ctx.said.add('ungated')
      if (kind === 'analysis')
        ctx.log.info(
          `No alarms are configured: ${what} goes ahead, and the canary analysis (analysis: gate) judges the bake after it.`
        )
      else {
        ctx.report.ungated = true
        ctx.log.warning(
          `allow-ungated: true: ${what} is not gated on anything (${ungatedWhy(ctx.cfg)}).`,
          'Ungated release'
        )
      }
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
