/**
 * The simulation's rows: a world, the settings, and how many seeded releases
 * to run; and the figures of a row (false rollbacks or power, time to
 * detect, wall time per rung). Used by `npm run judge:sim` (sim/run.ts) and
 * its short seeded mode in __tests__/analysis/judge-sim.test.ts.
 */
import type { BakePolicy } from '../src/analysis/bake-policy.js'
import { simulateRelease, type ReleaseSettings } from './release.js'
import { seededRandom } from '../emulator/common/wire.js'
import type { World } from './worlds.js'

const BASE: World = {
  name: 'null',
  rate: 2000,
  stable5xx: 0.01,
  stable4xx: 0.02,
  latencyMedianMs: 80,
  latencySigma: 0.5
}

export const LADDER = [5, 10, 25, 50, 100] as const

const MINUTE = 60_000
const CLOCK: BakePolicy = {
  mode: 'gate',
  advanceOnEvidence: false,
  bakeMs: 10 * MINUTE,
  maxBakeMs: 20 * MINUTE,
  // Alarms on 1-minute periods, 2 datapoints to alarm, plus the publication delay.
  minBakeMs: 3 * MINUTE,
  onInconclusive: 'pass'
}
const EVIDENCE: BakePolicy = { ...CLOCK, advanceOnEvidence: true }

const DEFAULTS = {
  max5xxIncrease: 0.5,
  max4xxIncrease: 1,
  maxLatencyIncrease: 20,
  confidence: 95,
  minCanaryRequests: 200
}
const ZERO = { ...DEFAULTS, max5xxIncrease: 0, max4xxIncrease: 0, maxLatencyIncrease: 0 }

export interface Row {
  name: string
  world: World
  settings: ReleaseSettings
  /** What the row measures: false rollbacks (a canary within the allowances) or power. */
  expect: 'pass' | 'catch'
  /** Regression only at the first rung: detection and power there. */
  firstRungOnly?: boolean
}

const kpis = (
  sumFactor: number,
  sumDirection: 'higher-is-worse' | 'lower-is-worse',
  rateFactor: number,
  rateDirection: 'higher-is-worse' | 'lower-is-worse'
): World['kpis'] => ({
  sumPerRequest: 0.2,
  sumFactor,
  sumDirection,
  rate: 0.2,
  rateFactor,
  rateDirection
})

const settings = (
  judge: typeof DEFAULTS,
  policy: BakePolicy = CLOCK,
  ladder: readonly number[] = LADDER
): ReleaseSettings => ({ ladder, judge, policy, kpiChange: 10 })

