import { describe, expect, it } from '@jest/globals'

import {
  DEFAULT_JUDGE_SETTINGS,
  type JudgeInput,
  type Series,
  type SideSeries,
  decide,
  inferStageIncludesCanary,
  judgeCanary,
  subtractSeries
} from '../../src/analysis/judge.js'
import { mannWhitneyGreater, rateIncreaseTest } from '../../src/analysis/judge-stats.js'

// Reference values: the Farrington-Manning ones were computed independently
// with scipy 1.17 (restricted MLE by scipy.optimize.minimize_scalar on the
// likelihood, not the closed form; p = scipy.stats.norm.sf(z)); the
// Mann-Whitney ones with scipy.stats.mannwhitneyu(..., method="asymptotic",
// alternative="greater").
describe('rateIncreaseTest (Farrington-Manning score test)', () => {
  it('with margin 0 is the Pearson chi-square test: Agresti’s aspirin table gives X² = 25.01', () => {
    // Agresti, Categorical Data Analysis: placebo 189/11034 vs aspirin 104/11037 myocardial infarctions.
    const t = rateIncreaseTest({ events: 189, total: 11034 }, { events: 104, total: 11037 }, 0)
    expect(t.z ** 2).toBeCloseTo(25.01, 2)
    expect(t.pValue).toBeCloseTo(2.846e-7, 9)
  })

  it.each([
    // canary x/n, stable x/n, margin, z, p
    [40, 1000, 20, 19000, 0.005, 13.3289258, 7.8572e-41],
    [12, 1000, 80, 19000, 0.005, 0.9091004, 0.1816486],
    [30, 2000, 100, 18000, 0.01, -0.197008, 0.5780894]
  ])(
    '%i/%i vs %i/%i, margin %d: z and p as scipy computes them',
    (x1, n1, x2, n2, margin, z, p) => {
      const t = rateIncreaseTest({ events: x1, total: n1 }, { events: x2, total: n2 }, margin)
      expect(t.z).toBeCloseTo(z, 5)
      expect(t.pValue / p).toBeCloseTo(1, 5)
    }
  )

  it('handles no errors and all errors on both sides without NaN', () => {
    const none = rateIncreaseTest({ events: 0, total: 300 }, { events: 0, total: 5700 }, 0.005)
    expect(none.z).toBeCloseTo(-1.2278183, 5)
    expect(none.pValue).toBeCloseTo(0.8902424, 6)
    const all = rateIncreaseTest({ events: 300, total: 300 }, { events: 5700, total: 5700 }, 0.005)
    expect(all.z).toBeCloseTo(-5.3518, 3)
    expect(all.pValue).toBeGreaterThan(0.9999)
    const noneNoMargin = rateIncreaseTest({ events: 0, total: 300 }, { events: 0, total: 5700 }, 0)
    expect(noneNoMargin).toEqual({ z: 0, pValue: 1 })
    const allBad = rateIncreaseTest({ events: 300, total: 300 }, { events: 0, total: 5700 }, 0.005)
    expect(allBad.z).toBeCloseTo(77.073332, 3)
    expect(allBad.pValue).toBe(0)
  })

  it('refuses empty sides and impossible margins', () => {
    expect(() => rateIncreaseTest({ events: 0, total: 0 }, { events: 1, total: 10 }, 0)).toThrow(
      RangeError
    )
    expect(() => rateIncreaseTest({ events: 0, total: 5 }, { events: 1, total: 10 }, 1)).toThrow(
      RangeError
    )
  })
})

describe('mannWhitneyGreater', () => {
  it('matches scipy’s documented example (U = 17) one-sided', () => {
    const t = mannWhitneyGreater([19, 22, 16, 29, 24], [20, 11, 17, 12])
    expect(t.u).toBe(17)
    expect(t.pValue).toBeCloseTo(0.0556734433, 9)
  })
  it('corrects for ties as scipy does', () => {
    const t = mannWhitneyGreater([120, 130, 130, 140, 150, 150], [100, 110, 120, 120, 130])
    expect(t.u).toBe(27)
    expect(t.pValue).toBeCloseTo(0.0160198959, 9)
  })
  it('all values tied: p = 1, no NaN', () => {
    expect(mannWhitneyGreater([5, 5, 5], [5, 5, 5])).toEqual({ u: 4.5, z: 0, pValue: 1 })
  })
})

