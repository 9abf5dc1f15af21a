/** Summary statistics for the bench: pure, no I/O. */

export interface Summary {
  n: number
  min: number
  median: number
  p95: number
  max: number
}

function sortedCopy(xs: readonly number[]): number[] {
  if (xs.length === 0) throw new Error('no samples')
  for (const x of xs) if (!Number.isFinite(x)) throw new Error(`not a finite sample: ${x}`)
  return [...xs].sort((a, b) => a - b)
}

/**
 * The q-quantile by nearest rank (the smallest sample with at least q of the
 * samples at or below it). Conservative for small n: with fewer than 20
 * samples the p95 is the maximum.
 */
export function quantile(xs: readonly number[], q: number): number {
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile out of range: ${q}`)
  const s = sortedCopy(xs)
  const rank = Math.max(1, Math.ceil(q * s.length))
  return s[rank - 1]!
}

/** The middle sample, or the mean of the two middle ones. */
export function median(xs: readonly number[]): number {
  const s = sortedCopy(xs)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

export function summarize(xs: readonly number[]): Summary {
  const s = sortedCopy(xs)
  return {
    n: s.length,
    min: s[0]!,
    median: median(s),
    p95: quantile(s, 0.95),
    max: s[s.length - 1]!
  }
}
