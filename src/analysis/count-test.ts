/**
 * The judge's test for one count metric (5XX, 4XX, slow requests, a KPI's
 * events), minute by minute, canary against stable, with an allowance: an
 * anytime-valid "worse" test (roll back) and an anytime-valid "not worse"
 * test (evidence that the canary is within the allowance), both from
 * sequential.ts. Pure.
 *
 * Allowances:
 * - `points`: the canary's rate per request may exceed the stable side's by δ
 *   (5XX, 4XX). Both rates are unknown: each claim is a bet per minute
 *   (points-bet.ts) on both sides' counts, valid however the rates move, the
 *   stable rate's estimate only shaping the stakes (no α, no interval spent
 *   on it). With δ = 0 only the counting test runs, at r0 = 1
 *   whatever p is, and the base rate may vary freely from minute to minute.
 * - `ratio`: the canary's rate per request may be r0 times the stable's
 *   (KPIs: 1 + max-change for higher-is-worse, 1 − max-change for lower-is-worse).
 */
import {
  BETTER_RATIOS,
  WITHIN_RATIOS,
  WORSE_RATIOS,
  nullShare,
  shareLogE,
  type ShareObservation
} from './sequential.js'
import { pointsWithinLogE, pointsWorseLogE } from './points-bet.js'

/** One minute of one count metric on both sides. */
export interface CountMinute {
  time: number
  /** The exposure: requests (or a KPI's samples) on each side. */
  canaryRequests: number
  stableRequests: number
  /** The events counted on each side. */
  canaryEvents: number
  stableEvents: number
  /**
   * A KPI's sums as read (a continuous KPI's are not whole numbers): the test counts their rounded
   * values, the figures shown are these.
   */
  canaryValue?: number
  stableValue?: number
  /**
   * The "not worse" test's focus for this minute, as the canary's rate over the stable side's
   * (default: exactly as good as stable, 1 / r0), estimated from the minutes before only. Latency
   * sets it: an equal canary has fewer requests above T than stable above T / (1 + allowance), by
   * a ratio the stable side's own counts show.
   */
  focusRatio?: number
}

export type Allowance = { kind: 'points'; points: number } | { kind: 'ratio'; ratio: number }

export interface CountTestSettings {
  allowance: Allowance
  /** Which way is a regression: more events per request (errors) or fewer (successes). */
  direction: 'higher-is-worse' | 'lower-is-worse'
  /** The α this metric may spend on a false "worse" (its share of the release's). */
  alpha: number
  /** The α of a "not worse" claim (the release's, see evidence in docs/canary-analysis.md). */
  evidenceAlpha: number
  /**
   * The stable side's events and requests before the canary's minutes (the minutes a read takes
   * for the latency thresholds): a points allowance's test starts its estimate of the stable rate
   * from them (the predictive part of its e-process, so they sharpen it without being tested).
   */
  stablePrior?: { events: number; requests: number }
  /** The "worse" mixture's odds ratios when not the default grid (higher-is-worse only). */
  worseRatios?: readonly number[]
}

export interface CountTestResult {
  /** Totals over the minutes. */
  canaryRequests: number
  stableRequests: number
  canaryEvents: number
  stableEvents: number
  /** log of the "worse" e-process; worse when ≥ log(1 / test α). */
  logE: number
  /** log of the "not worse" e-process. */
  logENotWorse: number
  worse: boolean
  notWorse: boolean
  /** The e-value as a sequential p-value, min(1, 1/E): what a fixed test's p would say. */
  pValue: number
}

/**
 * An error is one request's outcome, so a minute has at most as many as it has
 * requests; a KPI's events (items sold, bytes) may outnumber the requests, and
 * the counting test (conditional on the events) does not need them to.
 */
const capped = (events: number, requests: number, cap: boolean) =>
  cap ? Math.min(events, requests) : events

/** The minutes' requests and events summed on each side (events capped as `capped` says). */
export const countTotals = (minutes: readonly CountMinute[], cap: boolean) =>
  minutes.reduce(
    (t, m) => ({
      canaryRequests: t.canaryRequests + m.canaryRequests,
      stableRequests: t.stableRequests + m.stableRequests,
      canaryEvents: t.canaryEvents + capped(m.canaryEvents, m.canaryRequests, cap),
      stableEvents: t.stableEvents + capped(m.stableEvents, m.stableRequests, cap)
    }),
    { canaryRequests: 0, stableRequests: 0, canaryEvents: 0, stableEvents: 0 }
  )

