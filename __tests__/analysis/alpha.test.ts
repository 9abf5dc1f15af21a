/**
 * The release's α is spent, not repeated: every metric's α at every rung sums to
 * 1 − confidence (the judge:sim short mode has too few releases to see a judge
 * that skips this; here it shows at once).
 */
import { describe, expect, it } from '@jest/globals'

import { alphaPlan } from '../../src/analysis/alpha.js'

describe('alphaPlan', () => {
  it('spreads 5 % over five rungs and the metrics by weight: the sum over all is 5 %', () => {
    const plan = alphaPlan(95, 5, ['orders'])
    const perRung = [...plan.perMetric.values()].reduce((a, b) => a + b, 0)
    expect(perRung * plan.rungs).toBeCloseTo(0.05, 12)
    // 5XX 3, Latency 2, 4XX 1, each KPI 1: the 5XX test of one rung gets 3/7 of 1 %.
    expect(plan.perMetric.get('5XX rate')).toBeCloseTo((0.05 * 3) / 7 / 5, 12)
  })

  it('a ramp that pools its five rungs spends them as one: each metric its whole share', () => {
    const plan = alphaPlan(95, 1)
    expect(plan.perMetric.get('Latency')).toBeCloseTo((0.05 * 2) / 6, 12)
  })
})
