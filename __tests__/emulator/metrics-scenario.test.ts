import {
  GetMetricDataCommand,
  type MetricDataQuery,
  paginateGetMetricData
} from '@aws-sdk/client-cloudwatch'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

import { type MetricScenario, setMetricScenario } from '../../emulator/client.js'
import { type Emulator, startEmulator } from '../../emulator/server.js'
import { judgeQueries, judgeReadsFromPages } from '../../src/analysis/metric-reads.js'
import { judgeRung } from '../../src/analysis/rung-judge.js'
import { rungInput, thresholdsBefore } from '../../src/analysis/rung-input.js'
import { clients, expectAwsError } from './helpers.js'

const START = Date.UTC(2026, 0, 1, 12, 0)
const MIN = 60_000
let clock = START
let emu: Emulator
let cw: ReturnType<typeof clients>['cw']

beforeAll(async () => {
  emu = await startEmulator({ port: 0, now: () => clock })
  cw = clients(emu.url).cw
})
afterAll(async () => {
  cw.destroy()
  await emu.close()
})
beforeEach(() => {
  emu.state.reset()
  clock = START
})

const scenario = (over: Partial<MetricScenario> = {}): MetricScenario => ({
  apiName: 'orders',
  stage: 'prod',
  start: START / 1000,
  minutes: 10,
  seed: 7,
  stable: { requestsPerMinute: 1900, errorRate5xx: 0.001, latencyMedianMs: 80, latencySigma: 0.3 },
  canary: { requestsPerMinute: 100, errorRate5xx: 0.001, latencyMedianMs: 80, latencySigma: 0.3 },
  ...over
})

const q = (id: string, stage: string, metric: string, stat: string): MetricDataQuery => ({
  Id: id,
  MetricStat: {
    Metric: {
      Namespace: 'AWS/ApiGateway',
      MetricName: metric,
      Dimensions: [
        { Name: 'ApiName', Value: 'orders' },
        { Name: 'Stage', Value: stage }
      ]
    },
    Period: 60,
    Stat: stat
  }
})

async function read(queries: MetricDataQuery[], minutes = 10) {
  const out = await cw.send(
    new GetMetricDataCommand({
      MetricDataQueries: queries,
      StartTime: new Date(START),
      EndTime: new Date(START + minutes * MIN),
      ScanBy: 'TimestampAscending'
    })
  )
  return Object.fromEntries((out.MetricDataResults ?? []).map((r) => [r.Id!, r]))
}
const total = (values: number[] | undefined) => (values ?? []).reduce((a, b) => a + b, 0)