export const ROWS: Row[] = [
  { name: 'null, allowances 0', world: BASE, settings: settings(ZERO), expect: 'pass' },
  { name: 'null, default allowances', world: BASE, settings: settings(DEFAULTS), expect: 'pass' },
  {
    name: 'null at the allowance edge (5XX +0.5 pt, 4XX +1 pt)',
    world: { ...BASE, canary5xx: 0.015, canary4xx: 0.03 },
    settings: settings(DEFAULTS),
    expect: 'pass'
  },
  {
    name: 'null at the latency allowance edge (whole distribution 20 % slower)',
    world: { ...BASE, canaryLatency: { kind: 'whole', increase: 0.2 } },
    settings: settings(DEFAULTS),
    expect: 'pass'
  },
  {
    name: 'null, varying traffic, real share 60 % of configured',
    world: { ...BASE, varying: true, shareFactor: 0.6 },
    settings: settings(ZERO),
    expect: 'pass'
  },
  {
    name: 'null, KPIs equal (Sum and rate, allowances 0)',
    world: { ...BASE, kpis: kpis(1, 'lower-is-worse', 1, 'lower-is-worse') },
    settings: { ...settings(ZERO), kpiChange: 0 },
    expect: 'pass'
  },
  {
    name: '5XX 1 % → 4 %, default allowances',
    world: { ...BASE, canary5xx: 0.04 },
    settings: settings(DEFAULTS),
    expect: 'catch'
  },
  {
    name: '5XX 1 % → 4 %, allowances 0',
    world: { ...BASE, canary5xx: 0.04 },
    settings: settings(ZERO),
    expect: 'catch'
  },
  {
    name: '4XX 2 % → 5 %, default allowances',
    world: { ...BASE, canary4xx: 0.05 },
    settings: settings(DEFAULTS),
    expect: 'catch'
  },
  {
    name: 'tail-only: p99 +50 % (p95 and below unchanged)',
    world: { ...BASE, canaryLatency: { kind: 'tail', increase: 0.5 } },
    settings: settings(DEFAULTS),
    expect: 'catch'
  },
  {
    name: 'tail-only: p99 +50 %, latency allowance 0',
    world: { ...BASE, canaryLatency: { kind: 'tail', increase: 0.5 } },
    settings: settings({ ...DEFAULTS, maxLatencyIncrease: 0 }),
    expect: 'catch'
  },
  {
    name: 'whole distribution 50 % slower',
    world: { ...BASE, canaryLatency: { kind: 'whole', increase: 0.5 } },
    settings: settings(DEFAULTS),
    expect: 'catch'
  },
  {
    name: 'Sum KPI 30 % lower (lower-is-worse)',
    world: { ...BASE, kpis: kpis(0.7, 'lower-is-worse', 1, 'lower-is-worse') },
    settings: settings(DEFAULTS),
    expect: 'catch'
  },
  {
    name: 'Sum KPI 30 % higher (higher-is-worse)',
    world: { ...BASE, kpis: kpis(1.3, 'higher-is-worse', 1, 'lower-is-worse') },
    settings: settings(DEFAULTS),
    expect: 'catch'
  },
  {
    name: 'rate KPI 30 % lower (lower-is-worse)',
    world: { ...BASE, kpis: kpis(1, 'lower-is-worse', 0.7, 'lower-is-worse') },
    settings: settings(DEFAULTS),
    expect: 'catch'
  },
  {
    name: 'rate KPI 30 % higher (higher-is-worse)',
    world: { ...BASE, kpis: kpis(1, 'lower-is-worse', 1.3, 'higher-is-worse') },
    settings: settings(DEFAULTS),
    expect: 'catch'
  },
  {
    name: '5XX 1 % → 4 %, 20 req/min',
    world: { ...BASE, rate: 20, canary5xx: 0.04 },
    settings: settings(DEFAULTS),
    expect: 'catch'
  },
  {
    name: '5XX 1 % → 4 %, varying traffic, real share 60 %',
    world: { ...BASE, canary5xx: 0.04, varying: true, shareFactor: 0.6 },
    settings: settings(DEFAULTS),
    expect: 'catch'
  },
  {
    name: 'evidence mode: healthy, 2,000 req/min',
    world: BASE,
    settings: settings(DEFAULTS, EVIDENCE),
    expect: 'pass'
  },
  {
    name: 'evidence mode: healthy, 2,000 req/min, 0.1 % 5XX, 0.5 % 4XX',
    world: { ...BASE, stable5xx: 0.001, stable4xx: 0.005 },
    settings: settings(DEFAULTS, EVIDENCE),
    expect: 'pass'
  },
  {
    name: 'evidence mode: healthy, 20 req/min (on-inconclusive: fail)',
    world: { ...BASE, rate: 20 },
    settings: settings(DEFAULTS, { ...EVIDENCE, onInconclusive: 'fail' }),
    expect: 'pass'
  },
  {
    name: 'evidence mode: 5XX 1 % → 4 %',
    world: { ...BASE, canary5xx: 0.04 },
    settings: settings(DEFAULTS, EVIDENCE),
    expect: 'catch'
  }
]

export interface RowFigures {
  name: string
  worlds: number
  rolledBack: number
  /** Caught at the first rung within its 10-minute bake. */
  caughtFirstBake: number
  detectMedian?: number
  detectP95?: number
  /** Release wall time, minutes (median). */
  wallMedian: number
  /** Median minutes per rung. */
  rungMedians: number[]
  advancedWithoutEvidence: number
  stoppedInconclusive: number
  /** Share of releases caught within 3, 5, 10, 15, 20 and 30 minutes of the first canary minute's publication. */
  caughtBy: Record<number, number>
}

export const CAUGHT_BY = [3, 5, 10, 15, 20, 30] as const

const quantile = (xs: number[], q: number) => {
  if (!xs.length) return undefined
  const v = [...xs].sort((a, b) => a - b)
  return v[Math.min(v.length - 1, Math.ceil(q * v.length) - 1)]
}

/** Pure given the seed: `worlds` releases of a row. */
export function runRow(row: Row, worlds: number, seed: number): RowFigures {
  const rand = seededRandom(seed)
  const outcomes = Array.from({ length: worlds }, () =>
    simulateRelease(row.world, rand, row.settings)
  )
  const caught = outcomes.filter((o) => o.rolledBack)
  const detect = caught.map((o) => o.releaseDetectMinutes!)
  const rungs = row.settings.ladder.map(
    (_, i) =>
      quantile(
        outcomes.filter((o) => o.rungMs[i] !== undefined).map((o) => o.rungMs[i]! / MINUTE),
        0.5
      ) ?? 0
  )
  return {
    name: row.name,
    worlds,
    rolledBack: caught.length,
    caughtFirstBake: caught.filter((o) => o.rung === 0 && o.detectMinutes! <= 9).length,
    ...(detect.length
      ? { detectMedian: quantile(detect, 0.5)!, detectP95: quantile(detect, 0.95)! }
      : {}),
    wallMedian: quantile(
      outcomes.map((o) => o.totalMs / MINUTE),
      0.5
    )!,
    rungMedians: rungs,
    advancedWithoutEvidence: outcomes.reduce((s, o) => s + o.advancedWithoutEvidence, 0),
    caughtBy: Object.fromEntries(
      CAUGHT_BY.map((m) => [m, detect.filter((d) => d <= m).length / worlds])
    ),
    stoppedInconclusive: outcomes.filter(
      (o) => !o.rolledBack && o.rungMs.length < row.settings.ladder.length
    ).length
  }
}
