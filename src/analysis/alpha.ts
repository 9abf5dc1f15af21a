/**
 * How the release's α (1 − analysis-confidence) is spent: Bonferroni over the
 * rungs of the `steps` ladder and, within a rung, over the gating metrics by
 * weight. Each test is anytime-valid, so the number of reads costs nothing:
 * P(any false rollback in the release) ≤ Σ α(metric, rung) = 1 − confidence.
 * docs/canary-analysis.md#one-guarantee-for-the-release says it in words.
 */

/** Relative weights of the gating metrics: the 5XX test gets the largest share. */
export const METRIC_WEIGHTS = {
  '5XX rate': 3,
  '4XX rate': 1,
  Latency: 2,
  kpi: 1
} as const

export interface AlphaPlan {
  /** The release's α. */
  release: number
  /** Rungs it is spread over (the ladder's length). */
  rungs: number
  /** α per metric at one rung. */
  perMetric: Map<string, number>
}

/** Pure: each metric's α at one rung, for the release's confidence (percent) and ladder length. */
export function alphaPlan(
  confidence: number,
  rungs: number,
  kpiNames: readonly string[] = []
): AlphaPlan {
  const release = 1 - confidence / 100
  const n = Math.max(1, Math.floor(rungs))
  const entries: [string, number][] = [
    ['5XX rate', METRIC_WEIGHTS['5XX rate']],
    ['4XX rate', METRIC_WEIGHTS['4XX rate']],
    ['Latency', METRIC_WEIGHTS.Latency],
    ...kpiNames.map((k): [string, number] => [k, METRIC_WEIGHTS.kpi])
  ]
  const total = entries.reduce((s, [, w]) => s + w, 0)
  return {
    release,
    rungs: n,
    perMetric: new Map(entries.map(([name, w]) => [name, (release * w) / total / n]))
  }
}
