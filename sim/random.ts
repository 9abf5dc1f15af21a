/** A seeded random source for the judge's simulation (sim/) and its tests: reproducible worlds. */

/** The emulator's seeded generator (mulberry32): the same seed gives the same world. */
export { seededRandom as seeded } from '../emulator/common/wire.js'

/** A standard normal draw (Box–Muller). */
export function normal(rand: () => number): number {
  const u = Math.max(rand(), 1e-300)
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand())
}

/** Poisson(λ): inversion for small λ, a rounded normal for large. */
export function poisson(rand: () => number, lambda: number): number {
  if (!(lambda > 0)) return 0
  if (lambda > 500) return Math.max(0, Math.round(lambda + Math.sqrt(lambda) * normal(rand)))
  const limit = Math.exp(-lambda)
  let k = 0
  let p = rand()
  while (p > limit) {
    k++
    p *= rand()
  }
  return k
}

/** Binomial(n, p): direct for small n·p·(1−p), else a rounded normal clamped to [0, n]. */
export function binomial(rand: () => number, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0
  if (p >= 1) return n
  if (n < 400 || n * p * (1 - p) < 40) {
    if (n * p < 30 && n > 50) {
      // Rare events: the count of successes by geometric skips.
      const lq = Math.log(1 - p)
      let x = 0
      let i = Math.floor(Math.log(Math.max(rand(), 1e-300)) / lq)
      while (i < n) {
        x++
        i += 1 + Math.floor(Math.log(Math.max(rand(), 1e-300)) / lq)
      }
      return x
    }
    let x = 0
    for (let i = 0; i < n; i++) if (rand() < p) x++
    return x
  }
  const x = Math.round(n * p + Math.sqrt(n * p * (1 - p)) * normal(rand))
  return Math.min(n, Math.max(0, x))
}
