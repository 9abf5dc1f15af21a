/**
 * What a bake does with the judge's verdict after a read, with and without
 * the evidence-based ramp (`advance-on-evidence`). Pure; the bake loop
 * (steps/bake.ts) and the simulation (sim/) both use it.
 *
 * - A failing verdict under `gate` fails the bake at once (like an alarm).
 * - With `advance-on-evidence`, the bake ends as soon as every gating metric
 *   is shown within its allowance (or, with no stable traffic left to compare
 *   with, the canary at 100 %, once the alarms have had their minimum bake), but never before `minBakeMs` (long enough
 *   for the gating alarms to have seen the rung: period × datapoints to
 *   alarm, plus the publication delay) and never after `maxBakeMs`; at
 *   `maxBakeMs` without evidence, `on-inconclusive` decides.
 * - Without it, the bake lasts `bakeMs`; an inconclusive verdict at its end
 *   follows `on-inconclusive` (`extend` bakes on, reading every minute,
 *   until `maxBakeMs`, ending at the first pass).
 */
import type { Outcome } from './rung-judge.js'

/** A minute's datapoints are published about a minute after it ends. */
export const PUBLICATION_DELAY_MS = 60_000

export interface BakePolicy {
  mode: 'report' | 'gate'
  advanceOnEvidence: boolean
  bakeMs: number
  maxBakeMs: number
  minBakeMs: number
  onInconclusive: 'pass' | 'fail' | 'extend'
}

export type BakeStep =
  | { action: 'continue' }
  | { action: 'fail'; why: 'worse' | 'inconclusive' }
  | { action: 'done'; why: 'evidence' | 'time' | 'pass' }
  | { action: 'extend'; untilMs: number }

/**
 * Pure: after a read at `elapsedMs` into the bake (with `verdict` undefined
 * when there is none yet), and `extended` once the bake runs past `bakeMs`.
 */
export function bakeStep(
  p: BakePolicy,
  elapsedMs: number,
  verdict: { outcome: Outcome; evidence: boolean; baseline?: boolean } | undefined,
  extended: boolean
): BakeStep {
  if (p.mode === 'report')
    return elapsedMs >= p.bakeMs ? { action: 'done', why: 'time' } : { action: 'continue' }
  if (verdict?.outcome === 'fail') return { action: 'fail', why: 'worse' }
  if (p.advanceOnEvidence) {
    // No stable side to compare with (the canary at 100 %): the alarms alone gate, for the minimum bake.
    const shown = verdict?.evidence || verdict?.baseline === false
    if (shown && elapsedMs >= p.minBakeMs) return { action: 'done', why: 'evidence' }
    if (elapsedMs < p.maxBakeMs) return { action: 'continue' }
    if (p.onInconclusive === 'pass') return { action: 'done', why: 'time' }
    return { action: 'fail', why: 'inconclusive' }
  }
  if (extended && verdict?.outcome === 'pass') return { action: 'done', why: 'pass' }
  if (elapsedMs < (extended ? p.maxBakeMs : p.bakeMs)) return { action: 'continue' }
  const outcome = verdict?.outcome ?? 'inconclusive'
  if (outcome === 'pass') return { action: 'done', why: 'time' }
  if (p.onInconclusive === 'pass') return { action: 'done', why: 'time' }
  if (p.onInconclusive === 'extend' && !extended && p.maxBakeMs > elapsedMs)
    return { action: 'extend', untilMs: p.maxBakeMs }
  return { action: 'fail', why: 'inconclusive' }
}

/** The shortest bake that lets every gating alarm see the rung: the longest period × datapoints-to-alarm, plus the publication delay. */
export function minimumBakeMs(
  alarms: ReadonlyArray<{ minTripSeconds?: number | undefined }>
): number {
  const trip = Math.max(60, ...alarms.map((a) => a.minTripSeconds ?? 0))
  return trip * 1000 + PUBLICATION_DELAY_MS
}
