/**
 * Latency's thresholds and their weights: where the judge counts requests
 * slower than the stable side (rung-input.ts reads them, rung-judge.ts tests
 * them, sim/ draws them). Pure.
 */

/**
 * The latency thresholds from the stable side's p50, p90 and p99: those three and two beyond p99,
 * T99 × (T99 / T90)^½ and T99 × T99 / T90 (about p99.8 and p99.96 of a log-normal): a tail-only
 * regression shows most clearly there (see docs/canary-analysis.md#everything-is-a-count). Any
 * threshold fixed before the bake keeps the test valid; these need no other statistic read.
 */
export function latencyThresholds(p50: number, p90: number, p99: number): number[] {
  const spread = p90 > 0 ? Math.max(1, p99 / p90) : 1
  return [p50, p90, p99, p99 * Math.sqrt(spread), p99 * spread]
}

/** Each threshold's weight in the "worse" mixture: most on the tail, where a regression the
 * percentiles above p95 carry is seen (a slowdown of the whole distribution shows at every one). */
export const THRESHOLD_WEIGHTS: readonly number[] = [0.1, 0.05, 0.15, 0.4, 0.3]

/** The "within" claim's thresholds: the first three (the stable p50, p90 and p99). */
export const WITHIN_THRESHOLDS = 3