/** The minutes as share observations at the rate ratio r0 (minutes without canary requests carry nothing). */
export function shareObservations(
  minutes: readonly CountMinute[],
  rateRatio: number,
  cap = true
): ShareObservation[] {
  return minutes
    .filter((m) => m.canaryRequests > 0 && m.stableRequests > 0)
    .map((m) => {
      const rho = m.canaryRequests / (m.canaryRequests + m.stableRequests)
      const ce = capped(m.canaryEvents, m.canaryRequests, cap)
      const se = capped(m.stableEvents, m.stableRequests, cap)
      return {
        events: ce,
        total: ce + se,
        nullShare: nullShare(rho, rateRatio),
        ...(m.focusRatio !== undefined ? { focusRatio: m.focusRatio / rateRatio } : {})
      }
    })
}

function countingLogE(
  minutes: readonly CountMinute[],
  r0: number,
  ratios: readonly number[],
  cap = true
) {
  return r0 === Infinity ? 0 : shareLogE(shareObservations(minutes, r0, cap), ratios)
}

/** Half the "within" bet is on a canary exactly as good as stable (odds ratio 1/r0 against the boundary). */
function countingWithinLogE(
  minutes: readonly CountMinute[],
  r0: number,
  ratios: readonly number[],
  cap = true
) {
  return r0 === Infinity || r0 <= 0
    ? 0
    : shareLogE(shareObservations(minutes, r0, cap), ratios, {
        ratio: minutes.some((m) => m.focusRatio !== undefined) ? 'per-period' : 1 / r0,
        weight: 0.5
      })
}

/**
 * The points test's "worse" grid: odds ratios against the stable rate + δ, where the regressions
 * users care about lie (a 3-point 5XX regression over a 1 % rate and a 0.5-point allowance is
 * g ≈ 2.7; from a 0.1 % rate, g ≈ 5). Fewer, closer points than `WORSE_RATIOS` cost less of the
 * evidence (the mixture's price is about the log of the points near the truth's share of the
 * weight); regressions far beyond 20 are caught in a minute or two by the g = 20 point anyway.
 */
export const POINTS_WORSE_RATIOS: readonly number[] = [1.5, 2, 2.7, 3.6, 5, 8, 20]

/** Pure: both tests on the minutes so far. */
export function countTest(
  minutes: readonly CountMinute[],
  settings: CountTestSettings
): CountTestResult {
  const a = settings.allowance
  const cap = a.kind !== 'ratio'
  const t = countTotals(minutes, cap)
  const higher = settings.direction === 'higher-is-worse'
  const worseRatios = higher ? (settings.worseRatios ?? WORSE_RATIOS) : BETTER_RATIOS
  // The within-allowance grid, pointing the other way.
  const within = WITHIN_RATIOS.map((g) => (higher ? 1 / g : g))
  const testAlpha = settings.alpha
  const evidenceAlpha = settings.evidenceAlpha
  let logE: number
  let logENotWorse: number
  if (a.kind === 'points' && a.points > 0) {
    const delta = a.points / 100
    const prior = settings.stablePrior ?? { events: 0, requests: 0 }
    // Points allowances are for error rates: more events per request is worse.
    // Bets per minute (points-bet.ts), valid whatever the rates do from minute to minute.
    logE = pointsWorseLogE(minutes, delta, prior, POINTS_WORSE_RATIOS)
    logENotWorse = pointsWithinLogE(minutes, delta, prior)
  } else {
    const r0 = a.kind === 'ratio' ? a.ratio : 1
    logE = countingLogE(minutes, r0, worseRatios, cap)
    logENotWorse = countingWithinLogE(minutes, r0, within, cap)
  }
  return {
    ...t,
    logE,
    logENotWorse,
    worse: logE >= Math.log(1 / testAlpha),
    notWorse: logENotWorse >= Math.log(1 / evidenceAlpha),
    pValue: Math.min(1, Math.exp(-logE))
  }
}
