import { describe, expect, it } from '@jest/globals'
import {
  analysisWindow,
  chartPoints,
  judgeSettings,
  startMinuteIsOwn
} from '../../src/analysis/window.js'
import { investigationLinks } from '../../src/analysis/investigation.js'
import type { ChartSide } from '../../src/analysis/window.js'
import type { RungVerdict as Verdict } from '../../src/analysis/rung-judge.js'
import { newReport } from '../../src/core/report.js'
import { InputError } from '../../src/errors.js'
import { parseAnalysisMetrics } from '../../src/analysis/github-inputs.js'
import { renderSummary } from '../../src/github/summary.js'
import { config } from '../helpers/harness.js'
import { CANARY_STAGE, REST_API_ID, STAGE } from '../../local-runner/fixtures.js'

const T0 = Date.parse('2026-11-26T09:00:00.000Z')
const MIN = 60_000

describe('analysisWindow: the complete, published minutes of the bake', () => {
  it('starts at the first whole minute of the bake: the partial one it started in is left out (defect 5)', () => {
    // A bake 40 s into 09:00 has 20 s of canary traffic at its percentage in that minute.
    expect(analysisWindow(T0 + 40_000, T0 + 5 * MIN + 30_000)).toEqual({
      start: new Date(T0 + MIN),
      end: new Date(T0 + 4 * MIN)
    })
    // A bake that starts on the minute keeps it.
    expect(analysisWindow(T0, T0 + 5 * MIN)?.start).toEqual(new Date(T0))
  })
  it('is undefined until one whole minute is complete and published', () => {
    expect(analysisWindow(T0 + 20_000, T0 + 2 * MIN + 59_000)).toBeUndefined()
    expect(analysisWindow(T0 + 20_000, T0 + 3 * MIN)).toEqual({
      start: new Date(T0 + MIN),
      end: new Date(T0 + 2 * MIN)
    })
  })
})

describe("the minute the bake started in, judged only when all its canary traffic is this step's", () => {
  const noCanary = { canary: undefined, leftover: false }
  const bakeStart = T0 + 40_000
  it('judged from the minute the bake started in when the step created the canary on a stage unchanged since before that minute', () => {
    expect(startMinuteIsOwn({ ...noCanary, updatedAt: T0 - 3 * MIN }, bakeStart)).toBe(true)
    expect(analysisWindow(bakeStart, T0 + 2 * MIN, true)).toEqual({
      start: new Date(T0),
      end: new Date(T0 + MIN)
    })
  })
  it('not when the stage changed within that minute (a promotion just before: its canary served part of the minute), had a canary or leftover settings, or its last change is unknown', () => {
    expect(startMinuteIsOwn({ ...noCanary, updatedAt: T0 + 10_000 }, bakeStart)).toBe(false)
    // lastUpdatedDate is in whole seconds: a change stamped on the minute may have come after it began.
    expect(startMinuteIsOwn({ ...noCanary, updatedAt: T0 }, bakeStart)).toBe(false)
    expect(
      startMinuteIsOwn(
        { canary: { deploymentId: 'old001' }, leftover: false, updatedAt: T0 - 3 * MIN },
        bakeStart
      )
    ).toBe(false)
    expect(
      startMinuteIsOwn({ canary: undefined, leftover: true, updatedAt: T0 - 3 * MIN }, bakeStart)
    ).toBe(false)
    expect(startMinuteIsOwn(noCanary, bakeStart)).toBe(false)
    expect(startMinuteIsOwn(undefined, bakeStart)).toBe(false)
    expect(analysisWindow(bakeStart, T0 + 2 * MIN, false)).toBeUndefined()
  })
})

