/**
 * The short seeded mode of `npm run judge:sim`: a few releases of the rows
 * that tell a sound judge from a broken one, kept small (the null releases,
 * five rungs of ten minutes each judged every minute, are what costs). The
 * bounds leave a sound judge a wide margin (its null rollbacks run near 1 %:
 * two or more of 12 has a chance under 1 %) and would catch a judge that
 * re-tests a fixed-horizon p-value at every read (33–40 % of null releases
 * rolled back: at most one of 12 has a chance of 4 %), one with the traffic
 * share ignored (every equal KPI release rolled back), or one slow to detect.
 * (A judge that is anytime-valid but skips the α spending over metrics and
 * rungs rolls back only a few percent more: too few releases here to tell;
 * `__tests__/analysis/alpha.test.ts` checks the spending itself.)
 */
import { describe, expect, it } from '@jest/globals'

import { ROWS, runRow } from '../../sim/rows.js'

const row = (name: string) => {
  const r = ROWS.find((x) => x.name === name)
  if (!r) throw new Error(`no row ${name}`)
  return r
}

describe('judge:sim, short seeded mode', () => {
  it('null releases of five rungs with every allowance at 0: at most one of 12 rolled back (95 % confidence)', () => {
    const f = runRow(row('null, allowances 0'), 12, 11)
    expect(f.rolledBack).toBeLessThanOrEqual(1)
  })

  it('a 3-point 5XX regression at 5 % of 2,000 req/min: caught in every release, median within 3 minutes of the first published minute', () => {
    const f = runRow(row('5XX 1 % → 4 %, default allowances'), 20, 12)
    expect(f.rolledBack).toBe(20)
    expect(f.detectMedian).toBeLessThanOrEqual(3)
  })

  it('a tail-only regression (p99 +50 %, p95 and below unchanged) is seen: most releases caught within the first 10-minute bake at latency allowance 0', () => {
    const f = runRow(row('tail-only: p99 +50 %, latency allowance 0'), 15, 15)
    expect(f.caughtFirstBake).toBeGreaterThanOrEqual(12)
  })

  it('the same regression at the default 20 % latency allowance: caught in the first 10-minute bake in at least 5 of 20 releases (a judge whose tail test saw nothing would catch none there)', () => {
    // The bake ends at its deadline with the minutes published by then (about 58 % over 200
    // releases): at least 5 of 20 leaves a sound judge a wide margin.
    const f = runRow(row('tail-only: p99 +50 % (p95 and below unchanged)'), 20, 16)
    expect(f.caughtFirstBake).toBeGreaterThanOrEqual(5)
  })

  it("a healthy release on 10-minute bakes ends each bake at its deadline, as the action's poll does: 50 minutes for the five rungs (the baseline evidence mode is held to)", () => {
    const f = runRow(row('null, default allowances'), 3, 17)
    expect(f.rolledBack).toBe(0)
    expect(f.rungMedians).toEqual([10, 10, 10, 10, 10])
    expect(f.wallMedian).toBe(50)
  })

  it('a Sum KPI 30 % lower per request is caught; equal ones are rarely rolled back even at allowance 0 (the traffic share is accounted for)', () => {
    expect(runRow(row('Sum KPI 30 % lower (lower-is-worse)'), 6, 13).rolledBack).toBe(6)
    // Compared raw, a lower-is-worse Sum KPI at 5 % of the traffic fails every release.
    expect(
      runRow(row('null, KPIs equal (Sum and rate, allowances 0)'), 8, 14).rolledBack
    ).toBeLessThanOrEqual(1)
  })
})
