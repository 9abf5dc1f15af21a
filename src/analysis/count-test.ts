/**
 * The judge's test for one count metric (5XX, 4XX, slow requests, a KPI's
 * events), minute by minute, canary against stable, with an allowance: an
 * anytime-valid "worse" test (roll back) and an anytime-valid "not worse"
 * test (evidence that the canary is within the allowance), both from
 * sequential.ts. Pure.
 *
 * Allowances:
 * - `points`: the canary's rate per request may exceed the stable side's by δ
 *   (5XX, 4XX). The null's boundary as a rate ratio is r0 = (p + δ)/p, p the
 *   stable rate, unknown: it is bounded by an anytime-valid interval on the
 *   stable side's rate (assumed constant over the bake for this purpose), and
 *   the worse test is taken at the interval's low end (the ratio most lenient
 *   to the canary), the not-worse test at its high end. The interval costs a
 *   fifth of the metric's α (union bound). With δ = 0 no interval is needed
 *   (r0 = 1 whatever p is) and the base rate may vary freely.
 * - `ratio`: the canary's rate per request may be r0 times the stable's
 *   (KPIs: 1 + max-change for higher-is-worse, 1 − max-change for lower-is-worse).
 */
import {
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

const totals = (minutes: readonly CountMinute[]) =>
  minutes.reduce(
    (t, m) => ({
      canaryRequests: t.canaryRequests + m.canaryRequests,
      stableRequests: t.stableRequests + m.stableRequests,
      canaryEvents: t.canaryEvents + Math.min(m.canaryEvents, m.canaryRequests),
      stableEvents: t.stableEvents + Math.min(m.stableEvents, m.stableRequests)
    }),
    { canaryRequests: 0, stableRequests: 0, canaryEvents: 0, stableEvents: 0 }
  )

/** The minutes as share observations at the rate ratio r0 (minutes without canary requests carry nothing). */
export function shareObservations(
  minutes: readonly CountMinute[],
  rateRatio: number
): ShareObservation[] {
  return minutes
    .filter((m) => m.canaryRequests > 0 && m.stableRequests > 0)
    .map((m) => {
      const rho = m.canaryRequests / (m.canaryRequests + m.stableRequests)
      const ce = Math.min(m.canaryEvents, m.canaryRequests)
      const se = Math.min(m.stableEvents, m.stableRequests)
      return { events: ce, total: ce + se, nullShare: nullShare(rho, rateRatio) }
    })
}

/** r0 at the stable rate p for a points allowance δ (Infinity when p = 0 and δ > 0). */
function pointsRatio(p: number, delta: number): number {
  if (delta <= 0) return 1
  return p > 0 ? (p + delta) / p : Infinity
}

/** Pure: both tests on the minutes so far. */
export function countTest(
  minutes: readonly CountMinute[],
  settings: CountTestSettings
): CountTestResult {
  const t = totals(minutes)
  const higher = settings.direction === 'higher-is-worse'
  const worseRatios = higher ? WORSE_RATIOS : BETTER_RATIOS
  // The within-allowance grid, pointing the other way.
  const within = WITHIN_RATIOS.map((g) => (higher ? 1 / g : g))
  let testAlpha = settings.alpha
  let evidenceAlpha = settings.evidenceAlpha
  let r0Worse: number
  let r0NotWorse: number
  const a = settings.allowance
  if (a.kind === 'points' && a.points > 0) {
    const delta = a.points / 100
    testAlpha = settings.alpha * (1 - NUISANCE_SHARE)
    evidenceAlpha = settings.evidenceAlpha * (1 - NUISANCE_SHARE)
    const low = rateInterval(t.stableEvents, t.stableRequests, settings.alpha * NUISANCE_SHARE)
    const high = rateInterval(
      t.stableEvents,
      t.stableRequests,
      settings.evidenceAlpha * NUISANCE_SHARE
    )
    r0Worse = pointsRatio(low.lower, delta)
    r0NotWorse = pointsRatio(high.upper, delta)
  } else {
    r0Worse = a.kind === 'ratio' ? a.ratio : 1
    r0NotWorse = r0Worse
  }
  const logE =
    r0Worse === Infinity ? 0 : shareLogE(shareObservations(minutes, r0Worse), worseRatios)
  // Half the "not worse" bet is on a canary exactly as good as stable (odds ratio 1/r0 against the boundary).
  const logENotWorse =
    r0NotWorse === Infinity || r0NotWorse <= 0
      ? 0
      : shareLogE(shareObservations(minutes, r0NotWorse), within, {
          ratio: 1 / r0NotWorse,
          weight: 0.5
        })
  return {
    ...t,
    logE,
    logENotWorse,
    worse: logE >= Math.log(1 / testAlpha),
    notWorse: logENotWorse >= Math.log(1 / evidenceAlpha),
    pValue: Math.min(1, Math.exp(-logE))
  }
}
