/**
 * The judge's test for one count metric (5XX, 4XX, slow requests, a KPI's
 * events), minute by minute, canary against stable, with an allowance: an
 * anytime-valid "worse" test (roll back) and an anytime-valid "not worse"
 * test (evidence that the canary is within the allowance), both from
 * sequential.ts. Pure.
 *
 * Allowances:
 * - `points`: the canary's rate per request may exceed the stable side's by δ
 *   (5XX, 4XX). Both rates are unknown. "Worse" (assumed steady over the
 *   step for this purpose): a universal-inference e-process (pointsLogE below)
 *   fits the stable rate from the stable side's whole sample, so the nuisance
 *   costs no α and no interval. "Within": a bet per minute (points-bet.ts),
 *   valid however the rates move. With δ = 0 only the counting test runs, at r0 = 1
 *   whatever p is, and the base rate may vary freely from minute to minute.
 * - `ratio`: the canary's rate per request may be r0 times the stable's
 *   (KPIs: 1 + max-change for higher-is-worse, 1 − max-change for lower-is-worse).
 */
import {
  logMeanExp,
  BETTER_RATIOS,
  WITHIN_RATIOS,
  WORSE_RATIOS,
  nullShare,
  shareLogE,
  type ShareObservation
} from './sequential.js'
import { pointsWithinLogE } from './points-bet.js'

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
 * log of the binomial likelihood of `x` events out of `n` at rate `q` (without the binomial
 * coefficient, which cancels in every ratio below).
 */
function logLik(x: number, n: number, q: number): number {
  const a = x > 0 ? x * Math.log(q) : 0
  const b = n - x > 0 ? (n - x) * Math.log1p(-q) : 0
  return a + b
}

/** The odds of `q` multiplied by `g`, back as a rate. */
const oddsTimes = (q: number, g: number) => (g * q) / (1 - q + g * q)

/**
 * log sup over the null of both sides' likelihood: the stable rate p free, the canary's at the
 * boundary p + δ when the data lie on the alternative's side of it (`worse`: canary above p + δ;
 * else below), the unconstrained maximum otherwise. The constrained log-likelihood is concave in p;
 * its maximum lies between the two sides' own estimates, found by bisection on the derivative.
 */
function nullSupLogLik(
  xs: number,
  ns: number,
  xc: number,
  nc: number,
  delta: number,
  worse: boolean
): number {
  const ps = ns > 0 ? xs / ns : 0
  const pc = nc > 0 ? xc / nc : 0
  const free = logLik(xs, ns, ps) + logLik(xc, nc, pc)
  if (worse ? pc <= ps + delta : pc >= ps + delta) return free
  const tiny = 1e-12
  const d = (p: number) =>
    xs / p - (ns - xs) / (1 - p) + xc / (p + delta) - (nc - xc) / (1 - p - delta)
  let lo = worse ? ps : Math.max(0, pc - delta)
  let hi = worse ? Math.min(1 - delta, pc - delta) : Math.min(1 - delta, ps)
  lo = Math.max(tiny, lo)
  hi = Math.min(1 - delta - tiny, Math.max(lo, hi))
  for (let i = 0; i < 80 && hi - lo > 1e-12; i++) {
    const mid = (lo + hi) / 2
    if (d(mid) > 0) lo = mid
    else hi = mid
  }
  const p = (lo + hi) / 2
  return logLik(xs, ns, p) + logLik(xc, nc, p + delta)
}

/**
 * A points allowance's "worse" test (5XX, 4XX): H0 "the canary's rate per request is at most the
 * stable rate + δ", both rates unknown and steady over the step.
 * Universal inference (Wasserman, Ramdas & Balakrishnan, PNAS 2020): the e-process is a
 * predictive likelihood of the data (a probability of them, built minute by minute from the
 * minutes before) over the null's maximum likelihood of the same data. For every rate pair of the
 * null the first over the second's likelihood is a test martingale, and the maximum only lowers
 * it, so Ville's bound holds. The predictive: the stable side's rate estimated from the minutes
 * before (the stable prior, then the judged minutes so far); the canary's a mixture over odds
 * ratios g > 1 of that estimate + δ. The stable side's whole sample enters the null's fit, so its
 * rate costs no α and no interval: with the stable side 19 times the canary, the test is nearly
 * the canary's one-sample test against the stable rate + δ.
 */
function pointsLogE(
  minutes: readonly CountMinute[],
  delta: number,
  prior: { events: number; requests: number },
  ratios: readonly number[]
): number {
  let px = Math.min(prior.events, prior.requests)
  let pn = prior.requests
  let stablePred = 0
  const comps = ratios.map(() => 0)
  let xs = 0
  let ns = 0
  let xc = 0
  let nc = 0
  for (const m of minutes) {
    const ce = Math.min(m.canaryEvents, m.canaryRequests)
    const se = Math.min(m.stableEvents, m.stableRequests)
    if (!(pn > 0) && m.stableRequests > 0) {
      // No minutes before: the first stable minute is the prior (conditioned on, not tested; the
      // canary's minutes are independent of it given the rates, so its canary counts still count).
      px = se
      pn = m.stableRequests
      const p0 = (px + 0.5) / (pn + 1)
      ratios.forEach((g, j) => {
        comps[j] =
          comps[j]! + logLik(ce, m.canaryRequests, oddsTimes(Math.min(1 - 1e-9, p0 + delta), g))
      })
      xc += ce
      nc += m.canaryRequests
      continue
    }
    const p = (px + 0.5) / (pn + 1)
    const b = Math.min(1 - 1e-9, p + delta)
    stablePred += logLik(se, m.stableRequests, p)
    ratios.forEach((g, j) => {
      comps[j] = comps[j]! + logLik(ce, m.canaryRequests, oddsTimes(b, g))
    })
    px += se
    pn += m.stableRequests
    xs += se
    ns += m.stableRequests
    xc += ce
    nc += m.canaryRequests
  }
  if (!(nc > 0)) return 0
  return stablePred + logMeanExp(comps) - nullSupLogLik(xs, ns, xc, nc, delta, true)
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
  const t = totals(minutes, cap)
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
    logE = pointsLogE(minutes, delta, prior, POINTS_WORSE_RATIOS)
    // "Within": a bet per minute (points-bet.ts), valid whatever the rates do from minute to minute.
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