describe('scripted API Gateway metrics', () => {
  it('answers Sum, SampleCount, Average and percentiles per minute for the stage and its canary', async () => {
    const summary = await setMetricScenario(emu.url, scenario())
    expect(summary.start).toBe('2026-01-01T12:00:00.000Z')
    clock = START + 12 * MIN
    const r = await read([
      q('sc', 'prod', 'Count', 'Sum'),
      q('cc', 'prod/Canary', 'Count', 'Sum'),
      q('cn', 'prod/Canary', '5XXError', 'SampleCount'),
      q('ce', 'prod/Canary', '5XXError', 'Sum'),
      q('ca', 'prod/Canary', '5XXError', 'Average'),
      q('p50', 'prod', 'Latency', 'p50'),
      q('p95', 'prod', 'Latency', 'p95'),
      q('p99', 'prod', 'Latency', 'p99'),
      q('i99', 'prod', 'IntegrationLatency', 'p99')
    ])
    expect(r.sc!.Timestamps).toHaveLength(10)
    expect(r.sc!.Timestamps![0]!.getTime()).toBe(START)
    expect(total(r.sc!.Values)).toBe(summary.stable.requests)
    expect(total(r.cc!.Values)).toBe(summary.canary!.requests)
    expect(r.cn!.Values).toEqual(r.cc!.Values)
    r.ca!.Values!.forEach((avg, i) =>
      expect(avg).toBeCloseTo(r.ce!.Values![i]! / r.cn!.Values![i]!, 12)
    )
    // Log-normal, median 80 ms, sigma 0.3: p50 = 80, p95 = 80·e^(1.645·0.3) = 131.2, p99 = 80·e^(2.326·0.3) = 160.9.
    for (let i = 0; i < 10; i++) {
      const [p50, p95, p99] = [r.p50!.Values![i]!, r.p95!.Values![i]!, r.p99!.Values![i]!]
      expect(p50).toBeLessThan(p95)
      expect(p95).toBeLessThan(p99)
      expect(Math.abs(p99 / 160.9 - 1)).toBeLessThan(0.15)
      expect(r.i99!.Values![i]!).toBeLessThan(p99)
    }
    // Over the whole window (19 000 requests) the percentiles are close to the distribution's.
    const window = await cw.send(
      new GetMetricDataCommand({
        MetricDataQueries: ['p50', 'p95', 'p99'].map((stat) => ({
          ...q(stat, 'prod', 'Latency', stat),
          MetricStat: { ...q(stat, 'prod', 'Latency', stat).MetricStat!, Period: 600 }
        })),
        StartTime: new Date(START),
        EndTime: new Date(START + 10 * MIN)
      })
    )
    const [w50, w95, w99] = window.MetricDataResults!.map((x) => x.Values![0]!)
    expect(Math.abs(w50! / 80 - 1)).toBeLessThan(0.02)
    expect(Math.abs(w95! / 131.2 - 1)).toBeLessThan(0.03)
    expect(Math.abs(w99! / 160.9 - 1)).toBeLessThan(0.04)
  })

  it('is repeatable with a seed and differs with another', async () => {
    const s1 = await setMetricScenario(emu.url, scenario())
    const s2 = await setMetricScenario(emu.url, scenario())
    const s3 = await setMetricScenario(emu.url, scenario({ seed: 8 }))
    expect(s2).toEqual(s1)
    expect(s3.stable.requests).not.toBe(s1.stable.requests)
    clock = START + 12 * MIN
    // The latest scenario replaced the earlier ones.
    expect(total((await read([q('sc', 'prod', 'Count', 'Sum')])).sc!.Values)).toBe(
      s3.stable.requests
    )
  })

  it('publishes each minute a minute after it ends, by the emulator’s clock', async () => {
    await setMetricScenario(emu.url, scenario())
    clock = START + 5 * MIN // minutes 0..3 have ended at least a minute ago
    expect((await read([q('sc', 'prod', 'Count', 'Sum')])).sc!.Timestamps).toHaveLength(4)
    clock = START + 5 * MIN + 59_999
    expect((await read([q('sc', 'prod', 'Count', 'Sum')])).sc!.Timestamps).toHaveLength(4)
    clock = START + 6 * MIN
    expect((await read([q('sc', 'prod', 'Count', 'Sum')])).sc!.Timestamps).toHaveLength(5)
  })

  it('counts the canary in the stage’s metrics when asked to', async () => {
    const s = await setMetricScenario(emu.url, scenario({ stageIncludesCanary: true }))
    clock = START + 12 * MIN
    const r = await read([q('sc', 'prod', 'Count', 'Sum'), q('cc', 'prod/Canary', 'Count', 'Sum')])
    expect(total(r.sc!.Values)).toBe(s.stable.requests + s.canary!.requests)
    expect(total(r.cc!.Values)).toBe(s.canary!.requests)
  })

  it('changes error rates and latency from a minute on (phases)', async () => {
    await setMetricScenario(
      emu.url,
      scenario({
        canary: {
          requestsPerMinute: 1000,
          latencyMedianMs: 80,
          phases: [{ fromMinute: 5, errorRate5xx: 0.2, latencyMedianMs: 400 }]
        }
      })
    )
    clock = START + 12 * MIN
    const r = await read([
      q('ca', 'prod/Canary', '5XXError', 'Average'),
      q('p50', 'prod/Canary', 'Latency', 'p50')
    ])
    const rates = r.ca!.Values!
    expect(Math.max(...rates.slice(0, 5))).toBe(0)
    expect(Math.min(...rates.slice(5))).toBeGreaterThan(0.15)
    expect(Math.max(...r.p50!.Values!.slice(0, 5))).toBeLessThan(100)
    expect(Math.min(...r.p50!.Values!.slice(5))).toBeGreaterThan(300)
  })

  it('refuses a malformed scenario with the field at fault', async () => {
    await expect(setMetricScenario(emu.url, scenario({ minutes: 0 }))).rejects.toThrow(
      /HTTP 400.*minutes/
    )
    await expect(
      setMetricScenario(emu.url, {
        ...scenario(),
        canary: { requestsPerMinute: 10, errorRate5xx: 2 }
      })
    ).rejects.toThrow(/canary\.errorRate5xx/)
  })
})