const T0 = Date.UTC(2026, 0, 1, 12, 0)
const minutes = (values: readonly number[]): Series =>
  values.map((value, i) => ({ time: T0 + i * 60_000, value }))
const flat = (n: number, v: number) => minutes(Array.from({ length: n }, () => v))
/** Latencies that wobble a little minute to minute, deterministically. */
const wobble = (n: number, base: number) =>
  minutes(Array.from({ length: n }, (_, i) => base + ((i * 7) % 5) - 2))

function side(
  n: number,
  requestsPerMinute: number,
  e5: number,
  e4: number,
  p99: number
): SideSeries {
  return {
    count: flat(n, requestsPerMinute),
    errors5xx: flat(n, e5),
    errors4xx: flat(n, e4),
    latencyP50: wobble(n, p99 / 4),
    latencyP95: wobble(n, p99 / 2),
    latencyP99: wobble(n, p99),
    integrationLatencyP99: wobble(n, p99 - 10)
  }
}

const input = (
  canary: SideSeries,
  stable = side(10, 950, 1, 10, 200),
  extra: Partial<JudgeInput> = {}
): JudgeInput => ({
  stable,
  canary,
  stageIncludesCanary: false,
  ...extra
})
const byName = (v: ReturnType<typeof judgeCanary>, name: string) =>
  v.metrics.find((m) => m.metric === name)!

