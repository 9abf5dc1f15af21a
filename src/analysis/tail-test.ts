/**
 * Latency's "worse" test on the shape of the tail: an anytime-valid betting
 * e-process on the requests slower than many thresholds at once. Pure.
 *
 * The null (max-latency-increase a): the canary at most (1 + a) times as slow
 * as stable at every quantile. Then for every x, P(canary > (1 + a)x) ≤
 * P(stable > x). Each minute the judge has, at points x_1 < … < x_K fixed
 * before the bake, the canary's requests above (1 + a)x_k and the stable
 * side's above x_k (CloudWatch `TC(x:)`): the canary's requests fall in K + 1
 * bins [(1 + a)x_k, (1 + a)x_{k+1}) with probabilities μ, the stable side's in
 * [x_k, x_{k+1}) with ν, and the null says every tail sum of μ is at most ν's.
 *
 * A minute's bet: numbers c_0 ≤ c_1 ≤ … ≤ c_K chosen before the minute (from
 * the minutes before it only), and the factor
 *   Π_j (1 + c_j / n_c)^{x_j} (1 − c_j / n_s)^{y_j}
 * (x_j, y_j the minute's requests in bin j on each side, n_c, n_s its
 * requests). Given the past and the minute's request counts its expectation is
 * (1 + Σμc / n_c)^{n_c} (1 − Σνc / n_s)^{n_s} ≤ exp(Σμc − Σνc), and since c is
 * nondecreasing, Σμc = c_0 + Σ_{k≥1} (c_k − c_{k−1}) × (tail sum of μ from k)
 * ≤ the same with ν: at most 1 under every null law, whatever the laws do from
 * minute to minute. The product over minutes is a test supermartingale, and so
 * is any fixed average of such products: Ville's inequality bounds its ever
 * reaching 1/α by α. docs/canary-analysis.md#the-tail-test says it in full.
 *
 * The bets: for each of a few alternatives fixed in advance (the canary's
 * latency stretched beyond a stable quantile, or as a whole, by more than the
 * allowance), the c that maximises the expected log of the factor when the
 * canary follows that alternative and the stable side what its earlier minutes
 * showed: a concave maximisation under the order c_0 ≤ … ≤ c_K, solved exactly
 * by pooling adjacent violators (maximiseBet). The e-process is the weighted
 * average of the alternatives' products (a mixture: the price of not knowing
 * the alternative is at most the log of its weight).
 */
import { shapeSurvival, shapeSurvivalZ, type TailShape } from './latency-thresholds.js'
import { logMeanExp } from './sequential.js'

/** One minute of the tail: requests, and per point x_k (ascending) the counts above. */
export interface TailCounts {
  canaryRequests: number
  stableRequests: number
  /** The canary's requests above (1 + a) x_k. */
  canaryAbove: readonly number[]
  /** The stable side's requests above x_k. */
  stableAbove: readonly number[]
}

/**
 * An alternative: the canary's quantile function is the stable side's times 1 below the stable
 * quantile `from`, (1 + a) × `stretch` above `to`, rising linearly in the quantile between (`from`
 * 0 and `to` 0: the whole distribution).
 */
interface Alternative {
  from: number
  to: number
  stretch: number
  weight: number
}

/**
 * The mixture's alternatives ([from, to, stretch beyond the allowance, weight]): half the weight on
 * the tail-only regression the issue names (p95 unchanged, the stretch reaching 1.25 × the
 * allowance's at p99: p99 +50 % at the default 20 %), the rest on slower and later tails (to
 * p99.9, from p98 by 1.6, beyond p99 only) and on the whole distribution 10 % and 25 % beyond the
 * allowance (a whole-distribution slowdown shows in the first minute under any of them). The
 * weights are a choice made before the data; the guarantee holds for any.
 */
export const TAIL_ALTERNATIVES: readonly Alternative[] = (
  [
    [0.95, 0.99, 1.25, 0.5],
    [0.95, 0.999, 1.25, 0.15],
    [0.98, 0.999, 1.6, 0.1],
    [0.99, 0.99, 1.25, 0.1],
    [0, 0, 1.1, 0.075],
    [0, 0, 1.25, 0.075]
  ] as const
).map(([from, to, stretch, weight]) => ({ from, to, stretch, weight }))

/** How many stable requests the shape's guess of the stable side's tail counts as. */
const PRIOR_REQUESTS = 2000
/** A bet never risks more than this share of a side's factor per request. */
const MAX_STAKE = 0.9
const TINY = 1e-9

/**
 * Pure: the c_0 ≤ … ≤ c_K that maximise Σ_j a_j log(1 + c_j / nc) + b_j log(1 − c_j / ns) (a_j, b_j
 * > 0: the expected requests per bin on each side). Each term's own maximum is c = (a ns − b nc) /
 * (a + b), a weighted mean of the bin's (weights a + b) over any pooled block, so pooling adjacent
 * violators (Best, Chakravarti & Ubhaya 2000, for separable concave objectives under a chain
 * order) gives the exact maximum.
 */
export function maximiseBet(
  a: readonly number[],
  b: readonly number[],
  nc: number,
  ns: number
): number[] {
  const blocks: { a: number; b: number; n: number }[] = []
  const value = (x: { a: number; b: number }) => (x.a * ns - x.b * nc) / (x.a + x.b)
  a.forEach((aj, j) => {
    blocks.push({ a: aj, b: b[j]!, n: 1 })
    while (blocks.length > 1 && value(blocks[blocks.length - 2]!) > value(blocks.at(-1)!)) {
      const last = blocks.pop()!
      const prev = blocks.at(-1)!
      prev.a += last.a
      prev.b += last.b
      prev.n += last.n
    }
  })
  return blocks.flatMap((x) => Array<number>(x.n).fill(value(x)))
}

