/**
 * Seeded worlds for the judge's simulation: a stage's traffic minute by
 * minute, split between canary and stable, with error rates, a log-normal
 * latency (the canary's possibly stretched in the tail or as a whole) and two
 * KPIs, turned into the counts the judge reads from CloudWatch: Count, 5XX,
 * 4XX, requests slower than thresholds (TC), KPI sums and sample counts.
 */
import normalCdf from '@stdlib/stats-base-dists-normal-cdf'

import type { CountMinute } from '../src/analysis/count-test.js'
import type { RungMinute, TailMinute } from '../src/analysis/rung-judge.js'
import { latencyThresholds } from '../src/analysis/latency-thresholds.js'
import { binomial, normal, poisson } from './random.js'

export interface World {
  name: string
  /** Requests a minute on the whole stage. */
  rate: number
  /** Traffic varies minute to minute (±60 % swings and noise). */
  varying?: boolean
  /** The canary's real share over the configured percent (1: as configured). */
  shareFactor?: number
  stable5xx: number
  canary5xx?: number
  stable4xx: number
  canary4xx?: number
  latencyMedianMs: number
  latencySigma: number
  /** Canary latency: tail-only (p99 × (1 + x), p95 and below unchanged) or whole (× (1 + x)). */
  canaryLatency?: { kind: 'tail' | 'whole'; increase: number }
  /** KPIs judged in this world (absent: none). */
  kpis?: {
    /** Sum KPI: events per request (e.g. checkouts), and the canary's factor. */
    sumPerRequest: number
    sumFactor: number
    sumDirection: 'higher-is-worse' | 'lower-is-worse'
    /** Average KPI of 0/1 samples (e.g. conversion per attempt), 0.5 samples a request. */
    rate: number
    rateFactor: number
    rateDirection: 'higher-is-worse' | 'lower-is-worse'
  }
}

const Z = (u: number) => normalCdf(u, 0, 1)

/** P(latency > x) for a side: log-normal, the canary's possibly stretched. */
export function tailProbability(w: World, canary: boolean, x: number): number {
  const m = w.latencyMedianMs
  const s = w.latencySigma
  const change = canary ? w.canaryLatency : undefined
  const q = (z: number) => {
    const base = m * Math.exp(s * z)
    if (!change) return base
    if (change.kind === 'whole') return base * (1 + change.increase)
    // Stretch from p95 (none) to p99 (full): the tail only.
    const wgt = Math.min(1, Math.max(0, (Z(z) - 0.95) / 0.04))
    return base * (1 + change.increase * wgt)
  }
  // q is increasing in z: find z* with q(z*) = x.
  let lo = -12
  let hi = 12
  if (q(lo) > x) return 1
  if (q(hi) <= x) return 0
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2
    if (q(mid) > x) hi = mid
    else lo = mid
  }
  return 1 - Z((lo + hi) / 2)
}

/** One minute's stage traffic. */
function requestsAt(w: World, rand: () => number, minute: number): number {
  if (!w.varying) return poisson(rand, w.rate)
  const swing = 1 + 0.6 * Math.sin((2 * Math.PI * minute) / 7)
  return poisson(rand, w.rate * swing * Math.exp(0.3 * normal(rand)))
}

/** The stable side's p50, p90 and p99 thresholds as a read of the 5 minutes before the rung gives them. */
export function preRungThresholds(w: World, rand: () => number, percent: number): number[] {
  const qs = [0.5, 0.9, 0.99]
  const perMinute: number[][] = qs.map(() => [])
  for (let m = 0; m < 5; m++) {
    const n = Math.max(1, Math.round(requestsAt(w, rand, -m - 1) * (1 - percent / 100)))
    const values = Array.from(
      { length: Math.min(n, 5000) },
      () => w.latencyMedianMs * Math.exp(w.latencySigma * normal(rand))
    ).sort((a, b) => a - b)
    qs.forEach((q, i) =>
      perMinute[i]!.push(values[Math.min(values.length - 1, Math.ceil(q * values.length) - 1)]!)
    )
  }
  const [p50, p90, p99] = perMinute.map((v) => v.sort((a, b) => a - b)[2]!) as [
    number,
    number,
    number
  ]
  return latencyThresholds(p50, p90, p99)
}

