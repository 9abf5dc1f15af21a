import {
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  ListMetricsCommand,
  type MetricDataResult,
  PutCompositeAlarmCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
  paginateDescribeAlarms
} from '@aws-sdk/client-cloudwatch'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

import { type Emulator, startEmulator } from '../../emulator/server.js'
import { clients, expectAwsError } from './helpers.js'

let emu: Emulator
let cw: ReturnType<typeof clients>['cw']

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  cw = clients(emu.url).cw
})
afterAll(async () => {
  cw.destroy()
  await emu.close()
})
beforeEach(() => emu.state.reset())

const putAlarm = (name: string) =>
  cw.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      AlarmDescription: `alarm ${name}`,
      Namespace: 'AWS/ApiGateway',
      MetricName: '5XXError',
      Dimensions: [
        { Name: 'ApiName', Value: 'orders' },
        { Name: 'Stage', Value: 'prod/Canary' }
      ],
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching'
    })
  )

const setState = (
  name: string,
  StateValue: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA',
  reason = 'test'
) => cw.send(new SetAlarmStateCommand({ AlarmName: name, StateValue, StateReason: reason }))

describe('metric alarms', () => {
  it('creates an alarm in INSUFFICIENT_DATA with the fields AWS returns', async () => {
    const before = Date.now()
    await putAlarm('canary-5xx')
    const out = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['canary-5xx'] }))
    expect(out.CompositeAlarms).toEqual([])
    expect(out.MetricAlarms).toHaveLength(1)
    const a = out.MetricAlarms![0]!
    expect(a).toMatchObject({
      AlarmName: 'canary-5xx',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:canary-5xx',
      AlarmDescription: 'alarm canary-5xx',
      ActionsEnabled: true,
      OKActions: [],
      AlarmActions: [],
      InsufficientDataActions: [],
      StateValue: 'INSUFFICIENT_DATA',
      StateReason: 'Unchecked: Initial alarm creation',
      MetricName: '5XXError',
      Namespace: 'AWS/ApiGateway',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching'
    })
    expect(a.StateUpdatedTimestamp).toBeInstanceOf(Date)
    expect(a.StateUpdatedTimestamp!.getTime()).toBeGreaterThanOrEqual(before - 1)
    expect(a.AlarmConfigurationUpdatedTimestamp).toBeInstanceOf(Date)
  })

  it('SetAlarmState changes state, reason, reason data and timestamps', async () => {
    await putAlarm('a')
    const first = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['a'] })))
      .MetricAlarms![0]!
    await new Promise((r) => setTimeout(r, 5))
    await cw.send(
      new SetAlarmStateCommand({
        AlarmName: 'a',
        StateValue: 'ALARM',
        StateReason: 'Threshold Crossed',
        StateReasonData: '{"version":"1.0"}'
      })
    )
    const a = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['a'] }))).MetricAlarms![0]!
    expect(a.StateValue).toBe('ALARM')
    expect(a.StateReason).toBe('Threshold Crossed')
    expect(a.StateReasonData).toBe('{"version":"1.0"}')
    expect(a.StateUpdatedTimestamp!.getTime()).toBeGreaterThan(
      first.StateUpdatedTimestamp!.getTime()
    )
    expect(a.StateTransitionedTimestamp!.getTime()).toBe(a.StateUpdatedTimestamp!.getTime())
  })

  it('SetAlarmState on a missing alarm fails with ResourceNotFound 404', async () => {
    const err = await expectAwsError(setState('missing', 'ALARM'), 'ResourceNotFound', 404)
    expect(err).toMatchObject({ Error: { Code: 'ResourceNotFound', Type: 'Sender' } })
  })

  it('SetAlarmState validates its input', async () => {
    await putAlarm('a')
    await expectAwsError(
      cw.send(
        new SetAlarmStateCommand({
          AlarmName: 'a',
          StateValue: 'INVALID' as 'OK',
          StateReason: 'x'
        })
      ),
      'ValidationException',
      400,
      "1 validation error detected: Value 'INVALID' at 'stateValue' failed to satisfy constraint: Member must satisfy enum value set: [INSUFFICIENT_DATA, ALARM, OK]"
    )
    await expectAwsError(
      cw.send(
        new SetAlarmStateCommand({
          AlarmName: 'a',
          StateValue: 'OK',
          StateReason: 'x',
          StateReasonData: 'not json'
        })
      ),
      'InvalidFormatFault',
      400
    )
  })

  it('DeleteAlarms deletes; with a missing name it still deletes the others and answers ResourceNotFound', async () => {
    for (const n of ['a', 'b', 'c', 'd']) await putAlarm(n)
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ['a'] }))
    const names = async () =>
      (await cw.send(new DescribeAlarmsCommand({}))).MetricAlarms!.map((x) => x.AlarmName)
    expect(await names()).toEqual(['b', 'c', 'd'])
    await expectAwsError(
      cw.send(new DeleteAlarmsCommand({ AlarmNames: ['b', 'zzz', 'c'] })),
      'ResourceNotFound',
      404,
      'zzz not found'
    )
    expect(await names()).toEqual(['d'])
  })

  it('DeleteAlarms deletes at most one composite alarm per call', async () => {
    await putAlarm('m')
    for (const c of ['c1', 'c2']) {
      await cw.send(new PutCompositeAlarmCommand({ AlarmName: c, AlarmRule: 'ALARM("m")' }))
    }
    await expectAwsError(
      cw.send(new DeleteAlarmsCommand({ AlarmNames: ['c1', 'c2', 'm'] })),
      'ValidationException',
      400,
      'You can delete at most one composite alarm in one DeleteAlarms call.'
    )
    await cw.send(new DeleteAlarmsCommand({ AlarmNames: ['c1', 'm'] }))
    const left = await cw.send(
      new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] })
    )
    expect([...left.MetricAlarms!, ...left.CompositeAlarms!].map((a) => a.AlarmName)).toEqual([
      'c2'
    ])
  })

  it('PutMetricAlarm validates required members', async () => {
    await expectAwsError(
      cw.send(
        new PutMetricAlarmCommand({
          AlarmName: 'x',
          EvaluationPeriods: 1,
          ComparisonOperator: 'GreaterThanThreshold'
        })
      ),
      'ValidationException',
      400
    )
  })
})

