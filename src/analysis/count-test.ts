/**
 * The judge's test for one count metric (5XX, 4XX, slow requests, a KPI's
 * events), minute by minute, canary against stable, with an allowance: an
 * anytime-valid "worse" test (roll back) and an anytime-valid "not worse"
 * test (evidence that the canary is within the allowance), both from
 * sequential.ts. Pure.
 *
 * Allowances:
 * - `points`: the canary's rate per request may exceed the stable side's by δ
 *   (5XX, 4XX). The stable rate p is unknown: an anytime-valid interval on it
 *   (the stable rate assumed constant over the step for this purpose) costs a
 *   fifth of the metric's α (union bound), and each test is taken at the end
 *   of the interval most lenient to its claim: "worse" tests the canary's own
 *   rate per request against p_high + δ; "within" averages the counting test
 *   at r0 = (p_high + δ)/p_high and the canary's rate against p_low + δ.
 *   With δ = 0 only the counting test runs, at r0 = 1 whatever p is, and the
 *   base rate may vary freely from minute to minute.
 * - `ratio`: the canary's rate per request may be r0 times the stable's
 *   (KPIs: 1 + max-change for higher-is-worse, 1 − max-change for lower-is-worse).
 */
import {
  logMeanExp,
  BETTER_RATIOS,
  WITHIN_RATIOS,
  WORSE_RATIOS,
  nullShare,
  rateInterval,
  shareLogE,
  type ShareObservation
} from './sequential.js'

/** One minute of one count metric on both sides. */
export interface CountMinute {
  time: number
  /** The exposure: requests (or a KPI's samples) on each side. */
  canaryRequests: number
  stableRequests: number
  /** The events counted on each side. */
  canaryEvents: number
  stableEvents: number
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
   * for the latency thresholds): they narrow the interval on the stable rate a points allowance
   * needs, under the same assumption (a steady stable rate).
   */
  stablePrior?: { events: number; requests: number }
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

/** Share of the α a `points` allowance spends on the stable side's rate interval. */
const NUISANCE_SHARE = 0.2

/**
 * An error is one request's outcome, so a minute has at most as many as it has
 * requests; a KPI's events (items sold, bytes) may outnumber the requests, and
 * the counting test (conditional on the events) does not need them to.
 */
const capped = (events: number, requests: number, cap: boolean) =>
  cap ? Math.min(events, requests) : events

const totals = (minutes: readonly CountMinute[], cap: boolean) =>
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
      return { events: ce, total: ce + se, nullShare: nullShare(rho, rateRatio) }
    })
}

/** r0 at the stable rate p for a points allowance δ (Infinity when p = 0 and δ > 0). */
function pointsRatio(p: number, delta: number): number {
  if (delta <= 0) return 1
  return p > 0 ? (p + delta) / p : Infinity
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
    : shareLogE(shareObservations(minutes, r0, cap), ratios, { ratio: 1 / r0, weight: 0.5 })
}

/** The canary's own events per request against a fixed rate `bound` (a one-sample test per request). */
function canaryRateLogE(minutes: readonly CountMinute[], bound: number, ratios: readonly number[]) {
  if (!(bound < 1)) return 0
  return shareLogE(
    minutes
      .filter((m) => m.canaryRequests > 0)
      .map((m) => ({
        events: Math.min(m.canaryEvents, m.canaryRequests),
        total: m.canaryRequests,
        nullShare: bound
      })),
    ratios
  )
}

/** Pure: both tests on the minutes so far. */
export function countTest(
  minutes: readonly CountMinute[],
  settings: CountTestSettings
): CountTestResult {
  const a = settings.allowance
  const cap = a.kind !== 'ratio'
  const t = totals(minutes, cap)
  const higher = settings.direction === 'higher-is-worse'
  const worseRatios = higher ? WORSE_RATIOS : BETTER_RATIOS
  // The within-allowance grid, pointing the other way.
  const within = WITHIN_RATIOS.map((g) => (higher ? 1 / g : g))
  let testAlpha = settings.alpha
  let evidenceAlpha = settings.evidenceAlpha
  let logE: number
  let logENotWorse: number
  if (a.kind === 'points' && a.points > 0) {
    const delta = a.points / 100
    testAlpha = settings.alpha * (1 - NUISANCE_SHARE)
    evidenceAlpha = settings.evidenceAlpha * (1 - NUISANCE_SHARE)
    // The worse test uses the interval's high end; the within test both ends, each at half the share.
    const prior = settings.stablePrior ?? { events: 0, requests: 0 }
    const se = t.stableEvents + Math.min(prior.events, prior.requests)
    const sn = t.stableRequests + prior.requests
    const forWorse = rateInterval(se, sn, settings.alpha * NUISANCE_SHARE)
    const forWithin = rateInterval(se, sn, (settings.evidenceAlpha * NUISANCE_SHARE) / 2)
    // Worse: the canary's own rate against the stable rate's high end + δ (with the stable side
    // much larger than the canary, as on the first rungs, this beats the counting test).
    // Within: two e-processes averaged, the counting test (the canary's share of both sides'
    // events) at the stable rate's high end and the canary's rate against the low end + δ.
    logE = canaryRateLogE(minutes, forWorse.upper + delta, worseRatios)
    logENotWorse = logMeanExp([
      countingWithinLogE(minutes, pointsRatio(forWithin.upper, delta), within),
      canaryRateLogE(minutes, forWithin.lower + delta, within)
    ])
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
