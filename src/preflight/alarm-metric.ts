/**
 * What preflight knows of an alarm and what it concludes about it, and how one
 * metric alarm sees the canary, rung by rung (the reasoning for composite
 * alarms and the whole stage is in alarm-sensitivity.ts).
 */
export interface Dimension {
  name: string
  value: string
}

/** A metric alarm as DescribeAlarms answers it. */
export interface MetricAlarmInfo {
  type: 'metric'
  name: string
  namespace?: string
  metricName?: string
  /** Sum, Average, SampleCount, Minimum, Maximum. */
  statistic?: string
  /** A percentile such as `p99` or `p99.9`. */
  extendedStatistic?: string
  dimensions: Dimension[]
  periodSeconds?: number
  evaluationPeriods?: number
  datapointsToAlarm?: number
  threshold?: number
  comparisonOperator?: string
  /** The alarm is on a metric math expression (`Metrics`). */
  metricMath?: boolean
}

export interface CompositeAlarmInfo {
  type: 'composite'
  name: string
  rule: string
}

export type AlarmInfo = MetricAlarmInfo | CompositeAlarmInfo

export interface SensitivityContext {
  /** The API's name: the `ApiName` dimension. */
  apiName: string
  stage: string
  /** The canary's `Stage` dimension value, e.g. `prod/Canary`. */
  canaryStage: string
  /** Canary traffic at each rung, in percent, ascending. */
  rungs: number[]
  /** The stable deployment's average latency, when known; else taken as 0 ms (best case). */
  stableLatencyMs?: number
  /** The stage's requests per minute, when known; needed to judge `Sum` alarms. */
  requestsPerMinute?: number
  /** The longest a request can take: API Gateway's integration timeout, 29 s by default. */
  maxLatencyMs?: number
}

export type Scope =
  | 'canary'
  | 'stage'
  | 'api'
  | 'other-stage'
  | 'other-api'
  | 'not-api-gateway'
  | 'metric-math'
  | 'composite'

export type Signal = 'errors' | 'latency' | 'other'

export interface RungSensitivity {
  percent: number
  canTrip: boolean
  /** How many times what the same alarm on the canary's own metrics would need; Infinity when it cannot trip. */
  factor: number
  /** What the canary must do to trip the alarm, in words. */
  needed: string
}

export interface AlarmSensitivity {
  name: string
  scope: Scope
  signal: Signal
  /** The metric names the alarm (or its members) watch in AWS/ApiGateway on this API. */
  watches: string[]
  /** Empty when the alarm cannot be judged rung by rung (scope or statistic not understood). */
  rungs: RungSensitivity[]
  status: 'pass' | 'warn' | 'fail'
  /** One line: what the alarm watches and what that means for the canary. */
  summary: string
  /** The least time the alarm needs to go to ALARM: DatapointsToAlarm (or EvaluationPeriods) periods. */
  minTripSeconds?: number
}

/** A whole-stage alarm that needs more than this many times the canary-scoped failure is too blunt. */
export const BLUNT_FACTOR = 3
const DEFAULT_MAX_LATENCY_MS = 29_000

const ERROR_METRICS = ['5XXError', '4XXError']
const LATENCY_METRICS = ['Latency', 'IntegrationLatency']

export const num = (x: number): string => String(Number(x.toPrecision(3)))
const pctOf = (fraction: number): string => `${num(fraction * 100)} %`
const dim = (a: MetricAlarmInfo, name: string): string | undefined =>
  a.dimensions.find((d) => d.name === name)?.value

function scopeOf(a: MetricAlarmInfo, ctx: SensitivityContext): Scope {
  if (a.metricMath) return 'metric-math'
  if (a.namespace !== 'AWS/ApiGateway') return 'not-api-gateway'
  const api = dim(a, 'ApiName')
  if (api !== undefined && api !== ctx.apiName) return 'other-api'
  const stage = dim(a, 'Stage')
  if (stage === undefined) return 'api'
  if (stage === ctx.canaryStage) return 'canary'
  if (stage === ctx.stage) return 'stage'
  return 'other-stage'
}

const SCOPE_WORDS: Record<Scope, string> = {
  canary: 'the canary alone',
  stage: 'the whole stage',
  api: 'every stage of the API',
  'other-stage': 'another stage',
  'other-api': 'another API',
  'not-api-gateway': 'a metric outside AWS/ApiGateway',
  'metric-math': 'a metric math expression',
  composite: 'its members'
}

