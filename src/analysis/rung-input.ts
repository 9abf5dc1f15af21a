/**
 * Pure: a read's series (metric-reads.ts) as the judge's minutes
 * (rung-judge.ts), and the latency thresholds from the stable side's minutes
 * before the bake.
 *
 * Only the bake's minutes are judged (analysisWindow, window.ts): the minute
 * the bake started in carries traffic from before the change (another
 * percentage, or another canary), so it is left out unless every canary
 * request in it is this step's (startMinuteIsOwn).
 */
import type { Series } from './judge.js'
import type { CountMinute } from './count-test.js'
import type { JudgeReads } from './metric-reads.js'
import type { KpiCounts, RungInput, RungMinute, TailMinute } from './rung-judge.js'
import { latencyThresholds } from './latency-thresholds.js'

const MINUTE = 60_000

const at = (s: Series | undefined) => new Map((s ?? []).map((p) => [p.time, p.value]))

/** Minutes in [start, end) as epoch ms, one a minute. */
function minutesOf(start: number, end: number): number[] {
  const out: number[] = []
  for (let t = Math.ceil(start / MINUTE) * MINUTE; t < end; t += MINUTE) out.push(t)
  return out
}

/**
 * The latency thresholds (latencyThresholds) from the stable side's p50, p90
 * and p99, each the median over the minutes before `before` of its per-minute
 * values; undefined when no such minute has data.
 */
export function thresholdsBefore(reads: JudgeReads, before: number): number[] | undefined {
  const pick = (s: Series) =>
    s.filter((p) => p.time < before && Number.isFinite(p.value) && p.value > 0).map((p) => p.value)
  const sets = [reads.stable.latencyP50, reads.stable.latencyP90, reads.stable.latencyP99].map(pick)
  if (sets.some((v) => v.length === 0)) return undefined
  const [p50, p90, p99] = sets.map((v) => {
    const s = [...v].sort((a, b) => a - b)
    const m = s.length >> 1
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2
  }) as [number, number, number]
  return latencyThresholds(p50, p90, p99)
}

/**
 * Pure: the judge's minutes for [start, end). With `stageIncludesCanary`
 * the stage's counts are made stable-only by subtracting the canary's
 * (latency counts above a threshold too: a count, unlike a percentile,
 * subtracts).
 */
export function rungInput(
  reads: JudgeReads,
  window: { start: number; end: number },
  stageIncludesCanary: boolean
): RungInput {
  const times = minutesOf(window.start, window.end)
  const c = {
    n: at(reads.canary.count),
    e5: at(reads.canary.errors5xx),
    e4: at(reads.canary.errors4xx)
  }
  const s = {
    n: at(reads.stable.count),
    e5: at(reads.stable.errors5xx),
    e4: at(reads.stable.errors4xx)
  }
  const stableOnly = (stage: number, canary: number) =>
    Math.max(0, stageIncludesCanary ? stage - canary : stage)
  const v = (m: Map<number, number>, t: number) => m.get(t) ?? 0
  const minutes: RungMinute[] = times
    .filter((t) => c.n.has(t) || s.n.has(t))
    .map((t) => ({
      time: t,
      canary: { requests: v(c.n, t), errors5xx: v(c.e5, t), errors4xx: v(c.e4, t) },
      stable: {
        requests: stableOnly(v(s.n, t), v(c.n, t)),
        errors5xx: stableOnly(v(s.e5, t), v(c.e5, t)),
        errors4xx: stableOnly(v(s.e4, t), v(c.e4, t))
      }
    }))
  // The stable side before the first judged minute (the read reaches back for the thresholds).
  const prior = [...s.n.keys()].filter((t) => t < window.start)
  const input: RungInput = {
    minutes,
    ...(prior.length
      ? {
          stablePrior: {
            requests: prior.reduce((a, t) => a + stableOnly(v(s.n, t), v(c.n, t)), 0),
            errors5xx: prior.reduce((a, t) => a + stableOnly(v(s.e5, t), v(c.e5, t)), 0),
            errors4xx: prior.reduce((a, t) => a + stableOnly(v(s.e4, t), v(c.e4, t)), 0)
          }
        }
      : {})
  }
  const tail = reads.tail
  if (tail) {
    const maps = {
      ca: tail.canaryAbove.map(at),
      sa: tail.stableAbove.map(at),
      ct: tail.canaryAboveT.map(at),
      sl: tail.stableAboveLow.map(at)
    }
    // Latency counts of the stable side lose the canary's share only approximately (bounds differ): subtract where they match.
    const tailMinutes: TailMinute[] = minutes.map((m) => ({
      time: m.time,
      canaryRequests: m.canary.requests,
      stableRequests: m.stable.requests,
      canaryAbove: maps.ca.map((x) => v(x, m.time)),
      stableAbove: maps.sa.map((x, i) => stableOnly(v(x, m.time), v(maps.ct[i]!, m.time))),
      canaryAboveT: maps.ct.map((x) => v(x, m.time)),
      stableAboveLow: maps.sl.map((x) => v(x, m.time))
    }))
    input.tail = {
      thresholds: tail.plan.thresholds,
      minutes: tailMinutes,
      ...(stageIncludesCanary ? { lowExact: false } : {})
    }
  }
  input.kpis = reads.kpis.map((k): KpiCounts => {
    const ce = at(k.canary.events)
    const se = at(k.stable.events)
    const cn = k.canary.samples ? at(k.canary.samples) : undefined
    const sn = k.stable.samples ? at(k.stable.samples) : undefined
    const series: CountMinute[] = minutes.map((m) => ({
      time: m.time,
      // Sum: events per request; Average: events per sample.
      canaryRequests: cn ? v(cn, m.time) : m.canary.requests,
      stableRequests: sn ? v(sn, m.time) : m.stable.requests,
      // The test counts events (whole numbers); the figures shown keep the sums as read.
      canaryEvents: Math.round(v(ce, m.time)),
      stableEvents: Math.round(v(se, m.time)),
      canaryValue: v(ce, m.time),
      stableValue: v(se, m.time)
    }))
    return {
      name: k.kpi.name,
      unit: k.kpi.unit ?? 'None',
      per: cn ? 'sample' : 'request',
      direction: k.kpi.direction,
      maxChangePercent: k.kpi.maxChangePercent ?? 10,
      minutes: series
    }
  })
  return input
}
