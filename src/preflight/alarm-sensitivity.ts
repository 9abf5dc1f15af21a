/**
 * Can a gating alarm see the canary? For each alarm, at each rung of the
 * ramp, the smallest canary failure that would put it in ALARM, worked out
 * from its metric, statistic, threshold and dimensions (docs/preflight.md,
 * "Alarms that can see the canary", has the reasoning):
 *
 * - An alarm on the canary's own `Stage` dimension (`prod/Canary`) sees the
 *   canary alone: it trips when the canary crosses the threshold.
 * - An alarm on the whole stage sees the canary diluted by its share `p` of
 *   the traffic, at best (the stable deployment assumed healthy, and the
 *   stage's metrics assumed to include canary requests): a rate `c` of
 *   failing canary requests shows as `p × c`, so an `Average > t` alarm
 *   needs `c > t / p`, which cannot happen when `t / p ≥ 1`.
 * - A percentile `pQ > T` needs more than `(1 − Q) / p` of the canary's
 *   requests slower than `T` (the stable requests assumed faster than `T`).
 * - `Sum` counts: the canary must fail `t` requests in one period, which
 *   depends on traffic; with the stage's request rate known it is a rate.
 * - Composite rules: `OR` trips with its most sensitive member, `AND` only
 *   when every member can trip (so with its least sensitive); `OK()`,
 *   `INSUFFICIENT_DATA()` and `NOT` terms carry no canary signal.
 */
import { type RuleNode, parseAlarmRule, ruleAlarms } from './alarm-rule.js'
import {
  type AlarmInfo,
  type AlarmSensitivity,
  type CompositeAlarmInfo,
  type RungSensitivity,
  type Scope,
  type SensitivityContext,
  type Signal,
  metricAlarmSensitivity,
  num,
  statusOf
} from './alarm-metric.js'

export type * from './alarm-metric.js'
export { BLUNT_FACTOR, metricAlarmSensitivity } from './alarm-metric.js'

/** How a rule node sees the canary at one rung; `neutral` when it carries no canary signal. */
type Seen = { neutral: true } | { neutral: false; canTrip: boolean; factor: number }

export function compositeAlarmSensitivity(
  a: CompositeAlarmInfo,
  alarms: ReadonlyMap<string, AlarmInfo>,
  ctx: SensitivityContext,
  seen: ReadonlySet<string> = new Set()
): AlarmSensitivity {
  let tree: RuleNode
  try {
    tree = parseAlarmRule(a.rule)
  } catch (e) {
    return {
      name: a.name,
      scope: 'composite',
      signal: 'other',
      watches: [],
      rungs: [],
      status: 'warn',
      summary: `composite rule not understood (${(e as Error).message})`
    }
  }
  const path = new Set([...seen, a.name])
  const members = new Map<string, AlarmSensitivity | undefined>()
  for (const name of ruleAlarms(tree)) {
    const m = alarms.get(name)
    members.set(
      name,
      !m || path.has(name)
        ? undefined
        : m.type === 'metric'
          ? metricAlarmSensitivity(m, ctx)
          : compositeAlarmSensitivity(m, alarms, ctx, path)
    )
  }
  const at = (n: RuleNode, i: number): Seen => {
    if (n.kind === 'const')
      return n.value ? { neutral: true } : { neutral: false, canTrip: false, factor: Infinity }
    if (n.kind === 'not' || (n.kind === 'state' && n.state !== 'ALARM')) return { neutral: true }
    if (n.kind === 'state') {
      const r = members.get(n.alarm)?.rungs[i]
      return r ? { neutral: false, canTrip: r.canTrip, factor: r.factor } : { neutral: true }
    }
    const terms = n.terms
      .map((t) => at(t, i))
      .filter((s): s is Exclude<Seen, { neutral: true }> => !s.neutral)
    if (terms.length === 0) return { neutral: true }
    if (n.kind === 'or') {
      const trip = terms.filter((s) => s.canTrip)
      return trip.length === 0
        ? { neutral: false, canTrip: false, factor: Infinity }
        : { neutral: false, canTrip: true, factor: Math.min(...trip.map((s) => s.factor)) }
    }
    const canTrip = terms.every((s) => s.canTrip)
    return {
      neutral: false,
      canTrip,
      factor: canTrip ? Math.max(...terms.map((s) => s.factor)) : Infinity
    }
  }
  const rungs: RungSensitivity[] = []
  let neutral = false
  ctx.rungs.forEach((percent, i) => {
    const s = at(tree, i)
    if (s.neutral) neutral = true
    else
      rungs.push({
        percent,
        canTrip: s.canTrip,
        factor: s.factor,
        needed: s.canTrip
          ? `a member trips (${num(s.factor)}× what a canary alarm needs)`
          : 'no member can trip: impossible'
      })
  })
  const memberLines = [...members.entries()].map(([name, m]) =>
    m
      ? `${name}: ${m.summary}`
      : `${name}: ${path.has(name) ? 'a cycle in the rules' : 'not found'}`
  )
  const watches = [...new Set([...members.values()].flatMap((m) => m?.watches ?? []))]
  const minTrips = [...members.values()].flatMap((m) =>
    m?.minTripSeconds === undefined ? [] : [m.minTripSeconds]
  )
  const signals = [...members.values()].map((m) => m?.signal)
  const base = {
    name: a.name,
    scope: 'composite' as Scope,
    signal: (signals.includes('errors')
      ? 'errors'
      : signals.includes('latency')
        ? 'latency'
        : 'other') as Signal,
    watches,
    minTripSeconds: minTrips.length > 0 ? Math.min(...minTrips) : undefined
  }
  if (neutral || rungs.length === 0) {
    return {
      ...base,
      rungs: [],
      status: 'warn',
      summary: `composite ${a.rule}: no ALARM() term on a canary signal. Members: ${memberLines.join(' | ')}`
    }
  }
  return {
    ...base,
    rungs,
    status: statusOf(rungs),
    summary: `composite ${a.rule}: ${rungs.map((r) => `at ${num(r.percent)} %: ${r.canTrip ? `trips, ${num(r.factor)}×` : 'cannot trip'}`).join('; ')}. Members: ${memberLines.join(' | ')}`
  }
}

/** The sensitivity of one alarm, metric or composite; `alarms` holds every alarm a rule may name. */
export function alarmSensitivity(
  a: AlarmInfo,
  alarms: ReadonlyMap<string, AlarmInfo>,
  ctx: SensitivityContext
): AlarmSensitivity {
  return a.type === 'metric'
    ? metricAlarmSensitivity(a, ctx)
    : compositeAlarmSensitivity(a, alarms, ctx)
}