function describeMetric(a: MetricAlarmInfo): string {
  const stat = a.extendedStatistic ?? a.statistic ?? '?'
  const op = a.comparisonOperator?.includes('LessThan')
    ? '<'
    : a.comparisonOperator?.includes('OrEqual')
      ? '≥'
      : '>'
  return `${a.metricName ?? 'metric math'} ${stat} ${op} ${a.threshold ?? '?'}`
}

/** The part of the traffic the alarm's metric is made of that is canary traffic, at `percent`. */
const shareAt = (scope: Scope, percent: number): number => (scope === 'canary' ? 1 : percent / 100)

type RungFn = (percent: number) => RungSensitivity

/** What the canary must do at each rung, for the alarm's statistic; undefined when not understood. */
function rungFunction(
  a: MetricAlarmInfo,
  scope: Scope,
  ctx: SensitivityContext
): { fn: RungFn; note?: string } | undefined {
  const t = a.threshold
  if (t === undefined) return undefined
  const orEqual = a.comparisonOperator?.includes('OrEqual') === true
  const metric = a.metricName ?? ''
  const stat = a.statistic
  const pct = a.extendedStatistic
  const within = (needed: number, limit: number): boolean =>
    orEqual ? needed <= limit : needed < limit
  const maxLatency = ctx.maxLatencyMs ?? DEFAULT_MAX_LATENCY_MS

  if (ERROR_METRICS.includes(metric) && stat === 'Average') {
    return {
      fn: (percent) => {
        const share = shareAt(scope, percent)
        const needed = t / share
        const canTrip = within(needed, 1)
        return {
          percent,
          canTrip,
          factor: canTrip ? 1 / share : Infinity,
          needed: canTrip
            ? `more than ${pctOf(needed)} of canary requests failing`
            : `more than ${pctOf(needed)} of canary requests failing: impossible`
        }
      }
    }
  }
  if (ERROR_METRICS.includes(metric) && stat === 'Sum') {
    const rpm = ctx.requestsPerMinute
    const periodMin = (a.periodSeconds ?? 60) / 60
    return {
      note:
        rpm === undefined
          ? 'Sum counts errors, so the rate it needs depends on traffic (not known here)'
          : `Sum counts errors: at ${num(rpm)} requests a minute`,
      fn: (percent) => {
        const canaryRequests = rpm === undefined ? undefined : (rpm * periodMin * percent) / 100
        if (canaryRequests === undefined) {
          return {
            percent,
            canTrip: true,
            factor: 1,
            needed: `${orEqual ? num(t) : `more than ${num(t)}`} failing canary requests in ${num(periodMin)} min`
          }
        }
        const rate = t / canaryRequests
        const canTrip = within(rate, 1)
        return {
          percent,
          canTrip,
          factor: canTrip ? 1 : Infinity,
          needed: `${num(t)} of about ${num(canaryRequests)} canary requests a period failing (${pctOf(rate)})${canTrip ? '' : ': impossible'}`
        }
      }
    }
  }
  if (LATENCY_METRICS.includes(metric) && stat === 'Average') {
    const stable = ctx.stableLatencyMs ?? 0
    return {
      note:
        ctx.stableLatencyMs === undefined
          ? 'stable latency not known, taken as 0 ms (the most favourable case)'
          : `stable latency ${num(stable)} ms`,
      fn: (percent) => {
        const share = shareAt(scope, percent)
        const needed = (t - (1 - share) * stable) / share
        const canTrip = within(needed, maxLatency)
        return {
          percent,
          canTrip,
          factor: canTrip ? needed / t : Infinity,
          needed: `canary average above ${num(needed)} ms${canTrip ? '' : `: beyond the ${num(maxLatency)} ms a request can take`}`
        }
      }
    }
  }
  const q = pct === undefined ? undefined : /^p(\d+(\.\d+)?)$/i.exec(pct)
  if (LATENCY_METRICS.includes(metric) && q) {
    const tail = 1 - Number(q[1]) / 100
    return {
      note: 'stable requests taken as faster than the threshold (the most favourable case)',
      fn: (percent) => {
        const share = shareAt(scope, percent)
        const needed = tail / share
        const canTrip = within(needed, 1) && t < maxLatency
        return {
          percent,
          canTrip,
          factor: canTrip ? 1 / share : Infinity,
          needed: `more than ${pctOf(needed)} of canary requests slower than ${num(t)} ms${canTrip ? '' : ': impossible'}`
        }
      }
    }
  }
  if ((ERROR_METRICS.includes(metric) || LATENCY_METRICS.includes(metric)) && stat === 'Maximum') {
    const limit = ERROR_METRICS.includes(metric) ? 1 : maxLatency
    return {
      fn: (percent) => ({
        percent,
        canTrip: within(t, limit),
        factor: within(t, limit) ? 1 : Infinity,
        needed: ERROR_METRICS.includes(metric)
          ? 'one failing canary request in a period'
          : `one canary request slower than ${num(t)} ms`
      })
    }
  }
  return undefined
}

