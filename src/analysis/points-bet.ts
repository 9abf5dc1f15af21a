/**
 * The points allowances' tests (5XX, 4XX): anytime-valid betting e-processes.
 * "Within": evidence that the canary's rate per request is at most the stable
 * side's + δ, against the null H0: p_c ≥ p_s + δ. "Worse": against
 * H0: p_c ≤ p_s + δ, the same factor with v ≤ 0 (its expectation below is then
 * ≤ 1 when p_c − p_s − δ ≤ 0), a mixture over canary rates. Pure.
 *
 * Each minute the judge stakes, from the minutes before only, numbers u and
 * v ≥ 0 and multiplies its e-value by
 *   (1 + (u − v) / n_c)^{x} (1 + u / n_c)^{n_c − x}
 *   × (1 + ((1 + δ) v − u) / n_s)^{y} (1 + (δ v − u) / n_s)^{n_s − y}
 * (x of the canary's n_c requests failed, y of the stable side's n_s). Given
 * the past and the minute's requests (binomial errors at the minute's rates),
 * its expectation is at most exp(u − v p_c + (δ v − u) + v p_s) (as
 * 1 + z ≤ e^z) = exp(−v (p_c − p_s − δ)) ≤ 1 under the null, whatever the
 * rates do from minute to minute. The product is a test supermartingale
 * (Ville: it reaches 1/α with probability at most α). No interval for the
 * stable rate and no likelihood of the stable side to predict: its minute
 * enters only through the bet.
 *
 * The stakes maximise the expected log of the factor for an alternative (for
 * "within" a canary exactly as good as stable; for "worse" each of a few
 * canary rates above the stable one + δ), at the stable rate the minutes
 * before show (a concave maximisation in two variables, Newton's method).
 */
import { logMeanExp } from './sequential.js'

/** One minute: requests and errors on each side. */
export interface PointsMinute {
  canaryRequests: number
  stableRequests: number
  canaryEvents: number
  stableEvents: number
}

/**
 * Pure: the stakes (u, v) that maximise the expected log factor when the stable side fails at rate
 * p and the canary at q (default p: a canary as good as stable), for n_c and n_s requests and the
 * allowance δ; v ≥ 0 ("within": the canary below p + δ) or, with `worse`, v ≤ 0.
 */
export function withinStakes(
  p: number,
  delta: number,
  nc: number,
  ns: number,
  q = p,
  worse = false
): [number, number] {
  // The four affine arguments (each must stay > 0) and their weights and directions in (u, v).
  const terms = [
    { w: nc * q, n: nc, du: 1, dv: -1 },
    { w: nc * (1 - q), n: nc, du: 1, dv: 0 },
    { w: ns * p, n: ns, du: -1, dv: 1 + delta },
    { w: ns * (1 - p), n: ns, du: -1, dv: delta }
  ]
  const arg = (t: (typeof terms)[number], u: number, v: number) => t.n + t.du * u + t.dv * v
  const value = (u: number, v: number) => {
    let g = 0
    for (const t of terms) {
      const a = arg(t, u, v)
      if (!(a > 0)) return -Infinity
      if (t.w > 0) g += t.w * Math.log(a / t.n)
    }
    return (worse ? v > 0 : v < 0) ? -Infinity : g
  }
  let u = 0
  let v = 0
  for (let it = 0; it < 60; it++) {
    let gu = 0
    let gv = 0
    let huu = 0
    let huv = 0
    let hvv = 0
    for (const t of terms) {
      const a = arg(t, u, v)
      gu += (t.w * t.du) / a
      gv += (t.w * t.dv) / a
      const h = t.w / (a * a)
      huu -= h * t.du * t.du
      huv -= h * t.du * t.dv
      hvv -= h * t.dv * t.dv
    }
    const det = huu * hvv - huv * huv
    if (!(det > 0)) break
    // Newton's step, halved until it stays feasible and does not lower the objective.
    let su = -(hvv * gu - huv * gv) / det
    let sv = -(huu * gv - huv * gu) / det
    const before = value(u, v)
    let step = 1
    while (step > 1e-12 && !(value(u + step * su, v + step * sv) >= before)) step /= 2
    if (step <= 1e-12) break
    su *= step
    sv *= step
    u += su
    v += sv
    if (Math.abs(su) + Math.abs(sv) < 1e-10 * (1 + Math.abs(u) + Math.abs(v))) break
  }
  return [u, worse ? Math.min(0, v) : Math.max(0, v)]
}