/** The minute's requests per bin from its counts above the points (made nonincreasing and within [0, n]). */
function bins(n: number, above: readonly number[]): number[] {
  const tail: number[] = []
  let prev = n
  for (const v of above) {
    prev = Math.max(0, Math.min(prev, Number.isFinite(v) ? v : 0))
    tail.push(prev)
  }
  return [n, ...tail].map((t, j, all) => t - (all[j + 1] ?? 0))
}

/** P(canary > y) under an alternative, the stable side following `shape`. */
function alternativeSurvival(shape: TailShape, alt: Alternative, f: number, y: number): number {
  const top = f * alt.stretch
  const g = (u: number) =>
    u <= alt.from
      ? alt.to > 0
        ? 1
        : top
      : u >= alt.to
        ? top
        : 1 + ((top - 1) * (u - alt.from)) / (alt.to - alt.from)
  // The canary's latency at the stable z, Q(z) g(Φ(z)), is increasing: bisect for where it reaches y.
  const q = (z: number) => shape.median * Math.exp(shape.sigma * z) * g(1 - shapeSurvivalZ(z))
  let lo = -12
  let hi = 12
  if (q(hi) <= y) return 0
  for (let i = 0; i < 50; i++) {
    const mid = (lo + hi) / 2
    if (q(mid) > y) hi = mid
    else lo = mid
  }
  return shapeSurvivalZ((lo + hi) / 2)
}

const shapes = new Map<string, { nominal: number[]; ratios: number[][] }>()

/**
 * The shape's P(stable > x_k), and each alternative's P(canary > (1 + a)x_k) over it: fixed for the
 * step (the points and the shape are), so kept for the step's later reads (a few, small).
 */
function betShapes(xs: readonly number[], allowancePercent: number, shape: TailShape) {
  const key = JSON.stringify([xs, allowancePercent, shape])
  const known = shapes.get(key)
  if (known) return known
  const f = 1 + allowancePercent / 100
  const nominal = xs.map((x) => shapeSurvival(shape, x))
  const ratios = TAIL_ALTERNATIVES.map((alt) =>
    xs.map((x, k) => alternativeSurvival(shape, alt, f, f * x) / Math.max(TINY, nominal[k]!))
  )
  if (shapes.size >= 16) shapes.delete(shapes.keys().next().value!)
  shapes.set(key, { nominal, ratios })
  return { nominal, ratios }
}

/**
 * Pure: log E of the tail test after `minutes` (each with the same points `xs`, ascending), at
 * allowance `allowancePercent`, its bets shaped by the stable side's `shape`.
 */
export function tailLogE(
  minutes: readonly TailCounts[],
  xs: readonly number[],
  allowancePercent: number,
  shape: TailShape
): number {
  return tailLogEPath(minutes, xs, allowancePercent, shape).at(-1) ?? 0
}

/** Pure: log E after each minute (what reads after each minute would show). */
export function tailLogEPath(
  minutes: readonly TailCounts[],
  xs: readonly number[],
  allowancePercent: number,
  shape: TailShape
): number[] {
  if (!xs.length) return minutes.map(() => 0)
  const { nominal, ratios } = betShapes(xs, allowancePercent, shape)
  const logE = TAIL_ALTERNATIVES.map(() => 0)
  const total = TAIL_ALTERNATIVES.reduce((s, a) => s + a.weight, 0)
  const logWeights = TAIL_ALTERNATIVES.map((a) => Math.log((a.weight * logE.length) / total))
  const path: number[] = []
  const seenAbove = xs.map(() => 0)
  let seen = 0
  for (const m of minutes) {
    const nc = m.canaryRequests
    const ns = m.stableRequests
    const y = bins(ns, m.stableAbove)
    if (nc > 0 && ns > 0) {
      // The stable side's tail as the minutes before show it, starting from the shape's guess.
      const stableTail = xs.map(
        (_, k) => (seenAbove[k]! + PRIOR_REQUESTS * nominal[k]!) / (seen + PRIOR_REQUESTS)
      )
      const nu = tailBins(stableTail)
      const x = bins(nc, m.canaryAbove)
      ratios.forEach((r, i) => {
        let cap = 1
        const mu = tailBins(stableTail.map((s, k) => (cap = Math.min(cap, Math.min(1, r[k]! * s)))))
        const c = maximiseBet(
          mu.map((p) => nc * p),
          nu.map((p) => ns * p),
          nc,
          ns
        ).map((cj) => Math.min(MAX_STAKE * ns, Math.max(-MAX_STAKE * nc, cj)))
        let s = 0
        c.forEach((cj, j) => {
          if (x[j]! > 0) s += x[j]! * Math.log1p(cj / nc)
          if (y[j]! > 0) s += y[j]! * Math.log1p(-cj / ns)
        })
        logE[i]! += s
      })
    }
    // Stable minutes count for the next minute's estimate (as requests, not a bet).
    if (ns > 0) {
      let above = 0
      for (let k = xs.length - 1; k >= 0; k--) {
        above += y[k + 1]!
        seenAbove[k]! += above
      }
      seen += ns
    }
    path.push(logMeanExp(logE.map((l, i) => l + logWeights[i]!)))
  }
  return path
}

/** Probabilities per bin from tail probabilities at the points (every bin above a tiny floor). */
function tailBins(tail: readonly number[]): number[] {
  return [1, ...tail].map((t, j, all) => Math.max(TINY, t - (all[j + 1] ?? 0)))
}
