import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  type DescribeAlarmsCommandInput
} from '@aws-sdk/client-cloudwatch'
import type { AlarmState, AlarmStatus } from '../core/gate.js'
import type { AlarmReader } from '../ports.js'
import { withDeadline } from './deadline.js'
import { pages as eachPage } from './pages.js'

const TYPES: DescribeAlarmsCommandInput['AlarmTypes'] = ['MetricAlarm', 'CompositeAlarm']
export const NAMES_PER_CALL = 100

export interface AlarmSelector {
  names: readonly string[]
  prefix: string | undefined
}

async function pages(
  cw: CloudWatchClient,
  input: DescribeAlarmsCommandInput,
  out: Map<string, AlarmStatus>,
  signal: AbortSignal | undefined
) {
  await eachPage(
    'DescribeAlarms',
    (token) =>
      cw.send(new DescribeAlarmsCommand({ ...input, AlarmTypes: TYPES, NextToken: token }), {
        abortSignal: signal
      }),
    (res) => res.NextToken,
    (res) => {
      for (const a of res.MetricAlarms ?? []) add(out, a, 'MetricAlarm')
      for (const a of res.CompositeAlarms ?? []) add(out, a, 'CompositeAlarm')
    }
  )
}

function add(
  out: Map<string, AlarmStatus>,
  a: {
    AlarmName?: string
    StateValue?: string
    StateReason?: string
    StateUpdatedTimestamp?: Date
    Period?: number
    EvaluationPeriods?: number
    DatapointsToAlarm?: number
  },
  type: AlarmStatus['type']
) {
  if (!a.AlarmName) return
  const periods = a.DatapointsToAlarm ?? a.EvaluationPeriods
  out.set(a.AlarmName, {
    name: a.AlarmName,
    type,
    state: (a.StateValue ?? 'INSUFFICIENT_DATA') as AlarmState,
    reason: a.StateReason ?? '',
    updated: a.StateUpdatedTimestamp ? a.StateUpdatedTimestamp.toISOString() : '',
    ...(a.Period && periods ? { minTripSeconds: a.Period * periods } : {})
  })
}

/**
 * Reads the gating alarms: the named ones in batches of 100 (DescribeAlarms'
 * limit; names and a prefix cannot share a call), every alarm under the
 * prefix, metric and composite, every page. A named alarm that does not exist,
 * or a prefix that matches nothing, is an error: the gate fails closed.
 */
export async function describeAlarms(
  cw: CloudWatchClient,
  sel: AlarmSelector,
  signal?: AbortSignal
): Promise<AlarmStatus[]> {
  const found = new Map<string, AlarmStatus>()
  for (let i = 0; i < sel.names.length; i += NAMES_PER_CALL) {
    await pages(cw, { AlarmNames: sel.names.slice(i, i + NAMES_PER_CALL) }, found, signal)
  }
  const missing = sel.names.filter((n) => !found.has(n))
  if (missing.length > 0) {
    throw new Error(
      `alarm-names: no such CloudWatch alarm${missing.length > 1 ? 's' : ''}: ${missing.join(', ')} (a missing alarm is not a pass)`
    )
  }
  if (sel.prefix !== undefined) {
    const viaPrefix = new Map<string, AlarmStatus>()
    await pages(cw, { AlarmNamePrefix: sel.prefix }, viaPrefix, signal)
    if (viaPrefix.size === 0)
      throw new Error(`alarm-name-prefix: no CloudWatch alarm name starts with '${sel.prefix}'`)
    for (const [k, v] of viaPrefix) found.set(k, v)
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * The gating alarms' reader: one read (every batch and page) gets `readMs`,
 * after which it fails (a bake counts a failed read and reads again at its
 * next poll; three in a row stop the bake as unhealthy).
 */
export function alarmReader(
  cw: CloudWatchClient,
  sel: AlarmSelector,
  readMs: number
): AlarmReader | undefined {
  if (sel.names.length === 0 && sel.prefix === undefined) return undefined
  return (signal) =>
    withDeadline('Reading the alarms', readMs, signal, (s) => describeAlarms(cw, sel, s))
}
