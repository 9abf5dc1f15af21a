/**
 * Scripted API Gateway traffic for the metric store: per-minute Count,
 * 5XXError, 4XXError, Latency and IntegrationLatency for a stage and its
 * canary, drawn from error rates and log-normal latencies that can change
 * over time (phases), with seeded noise. Served by `POST /_emulator/metrics/scenario`.
 */
import { z } from 'zod'

import type { Datapoint, Dimension } from './metric-data.js'
import { seededRandom } from '../common/wire.js'

const rate = z.number().min(0).max(1)
const sideFields = {
  /** Mean requests per minute (noise: about its square root). */
  requestsPerMinute: z.number().min(0).max(10_000),
  errorRate5xx: rate,
  errorRate4xx: rate,
  /** Median of the log-normal latency, ms. */
  latencyMedianMs: z.number().positive(),
  /** Shape (sigma of the log) of the latency distribution. */
  latencySigma: z.number().min(0).max(3),
  /** API Gateway's own time: Latency - IntegrationLatency, ms. */
  overheadMs: z.number().min(0)
}
const phase = z.strictObject({ fromMinute: z.number().int().min(0), ...sideFields }).partial({
  requestsPerMinute: true,
  errorRate5xx: true,
  errorRate4xx: true,
  latencyMedianMs: true,
  latencySigma: true,
  overheadMs: true
})
const side = z.strictObject({
  requestsPerMinute: sideFields.requestsPerMinute,
  errorRate5xx: rate.default(0),
  errorRate4xx: rate.default(0),
  latencyMedianMs: sideFields.latencyMedianMs.default(50),
  latencySigma: sideFields.latencySigma.default(0.4),
  overheadMs: sideFields.overheadMs.default(5),
  /** Changes from a minute on (counted from `start`), applied in order. */
  phases: z.array(phase).default([])
})

/**
 * Writing the drawn requests where API Gateway would log and trace them (at
 * most `maxRequestsPerMinute` per side and minute; the metrics count them all).
 */
const requestLogs = z.strictObject({
  /** Names the execution log groups: `API-Gateway-Execution-Logs_{restApiId}/{stage}[/Canary]`. */
  restApiId: z.string().min(1),
  executionLogs: z.boolean().default(true),
  /** The stage's access log group; the canary's requests go to `{accessLogGroup}/Canary`. */
  accessLogGroup: z.string().min(1).optional(),
  /** X-Ray segments, named `{apiName}/{stage}` as API Gateway names them. */
  tracing: z.boolean().default(false),
  /** What a 5XX's execution-log line and trace fault say. */
  errorMessage: z
    .string()
    .min(1)
    .default('Execution failed due to configuration error: Invalid permissions on Lambda function'),
  maxRequestsPerMinute: z.number().int().min(1).max(1000).default(20)
})

const scenarioSchema = z.strictObject({
  apiName: z.string().min(1),
  stage: z.string().min(1),
  /** Stage dimension of the canary's metrics; default `{stage}/Canary`. */
  canaryStage: z.string().min(1).optional(),
  /** First minute (epoch seconds or ISO-8601); default the emulator clock's current minute. */
  start: z.union([z.number(), z.string()]).optional(),
  minutes: z.number().int().min(1).max(360),
  seed: z.number().int().default(1),
  /** Whether the stage's metrics also count the canary's requests. */
  stageIncludesCanary: z.boolean().default(false),
  stable: side,
  canary: side.optional(),
  requestLogs: requestLogs.optional()
})

export type MetricScenario = z.input<typeof scenarioSchema>
export type RequestLogsOptions = z.output<typeof requestLogs> & { apiName: string; stage: string }

/** One drawn request, kept for the request logs. */
export interface DrawnRequest {
  canary: boolean
  /** Epoch ms. */
  time: number
  status: number
  latencyMs: number
  /** A request id drawn from the scenario's seed. */
  id: string
}
type Side = z.output<typeof side>

/** One generated datapoint, for a series named by its metric and dimensions. */
export interface ScenarioPoint {
  metricName: string
  dimensions: Dimension[]
  point: Datapoint
}

export interface ScenarioResult {
  points: ScenarioPoint[]
  /** The requests to log (with `requestLogs`): at most its cap per side and minute. */
  requests: DrawnRequest[]
  requestLogs?: RequestLogsOptions
  summary: {
    start: string
    minutes: number
    stable: { requests: number }
    canary?: { requests: number }
  }
}

/** API Gateway publishes a minute's datapoints about a minute after it ends. */
export const PUBLICATION_DELAY_MS = 60_000

/** Standard normal draws (Box-Muller) from a uniform generator. */
function gaussian(random: () => number): () => number {
  return () => {
    const u = 1 - random()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
  }
}

function paramsAt(s: Side, minute: number) {
  let p: Omit<Side, 'phases'> = s
  for (const ph of s.phases) if (ph.fromMinute <= minute) p = { ...p, ...ph }
  return p
}

/** [value, count] pairs from a histogram of values. */
const pairs = (h: Map<number, number>): Array<[number, number]> => [...h].filter(([, c]) => c > 0)