const SIGNAL_OF = (metric: string | undefined): Signal =>
  ERROR_METRICS.includes(metric ?? '')
    ? 'errors'
    : LATENCY_METRICS.includes(metric ?? '')
      ? 'latency'
      : 'other'

/** The status from the rungs: fail when it cannot trip at the first rung, warn when too blunt there. */
export function statusOf(rungs: RungSensitivity[]): 'pass' | 'warn' | 'fail' {
  const first = rungs[0]
  if (!first) return 'warn'
  if (!first.canTrip) return 'fail'
  return first.factor > BLUNT_FACTOR ? 'warn' : 'pass'
}

function rungLine(rungs: RungSensitivity[]): string {
  return rungs
    .map(
      (r) =>
        `at ${num(r.percent)} %: ${r.needed}${r.canTrip && r.factor > 1 ? ` (${num(r.factor)}× what a canary alarm needs)` : ''}`
    )
    .join('; ')
}

export function metricAlarmSensitivity(
  a: MetricAlarmInfo,
  ctx: SensitivityContext
): AlarmSensitivity {
  const scope = scopeOf(a, ctx)
  const signal = a.comparisonOperator?.includes('LessThan') ? 'other' : SIGNAL_OF(a.metricName)
  const periods = a.datapointsToAlarm ?? a.evaluationPeriods
  const minTripSeconds =
    a.periodSeconds !== undefined && periods !== undefined ? a.periodSeconds * periods : undefined
  const watches =
    scope === 'canary' || scope === 'stage' || scope === 'api' ? [a.metricName ?? ''] : []
  const base = { name: a.name, scope, signal, watches, minTripSeconds }
  const what = `${describeMetric(a)} on ${SCOPE_WORDS[scope]}`
  if (scope === 'other-stage' || scope === 'other-api' || scope === 'not-api-gateway') {
    return {
      ...base,
      rungs: [],
      status: 'warn',
      summary: `${what}: it does not see this stage's canary (fine as an extra signal, not as the canary's gate)`
    }
  }
  if (scope === 'metric-math') {
    return {
      ...base,
      rungs: [],
      status: 'warn',
      summary: `${what}: preflight cannot tell what part of it is canary traffic`
    }
  }
  if (signal === 'other') {
    return {
      ...base,
      rungs: [],
      status: 'warn',
      summary: `${what}: fires on ${a.comparisonOperator?.includes('LessThan') ? 'low values' : 'neither errors nor latency'}, not on a failing canary`
    }
  }
  const judged = rungFunction(a, scope, ctx)
  if (!judged) {
    return {
      ...base,
      rungs: [],
      status: 'warn',
      summary: `${what}: preflight does not know how this statistic sees the canary`
    }
  }
  const rungs = ctx.rungs.map(judged.fn)
  let status = statusOf(rungs)
  let extra = judged.note ? ` (${judged.note})` : ''
  if (a.statistic === 'Sum' && status === 'pass' && scope !== 'canary') {
    status = 'warn'
    extra += '; it counts the stable deployment’s errors too, so it can roll back a healthy canary'
  }
  if (a.statistic === 'Sum' && ctx.requestsPerMinute === undefined && status === 'pass') {
    status = 'warn'
  }
  return { ...base, rungs, status, summary: `${what}: ${rungLine(rungs)}${extra}` }
}
