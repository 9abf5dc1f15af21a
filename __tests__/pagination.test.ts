/**
 * Paginated reads end: a page token AWS answers twice, or pages without end,
 * fail the read with one clear line instead of reading forever (src/aws/pages.ts).
 * Each mocked page answers after a timer, as the network would, so that a
 * loop without a bound shows as this test's timeout rather than a frozen process.
 */
import { afterEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  APIGatewayClient,
  GetAccountCommand,
  GetBasePathMappingsCommand,
  GetDeploymentsCommand,
  GetDomainNamesCommand,
  GetRestApiCommand,
  GetStageCommand
} from '@aws-sdk/client-api-gateway'
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch'
import { describeAlarms } from '../src/aws/alarms.js'
import { MAX_PAGES } from '../src/aws/pages.js'
import { readPreflight } from '../src/preflight/aws-reads.js'
import { awsStageApi } from '../src/aws/stage-api.js'
import { API_NAME, CANARY_STAGE, STAGE } from '../local-runner/fixtures.js'

const gw = mockClient(APIGatewayClient)
const cw = mockClient(CloudWatchClient)
afterEach(() => {
  gw.reset()
  cw.reset()
})

const later = <T>(value: T) => new Promise<T>((res) => setTimeout(() => res(value), 1))
const apigateway = () => new APIGatewayClient({ region: 'us-east-1' })
const cloudwatch = () => new CloudWatchClient({ region: 'us-east-1' })

describe('a page token that comes back', () => {
  it('DescribeAlarms: the alarm read fails, naming the call', async () => {
    let n = 0
    cw.on(DescribeAlarmsCommand).callsFake(() =>
      later({ MetricAlarms: [{ AlarmName: `a${n++}` }], NextToken: n % 2 ? 't1' : 't2' })
    )
    await expect(describeAlarms(cloudwatch(), { names: [], prefix: 'orders-' })).rejects.toThrow(
      /^DescribeAlarms: AWS answered a page token it had already given \(page 3\); stopped/
    )
  })

  it('GetDeployments (looking for a deployment whose CreateDeployment answer was lost)', async () => {
    gw.on(GetDeploymentsCommand).callsFake(() =>
      later({ items: [{ id: 'd1', description: 'other' }], position: 'same' })
    )
    const api = awsStageApi(
      {
        apigateway: apigateway(),
        apigatewayOnce: apigateway(),
        apigatewaySlow: apigateway(),
        apigatewayUrgent: apigateway()
      },
      'api1',
      'prod'
    )
    await expect(api.findDeployment('mine')).rejects.toThrow(
      /^GetDeployments: AWS answered a page token it had already given \(page 2\)/
    )
  })

  it('GetDomainNames and GetBasePathMappings in preflight', async () => {
    gw.on(GetRestApiCommand).resolves({ name: API_NAME })
    gw.on(GetStageCommand).resolves({ deploymentId: 'd1' })
    gw.on(GetAccountCommand).resolves({})
    gw.on(GetDomainNamesCommand).callsFake(() =>
      later({ items: [{ domainName: 'a.example.com' }] })
    )
    gw.on(GetBasePathMappingsCommand).callsFake(() =>
      later({ items: [{ basePath: '(none)', restApiId: 'api1' }], position: 'again' })
    )
    cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [{ AlarmName: 'gate' }] })
    const q = {
      restApiId: 'api1',
      stage: STAGE,
      domainName: undefined,
      hostedZoneId: undefined,
      alarmNames: ['gate'],
      alarmNamePrefix: undefined,
      canaryMetricsStage: CANARY_STAGE,
      overrides: undefined
    }
    await expect(
      readPreflight({ apigateway: apigateway(), cloudwatch: cloudwatch() }, q)
    ).rejects.toThrow(/^GetBasePathMappings: AWS answered a page token it had already given/)
    gw.on(GetDomainNamesCommand).callsFake(() => later({ items: [], position: 'p' }))
    await expect(
      readPreflight({ apigateway: apigateway(), cloudwatch: cloudwatch() }, q)
    ).rejects.toThrow(/^GetDomainNames: AWS answered a page token it had already given/)
  })
})

it(`pages without end: the read stops after ${MAX_PAGES} pages and says so`, async () => {
  let n = 0
  cw.on(DescribeAlarmsCommand).callsFake(() =>
    later({ MetricAlarms: [{ AlarmName: `a${n}` }], NextToken: `t${n++}` })
  )
  await expect(describeAlarms(cloudwatch(), { names: [], prefix: 'orders-' })).rejects.toThrow(
    `DescribeAlarms: still more pages after ${MAX_PAGES}; stopped`
  )
  expect(n).toBe(MAX_PAGES)
})