describe('GetMetricData paging', () => {
  const queries = [
    q('a', 'prod', 'Count', 'Sum'),
    q('b', 'prod/Canary', 'Count', 'Sum'),
    q('c', 'prod', 'Latency', 'p99')
  ]

  it('pages at MaxDatapoints over all queries and NextToken gives the rest, as the SDK paginator follows it', async () => {
    await setMetricScenario(emu.url, scenario())
    clock = START + 12 * MIN
    const whole = await read(queries)
    const input = {
      MetricDataQueries: queries,
      StartTime: new Date(START),
      EndTime: new Date(START + 10 * MIN),
      ScanBy: 'TimestampAscending' as const,
      MaxDatapoints: 7
    }
    const first = await cw.send(new GetMetricDataCommand(input))
    expect(first.NextToken).toBeDefined()
    expect(first.MetricDataResults!.map((r) => [r.Id, r.Values!.length, r.StatusCode])).toEqual([
      ['a', 7, 'PartialData'],
      ['b', 0, 'PartialData'],
      ['c', 0, 'PartialData']
    ])
    const pages = []
    for await (const p of paginateGetMetricData({ client: cw }, input)) pages.push(p)
    expect(pages).toHaveLength(5) // 30 datapoints, 7 a page
    expect(pages.at(-1)!.NextToken).toBeUndefined()
    for (const id of ['a', 'b', 'c']) {
      const merged = pages.flatMap((p) => p.MetricDataResults!.find((r) => r.Id === id)!.Values!)
      expect(merged).toEqual(whole[id]!.Values)
    }
    expect(pages.at(-1)!.MetricDataResults!.every((r) => r.StatusCode === 'Complete')).toBe(true)
  })

  it('refuses a NextToken from another request, and a MaxDatapoints below 1', async () => {
    await setMetricScenario(emu.url, scenario())
    clock = START + 12 * MIN
    const base = {
      StartTime: new Date(START),
      EndTime: new Date(START + 10 * MIN),
      MaxDatapoints: 5
    }
    const first = await cw.send(new GetMetricDataCommand({ ...base, MetricDataQueries: queries }))
    await expectAwsError(
      cw.send(
        new GetMetricDataCommand({
          ...base,
          MetricDataQueries: queries.slice(1),
          NextToken: first.NextToken
        })
      ),
      'InvalidNextToken',
      400
    )
    await expectAwsError(
      cw.send(new GetMetricDataCommand({ ...base, MetricDataQueries: queries, MaxDatapoints: 0 })),
      'ValidationException',
      400
    )
  })
})

describe('a bake read judged end to end', () => {
  async function judge(canaryErrorRate: number) {
    await setMetricScenario(
      emu.url,
      scenario({
        canary: {
          requestsPerMinute: 100,
          errorRate5xx: canaryErrorRate,
          latencyMedianMs: 80,
          latencySigma: 0.3
        }
      })
    )
    clock = START + 12 * MIN
    const read = async (tail?: { thresholds: number[]; allowancePercent: number }) => {
      const q = judgeQueries({
        apiName: 'orders',
        stage: 'prod',
        canaryStage: 'prod/Canary',
        window: { start: new Date(START), end: new Date(START + 10 * MIN) },
        ...(tail ? { tail } : {})
      })
      const pages = []
      for await (const p of paginateGetMetricData(
        { client: cw },
        { ...q.request, MaxDatapoints: 50 }
      ))
        pages.push(p)
      return { q, pages, reads: judgeReadsFromPages(pages, tail) }
    }
    // First the thresholds from the stable side's first minute, then the trimmed counts above them.
    const first = await read()
    const thresholds = thresholdsBefore(first.reads, START + MIN)!
    const { q, pages, reads } = await read({ thresholds, allowancePercent: 20 })
    const input = rungInput(reads, { start: START + MIN, end: START + 10 * MIN }, false)
    return {
      billedMetrics: [first.q.billedMetrics, q.billedMetrics],
      pages: pages.length,
      verdict: judgeRung(input, {
        max5xxIncrease: 0.5,
        max4xxIncrease: 1,
        maxLatencyIncrease: 20,
        confidence: 95,
        minCanaryRequests: 200,
        rungs: 1
      })
    }
  }

  it('passes a canary that behaves like the stable side, reading 10 then 22 billed metrics in one request each (56 Latency trimmed counts at fourteen thresholds, 70 queries)', async () => {
    const r = await judge(0.001)
    expect(r.billedMetrics).toEqual([10, 22])
    expect(r.pages).toBeGreaterThan(1)
    expect(r.verdict.outcome).toBe('pass')
    expect(r.verdict.minutes).toBe(9)
  })

  it('fails a canary with 5 % server errors on the 5XX rate alone', async () => {
    const r = await judge(0.05)
    expect(r.verdict.outcome).toBe('fail')
    expect(r.verdict.metrics.filter((m) => m.outcome === 'fail').map((m) => m.metric)).toEqual([
      '5XX rate'
    ])
  })
})
