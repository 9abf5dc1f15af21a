import { afterEach, describe, expect, it } from '@jest/globals'
import { APIGatewayClient, GetRestApiCommand } from '@aws-sdk/client-api-gateway'
import {
  CloudWatchClient,
  GetMetricDataCommand,
  ListMetricsCommand
} from '@aws-sdk/client-cloudwatch'
import { mockClient } from 'aws-sdk-client-mock'
import { metricsReader } from '../../src/analysis/aws-metrics.js'
import { compareMetrics } from '../../src/analysis/metric-verdicts.js'
import { comparisonWindow } from '../../src/analysis/step-metrics-report.js'
import { API_NAME, CANARY_STAGE, REST_API_ID, STAGE } from '../../local-runner/fixtures.js'

const apigw = mockClient(APIGatewayClient)
const cw = mockClient(CloudWatchClient)
afterEach(() => {
  apigw.reset()
  cw.reset()
})

const window = { start: new Date('2026-11-26T09:00:00Z'), end: new Date('2026-11-26T09:05:30Z') }
const results = {
  MetricDataResults: [
    { Id: 'stable_requests', Values: [900, 100] },
    { Id: 'stable_errors5xx', Values: [1] },
    { Id: 'stable_latencyP99', Values: [120, 180] },
    { Id: 'canary_requests', Values: [50] },
    { Id: 'canary_errors5xx', Values: [5] },
    { Id: 'canary_latencyP99', Values: [400] }
  ]
}

describe('metricsReader', () => {
  it('discovers the canary Stage dimension and reads both sides in one GetMetricData', async () => {
    apigw.on(GetRestApiCommand).resolves({ id: REST_API_ID, name: API_NAME })
    cw.on(ListMetricsCommand).resolves({
      Metrics: [
        {
          MetricName: 'Count',
          Dimensions: [
            { Name: 'ApiName', Value: API_NAME },
            { Name: 'Stage', Value: STAGE }
          ]
        },
        {
          MetricName: 'Count',
          Dimensions: [
            { Name: 'ApiName', Value: API_NAME },
            { Name: 'Stage', Value: CANARY_STAGE }
          ]
        }
      ]
    })
    cw.on(GetMetricDataCommand).resolves(results)
    const read = metricsReader(
      new APIGatewayClient({}),
      new CloudWatchClient({}),
      'a1b2c3d4e5',
      'prod',
      undefined
    )
    const m = await read(window)
    expect(m).toMatchObject({
      apiName: API_NAME,
      canaryStage: CANARY_STAGE,
      canaryStageSource: 'discovered'
    })
    expect(m.stable).toEqual({ requests: 1000, errors5xx: 1, latencyP99: 180 })
    expect(m.canary).toEqual({ requests: 50, errors5xx: 5, latencyP99: 400 })
    const q = cw.commandCalls(GetMetricDataCommand)[0]!.args[0].input
    expect(q.MetricDataQueries).toHaveLength(10)
    expect(q.MetricDataQueries![5]).toEqual({
      Id: 'canary_requests',
      ReturnData: true,
      MetricStat: {
        Metric: {
          Namespace: 'AWS/ApiGateway',
          MetricName: 'Count',
          Dimensions: [
            { Name: 'ApiName', Value: API_NAME },
            { Name: 'Stage', Value: CANARY_STAGE }
          ]
        },
        Period: 360,
        Stat: 'Sum'
      }
    })
    await read(window)
    expect(apigw.commandCalls(GetRestApiCommand)).toHaveLength(1)
  })

  it('takes the dimension from canary-metrics-stage without listing, and defaults to {stage}/Canary', async () => {
    apigw.on(GetRestApiCommand).resolves({ name: API_NAME })
    cw.on(GetMetricDataCommand).resolves({})
    cw.on(ListMetricsCommand).resolves({ Metrics: [] })
    expect(
      await metricsReader(
        new APIGatewayClient({}),
        new CloudWatchClient({}),
        'x',
        'prod',
        'prod-canary'
      )(window)
    ).toMatchObject({
      canaryStage: 'prod-canary',
      canaryStageSource: 'input'
    })
    expect(cw.commandCalls(ListMetricsCommand)).toHaveLength(0)
    expect(
      await metricsReader(
        new APIGatewayClient({}),
        new CloudWatchClient({}),
        'x',
        'prod',
        undefined
      )(window)
    ).toMatchObject({
      canaryStage: CANARY_STAGE,
      canaryStageSource: 'default'
    })
  })
})

describe('compareMetrics', () => {
  it('flags a canary clearly worse than stable, and says when there is no data', () => {
    const rows = compareMetrics(
      { requests: 1000, errors5xx: 1, errors4xx: 10, latencyP99: 180, latencyAvg: 40 },
      { requests: 50, errors5xx: 5, errors4xx: 0, latencyP99: 400 }
    )
    expect(rows).toEqual([
      { metric: 'Requests', stable: '1000', canary: '50', verdict: 'ok' },
      { metric: '5XX rate', stable: '0.10%', canary: '10.00%', verdict: 'worse' },
      { metric: '4XX rate', stable: '1.00%', canary: '0.00%', verdict: 'ok' },
      { metric: 'Latency p99', stable: '180 ms', canary: '400 ms', verdict: 'worse' },
      { metric: 'Latency average', stable: '40 ms', canary: '—', verdict: 'no data' }
    ])
  })

  it('does not flag small differences', () => {
    const rows = compareMetrics(
      { requests: 1000, errors5xx: 10, latencyP99: 200 },
      { requests: 100, errors5xx: 1.5, latencyP99: 230 }
    )
    expect(rows.filter((r) => r.verdict === 'worse')).toEqual([])
  })
})

describe('comparisonWindow', () => {
  it('covers the bakes of a step, the last 15 minutes for status, and nothing otherwise', () => {
    const now = Date.parse('2026-11-26T10:00:00Z')
    expect(
      comparisonWindow('ramp', [{ time: '2026-11-26T09:40:00.000Z', event: 'bake-start' }], now)
    ).toEqual({
      start: new Date('2026-11-26T09:40:00Z'),
      end: new Date(now)
    })
    expect(comparisonWindow('status', [], now)?.start).toEqual(new Date('2026-11-26T09:45:00Z'))
    expect(
      comparisonWindow('shift', [{ time: '2026-11-26T09:40:00.000Z', event: 'shift' }], now)
    ).toBeUndefined()
  })
})
