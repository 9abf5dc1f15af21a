/** Preflight's reads over mocked SDK clients: denied reads, composite members, paging, never a write. */
import { afterEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import {
  APIGatewayClient,
  GetAccountCommand,
  GetBasePathMappingsCommand,
  GetDomainNamesCommand,
  GetRestApiCommand,
  GetStageCommand
} from '@aws-sdk/client-api-gateway'
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch'
import {
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  Route53Client
} from '@aws-sdk/client-route-53'
import { readPreflight } from '../../src/preflight/aws-reads.js'
import { assertCanaryOnly } from '../../src/aws/recording-api.js'
import { parseImportParameters } from '../../src/github/input-table.js'
import { API_NAME, CANARY_STAGE, STAGE } from '../../local-runner/fixtures.js'

const gw = mockClient(APIGatewayClient)
const cw = mockClient(CloudWatchClient)
const r53 = mockClient(Route53Client)
afterEach(() => {
  gw.reset()
  cw.reset()
  r53.reset()
})
const clients = () => ({
  apigateway: new APIGatewayClient({ region: 'us-east-1' }),
  cloudwatch: new CloudWatchClient({ region: 'us-east-1' }),
  route53: new Route53Client({ region: 'us-east-1' })
})
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
const denied = () => Object.assign(new Error('not allowed'), { name: 'AccessDenied' })

describe('readPreflight', () => {
  it('pages the domains and their mappings, follows composite members, and reports denied reads by IAM action', async () => {
    gw.on(GetRestApiCommand).resolves({
      name: API_NAME,
      endpointConfiguration: { types: ['REGIONAL'] }
    })
    gw.on(GetStageCommand).resolves({
      deploymentId: 'd1',
      methodSettings: {},
      tags: { ManagedBy: 'terraform' }
    })
    gw.on(GetAccountCommand).rejects(
      Object.assign(new Error('no'), { name: 'AccessDeniedException' })
    )
    gw.on(GetDomainNamesCommand)
      .resolvesOnce({
        items: [{ domainName: 'a.example.com', endpointConfiguration: { types: ['REGIONAL'] } }],
        position: 'p2'
      })
      .resolves({
        items: [{ domainName: 'b.example.com', endpointConfiguration: { types: ['REGIONAL'] } }]
      })
    gw.on(GetBasePathMappingsCommand, { domainName: 'a.example.com' }).resolves({
      items: [{ basePath: '(none)', restApiId: 'api1', stage: STAGE }]
    })
    gw.on(GetBasePathMappingsCommand, { domainName: 'b.example.com' }).resolves({ items: [] })
    r53.on(ListHostedZonesByNameCommand).rejects(denied())
    r53.on(ListResourceRecordSetsCommand).rejects(denied())
    cw.on(DescribeAlarmsCommand, { AlarmNames: ['gate'] }).resolves({
      CompositeAlarms: [{ AlarmName: 'gate', AlarmRule: 'ALARM("m5xx")' }]
    })
    cw.on(DescribeAlarmsCommand, { ChildrenOfAlarmName: 'gate' }).resolves({
      MetricAlarms: [{ AlarmName: 'm5xx' }]
    })
    cw.on(DescribeAlarmsCommand, { AlarmNames: ['m5xx'] }).resolves({
      MetricAlarms: [
        {
          AlarmName: 'm5xx',
          Namespace: 'AWS/ApiGateway',
          MetricName: '5XXError',
          Statistic: 'Average',
          Threshold: 0.05,
          Dimensions: []
        }
      ]
    })

    const f = await readPreflight(clients(), q)
    expect(f.account).toEqual({ denied: 'apigateway:GET on /account' })
    // the stage's tags, for the infrastructure-as-code row
    expect(f.settings?.tags).toEqual({ ManagedBy: 'terraform' })
    expect(Array.isArray(f.domains) && f.domains.map((d) => d.domainName)).toEqual([
      'a.example.com',
      'b.example.com'
    ])
    expect(f.records).toEqual({ 'a.example.com': { denied: 'route53:ListHostedZonesByName' } })
    expect(f.gatingAlarms).toEqual(['gate'])
    expect(Array.isArray(f.alarms) && f.alarms.map((a) => a.name).sort()).toEqual(['gate', 'm5xx'])
    const ops = [...gw.calls(), ...cw.calls(), ...r53.calls()].map(
      (c) => (c.args[0] as object).constructor.name
    )
    expect(ops.filter((o) => !/^(Get|List|Describe)/.test(o))).toEqual([])
  })

  it('reads the given hosted zone’s records, every page while they are the domain’s', async () => {
    gw.on(GetRestApiCommand).resolves({ name: API_NAME })
    gw.on(GetDomainNamesCommand).resolves({
      items: [{ domainName: 'api.example.com', endpointConfiguration: { types: ['REGIONAL'] } }]
    })
    gw.on(GetBasePathMappingsCommand).resolves({
      items: [{ basePath: '(none)', restApiId: 'api1' }]
    })
    r53
      .on(ListResourceRecordSetsCommand)
      .resolvesOnce({
        ResourceRecordSets: [
          { Name: 'api.example.com.', Type: 'A', SetIdentifier: 'a', Weight: 1 }
        ],
        IsTruncated: true,
        NextRecordName: 'api.example.com.',
        NextRecordType: 'A',
        NextRecordIdentifier: 'b'
      })
      .resolves({
        ResourceRecordSets: [
          { Name: 'api.example.com.', Type: 'A', SetIdentifier: 'b', Weight: 1 },
          { Name: 'www.example.com.', Type: 'A' }
        ],
        IsTruncated: true
      })
    cw.on(DescribeAlarmsCommand).resolves({})
    const f = await readPreflight(clients(), { ...q, hostedZoneId: '/hostedzone/Z123' })
    expect(r53.commandCalls(ListHostedZonesByNameCommand)).toHaveLength(0)
    expect(r53.commandCalls(ListResourceRecordSetsCommand)[0]!.args[0].input.HostedZoneId).toBe(
      'Z123'
    )
    const recs = f.records['api.example.com']
    expect(Array.isArray(recs) && recs.map((r) => r.setIdentifier)).toEqual(['a', 'b'])
  })
})

describe('no deployment to the stage itself', () => {
  it('the recording adapter refuses a CreateDeployment without canarySettings', () => {
    const input = { restApiId: 'a', stageName: STAGE, description: 'd' }
    expect(() => assertCanaryOnly({ operation: 'CreateDeployment', input } as never)).toThrow(
      'would deploy to the stage directly'
    )
    expect(() =>
      assertCanaryOnly({
        operation: 'CreateDeployment',
        input: { ...input, canarySettings: { percentTraffic: 5, useStageCache: false } }
      })
    ).not.toThrow()
  })
})

describe('import-parameters', () => {
  it('takes ignore and basepath, and refuses endpointConfigurationTypes naming the input', () => {
    expect(
      parseImportParameters('import-parameters', 'ignore=documentation, basepath=prepend')
    ).toEqual({
      ignore: 'documentation',
      basepath: 'prepend'
    })
    expect(() =>
      parseImportParameters('import-parameters', 'endpointConfigurationTypes=EDGE')
    ).toThrow("Input 'import-parameters' must not set endpointConfigurationTypes")
    expect(() => parseImportParameters('import-parameters', 'ignore=everything')).toThrow(
      "Input 'import-parameters' must be"
    )
  })
})
