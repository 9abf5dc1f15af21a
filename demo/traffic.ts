/**
 * Pretend production traffic: every half second, publishes the metrics API
 * Gateway would for the stable side (Stage=prod) and the canary side
 * (Stage=prod/Canary), split by the canary's current traffic share. When the
 * incident starts, the canary's 5XX rate and latency jump; once the fix is
 * deployed, they are back to normal. The action's
 * canary-vs-stable table in the summary reads these.
 */
import type { MetricDatum } from '@aws-sdk/client-cloudwatch'
import { API_NAME, STAGE, type World } from './world.js'

const TICK_MS = 500
const REQUESTS_PER_TICK = 400

interface Profile {
  rate5xx: number
  rate4xx: number
  /** Latency distribution: [ms, share]. */
  latency: [number, number][]
}

const HEALTHY: Profile = {
  rate5xx: 0.002,
  rate4xx: 0.015,
  latency: [
    [85, 0.35],
    [120, 0.45],
    [190, 0.18],
    [460, 0.02]
  ]
}

const BROKEN: Profile = {
  rate5xx: 0.09,
  rate4xx: 0.016,
  latency: [
    [95, 0.3],
    [150, 0.4],
    [320, 0.25],
    [1350, 0.05]
  ]
}

function datums(stage: string, requests: number, p: Profile, at: Date): MetricDatum[] {
  if (requests <= 0) return []
  const dims = [
    { Name: 'ApiName', Value: API_NAME },
    { Name: 'Stage', Value: stage }
  ]
  return [
    { MetricName: 'Count', Dimensions: dims, Timestamp: at, Value: requests, Unit: 'Count' },
    {
      MetricName: '5XXError',
      Dimensions: dims,
      Timestamp: at,
      Value: requests * p.rate5xx,
      Unit: 'Count'
    },
    {
      MetricName: '4XXError',
      Dimensions: dims,
      Timestamp: at,
      Value: requests * p.rate4xx,
      Unit: 'Count'
    },
    {
      MetricName: 'Latency',
      Dimensions: dims,
      Timestamp: at,
      Values: p.latency.map(([ms]) => ms),
      Counts: p.latency.map(([, share]) => Math.max(1, Math.round(share * requests))),
      Unit: 'Milliseconds'
    }
  ]
}

export interface Traffic {
  /** From now on the canary misbehaves. */
  breakCanary(): void
  /** From now on the canary is healthy again (the fix is deployed). */
  fixCanary(): void
  stop(): Promise<void>
}

export function startTraffic(w: World): Traffic {
  let broken = false
  let stopped = false
  let tick: Promise<void> = Promise.resolve()
  const once = async () => {
    const stage = await w.getStage()
    const share = (stage.canarySettings?.percentTraffic ?? 0) / 100
    const canary = Math.round(REQUESTS_PER_TICK * share)
    const at = new Date()
    await w.putMetrics([
      ...datums(STAGE, REQUESTS_PER_TICK - canary, HEALTHY, at),
      ...datums(`${STAGE}/Canary`, canary, broken ? BROKEN : HEALTHY, at)
    ])
  }
  const timer = setInterval(() => {
    if (stopped) return
    tick = tick.then(once).catch(() => undefined)
  }, TICK_MS)
  return {
    breakCanary: () => void (broken = true),
    fixCanary: () => void (broken = false),
    async stop() {
      stopped = true
      clearInterval(timer)
      await tick
    }
  }
}
