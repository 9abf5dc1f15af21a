/** What preflight knows of an alarm and what it concludes about it (alarm-sensitivity.ts). */
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