function point(timestamp: number, unit: string, samples: Array<[number, number]>): Datapoint {
  let sum = 0
  let count = 0
  let min = Infinity
  let max = -Infinity
  for (const [v, c] of samples) {
    sum += v * c
    count += c
    min = Math.min(min, v)
    max = Math.max(max, v)
  }
  return {
    timestamp,
    unit,
    samples,
    sum,
    count,
    min,
    max,
    visibleAt: timestamp + 60_000 + PUBLICATION_DELAY_MS
  }
}

/** One side's minute: the five metrics as datapoints, or none without requests. */
function minutePoints(
  p: ReturnType<typeof paramsAt>,
  t: number,
  random: () => number,
  normal: () => number,
  keep: (status: number, latencyMs: number, index: number, n: number) => void = () => undefined
) {
  const n = Math.max(0, Math.round(p.requestsPerMinute + Math.sqrt(p.requestsPerMinute) * normal()))
  if (n === 0) return { n, points: [] as Array<[string, Datapoint]> }
  let e5 = 0
  let e4 = 0
  const latency = new Map<number, number>()
  const integration = new Map<number, number>()
  for (let i = 0; i < n; i++) {
    const u = random()
    const status = u < p.errorRate5xx ? 502 : u < p.errorRate5xx + p.errorRate4xx ? 404 : 200
    if (status === 502) e5++
    else if (status === 404) e4++
    const l = Math.round(p.latencyMedianMs * Math.exp(p.latencySigma * normal()) * 10) / 10
    keep(status, l, i, n)
    const il = Math.max(0, Math.round((l - p.overheadMs) * 10) / 10)
    latency.set(l, (latency.get(l) ?? 0) + 1)
    integration.set(il, (integration.get(il) ?? 0) + 1)
  }
  const flags = (k: number): Array<[number, number]> =>
    pairs(
      new Map([
        [1, k],
        [0, n - k]
      ])
    )
  return {
    n,
    points: [
      ['Count', point(t, 'Count', [[1, n]])],
      ['5XXError', point(t, 'Count', flags(e5))],
      ['4XXError', point(t, 'Count', flags(e4))],
      ['Latency', point(t, 'Milliseconds', pairs(latency))],
      ['IntegrationLatency', point(t, 'Milliseconds', pairs(integration))]
    ] as Array<[string, Datapoint]>
  }
}

function parseStart(v: number | string | undefined, now: number): number | string {
  const t = v === undefined ? now : typeof v === 'number' ? v * 1000 : Date.parse(v)
  if (!Number.isFinite(t)) return 'start must be epoch seconds or an ISO-8601 time'
  return Math.floor(t / 60_000) * 60_000
}

/** Validates a scenario and draws its datapoints; a string is the reason it was refused. */
export function generateScenario(body: unknown, now: number): ScenarioResult | string {
  const parsed = scenarioSchema.safeParse(body)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!
    return `${issue.path.join('.') || 'body'}: ${issue.message}`
  }
  const sc = parsed.data
  const start = parseStart(sc.start, now)
  if (typeof start === 'string') return start
  const random = seededRandom(sc.seed)
  const normal = gaussian(random)
  const dims = (stage: string): Dimension[] => [
    { Name: 'ApiName', Value: sc.apiName },
    { Name: 'Stage', Value: stage }
  ]
  const canaryStage = sc.canaryStage ?? `${sc.stage}/Canary`
  const points: ScenarioPoint[] = []
  const requests: DrawnRequest[] = []
  const ids = seededRandom(sc.seed + 1)
  const keeper =
    (canary: boolean, t: number) => (status: number, latencyMs: number, i: number, n: number) => {
      if (!sc.requestLogs || i >= sc.requestLogs.maxRequestsPerMinute) return
      const hex = (k: number) =>
        Array.from({ length: k }, () => Math.floor(ids() * 16).toString(16)).join('')
      const id = `${hex(8)}-${hex(4)}-${hex(4)}-${hex(4)}-${hex(12)}`
      const shown = Math.min(n, sc.requestLogs.maxRequestsPerMinute)
      requests.push({ canary, time: t + Math.floor((i * 60_000) / shown), status, latencyMs, id })
    }
  const totals = { stable: 0, canary: 0 }
  for (let m = 0; m < sc.minutes; m++) {
    const t = start + m * 60_000
    const stable = minutePoints(paramsAt(sc.stable, m), t, random, normal, keeper(false, t))
    totals.stable += stable.n
    for (const [metricName, point] of stable.points)
      points.push({ metricName, dimensions: dims(sc.stage), point })
    if (!sc.canary) continue
    const canary = minutePoints(paramsAt(sc.canary, m), t, random, normal, keeper(true, t))
    totals.canary += canary.n
    for (const [metricName, point] of canary.points) {
      points.push({ metricName, dimensions: dims(canaryStage), point })
      // The stage's own series then count the canary's requests as well.
      if (sc.stageIncludesCanary) points.push({ metricName, dimensions: dims(sc.stage), point })
    }
  }
  return {
    points,
    requests,
    ...(sc.requestLogs
      ? { requestLogs: { ...sc.requestLogs, apiName: sc.apiName, stage: sc.stage } }
      : {}),
    summary: {
      start: new Date(start).toISOString(),
      minutes: sc.minutes,
      stable: { requests: totals.stable },
      ...(sc.canary ? { canary: { requests: totals.canary } } : {})
    }
  }
}
