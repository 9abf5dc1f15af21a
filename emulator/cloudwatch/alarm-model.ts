/** CloudWatch alarms: what the emulator keeps of one, and how DescribeAlarms writes it. */
import type { AlarmState } from './composite-rule.js'
import { notNull, validationError } from './errors.js'
import { ACCOUNT_ID, Double, epochSeconds } from '../common/wire.js'

export const STATES: readonly AlarmState[] = ['INSUFFICIENT_DATA', 'ALARM', 'OK']
export const ALARM_TYPES = ['CompositeAlarm', 'MetricAlarm'] as const
export const INITIAL_REASON = 'Unchecked: Initial alarm creation'
const MAX_NAMES = 100

export interface Alarm {
  type: 'MetricAlarm' | 'CompositeAlarm'
  name: string
  region: string
  config: Record<string, unknown>
  configUpdated: number
  state: AlarmState
  stateReason: string
  stateReasonData?: string
  stateUpdated: number
  stateTransitioned: number
}

/** Configuration members echoed back by DescribeAlarms, per alarm type. */
const METRIC_ALARM_FIELDS = [
  'AlarmDescription',
  'OKActions',
  'AlarmActions',
  'InsufficientDataActions',
  'MetricName',
  'Namespace',
  'Statistic',
  'ExtendedStatistic',
  'Dimensions',
  'Period',
  'Unit',
  'EvaluationPeriods',
  'DatapointsToAlarm',
  'Threshold',
  'ComparisonOperator',
  'TreatMissingData',
  'EvaluateLowSampleCountPercentile',
  'Metrics',
  'ThresholdMetricId'
]
const COMPOSITE_ALARM_FIELDS = [
  'AlarmDescription',
  'OKActions',
  'AlarmActions',
  'InsufficientDataActions',
  'AlarmRule',
  'ActionsSuppressor',
  'ActionsSuppressorWaitPeriod',
  'ActionsSuppressorExtensionPeriod'
]

export const configFields = (type: Alarm['type']): string[] =>
  type === 'MetricAlarm' ? METRIC_ALARM_FIELDS : COMPOSITE_ALARM_FIELDS

export const strList = (v: unknown): string[] =>
  Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []

export function requireName(v: unknown, field: string): string {
  if (v === undefined || v === null) throw notNull(field)
  if (typeof v !== 'string' || v.length < 1 || v.length > 255) {
    throw validationError(
      `1 validation error detected: Value '${String(v)}' at '${field}' failed to satisfy constraint: Member must have length between 1 and 255`
    )
  }
  return v
}

/** Throws when more alarm names are given than one call takes. */
export function checkNameCount(names: string[]): void {
  if (names.length > MAX_NAMES) {
    throw validationError(
      `1 validation error detected: Value '[${names.join(', ')}]' at 'alarmNames' failed to satisfy constraint: Member must have length less than or equal to ${MAX_NAMES}`
    )
  }
}

export function alarmToWire(a: Alarm): Record<string, unknown> {
  const c = a.config
  const out: Record<string, unknown> = {
    AlarmName: a.name,
    AlarmArn: `arn:aws:cloudwatch:${a.region}:${ACCOUNT_ID}:alarm:${a.name}`
  }
  if (c.AlarmDescription !== undefined) out.AlarmDescription = c.AlarmDescription
  out.AlarmConfigurationUpdatedTimestamp = epochSeconds(a.configUpdated)
  out.ActionsEnabled = c.ActionsEnabled
  out.OKActions = strList(c.OKActions)
  out.AlarmActions = strList(c.AlarmActions)
  out.InsufficientDataActions = strList(c.InsufficientDataActions)
  out.StateValue = a.state
  out.StateReason = a.stateReason
  if (a.stateReasonData !== undefined) out.StateReasonData = a.stateReasonData
  out.StateUpdatedTimestamp = epochSeconds(a.stateUpdated)
  out.StateTransitionedTimestamp = epochSeconds(a.stateTransitioned)
  const fields = configFields(a.type)
  for (const f of fields) {
    if (f in out || c[f] === undefined) continue
    out[f] = f === 'Threshold' && typeof c[f] === 'number' ? new Double(c[f]) : c[f]
  }
  if (a.type === 'MetricAlarm' && out.Dimensions === undefined && c.MetricName !== undefined) {
    out.Dimensions = []
  }
  return out
}

/** DescribeAlarms' NextToken for the position `n` in the matching alarms. */
export function encodeToken(n: number): string {
  return Buffer.from(`alarms:${n}`, 'utf8').toString('base64')
}

export function decodeToken(t: string): number | undefined {
  const m = /^alarms:(\d+)$/.exec(Buffer.from(t, 'base64').toString('utf8'))
  return m ? Number(m[1]) : undefined
}
