/**
 * Latency's thresholds: where the judge counts requests slower than the
 * stable side (rung-input.ts reads them, rung-judge.ts and tail-test.ts test
 * them, sim/ draws them), and the stable side's shape they imply. Pure.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf'

/** Steps of the tail lattice per p90 → p99 spread, and its range: from about p94 to about p99.995. */
const STEPS = 4
const FIRST_STEP = -3
const LAST_STEP = 8

/** The index of the stable p99 in latencyThresholds' answer. */
export const P99_INDEX = 2 - FIRST_STEP

/**
 * The latency thresholds from the stable side's p50, p90 and p99: p50, p90, then a geometric lattice
 * through p99, T99 × (T99 / T90)^(k/4) for k = −3 … 8 (about p94 to p99.995 of a log-normal):
 * fourteen thresholds, the tail's shape where a tail-only regression shows (see
 * docs/canary-analysis.md#the-tail-test). Any thresholds fixed before the bake keep the tests
 * valid; these need no statistic beyond the three percentiles.
 */
export function latencyThresholds(p50: number, p90: number, p99: number): number[] {
  const spread = p90 > 0 ? Math.max(1, p99 / p90) : 1
  const lattice: number[] = []
  for (let k = FIRST_STEP; k <= LAST_STEP; k++) lattice.push(p99 * spread ** (k / STEPS))
  return [p50, p90, ...lattice]
}

/** The "within" claim's thresholds: the stable p50, p90 and p99. */
export function withinIndices(count: number): number[] {
  return count > P99_INDEX ? [0, 1, P99_INDEX] : Array.from({ length: count }, (_, i) => i)
}

/**
 * The stable side's latency as a log-normal law fitted to its p50 (the median) and the spread from
 * p90 to p99 (σ = ln(p99 / p90) / (z99 − z90)). Only shapes the tail test's bets (its alternatives
 * and its first minute's guess of the stable side's tail); no guarantee rests on it.
 */
export interface TailShape {
  median: number
  sigma: number
}

/** The narrowest shape the bets assume (a spread of about 5 % around the median). */
const MIN_SIGMA = 0.05
const Z90 = 1.2815515655446004
const Z99 = 2.3263478740408408

export function tailShape(thresholds: readonly number[]): TailShape | undefined {
  const p50 = thresholds[0]
  const p90 = thresholds[1]
  const p99 = thresholds.length > P99_INDEX ? thresholds[P99_INDEX] : thresholds[2]
  if (!(p50! > 0)) return undefined
  // A stable side whose p90 and p99 coincide (latency nearly constant): a narrow shape, not none.
  const sigma = p90! > 0 && p99! > p90! ? Math.log(p99! / p90!) / (Z99 - Z90) : 0
  return { median: p50!, sigma: Math.max(MIN_SIGMA, sigma) }
}

/** The standard normal z of latency x under the shape. */
export const shapeZ = (s: TailShape, x: number) =>
  x > 0 ? Math.log(x / s.median) / s.sigma : -Infinity

/** P(Z > z) for a standard normal Z. */
export const shapeSurvivalZ = (z: number) => normalCdf(-z, 0, 1)

/** P(latency > x) under the shape. */
export const shapeSurvival = (s: TailShape, x: number) => shapeSurvivalZ(shapeZ(s, x))
