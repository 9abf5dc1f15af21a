import { afterEach, describe, expect, it } from '@jest/globals'
import { APIGatewayClient, GetRestApiCommand } from '@aws-sdk/client-api-gateway'
import { CloudWatchClient, ListMetricsCommand } from '@aws-sdk/client-cloudwatch'
import { mockClient } from 'aws-sdk-client-mock'
import { metricDimensions } from '../src/analysis/aws-metrics.js'
import { pickCanaryStage } from '../src/aws/canary-stage-dimension.js'
import { API_NAME, REST_API_ID, STAGE } from '../local-runner/fixtures.js'

const apigw = mockClient(APIGatewayClient)
const cw = mockClient(CloudWatchClient)
afterEach(() => {
  apigw.reset()
  cw.reset()
})

/** A page of ListMetrics: Count series of these Stage values (and a method's, as detailed metrics add). */
const page = (stages: string[], NextToken?: string) => ({
  Metrics: stages.map((s) => ({
    Namespace: 'AWS/ApiGateway',
    MetricName: 'Count',
    Dimensions: [
      { Name: 'ApiName', Value: API_NAME },
      { Name: 'Method', Value: 'GET' },
      { Name: 'Stage', Value: s }
    ]
  })),
  ...(NextToken ? { NextToken } : {})
})

const dims = () =>
  metricDimensions(
    new APIGatewayClient({}),
    new CloudWatchClient({}),
    REST_API_ID,
    STAGE,
    undefined
  )

describe("the canary metrics' Stage dimension", () => {
  it('is found on a later page of ListMetrics, not guessed from the first', async () => {
    apigw.on(GetRestApiCommand).resolves({ id: REST_API_ID, name: API_NAME })
    cw.on(ListMetricsCommand)
      .resolvesOnce(page([STAGE, 'staging', 'dev'], 'p2'))
      .resolvesOnce(page([`${STAGE}/canary`]))
    expect(await dims()()).toMatchObject({
      canaryStage: `${STAGE}/canary`,
      canaryStageSource: 'discovered'
    })
    expect(cw.commandCalls(ListMetricsCommand).map((c) => c.args[0].input.NextToken)).toEqual([
      undefined,
      'p2'
    ])
  })

  it('stops reading pages once `{stage}/Canary` is listed', async () => {
    apigw.on(GetRestApiCommand).resolves({ id: REST_API_ID, name: API_NAME })
    cw.on(ListMetricsCommand).resolves(page([`${STAGE}/Canary`], 'more'))
    expect((await dims()()).canaryStage).toBe(`${STAGE}/Canary`)
    expect(cw.commandCalls(ListMetricsCommand)).toHaveLength(1)
  })

  it('falls back to `{stage}/Canary` when no page lists one', async () => {
    apigw.on(GetRestApiCommand).resolves({ id: REST_API_ID, name: API_NAME })
    cw.on(ListMetricsCommand)
      .resolvesOnce(page([STAGE], 'p2'))
      .resolvesOnce(page(['other']))
    expect(await dims()()).toMatchObject({
      canaryStage: `${STAGE}/Canary`,
      canaryStageSource: 'default'
    })
  })

  it("prefers `{stage}/Canary` in any case over another of the stage's sub-stages, and never the stage itself", () => {
    expect(pickCanaryStage('prod', ['prod', 'prod/blue', 'Prod/x', 'prod/CANARY'])).toBe(
      'prod/CANARY'
    )
    expect(pickCanaryStage('prod', ['prod', 'prod/blue'])).toBe('prod/blue')
    expect(pickCanaryStage('prod', ['prod', 'production/Canary'])).toBeUndefined()
  })
})