/** A bet never stakes more than this share of a factor. */
const MAX_STAKE = 0.95

/** A minute's counts as bet on (events clipped to requests). */
interface BetMinute {
  nc: number
  ns: number
  x: number
  y: number
}

/**
 * The minutes in order, each with the stable rate's running estimate from the minutes before it
 * (starting from `prior`); `p` is undefined for a minute that is not bet on (no estimate yet, or a
 * side without requests).
 */
function* withStableEstimate(
  minutes: readonly PointsMinute[],
  prior: { events: number; requests: number }
): Generator<{ m: BetMinute; p: number | undefined }> {
  let px = Math.min(prior.events, prior.requests)
  let pn = prior.requests
  for (const minute of minutes) {
    const nc = minute.canaryRequests
    const ns = minute.stableRequests
    const m = { nc, ns, x: Math.min(minute.canaryEvents, nc), y: Math.min(minute.stableEvents, ns) }
    yield { m, p: pn > 0 && nc > 0 && ns > 0 ? (px + 0.5) / (pn + 1) : undefined }
    if (ns > 0) {
      px += m.y
      pn += ns
    }
  }
}

/**
 * The log of one minute's factor for stakes (u, v), scaled down together if any of its four
 * arguments would come near 0 (a smaller bet stays valid).
 */
function logFactor([u0, v0]: [number, number], { nc, ns, x, y }: BetMinute, delta: number): number {
  const worst = Math.max(
    (v0 - u0) / nc,
    -u0 / nc,
    (u0 - (1 + delta) * v0) / ns,
    (u0 - delta * v0) / ns,
    0
  )
  const k = worst > MAX_STAKE ? MAX_STAKE / worst : 1
  const u = u0 * k
  const v = v0 * k
  let l = 0
  if (x > 0) l += x * Math.log1p((u - v) / nc)
  if (nc - x > 0) l += (nc - x) * Math.log1p(u / nc)
  if (y > 0) l += y * Math.log1p(((1 + delta) * v - u) / ns)
  if (ns - y > 0) l += (ns - y) * Math.log1p((delta * v - u) / ns)
  return l
}

/**
 * Pure: log E of the "within" test after `minutes`, the stable rate's running estimate starting
 * from `prior` (the minutes before the step; without them the first stable minute is the start,
 * conditioned on and not bet on).
 */
export function pointsWithinLogE(
  minutes: readonly PointsMinute[],
  delta: number,
  prior: { events: number; requests: number }
): number {
  let logE = 0
  for (const { m, p } of withStableEstimate(minutes, prior))
    if (p !== undefined) logE += logFactor(withinStakes(p, delta, m.nc, m.ns), m, delta)
  return logE
}

/**
 * Pure: log E of a "worse" bet for H0 p_c ≤ p_s + δ: the same factor with v ≤ 0, averaged over
 * canary rates at odds `ratios` times the stable estimate + δ.
 */
export function pointsWorseLogE(
  minutes: readonly PointsMinute[],
  delta: number,
  prior: { events: number; requests: number },
  ratios: readonly number[]
): number {
  return pointsWorsePath(minutes, delta, prior, ratios).at(-1) ?? 0
}

/** Pure: log E of the "worse" bet after each minute (what a read after each would show). */
export function pointsWorsePath(
  minutes: readonly PointsMinute[],
  delta: number,
  prior: { events: number; requests: number },
  ratios: readonly number[]
): number[] {
  const path: number[] = []
  const sums = ratios.map(() => 0)
  for (const { m, p } of withStableEstimate(minutes, prior)) {
    if (p !== undefined) {
      const b = Math.min(1 - 1e-9, p + delta)
      ratios.forEach((g, i) => {
        const q = (g * b) / (1 - b + g * b)
        sums[i]! += logFactor(withinStakes(p, delta, m.nc, m.ns, q, true), m, delta)
      })
    }
    path.push(logMeanExp(sums))
  }
  return path
}