describe('the analysis inputs', () => {
  it('defaults: report, 0.5 and 1 points, 95 %, 20 %, 200 requests, pass, no KPIs', () => {
    const c = config({ command: 'deploy' })
    expect(c).toMatchObject({
      analysisMode: 'report',
      max5xxIncrease: 0.5,
      max4xxIncrease: 1,
      analysisConfidence: 95,
      maxLatencyIncrease: 20,
      minCanaryRequests: 200,
      onInconclusive: 'pass',
      maxBakeTimeMs: undefined,
      analysisMetrics: []
    })
    expect(judgeSettings(c, 5, 1)).toMatchObject({
      max5xxIncrease: 0.5,
      confidence: 95,
      rungs: 5,
      stepRungs: 1
    })
  })

  it.each([
    ['analysis', 'always', "Input 'analysis' must be one of 'off', 'report', 'gate'"],
    ['max-5xx-increase', 'lots', "Input 'max-5xx-increase' must be a number from 0 to 100"],
    ['analysis-confidence', '100', "Input 'analysis-confidence' must be a number from 50 to 99.99"],
    ['on-inconclusive', 'retry', "Input 'on-inconclusive' must be one of 'pass', 'fail', 'extend'"],
    ['max-bake-time', 'forever', "Input 'max-bake-time' must be a duration"]
  ])('%s: %s is a one-line error naming the input', (name, value, message) => {
    const err = (() => {
      try {
        config({ command: 'deploy', [name]: value })
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(InputError)
    expect((err as Error).message).toContain(message)
    expect((err as Error).message).not.toContain('\n')
  })

  const KPI = {
    name: 'checkout success',
    namespace: 'Shop',
    metric: 'CheckoutSucceeded',
    statistic: 'Sum',
    direction: 'lower-is-worse',
    'canary-dimensions': { Release: 'canary' },
    'stable-dimensions': [{ name: 'Release', value: 'stable' }]
  }
  const PARSED = [
    {
      name: 'checkout success',
      direction: 'lower-is-worse',
      namespace: 'Shop',
      metricName: 'CheckoutSucceeded',
      stat: 'Sum',
      canaryDimensions: [{ Name: 'Release', Value: 'canary' }],
      stableDimensions: [{ Name: 'Release', Value: 'stable' }]
    }
  ]

  it('analysis-metrics takes a JSON list and the same as YAML', () => {
    expect(parseAnalysisMetrics('analysis-metrics', JSON.stringify([KPI]))).toEqual(PARSED)
    const yaml = [
      '- name: checkout success',
      '  namespace: Shop',
      '  metric: CheckoutSucceeded',
      '  statistic: Sum',
      '  direction: lower-is-worse',
      '  canary-dimensions: { Release: canary }',
      '  stable-dimensions:',
      '    - { name: Release, value: stable }'
    ].join('\n')
    expect(parseAnalysisMetrics('analysis-metrics', yaml)).toEqual(PARSED)
  })

  it.each([
    ['not a list', 'name: x'],
    ['a bad direction', JSON.stringify([{ ...KPI, direction: 'up' }])],
    ['a bad statistic', JSON.stringify([{ ...KPI, statistic: 'p999x' }])],
    ['no canary dimensions', JSON.stringify([{ ...KPI, 'canary-dimensions': undefined }])],
    ['unparseable YAML', '- [a, b']
  ])('analysis-metrics with %s is a one-line error naming the input', (_, raw) => {
    expect(() => parseAnalysisMetrics('analysis-metrics', raw)).toThrow(
      /^Input 'analysis-metrics' must be a JSON or YAML list of \{name, namespace/
    )
    try {
      parseAnalysisMetrics('analysis-metrics', raw)
    } catch (e) {
      expect((e as Error).message).not.toContain('\n')
    }
  })
})

const series = (values: number[]) => values.map((value, i) => ({ time: T0 + i * MIN, value }))
function side(count: number[], e5: number[], p99: number[]): ChartSide {
  return { count: series(count), errors5xx: series(e5), latencyP99: series(p99) }
}

describe('chartPoints', () => {
  it('gives each minute both sides’ 5XX rate in percent and p99', () => {
    const points = chartPoints(
      side([1000, 1000], [5, 10], [90, 95]),
      side([100, 0], [4, 0], [300, 0])
    )
    expect(points).toEqual([
      { time: T0, stable5xx: 0.5, canary5xx: 4, stableP99: 90, canaryP99: 300 },
      { time: T0 + MIN, stable5xx: 1, stableP99: 95, canaryP99: 0 }
    ])
  })
})

describe('the summary of an analysis and of the investigation', () => {
  const hostile = 'x`](javascript:alert(1))<img src=x>|'
  function report() {
    const r = newReport(
      { command: 'deploy', restApiId: REST_API_ID, stage: STAGE, dryRun: false, steps: [5] },
      new Date(T0)
    )
    const verdict: Verdict = {
      outcome: 'fail',
      evidence: false,
      baseline: true,
      canaryRequests: 600,
      minutes: 6,
      why: 'worse: 5XX rate',
      metrics: [
        {
          metric: '5XX rate',
          shownAs: 'ratio',
          outcome: 'fail',
          stable: 0.005,
          canary: 0.035,
          difference: 0.03,
          eValue: 10_000,
          alpha: 0.005,
          eNotWorse: 0.01,
          pValue: 0.0001,
          confidence: 99.99,
          why: 'canary 3.50% (21/600) vs stable 0.50% (30/6000): worse beyond 0.5 points'
        },
        {
          metric: hostile,
          shownAs: { unit: 'None', per: 'request' },
          outcome: 'pass',
          stable: 12,
          canary: 11,
          difference: -1,
          eValue: 0.5,
          alpha: 0.005,
          eNotWorse: 3,
          pValue: 1,
          confidence: 0,
          why: hostile
        }
      ]
    }
    r.analysis = {
      mode: 'gate',
      outcome: 'fail',
      decision: 'fail',
      verdict,
      window: { start: '2026-11-26T09:00:00.000Z', end: '2026-11-26T09:06:00.000Z' },
      apiName: hostile,
      canaryStage: CANARY_STAGE,
      percent: 10,
      confidence: 95,
      advanceOnEvidence: false,
      blastRadius: {
        rungs: [
          {
            percent: 10,
            canaryRequests: 600,
            canary5xx: 21,
            excess5xx: 18,
            excessLow: 15,
            excessHigh: 19
          }
        ],
        release: {
          canaryRequests: 600,
          canary5xx: 21,
          excess5xx: 18,
          excessLow: 15,
          excessHigh: 19
        }
      },
      bakes: [{ percent: 10, reads: 6, calls: 6, billedMetrics: 60 }],
      billedMetrics: 60,
      chart: chartPoints(side([1000, 1000], [5, 5], [90, 90]), side([100, 100], [3, 4], [95, 99]))
    }
    r.investigation = investigationLinks({
      region: 'us-east-1',
      restApiId: REST_API_ID,
      stage: STAGE,
      apiName: hostile,
      window: { start: new Date(T0), end: new Date(T0 + 6 * MIN) },
      alarmNames: [hostile]
    })
    return r
  }

  it('shows each metric with stable, canary, difference, evidence both ways, verdict and why; the blast radius in the headline', () => {
    const s = renderSummary(report())
    expect(s).toContain('### Canary analysis: ❌ fail')
    expect(s).toContain(
      '| 5XX rate | 0.50% | 3.50% | +3.00% | 10000 of 200 | 0.01 | ❌ fail | canary 3.50% (21/600)'
    )
    expect(s).toContain(
      '**Blast radius:** 600 canary requests, 21 5XX, 18 more than the stable rate predicts (15 to 19).'
    )
    expect(s).toContain('the canary failed it and was treated like an alarm')
    expect(s).toContain('GetMetricData metrics billed: 60 (10%: 6 reads, 60 metrics).')
    expect(s).toContain('  line [0.5, 0.5]\n  line [3, 4]')
  })

  it('lists the investigation links and how to release a fix through the action', () => {
    const s = renderSummary(report())
    expect(s).toContain('### Investigate')
    expect(s).toContain(
      '[Execution logs](<https://us-east-1.console.aws.amazon.com/cloudwatch/home?region=us-east-1#logsV2:log-groups/log-group/'
    )
    expect(s).toContain(
      'Deploy a fix as a new canary: push a fix and run the release workflow on its commit: its deploy step (command: deploy) makes the fix the canary at 5 % of prod, behind the same gate.'
    )
    expect(s).not.toContain('--canary-settings')
  })

  it('neutralises untrusted text: no link, image, HTML or cell break from a metric, API or alarm name', () => {
    // Outside code spans (where it is shown as is), nothing of it is live Markdown or HTML.
    const full = renderSummary(report())
    const s = full.replace(/```[\s\S]*?```/g, '').replace(/(`+)[^`][\s\S]*?\1/g, '')
    expect(s).not.toMatch(/[^\\]\]\(javascript:/)
    expect(s).not.toMatch(/[^\\]<img/)
    // Every table row of the analysis keeps its eight cells.
    const rows = full.split('\n').filter((l) => /\| (❌ fail|✅ pass) \|/.test(l))
    expect(rows).toHaveLength(2)
    for (const row of rows) expect(row.replace(/\\\|/g, '').split('|').length - 2).toBe(8)
  })
})
