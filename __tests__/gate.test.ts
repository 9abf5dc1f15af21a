import { afterEach, describe, expect, it } from '@jest/globals'
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch'
import { mockClient } from 'aws-sdk-client-mock'
import { describeAlarms } from '../src/aws/alarms.js'
import { evaluateGate, worstState, type AlarmStatus } from '../src/core/gate.js'
import { alarm } from './helpers/harness.js'

const cwMock = mockClient(CloudWatchClient)
const cw = new CloudWatchClient({ region: 'us-east-1' })
afterEach(() => {
  cwMock.reset()
})

const inputs = () => cwMock.commandCalls(DescribeAlarmsCommand).map((c) => c.args[0].input)

describe('describeAlarms', () => {
  it('reads 101 names in two calls (100 + 1), metric and composite', async () => {
    const names = Array.from({ length: 101 }, (_, i) => `alarm-${String(i).padStart(3, '0')}`)
    cwMock.on(DescribeAlarmsCommand).callsFake((input: { AlarmNames: string[] }) => ({
      MetricAlarms: input.AlarmNames.map((n) => alarm(n, 'OK'))
    }))
    const alarms = await describeAlarms(cw, { names, prefix: undefined })
    expect(inputs().map((i) => i.AlarmNames?.length)).toEqual([100, 1])
    expect(
      inputs().every((i) => JSON.stringify(i.AlarmTypes) === '["MetricAlarm","CompositeAlarm"]')
    ).toBe(true)
    expect(alarms).toHaveLength(101)
  })

  it('follows NextToken through every page', async () => {
    cwMock
      .on(DescribeAlarmsCommand, { NextToken: undefined })
      .resolves({ MetricAlarms: [alarm('a', 'OK')], NextToken: 't1' })
      .on(DescribeAlarmsCommand, { NextToken: 't1' })
      .resolves({
        CompositeAlarms: [{ AlarmName: 'b', StateValue: 'ALARM', StateReason: 'child in alarm' }],
        NextToken: 't2'
      })
      .on(DescribeAlarmsCommand, { NextToken: 't2' })
      .resolves({ MetricAlarms: [alarm('c', 'INSUFFICIENT_DATA')] })
    const alarms = await describeAlarms(cw, { names: ['a', 'b', 'c'], prefix: undefined })
    expect(inputs().map((i) => i.NextToken)).toEqual([undefined, 't1', 't2'])
    expect(alarms.map((a) => `${a.name}:${a.type}:${a.state}`)).toEqual([
      'a:MetricAlarm:OK',
      'b:CompositeAlarm:ALARM',
      'c:MetricAlarm:INSUFFICIENT_DATA'
    ])
  })

  it('a named alarm that does not exist is an error, not a pass', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [alarm('api-5xx', 'OK')] })
    await expect(
      describeAlarms(cw, { names: ['api-5xx', 'api-latncy'], prefix: undefined })
    ).rejects.toThrow(
      'alarm-names: no such CloudWatch alarm: api-latncy (a missing alarm is not a pass)'
    )
  })

  it('reads the prefix in its own call (names and a prefix cannot share one) and merges', async () => {
    cwMock
      .on(DescribeAlarmsCommand, { AlarmNames: ['api-5xx'] })
      .resolves({ MetricAlarms: [alarm('api-5xx', 'OK')] })
      .on(DescribeAlarmsCommand, { AlarmNamePrefix: 'orders-' })
      .resolves({ MetricAlarms: [alarm('orders-p99', 'ALARM'), alarm('api-5xx', 'OK')] })
    const alarms = await describeAlarms(cw, { names: ['api-5xx'], prefix: 'orders-' })
    expect(inputs()).toEqual([
      {
        AlarmNames: ['api-5xx'],
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
        NextToken: undefined
      },
      {
        AlarmNamePrefix: 'orders-',
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
        NextToken: undefined
      }
    ])
    expect(alarms.map((a) => a.name)).toEqual(['api-5xx', 'orders-p99'])
  })

  it('a prefix that matches no alarm is an error (fail closed)', async () => {
    cwMock.on(DescribeAlarmsCommand).resolves({})
    await expect(describeAlarms(cw, { names: [], prefix: 'ordres-' })).rejects.toThrow(
      "alarm-name-prefix: no CloudWatch alarm name starts with 'ordres-'"
    )
  })
})

describe('evaluateGate', () => {
  const a = (name: string, state: AlarmStatus['state']): AlarmStatus => ({
    name,
    type: 'MetricAlarm',
    state,
    reason: '',
    updated: ''
  })
  it('ALARM refuses; OK passes', () => {
    expect(evaluateGate([a('x', 'OK')], 'ok')).toMatchObject({
      pass: true,
      worst: 'OK',
      blocking: []
    })
    expect(evaluateGate([a('x', 'OK'), a('y', 'ALARM')], 'ok')).toMatchObject({
      pass: false,
      worst: 'ALARM',
      blocking: [a('y', 'ALARM')]
    })
  })
  it('INSUFFICIENT_DATA passes with insufficient-data: ok (to be warned about) and refuses with alarm', () => {
    expect(evaluateGate([a('x', 'INSUFFICIENT_DATA')], 'ok')).toMatchObject({
      pass: true,
      worst: 'INSUFFICIENT_DATA',
      insufficient: [a('x', 'INSUFFICIENT_DATA')]
    })
    expect(evaluateGate([a('x', 'INSUFFICIENT_DATA')], 'alarm')).toMatchObject({
      pass: false,
      blocking: [a('x', 'INSUFFICIENT_DATA')]
    })
  })
  it('worst state is NONE without alarms', () => {
    expect(worstState(undefined)).toBe('NONE')
    expect(worstState([])).toBe('NONE')
    expect(worstState([a('x', 'INSUFFICIENT_DATA'), a('y', 'OK')])).toBe('INSUFFICIENT_DATA')
  })
})
