/**
 * The canary analysis through the bundled action, on the emulator's scripted
 * per-minute API Gateway metrics (POST /_emulator/metrics/scenario): with
 * `analysis: gate` and no alarm, a canary whose 5XX rate is 3 points worse is
 * rolled back mid-bake; an equal one passes; a tiny one is inconclusive and
 * each `on-inconclusive` does what it says; with `analysis: report` nothing
 * gates. Time runs 60 times faster for the emulator and the action
 * (local-runner/fast-clock.ts), so a 7-minute bake takes about 7 seconds.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import type { MetricScenario } from '../../emulator/client.js'
import { buildScenario } from '../../local-runner/scenario.js'
import { API_NAME } from '../../local-runner/fixtures.js'
import { fastClock } from '../../local-runner/fast-clock.js'
import { startWorld, type World } from '../../local-runner/world.js'
import { GetMetricDataCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch'
import { clients } from '../emulator/helpers.js'
import { getStage, step, STAGE } from './fixtures.js'

const clock = fastClock(60)
let w: World
beforeAll(async () => {
  w = await startWorld({ now: clock.now })
})
afterAll(async () => {
  await w?.close()
})

const BAKE = { 'bake-time': '7m', 'poll-interval': '1m', percent: '10' }

type Side = MetricScenario['stable']

/** A fresh API and stage (no alarms) and the traffic both sides will see, from the emulator clock's minute. */
async function release(
  canary: Side,
  stable: Side = { requestsPerMinute: 1000, errorRate5xx: 0.005 }
) {
  const { restApiId } = await buildScenario(w, {
    stableDescription: 'v1 (stable)',
    variables: {},
    alarms: [],
    metrics: {
      apiName: API_NAME,
      stage: STAGE,
      minutes: 60,
      seed: 7,
      stable: { latencyMedianMs: 80, ...stable },
      canary: { latencyMedianMs: 80, ...canary }
    },
    clearCalls: true
  })
  return restApiId
}

const deploy = (restApiId: string, inputs: Record<string, string>) =>
  step(w, restApiId, { command: 'deploy', ...BAKE, ...inputs }, { env: clock.env })

const canaryPercent = async (restApiId: string) =>
  (await getStage(w, restApiId)).canarySettings?.percentTraffic

