/**
 * The short seeded mode of `npm run judge:sim`: a few dozen releases of the
 * rows that tell a sound judge from a broken one. The bounds leave a sound
 * judge a wide margin (its null rollbacks run near 1 %, against 33–40 % for a
 * judge that re-tests at the full α every read) and would catch a judge
 * without the α spending, with the traffic share ignored, or slow to detect.
 */
import { describe, expect, it } from '@jest/globals'

import { ROWS, runRow } from '../../sim/rows.js'

const row = (name: string) => {
  const r = ROWS.find((x) => x.name === name)
  if (!r) throw new Error(`no row ${name}`)
  return r
}

describe('judge:sim, short seeded mode', () => {
  it('null releases of five rungs with every allowance at 0: at most 10 % rolled back (95 % confidence)', () => {
    const f = runRow(row('null, allowances 0'), 30, 11)
    expect(f.rolledBack).toBeLessThanOrEqual(3)
  })

  it('a 3-point 5XX regression at 5 % of 2,000 req/min: caught in every release, median within 5 minutes of the first published minute', () => {
    const f = runRow(row('5XX 1 % → 4 %, default allowances'), 20, 12)
    expect(f.rolledBack).toBe(20)
    expect(f.detectMedian).toBeLessThanOrEqual(5)
  })

  it('a tail-only regression (p99 +50 %, p95 and below unchanged) is seen: most releases caught within the first 10-minute bake at latency allowance 0', () => {
    const f = runRow(row('tail-only: p99 +50 %, latency allowance 0'), 30, 15)
    expect(f.caughtFirstBake).toBeGreaterThanOrEqual(20)
  })

  it('a Sum KPI 30 % lower per request is caught; equal ones are rarely rolled back even at allowance 0 (the traffic share is accounted for)', () => {
    expect(runRow(row('Sum KPI 30 % lower (lower-is-worse)'), 10, 13).rolledBack).toBe(10)
    // Compared raw, a lower-is-worse Sum KPI at 5 % of the traffic fails every release.
    expect(
      runRow(row('null, KPIs equal (Sum and rate, allowances 0)'), 20, 14).rolledBack
    ).toBeLessThanOrEqual(3)
  })
})