describe('DescribeAlarms', () => {
  it('returns only metric alarms without AlarmTypes, both kinds with them', async () => {
    await putAlarm('m1')
    await cw.send(new PutCompositeAlarmCommand({ AlarmName: 'c1', AlarmRule: 'ALARM("m1")' }))
    const plain = await cw.send(new DescribeAlarmsCommand({}))
    expect(plain.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['m1'])
    expect(plain.CompositeAlarms).toEqual([])
    const both = await cw.send(
      new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] })
    )
    expect(both.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['m1'])
    expect(both.CompositeAlarms!.map((a) => a.AlarmName)).toEqual(['c1'])
    expect(both.CompositeAlarms![0]).toMatchObject({
      AlarmRule: 'ALARM("m1")',
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:c1'
    })
  })

  it('filters by names (missing ones simply absent), prefix and state', async () => {
    for (const n of ['app-a', 'app-b', 'other']) await putAlarm(n)
    await setState('app-b', 'ALARM')
    const byName = await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['app-a', 'ghost'] }))
    expect(byName.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['app-a'])
    const byPrefix = await cw.send(new DescribeAlarmsCommand({ AlarmNamePrefix: 'app-' }))
    expect(byPrefix.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['app-a', 'app-b'])
    const byState = await cw.send(new DescribeAlarmsCommand({ StateValue: 'ALARM' }))
    expect(byState.MetricAlarms!.map((a) => a.AlarmName)).toEqual(['app-b'])
  })

  it('rejects more than 100 names, names with a prefix, and bad MaxRecords', async () => {
    const names = Array.from({ length: 101 }, (_, i) => `n${i}`)
    await expectAwsError(
      cw.send(new DescribeAlarmsCommand({ AlarmNames: names })),
      'ValidationException',
      400
    )
    await expectAwsError(
      cw.send(new DescribeAlarmsCommand({ AlarmNames: ['a'], AlarmNamePrefix: 'a' })),
      'ValidationException',
      400
    )
    await expectAwsError(
      cw.send(new DescribeAlarmsCommand({ MaxRecords: 101 })),
      'ValidationException',
      400
    )
    await expectAwsError(
      cw.send(new DescribeAlarmsCommand({ NextToken: 'garbage' })),
      'InvalidNextToken',
      400
    )
  })

  it('paginates with MaxRecords and NextToken across metric and composite alarms', async () => {
    for (let i = 0; i < 7; i++) await putAlarm(`m${i}`)
    for (let i = 0; i < 3; i++) {
      await cw.send(new PutCompositeAlarmCommand({ AlarmName: `c${i}`, AlarmRule: 'ALARM("m0")' }))
    }
    const seen: string[] = []
    let pages = 0
    for await (const page of paginateDescribeAlarms(
      { client: cw, pageSize: 4 },
      { AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }
    )) {
      pages++
      const n = page.MetricAlarms!.length + page.CompositeAlarms!.length
      expect(n).toBeLessThanOrEqual(4)
      seen.push(...page.MetricAlarms!.map((a) => a.AlarmName!))
      seen.push(...page.CompositeAlarms!.map((a) => a.AlarmName!))
    }
    expect(pages).toBe(3)
    expect(seen).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5', 'm6', 'c0', 'c1', 'c2'])
  })

  it('pages 50 alarms by default', async () => {
    for (let i = 0; i < 55; i++) await putAlarm(`a${String(i).padStart(2, '0')}`)
    const first = await cw.send(new DescribeAlarmsCommand({}))
    expect(first.MetricAlarms).toHaveLength(50)
    const second = await cw.send(new DescribeAlarmsCommand({ NextToken: first.NextToken }))
    expect(second.MetricAlarms).toHaveLength(5)
    expect(second.NextToken).toBeUndefined()
  })
})

