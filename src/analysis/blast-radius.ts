/**
 * Blast radius: what the canary cost users, per rung and per release. Pure.
 *
 * - requests the canary served and its 5XX;
 * - excess errors: the canary's 5XX beyond what the stable side's rate
 *   predicts for the same requests, x − n·p, p the stable 5XX rate. p is
 *   unknown; its anytime-valid interval (sequential.ts) at α/(2·rungs) each
 *   side gives the interval of the excess, so every rung's interval and their
 *   sum over the release hold together at the release's confidence.
 */
import { rateInterval } from './sequential.js'

export interface RungCounts {
  percent: number
  canaryRequests: number
  canary5xx: number
  stableRequests: number
  stable5xx: number
}

export interface BlastRadius {
  canaryRequests: number
  canary5xx: number
  /** Point estimate: canary 5XX − canary requests × stable 5XX rate (can be negative: fewer than expected). */
  excess5xx: number
  /** Interval of the excess at the release's confidence. */
  excessLow: number
  excessHigh: number
}

export interface RungBlastRadius extends BlastRadius {
  percent: number
}

/** Pure: per rung and for the release, `alpha` the release's (1 − confidence), over `rungs` rungs. */
export function blastRadius(
  rungCounts: readonly RungCounts[],
  alpha: number,
  rungs: number
): { rungs: RungBlastRadius[]; release: BlastRadius } {
  const each = alpha / (2 * Math.max(1, rungs, rungCounts.length))
  const per = rungCounts.map((r): RungBlastRadius => {
    const p = r.stableRequests > 0 ? r.stable5xx / r.stableRequests : 0
    const i = rateInterval(r.stable5xx, r.stableRequests, each)
    return {
      percent: r.percent,
      canaryRequests: r.canaryRequests,
      canary5xx: r.canary5xx,
      excess5xx: r.canary5xx - r.canaryRequests * p,
      excessLow: r.canary5xx - r.canaryRequests * i.upper,
      excessHigh: r.canary5xx - r.canaryRequests * i.lower
    }
  })
  const sum = (f: (b: BlastRadius) => number) => per.reduce((s, b) => s + f(b), 0)
  return {
    rungs: per,
    release: {
      canaryRequests: sum((b) => b.canaryRequests),
      canary5xx: sum((b) => b.canary5xx),
      excess5xx: sum((b) => b.excess5xx),
      excessLow: sum((b) => b.excessLow),
      excessHigh: sum((b) => b.excessHigh)
    }
  }
}

/** One line: "1,900 canary requests, 76 5XX, 57 more than stable's rate predicts (41 to 68)". */
export function blastRadiusText(b: BlastRadius): string {
  const n = (x: number) => Math.round(x).toLocaleString('en-US')
  return `${n(b.canaryRequests)} canary requests, ${n(b.canary5xx)} 5XX, ${n(b.excess5xx)} more than the stable rate predicts (${n(b.excessLow)} to ${n(b.excessHigh)})`
}