export interface SimMinute {
  rung: RungMinute
  tail: TailMinute
  sumKpi?: CountMinute
  rateKpi?: CountMinute
}

/**
 * One side's requests above each of `cuts` (any order), drawn as CloudWatch would count them from
 * the same requests: nested, the count above a higher cut never above a lower one's.
 */
function aboveEach(
  rand: () => number,
  n: number,
  cuts: readonly number[],
  survival: (x: number) => number
): Map<number, number> {
  const sorted = [...new Set(cuts)].sort((a, b) => a - b)
  const out = new Map<number, number>()
  let left = n
  let pLeft = 1
  for (const x of sorted) {
    const p = Math.min(pLeft, survival(x))
    // Of the `left` requests above the previous cut, each is above x with probability p / pLeft.
    left = pLeft > 0 ? binomial(rand, left, Math.min(1, p / pLeft)) : 0
    pLeft = p
    out.set(x, left)
  }
  return out
}

/** Pure given `rand`: one minute of a rung at `percent` configured canary traffic. */
export function simulateMinute(
  w: World,
  rand: () => number,
  minute: number,
  percent: number,
  thresholds: readonly number[],
  allowancePercent: number
): SimMinute {
  const n = requestsAt(w, rand, minute)
  const share = Math.min(1, (percent / 100) * (w.shareFactor ?? 1))
  const nc = binomial(rand, n, share)
  const ns = n - nc
  const side = (count: number, p5: number, p4: number) => ({
    requests: count,
    errors5xx: binomial(rand, count, p5),
    errors4xx: binomial(rand, count, p4)
  })
  const canary = side(nc, w.canary5xx ?? w.stable5xx, w.canary4xx ?? w.stable4xx)
  const stable = side(ns, w.stable5xx, w.stable4xx)
  const f = 1 + allowancePercent / 100
  const tail: TailMinute = {
    time: minute,
    canaryRequests: nc,
    stableRequests: ns,
    canaryAbove: [],
    stableAbove: [],
    canaryAboveT: [],
    stableAboveLow: []
  }
  const canaryAt = aboveEach(
    rand,
    nc,
    thresholds.flatMap((t) => [t * f, t]),
    (x) => tailProbability(w, true, x)
  )
  const stableAt = aboveEach(
    rand,
    ns,
    thresholds.flatMap((t) => [t, t / f]),
    (x) => tailProbability(w, false, x)
  )
  for (const t of thresholds) {
    tail.canaryAbove.push(canaryAt.get(t * f)!)
    tail.canaryAboveT.push(canaryAt.get(t)!)
    tail.stableAbove.push(stableAt.get(t)!)
    tail.stableAboveLow.push(stableAt.get(t / f)!)
  }
  const out: SimMinute = { rung: { time: minute, canary, stable }, tail }
  if (w.kpis) {
    const k = w.kpis
    out.sumKpi = {
      time: minute,
      canaryRequests: nc,
      stableRequests: ns,
      canaryEvents: poisson(rand, nc * k.sumPerRequest * k.sumFactor),
      stableEvents: poisson(rand, ns * k.sumPerRequest)
    }
    const sc = binomial(rand, nc, 0.5)
    const ss = binomial(rand, ns, 0.5)
    out.rateKpi = {
      time: minute,
      canaryRequests: sc,
      stableRequests: ss,
      canaryEvents: binomial(rand, sc, Math.min(1, k.rate * k.rateFactor)),
      stableEvents: binomial(rand, ss, k.rate)
    }
  }
  return out
}