describe('composite alarms', () => {
  it('evaluate their rule when member states change', async () => {
    await putAlarm('errors')
    await putAlarm('latency')
    await cw.send(
      new PutCompositeAlarmCommand({
        AlarmName: 'canary-health',
        AlarmRule: 'ALARM("errors") OR ALARM(latency)'
      })
    )
    const state = async () =>
      (
        await cw.send(
          new DescribeAlarmsCommand({
            AlarmNames: ['canary-health'],
            AlarmTypes: ['CompositeAlarm']
          })
        )
      ).CompositeAlarms![0]!.StateValue
    expect(await state()).toBe('OK')
    await setState('latency', 'ALARM')
    expect(await state()).toBe('ALARM')
    await setState('latency', 'OK')
    expect(await state()).toBe('OK')
    // SetAlarmState also works on a composite until its next evaluation
    await setState('canary-health', 'ALARM')
    expect(await state()).toBe('ALARM')
  })

  it('DescribeAlarms ChildrenOfAlarmName: the members of a composite, either type, in brief', async () => {
    for (const m of ['m1', 'm2', 'other']) await putAlarm(m)
    await cw.send(new PutCompositeAlarmCommand({ AlarmName: 'inner', AlarmRule: 'ALARM("m2")' }))
    await cw.send(
      new PutCompositeAlarmCommand({
        AlarmName: 'gate',
        AlarmRule:
          'ALARM("m1") OR (ALARM(inner) AND NOT OK("arn:aws:cloudwatch:us-east-1:123456789012:alarm:m2"))'
      })
    )
    await setState('m1', 'ALARM')
    const r = await cw.send(new DescribeAlarmsCommand({ ChildrenOfAlarmName: 'gate' }))
    expect(r.MetricAlarms!.map((a) => Object.keys(a).sort())).toEqual([
      ['AlarmArn', 'AlarmName', 'StateUpdatedTimestamp', 'StateValue'],
      ['AlarmArn', 'AlarmName', 'StateUpdatedTimestamp', 'StateValue']
    ])
    expect(r.MetricAlarms!.map((a) => [a.AlarmName, a.StateValue])).toEqual([
      ['m1', 'ALARM'],
      ['m2', 'INSUFFICIENT_DATA']
    ])
    expect(r.CompositeAlarms!.map((a) => a.AlarmName)).toEqual(['inner'])
    // paged like any DescribeAlarms
    const first = await cw.send(
      new DescribeAlarmsCommand({ ChildrenOfAlarmName: 'gate', MaxRecords: 2 })
    )
    expect(first.NextToken).toEqual(expect.any(String))
    const second = await cw.send(
      new DescribeAlarmsCommand({
        ChildrenOfAlarmName: 'gate',
        MaxRecords: 2,
        NextToken: first.NextToken
      })
    )
    expect(second.CompositeAlarms!.map((a) => a.AlarmName)).toEqual(['inner'])
    // a metric alarm or a missing one has no children
    const none = await cw.send(new DescribeAlarmsCommand({ ChildrenOfAlarmName: 'm1' }))
    expect([...none.MetricAlarms!, ...none.CompositeAlarms!]).toEqual([])
  })

  it('DescribeAlarms ParentsOfAlarmName: the composites whose rule names the alarm, name and ARN only', async () => {
    await putAlarm('m1')
    await cw.send(new PutCompositeAlarmCommand({ AlarmName: 'p1', AlarmRule: 'ALARM("m1")' }))
    await cw.send(
      new PutCompositeAlarmCommand({ AlarmName: 'p2', AlarmRule: 'OK(m1) OR ALARM(p1)' })
    )
    await cw.send(new PutCompositeAlarmCommand({ AlarmName: 'p3', AlarmRule: 'ALARM(p1)' }))
    const r = await cw.send(new DescribeAlarmsCommand({ ParentsOfAlarmName: 'm1' }))
    expect(r.MetricAlarms).toEqual([])
    expect(r.CompositeAlarms).toEqual([
      { AlarmName: 'p1', AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:p1' },
      { AlarmName: 'p2', AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:p2' }
    ])
    const ofP1 = await cw.send(new DescribeAlarmsCommand({ ParentsOfAlarmName: 'p1' }))
    expect(ofP1.CompositeAlarms!.map((a) => a.AlarmName)).toEqual(['p2', 'p3'])
  })

  it.each([
    [
      { ChildrenOfAlarmName: 'gate', AlarmTypes: ['CompositeAlarm' as const] },
      'ChildrenOfAlarmName'
    ],
    [{ ChildrenOfAlarmName: 'gate', StateValue: 'ALARM' as const }, 'ChildrenOfAlarmName'],
    [{ ParentsOfAlarmName: 'm1', AlarmNamePrefix: 'p' }, 'ParentsOfAlarmName'],
    [{ ParentsOfAlarmName: 'm1', ChildrenOfAlarmName: 'gate' }, 'ChildrenOfAlarmName']
  ])('DescribeAlarms refuses %j', async (input, which) => {
    await expectAwsError(
      cw.send(new DescribeAlarmsCommand(input)),
      'ValidationException',
      400,
      `If you specify ${which}, you cannot specify any other parameters in the request except for MaxRecords and NextToken.`
    )
  })

  it('rejects an unparsable rule', async () => {
    await expectAwsError(
      cw.send(new PutCompositeAlarmCommand({ AlarmName: 'bad', AlarmRule: 'ALARM("x" OR' })),
      'ValidationException',
      400
    )
  })
})

describe('metrics', () => {
  const t0 = Math.floor(Date.now() / 60000) * 60000 - 10 * 60000
  const dims = [
    { Name: 'ApiName', Value: 'orders' },
    { Name: 'Stage', Value: 'prod/Canary' }
  ]

  it('stores datapoints and computes statistics per period, newest first', async () => {
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/ApiGateway',
        MetricData: [
          {
            MetricName: 'Latency',
            Dimensions: dims,
            Timestamp: new Date(t0 + 1000),
            Values: [10, 20, 30],
            Counts: [1, 1, 2],
            Unit: 'Milliseconds'
          },
          {
            MetricName: 'Latency',
            Dimensions: dims,
            Timestamp: new Date(t0 + 61000),
            Value: 100,
            Unit: 'Milliseconds'
          },
          { MetricName: 'Count', Dimensions: dims, Timestamp: new Date(t0 + 2000), Value: 7 }
        ]
      })
    )
    const stats = ['Sum', 'Average', 'SampleCount', 'Minimum', 'Maximum', 'p50', 'p99']
    const out = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(t0),
        EndTime: new Date(t0 + 5 * 60000),
        MetricDataQueries: stats.map((s) => ({
          Id: s.toLowerCase(),
          MetricStat: {
            Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Latency', Dimensions: dims },
            Period: 60,
            Stat: s
          }
        }))
      })
    )
    const byId: Record<string, MetricDataResult> = Object.fromEntries(
      out.MetricDataResults!.map((r) => [r.Id, r])
    )
    expect(byId.sum!.Timestamps!.map((d) => d.getTime())).toEqual([t0 + 60000, t0])
    expect(byId.sum!.Values).toEqual([100, 90])
    expect(byId.average!.Values).toEqual([100, 22.5])
    expect(byId.samplecount!.Values).toEqual([1, 4])
    expect(byId.minimum!.Values).toEqual([100, 10])
    expect(byId.maximum!.Values).toEqual([100, 30])
    expect(byId.p50!.Values).toEqual([100, 20])
    expect(byId.p99!.Values).toEqual([100, 30])
    expect(byId.sum).toMatchObject({ Label: 'Latency', StatusCode: 'Complete' })

    const asc = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(t0),
        EndTime: new Date(t0 + 5 * 60000),
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          {
            Id: 'q',
            Label: 'my label',
            MetricStat: {
              Metric: { Namespace: 'AWS/ApiGateway', MetricName: 'Latency', Dimensions: dims },
              Period: 300,
              Stat: 'Sum'
            }
          }
        ]
      })
    )
    expect(asc.MetricDataResults![0]).toMatchObject({ Label: 'my label', Values: [190] })
  })

  it('computes the extended statistics (TC, PR, TM, TS, WM, IQM) from values and counts', async () => {
    const ext = [{ Name: 'Stage', Value: 'extended' }]
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'App',
        MetricData: [
          {
            MetricName: 'Latency',
            Dimensions: ext,
            Timestamp: new Date(t0 + 1000),
            // 100 values: 10 (x40), 50 (x30), 100 (x20), 400 (x9), 1000 (x1).
            Values: [10, 50, 100, 400, 1000],
            Counts: [40, 30, 20, 9, 1]
          }
        ]
      })
    )
    const stats: Record<string, number> = {
      'TC(100:)': 10, // above 100 (the lower bound is excluded)
      'TC(50:400)': 29, // 100 x20 and 400 x9 (upper bound included)
      'PR(:100)': 90,
      'PR(100:)': 10,
      'TS(:50)': 400 + 1500,
      'TM(:100)': (400 + 1500 + 2000) / 90,
      'TM(10%:90%)': (1500 + 2000) / 50, // above the 10th percentile's value (10), up to the 90th's (100)
      IQM: (1500 + 2000) / 50, // 25th percentile 10, 75th 100: TM(25%:75%)
      tc90: 90,
      'WM(:100)': (400 + 1500 + 2000 + 10 * 100) / 100
    }
    const ids = Object.keys(stats)
    const out = await cw.send(
      new GetMetricDataCommand({
        StartTime: new Date(t0),
        EndTime: new Date(t0 + 60000),
        MetricDataQueries: ids.map((stat, i) => ({
          Id: `q${i}`,
          MetricStat: {
            Metric: { Namespace: 'App', MetricName: 'Latency', Dimensions: ext },
            Period: 60,
            Stat: stat
          }
        }))
      })
    )
    const got = Object.fromEntries(
      out.MetricDataResults!.map((r) => [ids[Number(r.Id!.slice(1))]!, r.Values![0]])
    )
    for (const [stat, value] of Object.entries(stats))
      expect([stat, got[stat]]).toEqual([stat, value])
  })

  it('returns no values for other dimensions or outside the time range', async () => {
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'App',
        MetricData: [{ MetricName: 'Errors', Dimensions: dims, Timestamp: new Date(t0), Value: 1 }]
      })
    )
    const q = (d: typeof dims, start: number) =>
      cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(start),
          EndTime: new Date(start + 120000),
          MetricDataQueries: [
            {
              Id: 'e',
              MetricStat: {
                Metric: { Namespace: 'App', MetricName: 'Errors', Dimensions: d },
                Period: 60,
                Stat: 'Sum'
              }
            }
          ]
        })
      )
    expect((await q(dims, t0)).MetricDataResults![0]!.Values).toEqual([1])
    expect((await q([dims[0]!], t0)).MetricDataResults![0]!.Values).toEqual([])
    expect((await q(dims, t0 + 120000)).MetricDataResults![0]!.Values).toEqual([])
  })

  it('lists metrics filtered by namespace, name and dimensions', async () => {
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/ApiGateway',
        MetricData: [
          { MetricName: 'Count', Dimensions: dims, Value: 1 },
          {
            MetricName: 'Count',
            Dimensions: [
              { Name: 'ApiName', Value: 'orders' },
              { Name: 'Stage', Value: 'prod' }
            ],
            Value: 1
          },
          { MetricName: '5XXError', Dimensions: dims, Value: 0 }
        ]
      })
    )
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'Other',
        MetricData: [{ MetricName: 'Count', Value: 1 }]
      })
    )
    const all = await cw.send(new ListMetricsCommand({ Namespace: 'AWS/ApiGateway' }))
    expect(all.Metrics).toHaveLength(3)
    const canary = await cw.send(
      new ListMetricsCommand({
        Namespace: 'AWS/ApiGateway',
        MetricName: 'Count',
        Dimensions: [{ Name: 'Stage', Value: 'prod/Canary' }]
      })
    )
    expect(canary.Metrics).toEqual([
      { Namespace: 'AWS/ApiGateway', MetricName: 'Count', Dimensions: dims }
    ])
    const withStage = await cw.send(new ListMetricsCommand({ Dimensions: [{ Name: 'Stage' }] }))
    expect(withStage.Metrics).toHaveLength(3)
  })

  it('validates PutMetricData and GetMetricData input', async () => {
    await expectAwsError(
      cw.send(new PutMetricDataCommand({ Namespace: 'App', MetricData: [{ MetricName: 'x' }] })),
      'InvalidParameterCombinationException',
      400
    )
    await expectAwsError(
      cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(t0),
          EndTime: new Date(t0 + 60000),
          MetricDataQueries: [
            {
              Id: 'a',
              MetricStat: { Metric: { Namespace: 'App', MetricName: 'x' }, Period: 90, Stat: 'Sum' }
            }
          ]
        })
      ),
      'ValidationException',
      400
    )
    await expectAwsError(
      cw.send(
        new GetMetricDataCommand({
          StartTime: new Date(t0 + 60000),
          EndTime: new Date(t0),
          MetricDataQueries: [
            {
              Id: 'a',
              MetricStat: { Metric: { Namespace: 'App', MetricName: 'x' }, Period: 60, Stat: 'Sum' }
            }
          ]
        })
      ),
      'ValidationException',
      400
    )
  })
})