describe('canary analysis (analysis: gate / report)', () => {
  it('rolls back a canary whose 5XX rate is 3 points worse, with no alarm, before the bake ends; the summary holds the verdict and the links', async () => {
    const id = await release({ requestsPerMinute: 100, errorRate5xx: 0.035 })
    // Two emulated minutes with the new stage unchanged before the deploy reads it.
    await new Promise((done) => setTimeout(done, 2000))
    const { r, log } = await deploy(id, { analysis: 'gate', 'bake-time': '15m' })
    expect(r.code).toBe(1)
    expect(r.outputs.status).toBe('rolled-back')
    expect(r.outputs.analysis).toBe('fail')
    expect(r.outputs['abort-reason']).toMatch(/^canary analysis failed at 10%: worse: 5XX rate/)
    expect(await canaryPercent(id)).toBe(0)
    // Stopped by the judge, not by the end of the bake: the rollback came before the 15 minutes were up.
    const report = JSON.parse(r.outputs.report!)
    const bakeStart = report.timeline.find((e: { event: string }) => e.event === 'bake-start')
    const rollback = report.timeline.find((e: { event: string }) => e.event === 'rollback')
    expect(Date.parse(rollback.time) - Date.parse(bakeStart.time)).toBeLessThan(15 * 60_000)
    // The deploy created the canary on a stage unchanged for two minutes (its lastUpdatedDate): the
    // minute the bake started in holds this canary's requests only, and is judged.
    expect(Date.parse(report.analysis.window.start)).toBe(
      Math.floor(Date.parse(bakeStart.time) / 60_000) * 60_000
    )
    expect(report.analysis.verdict.metrics[0]).toMatchObject({
      metric: '5XX rate',
      outcome: 'fail'
    })
    // The one GetMetricData per read, billed per metric: the first read 10 metrics (Latency's three
    // percentiles bill once), each later one 22 (Latency's 56 trimmed counts at the fourteen
    // thresholds add six a side).
    const reads = log.filter((c) => c.operation === 'GetMetricData').length
    expect(report.analysis.billedMetrics).toBe(22 * reads - 12)
    expect(r.summary).toContain('### Canary analysis: ❌ fail')
    // The behaviour, not a noisy figure: the canary's measured rate is well above the stable
    // side's plus the 0.5-point allowance (3 points scripted; a few dozen canary requests a
    // minute leave its rate a point or so either way), and the summary's row says so.
    const fiveXX = report.analysis.verdict.metrics[0]
    expect(fiveXX.canary - fiveXX.stable).toBeGreaterThan(0.005)
    expect(r.summary).toMatch(
      /\| 5XX rate \| \d+\.\d\d% \| \d+\.\d\d% \| \+\d+\.\d\d% \| [\d.e+]+ of \d+ \| [\d.e+-]+ \| ❌ fail \|/
    )
    expect(r.summary).toContain('xychart-beta\n  title "5XX rate (%): stable, then canary"')
    expect(r.summary).toContain(`GetMetricData metrics billed: ${22 * reads - 12}`)
    // The blast radius adds up with the scripted traffic over the judged minutes.
    const scripted = await clients(w.url).cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(report.analysis.window.start),
        EndTime: new Date(report.analysis.window.end),
        MetricDataQueries: ['Count', '5XXError'].map((metric, i) => ({
          Id: `q${i}`,
          MetricStat: {
            Metric: {
              Namespace: 'AWS/ApiGateway',
              MetricName: metric,
              Dimensions: [
                { Name: 'ApiName', Value: API_NAME },
                { Name: 'Stage', Value: `${STAGE}/Canary` }
              ]
            },
            Period: 60,
            Stat: 'Sum'
          }
        }))
      })
    )
    const total = (i: number) =>
      (scripted.MetricDataResults![i]!.Values ?? []).reduce((a, b) => a + b, 0)
    expect(report.analysis.blastRadius.release).toMatchObject({
      canaryRequests: total(0),
      canary5xx: total(1)
    })
    const b = report.analysis.blastRadius.release
    expect(b.excessLow).toBeLessThanOrEqual(b.excess5xx)
    expect(b.excess5xx).toBeLessThanOrEqual(b.excessHigh)
    expect(b.excessLow).toBeGreaterThan(0)
    expect(JSON.parse(r.outputs['blast-radius']!).release).toEqual(b)
    expect(r.summary).toMatch(
      /\*\*Blast radius:\*\* [\d,]+ canary requests, [\d,]+ 5XX, -?[\d,]+ more than the stable rate predicts/
    )
    // The investigation: links and how to release a fix, in the summary and the log.
    expect(r.summary).toContain('### Investigate')
    expect(r.summary).toContain(`API-Gateway-Execution-Logs_${id}/${STAGE}/Canary`)
    expect(r.summary).toContain('/xray/home?region=us-east-1#/traces?timeRange=')
    expect(r.summary).toContain('logsV2:logs-insights')
    expect(r.summary).toContain('its deploy step (command: deploy) makes the fix the canary')
    expect(r.summary).not.toContain('--canary-settings')
    expect(r.stdout).toContain('Investigate the canary:')
    // The links cost no call, and nothing after the rollback writes: only reads follow
    // (recovery's read of the stage, and triage's: the stage's log settings, its Logs Insights query).
    const lastWrite = log.map((c) => c.operation).lastIndexOf('UpdateStage')
    const after = log.slice(lastWrite + 1).map((c) => c.operation)
    expect(after).toContain('GetStage')
    expect(after.filter((op) => !/^(Get|Describe|StartQuery$|StopQuery$)/.test(op))).toEqual([])
  })

  it('compares a Sum KPI per request: an equal canary at 10 % of the traffic passes, lower-is-worse (defect 1)', async () => {
    const id = await release({ requestsPerMinute: 100, errorRate5xx: 0.005 })
    // 0.2 checkouts per request on both sides: 20 a minute on the canary, 200 on the stable side.
    const { cw } = clients(w.url)
    const minute = Math.floor(clock.now() / 60_000) * 60_000
    for (const [release, perMinute] of [
      ['canary', 20],
      ['stable', 200]
    ] as const)
      await cw.send(
        new PutMetricDataCommand({
          Namespace: 'Shop',
          MetricData: Array.from({ length: 40 }, (_, m) => ({
            MetricName: 'CheckoutSucceeded',
            Dimensions: [{ Name: 'Release', Value: release }],
            Timestamp: new Date(minute + (m - 5) * 60_000 + 1000),
            Value: perMinute
          }))
        })
      )
    const kpis = JSON.stringify([
      {
        name: 'checkout success',
        namespace: 'Shop',
        metric: 'CheckoutSucceeded',
        statistic: 'Sum',
        direction: 'lower-is-worse',
        'canary-dimensions': { Release: 'canary' },
        'stable-dimensions': { Release: 'stable' }
      }
    ])
    const { r } = await deploy(id, { analysis: 'gate', 'analysis-metrics': kpis })
    expect(r.code).toBe(0)
    const report = JSON.parse(r.outputs.report!)
    expect(
      report.analysis.verdict.metrics.find(
        (m: { metric: string }) => m.metric === 'checkout success'
      )
    ).toMatchObject({ outcome: expect.stringMatching(/^(pass|inconclusive)$/) })
    expect(await canaryPercent(id)).toBe(10)
  })

  it('passes an equal canary: the bake ends clean with a pass verdict', async () => {
    const id = await release({ requestsPerMinute: 100, errorRate5xx: 0.005 })
    const { r } = await deploy(id, { analysis: 'gate' })
    expect(r.code).toBe(0)
    expect(r.outputs.analysis).toBe('pass')
    expect(r.outputs.status).toBe('canary')
    expect(await canaryPercent(id)).toBe(10)
    expect(r.summary).toContain('### Canary analysis: ✅ pass')
    expect(r.summary).not.toContain('### Investigate')
  })

  it('with analysis: report and no alarm, refuses to release ungated unless told to', async () => {
    const id = await release({ requestsPerMinute: 100, errorRate5xx: 0.035 })
    const { r, log } = await deploy(id, { analysis: 'report' })
    expect(r.code).toBe(1)
    expect(log).toEqual([])
    expect(r.outputs['abort-reason']).toMatch(
      /^Input 'allow-ungated' is false and deploy would raise canary traffic .*'analysis' is report, not gate/
    )
  })

  describe('advance-on-evidence', () => {
    const healthy = { requestsPerMinute: 1000, errorRate5xx: 0.001, errorRate4xx: 0.005 }
    const stable = { requestsPerMinute: 1000, errorRate5xx: 0.001, errorRate4xx: 0.005 }

    it('ends the bake once every metric is shown within its allowance, well before bake-time, never before the minimum bake', async () => {
      const id = await release(healthy, stable)
      const { r, log } = await deploy(id, {
        analysis: 'gate',
        'advance-on-evidence': 'true',
        percent: '50',
        'bake-time': '20m'
      })
      expect(r.code).toBe(0)
      const report = JSON.parse(r.outputs.report!)
      expect(report.analysis.verdict.evidence).toBe(true)
      expect(report.analysis.decision).toBe('pass')
      const at = (event: string) =>
        Date.parse(report.timeline.find((e: { event: string }) => e.event === event).time)
      const baked = at('bake-clean') - at('bake-start')
      // No alarm: the minimum bake is one minute plus the publication minute.
      expect(baked).toBeGreaterThanOrEqual(2 * 60_000)
      expect(baked).toBeLessThan(20 * 60_000)
      // Still at most one GetMetricData a minute of bake (plus the one at the end).
      expect(log.filter((c) => c.operation === 'GetMetricData').length).toBeLessThanOrEqual(
        Math.floor(baked / 60_000) + 1
      )
      expect(r.summary).toContain('the bake ended on that evidence')
    })

    it('at 3 requests a minute it never advances without evidence: max-bake-time, then on-inconclusive: fail', async () => {
      const id = await release({ requestsPerMinute: 3, errorRate5xx: 0.001 })
      const { r } = await deploy(id, {
        analysis: 'gate',
        'advance-on-evidence': 'true',
        'on-inconclusive': 'fail',
        'bake-time': '3m',
        'max-bake-time': '6m'
      })
      expect(r.code).toBe(1)
      expect(r.outputs['abort-reason']).toMatch(
        /^canary analysis inconclusive at max-bake-time \(10%, advance-on-evidence\)/
      )
      expect(await canaryPercent(id)).toBe(0)
    })
  })

  it('with analysis: report, a canary 3 points worse is reported, not stopped', async () => {
    const id = await release({ requestsPerMinute: 100, errorRate5xx: 0.035 })
    const { r } = await deploy(id, {
      analysis: 'report',
      'allow-ungated': 'true',
      'bake-time': '15m'
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      // (`%` is `%25` in a workflow command's data)
      /::warning title=Ungated release::allow-ungated: true: a new canary at 10%25 is not gated on anything/
    )
    expect(r.stdout).toContain(
      '(no alarms configured: the canary analysis only reports; nothing gates)'
    )
    expect(r.summary).toContain('Ungated release (`allow-ungated: true`)')
    expect(r.outputs.analysis).toBe('fail')
    expect(await canaryPercent(id)).toBe(10)
    expect(r.stdout).toMatch(/Canary analysis \(Stage=prod\/Canary, .*\): fail: worse: 5XX rate/)
    expect(r.summary).toContain('Informational (`analysis: report`): it does not gate.')
  })

  describe('a tiny canary is inconclusive', () => {
    const tiny = { requestsPerMinute: 3, errorRate5xx: 0.005 }

    it('on-inconclusive: pass lets it through', async () => {
      const id = await release(tiny)
      const { r } = await deploy(id, { analysis: 'gate', 'on-inconclusive': 'pass' })
      expect(r.code).toBe(0)
      expect(r.outputs.analysis).toBe('inconclusive')
      expect(r.stdout).toMatch(/canary requests, 200 needed/)
      expect(await canaryPercent(id)).toBe(10)
    })

    it('on-inconclusive: fail rolls it back like an alarm', async () => {
      const id = await release(tiny)
      const { r } = await deploy(id, { analysis: 'gate', 'on-inconclusive': 'fail' })
      expect(r.code).toBe(1)
      expect(r.outputs.analysis).toBe('inconclusive')
      expect(r.outputs['abort-reason']).toMatch(
        /^canary analysis inconclusive at 10% \(on-inconclusive: fail\)/
      )
      expect(await canaryPercent(id)).toBe(0)
    })

    it('on-inconclusive: extend bakes on to max-bake-time, then fails', async () => {
      const id = await release(tiny)
      const { r } = await deploy(id, {
        analysis: 'gate',
        'on-inconclusive': 'extend',
        'max-bake-time': '9m'
      })
      expect(r.code).toBe(1)
      expect(r.stdout).toContain('baking on, judging every minute, until')
      expect(r.outputs['abort-reason']).toMatch(
        /^canary analysis still inconclusive at max-bake-time/
      )
      const report = JSON.parse(r.outputs.report!)
      const bakeStart = report.timeline.find((e: { event: string }) => e.event === 'bake-start')
      const rollback = report.timeline.find((e: { event: string }) => e.event === 'rollback')
      expect(Date.parse(rollback.time) - Date.parse(bakeStart.time)).toBeGreaterThanOrEqual(
        9 * 60_000
      )
      expect(await canaryPercent(id)).toBe(0)
    })
  })

  it('refuses a bad analysis-metrics with a one-line error naming the input, before any AWS call', async () => {
    const id = await release({ requestsPerMinute: 100 })
    const { r, log } = await deploy(id, {
      'analysis-metrics': '- name: checkout\n  namespace: Shop'
    })
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/::error.*Input 'analysis-metrics' must be a JSON or YAML list of/)
    expect(log).toEqual([])
  })
})
