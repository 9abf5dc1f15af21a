/**
 * Anytime-valid tests on counts: e-processes whose error guarantee holds
 * however often they are read (Ville's inequality: a test supermartingale
 * ever reaches 1/α with probability at most α). Pure arithmetic, no I/O.
 *
 * The model is the counting-process test of Lindon, Sanden & Shirikian
 * (KDD 2022, arXiv 2205.14762) and Lindon & Malek (NeurIPS 2022, arXiv
 * 2011.03567): each side's events (errors, slow requests, KPI events) arrive
 * at a rate proportional to the requests it serves, the rate per request
 * possibly varying minute to minute but shared by both sides under the null.
 * Conditional on a minute's events, each is the canary's with probability
 * θ = ρr / (ρr + 1 − ρ), ρ the canary's share of the minute's requests (as
 * counted, not as configured) and r the canary's rate per request over the
 * stable side's. The null "r ≤ r0" puts θ ≤ θ0 every minute, whatever the
 * base rate does.
 *
 * Against each alternative "the odds of θ are g times those of θ0" an event
 * contributes g^x / (1 + (g − 1)θ0): its expectation is
 * (1 + (g − 1)θ) / (1 + (g − 1)θ0) ≤ 1 whenever (g − 1)(θ − θ0) ≤ 0, so the
 * product over events is a test supermartingale for the one-sided null, and
 * so is any average of them over a fixed grid of g (a discrete mixture, the
 * conjugate mixture's grid version; no special functions needed). With
 * binomial rather than Poisson sampling the canary's count given the total is
 * (non-central) hypergeometric, smaller in convex order than the binomial
 * (Hoeffding 1963), so the same products stay supermartingales.
 * docs/canary-analysis.md gives the derivation and the checks.
 */

/** Odds ratios the "worse" mixture bets on (log-spaced, equal weights): from 5 % worse to 50 times. */
export const WORSE_RATIOS: readonly number[] = [
  1.05, 1.1, 1.2, 1.35, 1.5, 1.75, 2, 2.5, 3, 4, 6, 10, 20, 50
]
/** The "better" mixture: the same ratios inverted. */
export const BETTER_RATIOS: readonly number[] = WORSE_RATIOS.map((g) => 1 / g)
/** The "not worse" tests' grid: a canary within its allowance is rarely more than 5 times better. */
export const WITHIN_RATIOS: readonly number[] = [1.05, 1.1, 1.25, 1.4, 1.7, 2, 3, 5]

/** One period's events: the canary's, both sides', and the canary's share of them under the null. */
export interface ShareObservation {
  /** Events on the canary side. */
  events: number
  /** Events on both sides. */
  total: number
  /** θ0: the canary's probability of each event at the null's boundary, in [0, 1]. */
  nullShare: number
  /**
   * The focus alternative's odds ratio in this period when it is not one fixed number: a
   * predictable estimate (from the periods before only), so that the product stays a likelihood.
   */
  focusRatio?: number
}

/** log(mean(exp(xs))), stable for large and -Infinity terms. */
export function logMeanExp(xs: readonly number[]): number {
  const max = Math.max(...xs)
  if (!Number.isFinite(max)) return max
  return max + Math.log(xs.reduce((s, x) => s + Math.exp(x - max), 0) / xs.length)
}

/**
 * log of one alternative's likelihood ratio over the observations (odds ratio g against θ0; with
 * g undefined, each observation's own `focusRatio`).
 */
function logRatio(obs: readonly ShareObservation[], g: number | undefined): number {
  let s = 0
  for (const o of obs) {
    if (!(o.total > 0)) continue
    const gi = g ?? o.focusRatio ?? 1
    const x = Math.min(o.events, o.total)
    s += x * Math.log(gi) - o.total * Math.log1p((gi - 1) * o.nullShare)
  }
  return s
}

/**
 * log E: the mixture e-process after `obs`. With `WORSE_RATIOS` it tests
 * H0: θ ≤ θ0 in every period (large when the canary takes more than its share);
 * with `BETTER_RATIOS`, H0: θ ≥ θ0. `focus` puts part of the weight on one
 * odds ratio fixed before the data (the "not worse" test bets half on the
 * canary being exactly as good as stable), or (`ratio: 'per-period'`) on each
 * observation's predictable `focusRatio`.
 */
export function shareLogE(
  obs: readonly ShareObservation[],
  ratios: readonly number[] = WORSE_RATIOS,
  focus?: { ratio: number | 'per-period'; weight: number }
): number {
  const grid = logMeanExp(ratios.map((g) => logRatio(obs, g)))
  if (!focus) return grid
  // A fixed two-part mixture: `weight` on one alternative named in advance, the rest on the grid.
  const f = logRatio(obs, focus.ratio === 'per-period' ? undefined : focus.ratio)
  const m = Math.max(f, grid)
  return m + Math.log(focus.weight * Math.exp(f - m) + (1 - focus.weight) * Math.exp(grid - m))
}

/** θ0 from the canary's share of requests ρ and the rate ratio r0 at the null's boundary. */
export function nullShare(canaryShare: number, rateRatio: number): number {
  if (rateRatio === Infinity) return canaryShare > 0 ? 1 : 0
  const a = canaryShare * rateRatio
  const d = a + (1 - canaryShare)
  return d > 0 ? a / d : 0
}

/** Bisection for the q in [lo, hi] where a monotone f crosses 0 (f(lo), f(hi) of opposite signs). */
function bisect(f: (q: number) => number, lo: number, hi: number): number {
  let flo = f(lo)
  for (let i = 0; i < 100 && hi - lo > 1e-9 * hi; i++) {
    const mid = (lo + hi) / 2
    const fm = f(mid)
    if (Math.sign(fm) === Math.sign(flo)) {
      lo = mid
      flo = fm
    } else hi = mid
  }
  return (lo + hi) / 2
}

/**
 * An anytime-valid confidence interval for a constant per-trial rate p from
 * `events` out of `trials` so far: [lower, upper], each side at level `alpha`
 * (so the pair at 2α), uniformly over time. Inverts the one-sample version of
 * the mixture above (a trial is an "event" with θ0 = q).
 */
export function rateInterval(
  events: number,
  trials: number,
  alpha: number
): { lower: number; upper: number } {
  if (!(trials > 0)) return { lower: 0, upper: 1 }
  const x = Math.min(events, trials)
  const p = x / trials
  const bound = Math.log(1 / alpha)
  const at = (q: number, ratios: readonly number[]) =>
    shareLogE([{ events: x, total: trials, nullShare: q }], ratios) - bound
  // Lower: where the worse-mixture (decreasing in q) stops rejecting; upper: the better-mixture (increasing).
  const tiny = 1e-15
  const lower =
    x === 0 || at(tiny, WORSE_RATIOS) <= 0 ? 0 : bisect((q) => at(q, WORSE_RATIOS), tiny, p)
  const upper =
    x === trials || at(1 - tiny, BETTER_RATIOS) <= 0
      ? 1
      : bisect((q) => at(q, BETTER_RATIOS), p, 1 - tiny)
  return { lower, upper }
}
