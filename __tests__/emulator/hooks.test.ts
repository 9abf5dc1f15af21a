import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  UpdateStageCommand
} from '@aws-sdk/client-api-gateway'
import { DescribeAlarmsCommand, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

import {
  clearCalls,
  clearFaults,
  getCalls,
  reset,
  setFaults,
  setQuotas
} from '../../emulator/client.js'
import { type Emulator, startEmulator } from '../../emulator/server.js'
import { clients, expectAwsError, failure } from './helpers.js'

let emu: Emulator
let c: ReturnType<typeof clients>

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  c = clients(emu.url)
})
afterAll(async () => {
  c.apigw.destroy()
  c.cw.destroy()
  await emu.close()
})
beforeEach(() => reset(emu.url))

const ISO_MS = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/

const post = (path: string, body: unknown) =>
  fetch(`${emu.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })

describe('GET /_emulator/calls', () => {
  it('logs every AWS call in order with service, operation, time, status and input', async () => {
    const api = (await c.apigw.send(new CreateRestApiCommand({ name: 'orders' }))).id!
    await c.apigw.send(new CreateDeploymentCommand({ restApiId: api, stageName: 'prod' }))
    await c.apigw.send(
      new UpdateStageCommand({
        restApiId: api,
        stageName: 'prod',
        patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '10' }]
      })
    )
    await failure(c.apigw.send(new GetStageCommand({ restApiId: api, stageName: 'nope' })))
    await c.cw.send(new DescribeAlarmsCommand({ AlarmNames: ['a'], AlarmTypes: ['MetricAlarm'] }))

    const calls = await getCalls(emu.url)
    expect(calls.map((x) => [x.service, x.operation, x.status])).toEqual([
      ['apigateway', 'CreateRestApi', 201],
      ['apigateway', 'CreateDeployment', 201],
      ['apigateway', 'UpdateStage', 200],
      ['apigateway', 'GetStage', 404],
      ['cloudwatch', 'DescribeAlarms', 200]
    ])
    for (const x of calls) expect(x.time).toMatch(ISO_MS)
    const times = calls.map((x) => Date.parse(x.time))
    expect([...times].sort((a, b) => a - b)).toEqual(times)
    expect(calls[2]!.input).toEqual({
      restApiId: api,
      stageName: 'prod',
      patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '10' }]
    })
    expect(calls[3]).toMatchObject({
      input: { restApiId: api, stageName: 'nope' },
      error: 'NotFoundException'
    })
    expect(calls[4]!.input).toEqual({ AlarmNames: ['a'], AlarmTypes: ['MetricAlarm'] })
    // hooks themselves are not AWS calls
    expect(calls.every((x) => !x.operation.startsWith('_'))).toBe(true)

    await clearCalls(emu.url)
    expect(await getCalls(emu.url)).toEqual([])
  })
})

describe('POST /_emulator/faults', () => {
  it('throttles API Gateway with TooManyRequestsException 429 and CloudWatch with Throttling 400', async () => {
    await setFaults(emu.url, { throttleRate: 1 })
    await expectAwsError(
      c.apigw.send(new GetRestApisCommand({})),
      'TooManyRequestsException',
      429,
      'Too Many Requests'
    )
    await expectAwsError(
      c.cw.send(new DescribeAlarmsCommand({})),
      'Throttling',
      400,
      'Rate exceeded'
    )
    const calls = await getCalls(emu.url)
    expect(calls.map((x) => [x.operation, x.status, x.fault])).toEqual([
      ['GetRestApis', 429, 'throttle'],
      ['DescribeAlarms', 400, 'throttle']
    ])
  })

  it('answers ServiceUnavailable 503 for errorRate', async () => {
    await setFaults(emu.url, { errorRate: 1 })
    await expectAwsError(
      c.apigw.send(new GetRestApisCommand({})),
      'ServiceUnavailableException',
      503
    )
    await expectAwsError(c.cw.send(new DescribeAlarmsCommand({})), 'ServiceUnavailable', 503)
  })

  it('drops the connection for resetRate, before the call takes effect by default', async () => {
    await setFaults(emu.url, { resetRate: 1, operations: ['CreateRestApi'] })
    const err = await failure(c.apigw.send(new CreateRestApiCommand({ name: 'x' })))
    expect(err.$metadata?.httpStatusCode).toBeUndefined()
    // (under Jest's VM realms the SDK wraps the socket error: "... TimeoutError: socket hang up")
    expect(err.message).toMatch(/socket hang up|ECONNRESET/)
    await clearFaults(emu.url)
    expect((await c.apigw.send(new GetRestApisCommand({}))).items).toEqual([])
    const calls = await getCalls(emu.url)
    expect(calls[0]).toMatchObject({ operation: 'CreateRestApi', status: 0, fault: 'reset' })
  })

  it('resetAfterApply makes an ambiguous failure: the call took effect, the answer is lost', async () => {
    await setFaults(emu.url, { resetRate: 1, resetAfterApply: true, operations: ['CreateRestApi'] })
    await failure(c.apigw.send(new CreateRestApiCommand({ name: 'x' })))
    await clearFaults(emu.url)
    expect((await c.apigw.send(new GetRestApisCommand({}))).items!.map((a) => a.name)).toEqual([
      'x'
    ])
  })

  it('applies rates only to the listed operations, and limit caps the faults injected', async () => {
    await setFaults(emu.url, { throttleRate: 1, operations: ['UpdateStage'], limit: 2 })
    const api = (await c.apigw.send(new CreateRestApiCommand({ name: 'a' }))).id!
    await c.apigw.send(new CreateDeploymentCommand({ restApiId: api, stageName: 'prod' }))
    const update = () =>
      c.apigw.send(
        new UpdateStageCommand({
          restApiId: api,
          stageName: 'prod',
          patchOperations: [{ op: 'replace', path: '/description', value: 'd' }]
        })
      )
    await expectAwsError(update(), 'TooManyRequestsException', 429)
    await expectAwsError(update(), 'TooManyRequestsException', 429)
    expect((await update()).description).toBe('d')
    // an SDK client with retries rides over a throttled call
    await setFaults(emu.url, { throttleRate: 1, operations: ['GetStage'], limit: 1 })
    const retrying = clients(emu.url, 3).apigw
    const s = await retrying.send(new GetStageCommand({ restApiId: api, stageName: 'prod' }))
    expect(s.$metadata.attempts).toBe(2)
    retrying.destroy()
  })

  it('is deterministic with a seed', async () => {
    const pattern = async () => {
      await setFaults(emu.url, { throttleRate: 0.5, seed: 42 })
      const out: boolean[] = []
      for (let i = 0; i < 20; i++) {
        out.push(
          await c.apigw.send(new GetRestApisCommand({})).then(
            () => true,
            () => false
          )
        )
      }
      return out
    }
    const first = await pattern()
    const second = await pattern()
    expect(second).toEqual(first)
    expect(first).toContain(true)
    expect(first).toContain(false)
  })

  it('delays every answer by latencyMs', async () => {
    await setFaults(emu.url, { latencyMs: 600 })
    const t = Date.now()
    await c.cw.send(new DescribeAlarmsCommand({}))
    expect(Date.now() - t).toBeGreaterThanOrEqual(590)
    await setFaults(emu.url, {})
    const t2 = Date.now()
    await c.cw.send(new DescribeAlarmsCommand({}))
    // Well under the delay even on a loaded machine.
    expect(Date.now() - t2).toBeLessThan(400)
  })

  it('rejects an invalid configuration with 400 and reports the current one', async () => {
    expect((await post('/_emulator/faults', { throttleRate: 2 })).status).toBe(400)
    expect((await post('/_emulator/faults', { bogus: 1 })).status).toBe(400)
    expect((await post('/_emulator/faults', { throttleRate: 0.6, errorRate: 0.6 })).status).toBe(
      400
    )
    expect((await post('/_emulator/faults', { operations: 'UpdateStage' })).status).toBe(400)
    await setFaults(emu.url, { errorRate: 0.25, operations: ['GetStage'] })
    const current = await (await fetch(`${emu.url}/_emulator/faults`)).json()
    expect(current).toMatchObject({ errorRate: 0.25, operations: ['GetStage'] })
    expect((await post('/_emulator/quotas', { enabled: 'yes' })).status).toBe(400)
    expect((await fetch(`${emu.url}/_emulator/nope`)).status).toBe(404)
  })
})

describe('POST /_emulator/quotas', () => {
  it('answers 429 TooManyRequestsException beyond the burst and for back-to-back CreateDeployment', async () => {
    await setQuotas(emu.url, true)
    const api = (await c.apigw.send(new CreateRestApiCommand({ name: 'q' }))).id!
    await c.apigw.send(new CreateDeploymentCommand({ restApiId: api }))
    await expectAwsError(
      c.apigw.send(new CreateDeploymentCommand({ restApiId: api })),
      'TooManyRequestsException',
      429,
      'Too Many Requests'
    )
    const results = await Promise.allSettled(
      Array.from({ length: 100 }, () => c.apigw.send(new GetRestApisCommand({})))
    )
    const throttled = results.filter(
      (r) => r.status === 'rejected' && (r.reason as Error).name === 'TooManyRequestsException'
    ).length
    // 37 tokens are left of the burst of 40; a slow machine refills a few more meanwhile
    expect(throttled).toBeGreaterThanOrEqual(5)
    expect(results.length - throttled).toBeGreaterThanOrEqual(30)
    // CloudWatch is not subject to API Gateway's quotas
    await c.cw.send(new DescribeAlarmsCommand({}))
    const quota = (await getCalls(emu.url)).filter((x) => x.fault === 'quota')
    expect(quota.length).toBe(throttled + 1)
    await setQuotas(emu.url, false)
    await c.apigw.send(new CreateDeploymentCommand({ restApiId: api }))
  })

  it('refills 10 tokens a second and allows one CreateDeployment per 5 s (fake clock)', async () => {
    let now = 1_000_000
    const local = await startEmulator({ port: 0, now: () => now })
    const { apigw } = clients(local.url)
    try {
      local.state.quotas.setEnabled(true)
      const api = (await apigw.send(new CreateRestApiCommand({ name: 'q' }))).id!
      for (let i = 0; i < 39; i++) await apigw.send(new GetRestApisCommand({}))
      await expectAwsError(apigw.send(new GetRestApisCommand({})), 'TooManyRequestsException', 429)
      now += 100 // one token
      await apigw.send(new GetRestApisCommand({}))
      await expectAwsError(apigw.send(new GetRestApisCommand({})), 'TooManyRequestsException', 429)
      now += 10_000
      await apigw.send(new CreateDeploymentCommand({ restApiId: api }))
      now += 4_999
      await expectAwsError(
        apigw.send(new CreateDeploymentCommand({ restApiId: api })),
        'TooManyRequestsException',
        429
      )
      now += 1
      await apigw.send(new CreateDeploymentCommand({ restApiId: api }))
    } finally {
      apigw.destroy()
      await local.close()
    }
  })
})

describe('POST /_emulator/reset', () => {
  it('forgets APIs, alarms, calls, faults and quotas', async () => {
    await c.apigw.send(new CreateRestApiCommand({ name: 'gone' }))
    emu.state.cloudwatch.execute('PutMetricAlarm', {
      AlarmName: 'a',
      MetricName: 'm',
      Namespace: 'n',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanThreshold'
    })
    await setQuotas(emu.url, true)
    await setFaults(emu.url, { latencyMs: 50, errorRate: 0.1 })
    await reset(emu.url)
    expect(await getCalls(emu.url)).toEqual([])
    expect((await c.apigw.send(new GetRestApisCommand({}))).items).toEqual([])
    await expectAwsError(
      c.cw.send(new SetAlarmStateCommand({ AlarmName: 'a', StateValue: 'OK', StateReason: 'r' })),
      'ResourceNotFound',
      404
    )
    expect(emu.state.quotas.enabled).toBe(false)
    expect(await (await fetch(`${emu.url}/_emulator/faults`)).json()).toEqual({ injected: 0 })
  })
})
