/**
 * The two tests the canary judge uses, on plain numbers (no I/O):
 *
 * - `rateIncreaseTest`: Farrington–Manning score test that one proportion
 *   exceeds another by more than a margin (one-sided, non-zero margin allowed);
 * - `mannWhitneyGreater`: Mann–Whitney U, one-sided, normal approximation with
 *   tie and continuity correction (as scipy's `method="asymptotic"`).
 *
 * The normal distribution comes from @stdlib (double precision, via erfc).
 * docs/canary-analysis.md says why these tests and how they were checked.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf'

/** P(Z > z) for a standard normal Z; exact 0/1 at the infinities. */
export function upperTail(z: number): number {
  if (z === Infinity) return 0
  if (z === -Infinity) return 1
  return normalCdf(-z, 0, 1)
}

export interface Proportion {
  /** Events (errors). */
  events: number
  /** Trials (requests). */
  total: number
}

export interface TestResult {
  /** The standardised statistic; ±Infinity when the data leave no doubt. */
  z: number
  /** One-sided p-value of the alternative "worse". */
  pValue: number
}

/**
 * The maximum-likelihood proportions under H0: p1 - p2 = delta (Farrington &
 * Manning 1990, closed form of the cubic from Miettinen & Nurminen 1985).
 */
function restrictedMle(p1: number, n1: number, p2: number, n2: number, delta: number) {
  if (delta === 0) {
    const pooled = (p1 * n1 + p2 * n2) / (n1 + n2)
    return [pooled, pooled] as const
  }
  const theta = n2 / n1
  const a = 1 + theta
  const b = -(1 + theta + p1 + theta * p2 + delta * (theta + 2))
  const c = delta * delta + delta * (2 * p1 + theta + 1) + p1 + theta * p2
  const d = -p1 * delta * (1 + delta)
  const v = b ** 3 / (27 * a ** 3) - (b * c) / (6 * a * a) + d / (2 * a)
  const u = Math.sign(v) * Math.sqrt(Math.max(0, (b * b) / (9 * a * a) - c / (3 * a)))
  let r1: number
  if (u === 0) {
    r1 = -b / (3 * a)
  } else {
    const cosArg = Math.min(1, Math.max(-1, v / u ** 3))
    const w = (Math.PI + Math.acos(cosArg)) / 3
    r1 = 2 * u * Math.cos(w) - b / (3 * a)
  }
  // Rounding can step a hair outside the parameter space: keep p1 in [delta, 1].
  r1 = Math.min(1, Math.max(delta, r1))
  return [r1, r1 - delta] as const
}

/**
 * One-sided score test of H0: p1 - p2 <= margin against H1: p1 - p2 > margin,
 * where p1 is the first (canary) side. `margin` is a proportion in [0, 1).
 * Both sides must have at least one trial.
 */
export function rateIncreaseTest(
  first: Proportion,
  second: Proportion,
  margin: number
): TestResult {
  const { events: x1, total: n1 } = first
  const { events: x2, total: n2 } = second
  if (!(n1 > 0 && n2 > 0)) throw new RangeError('both sides need at least one trial')
  if (!(margin >= 0 && margin < 1)) throw new RangeError('margin must be in [0, 1)')
  const p1 = x1 / n1
  const p2 = x2 / n2
  const diff = p1 - p2 - margin
  const [r1, r2] = restrictedMle(p1, n1, p2, n2, margin)
  const variance = (r1 * (1 - r1)) / n1 + (r2 * (1 - r2)) / n2
  if (!(variance > 0)) {
    // Only with margin 0 and no events (or only events) on both sides: no evidence either way.
    const z = diff > 0 ? Infinity : diff < 0 ? -Infinity : 0
    return { z, pValue: diff > 0 ? 0 : 1 }
  }
  const z = diff / Math.sqrt(variance)
  return { z, pValue: upperTail(z) }
}

/** Ranks (1-based) with ties given their average rank, and the tie groups' sizes. */
function averageRanks(values: readonly number[]): { ranks: number[]; ties: number[] } {
  const order = values.map((v, i) => [v, i] as const).sort((a, b) => a[0] - b[0])
  const ranks = new Array<number>(values.length)
  const ties: number[] = []
  for (let i = 0; i < order.length;) {
    let j = i
    while (j + 1 < order.length && order[j + 1]![0] === order[i]![0]) j++
    const avg = (i + j + 2) / 2
    for (let k = i; k <= j; k++) ranks[order[k]![1]] = avg
    if (j > i) ties.push(j - i + 1)
    i = j + 1
  }
  return { ranks, ties }
}

export interface MannWhitneyResult extends TestResult {
  /** U of the first sample (the number of pairs in which it is the larger, ties counting half). */
  u: number
}

/**
 * Mann–Whitney U test that values of `first` tend to be larger than those of
 * `second` (one-sided). Normal approximation with tie correction and a 0.5
 * continuity correction. Both samples must be non-empty.
 */
export function mannWhitneyGreater(
  first: readonly number[],
  second: readonly number[]
): MannWhitneyResult {
  const n1 = first.length
  const n2 = second.length
  if (n1 === 0 || n2 === 0) throw new RangeError('both samples need at least one value')
  const { ranks, ties } = averageRanks([...first, ...second])
  const r1 = ranks.slice(0, n1).reduce((s, r) => s + r, 0)
  const u = r1 - (n1 * (n1 + 1)) / 2
  const n = n1 + n2
  const tieTerm = ties.reduce((s, t) => s + t ** 3 - t, 0) / (n * (n - 1))
  const sigma = Math.sqrt(((n1 * n2) / 12) * (n + 1 - tieTerm))
  if (!(sigma > 0)) return { u, z: 0, pValue: 1 }
  const z = (u - (n1 * n2) / 2 - 0.5) / sigma
  return { u, z, pValue: upperTail(z) }
}
