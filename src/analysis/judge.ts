/**
 * What the judge's pieces share: per-minute series as GetMetricData answers
 * them, and whether the stage's own metrics count the canary's requests. The
 * judge itself is rung-judge.ts (anytime-valid tests, count-test.ts and
 * sequential.ts); docs/canary-analysis.md explains it.
 */

/** One datapoint per minute: `time` is the minute's start (epoch ms). */
export type Series = ReadonlyArray<{ time: number; value: number }>

export type { Outcome } from './rung-judge.js'

/**
 * Pure: whether the stage's Count includes the canary's requests, from one
 * window's totals at a known canary percentage. Under "includes", canary ~
 * Binomial(stage, p); under "excludes", canary ~ Binomial(stage + canary, p).
 * Undecided (undefined) unless the data fit one model and clearly not the other.
 */
export function inferStageIncludesCanary(
  stageRequests: number,
  canaryRequests: number,
  percentTraffic: number
): boolean | undefined {
  const p = percentTraffic / 100
  if (!(p > 0 && p < 1) || canaryRequests <= 0 || stageRequests <= 0) return undefined
  if (canaryRequests > stageRequests) return false
  const z = (n: number) => Math.abs(canaryRequests - n * p) / Math.sqrt(n * p * (1 - p))
  const zIn = z(stageRequests)
  const zEx = z(stageRequests + canaryRequests)
  if (zIn < 3 && zEx > 5) return true
  if (zEx < 3 && zIn > 5) return false
  return undefined
}