describe('judgeCanary', () => {
  it('passes a canary like the stable side, with every metric’s values and a reason', () => {
    const v = judgeCanary(input(side(10, 50, 0, 1, 200)))
    expect(v.outcome).toBe('pass')
    expect(v.canaryRequests).toBe(500)
    expect(v.minutes).toBe(10)
    expect(v.metrics.map((m) => m.metric)).toEqual([
      '5XX rate',
      '4XX rate',
      'Latency p50',
      'Latency p95',
      'Latency p99',
      'IntegrationLatency p99'
    ])
    for (const m of v.metrics) {
      expect(m.outcome).toBe('pass')
      expect(Number.isFinite(m.pValue)).toBe(true)
      expect(m.why).toMatch(/canary/)
    }
    expect(byName(v, '5XX rate')).toMatchObject({ stable: 10 / 9500, canary: 0 })
  })

  it('fails a canary whose 5XX rate is well above the stable side’s plus the margin', () => {
    const v = judgeCanary(input(side(10, 50, 2, 1, 200)))
    expect(v.outcome).toBe('fail')
    const m = byName(v, '5XX rate')
    expect(m.outcome).toBe('fail')
    expect(m.canary).toBeCloseTo(0.04, 10)
    expect(m.difference).toBeCloseTo(0.04 - 10 / 9500, 10)
    expect(m.pValue!).toBeLessThan(0.05)
    expect(m.why).toMatch(
      /4\.00% \(20\/500\) vs stable 0\.11% \(10\/9500\): more than 0\.5 points above/
    )
    expect(v.why).toBe('worse: 5XX rate')
  })

  it('respects the margin: the same increase passes when the margin covers it', () => {
    // 1.2 % vs 0.1 %: about 1.1 points above.
    const canary = side(10, 50, 0.6, 1, 200)
    expect(byName(judgeCanary(input(canary)), '5XX rate').outcome).toBe('fail')
    const wide = judgeCanary(input(canary), { ...DEFAULT_JUDGE_SETTINGS, max5xxIncrease: 3 })
    expect(byName(wide, '5XX rate').outcome).toBe('pass')
  })

  it('respects the confidence: a borderline increase fails at 80 % and passes at 99 %', () => {
    const canary = side(10, 50, 0.2, 1, 200) // 0.4 % vs 0.1 %, margin 0
    const settings = { ...DEFAULT_JUDGE_SETTINGS, max5xxIncrease: 0 }
    const m80 = byName(judgeCanary(input(canary), { ...settings, confidence: 80 }), '5XX rate')
    const m99 = byName(judgeCanary(input(canary), { ...settings, confidence: 99 }), '5XX rate')
    expect(m80.pValue).toBe(m99.pValue)
    expect(m80.pValue!).toBeGreaterThan(0.01)
    expect(m80.pValue!).toBeLessThan(0.2)
    expect([m80.outcome, m99.outcome]).toEqual(['fail', 'pass'])
  })

  it('fails p99 latency only when the minutes are significantly slower and beyond the allowed ratio', () => {
    const slow = judgeCanary(input(side(10, 50, 0, 1, 300)))
    expect(byName(slow, 'Latency p99')).toMatchObject({ outcome: 'fail', stable: 200, canary: 300 })
    expect(byName(slow, 'Latency p99').why).toMatch(/\+50\.0% worse, 20% allowed/)
    // 10 % slower, every minute: significant, but within the 20 % allowance.
    const bitSlower = judgeCanary(input(side(10, 50, 0, 1, 220)))
    expect(byName(bitSlower, 'Latency p99').outcome).toBe('pass')
    expect(byName(bitSlower, 'Latency p99').pValue!).toBeLessThan(0.05)
    expect(byName(bitSlower, 'Latency p99').why).toMatch(/within the allowance/)
  })

  it('is inconclusive with fewer canary requests than min-canary-requests, still showing the figures', () => {
    const v = judgeCanary(input(side(10, 15, 3, 0, 900)))
    expect(v.outcome).toBe('inconclusive')
    expect(v.why).toBe('150 canary requests, 200 needed')
    expect(v.metrics.every((m) => m.outcome === 'inconclusive')).toBe(true)
    expect(byName(v, '5XX rate').canary).toBeCloseTo(0.2, 10)
  })

  it('is inconclusive with too few minutes of canary data', () => {
    const v = judgeCanary(input(side(3, 500, 0, 0, 200)))
    expect(v.outcome).toBe('inconclusive')
    expect(v.why).toBe('3 minutes of canary data, 5 needed')
  })

  it('judges a KPI where lower is worse', () => {
    const kpi = (canaryValue: number) => ({
      name: 'Orders placed',
      direction: 'lower-is-worse' as const,
      stable: wobble(10, 100),
      canary: wobble(10, canaryValue)
    })
    const dropped = judgeCanary(input(side(10, 50, 0, 1, 200), undefined, { kpis: [kpi(70)] }))
    expect(byName(dropped, 'Orders placed')).toMatchObject({
      outcome: 'fail',
      stable: 100,
      canary: 70
    })
    expect(dropped.outcome).toBe('fail')
    const rose = judgeCanary(input(side(10, 50, 0, 1, 200), undefined, { kpis: [kpi(140)] }))
    expect(byName(rose, 'Orders placed').outcome).toBe('pass')
    expect(rose.outcome).toBe('pass')
  })

  it('subtracts the canary from the stage when the stage includes it', () => {
    // The stage counts 1000/min of which the canary's 50; the canary's 2 5XX a minute are in the stage's 3.
    const stage = side(10, 1000, 3, 11, 200)
    const v = judgeCanary(input(side(10, 50, 2, 1, 200), stage, { stageIncludesCanary: true }))
    expect(byName(v, '5XX rate').stable).toBeCloseTo(10 / 9500, 12)
    expect(byName(v, 'Latency p99').why).toMatch(/baseline: the whole stage, canary included/)
    expect(subtractSeries(minutes([5, 3]), minutes([7]))).toEqual(minutes([0, 3]))
  })
})

describe('decide (on-inconclusive)', () => {
  it('passes pass and fail through, and applies the policy to inconclusive', () => {
    expect(decide({ outcome: 'fail' }, 'pass', 0, 2)).toBe('fail')
    expect(decide({ outcome: 'pass' }, 'fail', 0, 2)).toBe('pass')
    expect(decide({ outcome: 'inconclusive' }, 'pass', 0, 2)).toBe('pass')
    expect(decide({ outcome: 'inconclusive' }, 'fail', 0, 2)).toBe('fail')
    expect(decide({ outcome: 'inconclusive' }, 'extend', 1, 2)).toBe('extend')
    expect(decide({ outcome: 'inconclusive' }, 'extend', 2, 2)).toBe('fail')
  })
})

describe('inferStageIncludesCanary', () => {
  it('tells the two models apart at 50 % and stays undecided where they coincide', () => {
    expect(inferStageIncludesCanary(10_000, 5_020, 50)).toBe(true)
    expect(inferStageIncludesCanary(5_000, 5_020, 50)).toBe(false)
    expect(inferStageIncludesCanary(1_000, 50, 5)).toBeUndefined()
    expect(inferStageIncludesCanary(0, 0, 5)).toBeUndefined()
  })
})
