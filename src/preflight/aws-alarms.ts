/**
 * The gating alarms with their metric details, for preflight: the named ones
 * (100 a call), those under the prefix, and the members of composites
 * (ChildrenOfAlarmName, then their details), every page.
 */
import {
  type CloudWatchClient,
  type CompositeAlarm,
  DescribeAlarmsCommand,
  type DescribeAlarmsCommandInput,
  type MetricAlarm
} from '@aws-sdk/client-cloudwatch'
import type { AlarmInfo } from './alarm-sensitivity.js'
import { pages } from '../aws/pages.js'

const TYPES: DescribeAlarmsCommandInput['AlarmTypes'] = ['MetricAlarm', 'CompositeAlarm']
/** Composites of composites: deeper nesting than this is not followed. */
const MAX_DEPTH = 4

const metricInfo = (a: MetricAlarm): AlarmInfo => ({
  type: 'metric',
  name: a.AlarmName ?? '',
  ...(a.Namespace !== undefined ? { namespace: a.Namespace } : {}),
  ...(a.MetricName !== undefined ? { metricName: a.MetricName } : {}),
  ...(a.Statistic !== undefined ? { statistic: a.Statistic } : {}),
  ...(a.ExtendedStatistic !== undefined ? { extendedStatistic: a.ExtendedStatistic } : {}),
  dimensions: (a.Dimensions ?? []).map((d) => ({ name: d.Name ?? '', value: d.Value ?? '' })),
  ...(a.Period !== undefined ? { periodSeconds: a.Period } : {}),
  ...(a.EvaluationPeriods !== undefined ? { evaluationPeriods: a.EvaluationPeriods } : {}),
  ...(a.DatapointsToAlarm !== undefined ? { datapointsToAlarm: a.DatapointsToAlarm } : {}),
  ...(a.Threshold !== undefined ? { threshold: a.Threshold } : {}),
  ...(a.ComparisonOperator !== undefined ? { comparisonOperator: a.ComparisonOperator } : {}),
  ...((a.Metrics?.length ?? 0) > 0 ? { metricMath: true } : {})
})

const compositeInfo = (a: CompositeAlarm): AlarmInfo => ({
  type: 'composite',
  name: a.AlarmName ?? '',
  rule: a.AlarmRule ?? ''
})

async function describe(
  cw: CloudWatchClient,
  input: DescribeAlarmsCommandInput,
  out: Map<string, AlarmInfo>
): Promise<string[]> {
  const names: string[] = []
  await pages(
    'DescribeAlarms',
    async (token) =>
      (await cw.send(
        new DescribeAlarmsCommand({ ...input, AlarmTypes: TYPES, NextToken: token })
      )) ?? {},
    (r) => r.NextToken,
    (r) => {
      for (const a of r.MetricAlarms ?? []) if (a.AlarmName) out.set(a.AlarmName, metricInfo(a))
      for (const a of r.CompositeAlarms ?? [])
        if (a.AlarmName) out.set(a.AlarmName, compositeInfo(a))
      names.push(
        ...[...(r.MetricAlarms ?? []), ...(r.CompositeAlarms ?? [])].flatMap(
          (a) => a.AlarmName ?? []
        )
      )
    }
  )
  return names
}

async function byNames(cw: CloudWatchClient, names: string[], out: Map<string, AlarmInfo>) {
  const batches: string[][] = []
  for (let i = 0; i < names.length; i += 100) batches.push(names.slice(i, i + 100))
  await Promise.all(batches.map((b) => describe(cw, { AlarmNames: b }, out)))
}

/** The members of a composite, by name (DescribeAlarms ChildrenOfAlarmName, which answers brief fields). */
async function children(cw: CloudWatchClient, name: string): Promise<string[]> {
  const names: string[] = []
  await pages(
    'DescribeAlarms',
    async (token) =>
      (await cw.send(
        new DescribeAlarmsCommand({
          ChildrenOfAlarmName: name,
          AlarmTypes: TYPES,
          NextToken: token
        })
      )) ?? {},
    (r) => r.NextToken,
    (r) => {
      for (const a of [...(r.MetricAlarms ?? []), ...(r.CompositeAlarms ?? [])])
        if (a.AlarmName) names.push(a.AlarmName)
    }
  )
  return names
}

export async function readAlarmDetails(
  cw: CloudWatchClient,
  q: { alarmNames: string[]; alarmNamePrefix: string | undefined }
): Promise<{ gating: string[]; all: AlarmInfo[] }> {
  const all = new Map<string, AlarmInfo>()
  const [, viaPrefix] = await Promise.all([
    byNames(cw, q.alarmNames, all),
    q.alarmNamePrefix !== undefined
      ? describe(cw, { AlarmNamePrefix: q.alarmNamePrefix }, all)
      : Promise.resolve([])
  ])
  const gating = [...new Set([...q.alarmNames, ...viaPrefix])]
  let composites = [...all.values()].filter((a) => a.type === 'composite').map((a) => a.name)
  const seen = new Set(composites)
  for (let depth = 0; depth < MAX_DEPTH && composites.length > 0; depth++) {
    const members = (await Promise.all(composites.map((n) => children(cw, n)))).flat()
    const missing = [...new Set(members)].filter((n) => !all.has(n))
    await byNames(cw, missing, all)
    composites = missing.filter((n) => all.get(n)?.type === 'composite' && !seen.has(n))
    composites.forEach((n) => seen.add(n))
  }
  return { gating, all: [...all.values()] }
}
