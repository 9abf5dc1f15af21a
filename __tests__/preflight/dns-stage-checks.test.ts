/** The preflight checks, one case per outcome a user would see. */
import { describe, expect, it } from '@jest/globals'

import type { MetricAlarmInfo } from '../../src/preflight/alarm-sensitivity.js'
import {
  type AlarmsCheckInput,
  checkAlarms,
  checkLoggingAndMetrics,
  checkStageReady
} from '../../src/preflight/stage-checks.js'
import {
  type DomainInfo,
  type RecordInfo,
  checkCustomDomain,
  checkRegionalApi,
  checkRoute53Alias
} from '../../src/preflight/dns-checks.js'
import { worst } from '../../src/preflight/types.js'
import { API_NAME, CANARY_STAGE, STAGE } from '../../local-runner/fixtures.js'

describe('1. regional API', () => {
  it('passes REGIONAL; warns EDGE and PRIVATE, saying what differs for canaries', () => {
    expect(checkRegionalApi({ endpointTypes: ['REGIONAL'] }).status).toBe('pass')
    const edge = checkRegionalApi({ endpointTypes: ['EDGE'] })
    expect(edge).toMatchObject({ id: 'regional-api', status: 'warn' })
    expect(edge.found).toContain('Latency includes the edge hop')
    const priv = checkRegionalApi({ endpointTypes: ['PRIVATE'] })
    expect(priv.status).toBe('warn')
    expect(priv.found).toContain('only the traffic of those VPCs reaches it')
  })
})

const domain = (over: Partial<DomainInfo> = {}): DomainInfo => ({
  domainName: 'api.example.com',
  endpointType: 'REGIONAL',
  domainNameStatus: 'AVAILABLE',
  regionalDomainName: 'd-abc.execute-api.us-east-1.amazonaws.com',
  regionalHostedZoneId: 'Z1UJRXOUMOOFQ8',
  mappings: [{ basePath: '(none)', restApiId: 'a1', stage: STAGE }],
  ...over
})
const at = { restApiId: 'a1', stage: STAGE, region: 'us-east-1' }

describe('2. custom domain', () => {
  it('with a named domain: passes when AVAILABLE, REGIONAL and mapped to the API and stage', () => {
    expect(
      checkCustomDomain({ ...at, domainName: 'API.example.com', domains: [domain()] })
    ).toMatchObject({
      status: 'pass',
      found: 'api.example.com is AVAILABLE, REGIONAL and maps to a1/prod.'
    })
  })

  it.each([
    [
      { domainNameStatus: 'PENDING_CERTIFICATE_REIMPORT', domainNameStatusMessage: 'expired' },
      'fail',
      'api.example.com is PENDING_CERTIFICATE_REIMPORT (expired)'
    ],
    [{ domainNameStatus: 'UPDATING' }, 'warn', 'api.example.com is UPDATING'],
    [{ endpointType: 'EDGE' }, 'warn', 'api.example.com is EDGE, not REGIONAL'],
    [
      { mappings: [{ basePath: '(none)', restApiId: 'a1', stage: 'dev' }] },
      'fail',
      'api.example.com has no base path mapping to a1/prod'
    ],
    [{ mappings: [{ basePath: 'v1', restApiId: 'a1' }] }, 'warn', 'maps v1 to a1 without a stage']
  ])('with a named domain %j: %s', (over, status, text) => {
    const r = checkCustomDomain({ ...at, domainName: 'api.example.com', domains: [domain(over)] })
    expect(r.status).toBe(status)
    expect(r.found).toContain(text)
    expect(r.todo).toBeDefined()
  })

  it('fails for a named domain that does not exist', () => {
    expect(
      checkCustomDomain({ ...at, domainName: 'x.example.com', domains: [domain()] }).status
    ).toBe('fail')
  })

  it('without a name: finds the domains mapped to the API and stage; none means the execute-api URL', () => {
    const other = domain({
      domainName: 'other.example.com',
      mappings: [{ basePath: '(none)', restApiId: 'b2', stage: STAGE }]
    })
    expect(checkCustomDomain({ ...at, domains: [other, domain()] })).toMatchObject({
      status: 'pass',
      found: 'Mapped on api.example.com.'
    })
    const none = checkCustomDomain({ ...at, domains: [other] })
    expect(none.status).toBe('warn')
    expect(none.found).toContain(
      'customers call the execute-api URL https://a1.execute-api.us-east-1.amazonaws.com/prod'
    )
  })

  it('is skipped, naming the IAM action, when the domains cannot be read', () => {
    expect(
      checkCustomDomain({ ...at, domains: { denied: 'apigateway:GET on /domainnames' } })
    ).toEqual({
      id: 'custom-domain',
      title: 'Custom domain mapped to this API and stage',
      status: 'skipped',
      found: 'Could not read the custom domain names: access denied.',
      todo: 'Allow apigateway:GET on /domainnames to the role the action runs as, to have this checked.'
    })
  })
})

const aliasA = (
  dnsName: string,
  hostedZoneId = 'Z1UJRXOUMOOFQ8',
  extra: Partial<RecordInfo> = {}
): RecordInfo => ({
  name: 'api.example.com.',
  type: 'A',
  aliasTarget: { hostedZoneId, dnsName },
  ...extra
})
const TARGET = 'd-abc.execute-api.us-east-1.amazonaws.com'

describe('3. Route 53 alias', () => {
  const d = domain()

  it('passes an A (and AAAA) alias to the regional name and zone, case and trailing dot ignored', () => {
    const r = checkRoute53Alias({
      domain: d,
      records: [
        aliasA(`D-ABC.execute-api.us-east-1.amazonaws.com.`, 'z1ujrxoumoofq8'),
        aliasA(`${TARGET}.`, 'Z1UJRXOUMOOFQ8', { type: 'AAAA' })
      ]
    })
    expect(r).toMatchObject({
      status: 'pass',
      found: `api.example.com has an alias A and AAAA record to ${TARGET} (zone Z1UJRXOUMOOFQ8).`
    })
  })

  it('warns when the AAAA record points elsewhere', () => {
    const r = checkRoute53Alias({
      domain: d,
      records: [aliasA(TARGET), aliasA('old.example.net', 'Z1', { type: 'AAAA' })]
    })
    expect(r.status).toBe('warn')
  })

  it('fails weighted records across two targets: DNS weights fight the stage canary', () => {
    const r = checkRoute53Alias({
      domain: d,
      records: [
        aliasA(TARGET, 'Z1UJRXOUMOOFQ8', { setIdentifier: 'blue', weight: 90 }),
        aliasA('d-xyz.execute-api.us-east-1.amazonaws.com', 'Z1UJRXOUMOOFQ8', {
          setIdentifier: 'green',
          weight: 10
        })
      ]
    })
    expect(r.status).toBe('fail')
    expect(r.found).toContain('weighted records across 2 targets')
  })

  it('warns a CNAME to the regional name (works, not an alias); fails a record pointing elsewhere', () => {
    const cname = checkRoute53Alias({
      domain: d,
      records: [{ name: 'api.example.com', type: 'CNAME', ttl: 300, values: [TARGET] }]
    })
    expect(cname.status).toBe('warn')
    expect(cname.found).toContain('it works, but it is not an alias')
    const elsewhere = checkRoute53Alias({
      domain: d,
      records: [aliasA('old-lb.example.net', 'Z35SXDOTRQ7X7K')]
    })
    expect(elsewhere).toMatchObject({ status: 'fail' })
    expect(elsewhere.found).toContain('points at old-lb.example.net')
    const wrongZone = checkRoute53Alias({ domain: d, records: [aliasA(TARGET, 'Z2FDTNDATAQYW2')] })
    expect(wrongZone.status).toBe('fail')
  })

  it('an edge domain is checked against its CloudFront distribution', () => {
    const edge = domain({
      endpointType: 'EDGE',
      regionalDomainName: undefined,
      regionalHostedZoneId: undefined,
      distributionDomainName: 'd111.cloudfront.net'
    })
    expect(
      checkRoute53Alias({
        domain: edge,
        records: [aliasA('d111.cloudfront.net', 'Z2FDTNDATAQYW2')]
      }).status
    ).toBe('pass')
  })

  it('AccessDenied is skipped, naming the IAM action, never a failure; no zone or no record says so', () => {
    const denied = checkRoute53Alias({
      domain: d,
      records: { denied: 'route53:ListResourceRecordSets' }
    })
    expect(denied.status).toBe('skipped')
    expect(denied.todo).toContain('route53:ListResourceRecordSets')
    expect(checkRoute53Alias({ domain: d, records: undefined }).status).toBe('skipped')
    expect(checkRoute53Alias({ domain: d, records: [] }).status).toBe('warn')
  })
})

describe('4. logging and metrics', () => {
  const role = { cloudwatchRoleArn: 'arn:aws:iam::123456789012:role/logs' }

  it('passes with execution logging and the account role, saying what each setting is for', () => {
    const r = checkLoggingAndMetrics({
      restApiId: 'a1',
      stage: STAGE,
      account: role,
      settings: {
        methodSettings: { '*/*': { loggingLevel: 'ERROR', metricsEnabled: false } },
        tracingEnabled: true,
        accessLogSettings: {
          destinationArn: 'arn:aws:logs:us-east-1:123456789012:log-group:access',
          format: '$context.requestId'
        }
      }
    })
    expect(r.status).toBe('pass')
    expect(r.found).toContain('canary requests log to API-Gateway-Execution-Logs_a1/prod/Canary')
    expect(r.found).toContain('the canary’s own Stage metrics need nothing extra')
    expect(r.found).toContain('X-Ray tracing on.')
  })

  it('warns when execution logging is off', () => {
    const r = checkLoggingAndMetrics({
      restApiId: 'a1',
      stage: STAGE,
      account: role,
      settings: { methodSettings: {} }
    })
    expect(r.status).toBe('warn')
    expect(r.todo).toContain('/*/*/logging/loglevel')
  })

  it('warns when logging is on but the account has no CloudWatch Logs role', () => {
    const r = checkLoggingAndMetrics({
      restApiId: 'a1',
      stage: STAGE,
      account: {},
      settings: { methodSettings: { '*/*': { loggingLevel: 'INFO' } } }
    })
    expect(r.status).toBe('warn')
    expect(r.found).toContain('API Gateway cannot write the execution or access logs')
  })
})

const canaryAlarm: MetricAlarmInfo = {
  type: 'metric',
  name: 'canary-5xx',
  namespace: 'AWS/ApiGateway',
  metricName: '5XXError',
  statistic: 'Average',
  dimensions: [
    { name: 'ApiName', value: API_NAME },
    { name: 'Stage', value: 'prod/Canary' }
  ],
  periodSeconds: 60,
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  threshold: 0.05,
  comparisonOperator: 'GreaterThanThreshold'
}
const stageAlarm: MetricAlarmInfo = {
  ...canaryAlarm,
  name: 'stage-5xx',
  dimensions: [
    { name: 'ApiName', value: API_NAME },
    { name: 'Stage', value: 'prod' }
  ]
}
const alarmsInput = (over: Partial<AlarmsCheckInput>): AlarmsCheckInput => ({
  apiName: API_NAME,
  stage: STAGE,
  canaryStage: CANARY_STAGE,
  rungs: [5, 10, 25, 50, 100],
  bakeTimeMs: 5 * 60_000,
  gatingAlarms: ['canary-5xx'],
  alarms: [canaryAlarm, stageAlarm],
  ...over
})

describe('5. alarms that can see the canary', () => {
  it('passes an alarm on the canary’s own 5XXError that trips within a bake', () => {
    const r = checkAlarms(alarmsInput({}))
    expect(r.status).toBe('pass')
    expect(r.todo).toBeUndefined()
    expect(r.alarms.map((a) => [a.name, a.scope, a.status])).toEqual([
      ['canary-5xx', 'canary', 'pass']
    ])
  })

  it('fails a whole-stage alarm that cannot trip at the first rung, and says what to alarm on instead', () => {
    const r = checkAlarms(alarmsInput({ gatingAlarms: ['stage-5xx'] }))
    expect(r.status).toBe('fail')
    expect(r.found).toContain(
      'stage-5xx (fail): 5XXError Average > 0.05 on the whole stage: at 5 %: more than 100 % of canary requests failing: impossible'
    )
    expect(r.todo).toContain(`ApiName=${API_NAME}, Stage=${CANARY_STAGE}`)
  })

  it('warns when an alarm needs longer than a bake to go to ALARM (datapoints × period)', () => {
    const r = checkAlarms(alarmsInput({ bakeTimeMs: 60_000 }))
    expect(r.status).toBe('warn')
    expect(r.found).toContain(
      'canary-5xx: needs 2m of breaching data to go to ALARM, longer than a 1m bake.'
    )
  })

  it('warns when no gating alarm watches 5XXError or Latency', () => {
    const count: MetricAlarmInfo = { ...canaryAlarm, name: 'canary-4xx', metricName: '4XXError' }
    const r = checkAlarms(alarmsInput({ gatingAlarms: ['canary-4xx'], alarms: [count] }))
    expect(r.status).toBe('warn')
    expect(r.found).toContain('No gating alarm watches 5XXError or Latency on this API.')
  })

  it('fails with no gating alarm or a missing one; skipped when the alarms cannot be read', () => {
    expect(checkAlarms(alarmsInput({ gatingAlarms: [] })).status).toBe('fail')
    const missing = checkAlarms(alarmsInput({ gatingAlarms: ['canary-5xx', 'gone'] }))
    expect(missing.status).toBe('fail')
    expect(missing.found).toContain('gone: not found.')
    expect(
      checkAlarms(alarmsInput({ alarms: { denied: 'cloudwatch:DescribeAlarms' } })).status
    ).toBe('skipped')
  })

  it('judges a composite through its members', () => {
    const r = checkAlarms(
      alarmsInput({
        gatingAlarms: ['gate'],
        alarms: [
          canaryAlarm,
          stageAlarm,
          { type: 'composite', name: 'gate', rule: 'ALARM("stage-5xx") OR ALARM("canary-5xx")' }
        ]
      })
    )
    expect(r.status).toBe('pass')
    expect(r.alarms[0]?.watches).toEqual(['5XXError'])
  })
})

describe('6. stage ready', () => {
  it('fails a missing stage', () => {
    expect(checkStageReady({ stage: STAGE })).toMatchObject({
      status: 'fail',
      found: 'Stage prod does not exist: a canary needs an existing stage.'
    })
  })

  it('passes a stage without a live canary (a promoted canary at 0 % on the same deployment counts as none)', () => {
    const r = checkStageReady({
      stage: STAGE,
      commit: 'abc',
      current: { deploymentId: 'd1', canary: { deploymentId: 'd1', percent: 0 } }
    })
    expect(r.status).toBe('pass')
    expect(r.found).toContain('no canary carrying traffic')
  })

  it('fails when a canary of another commit carries traffic; passes one of this commit', () => {
    const other = checkStageReady({
      stage: STAGE,
      commit: 'abc',
      current: { deploymentId: 'd1', canary: { deploymentId: 'd2', percent: 10, commit: 'def' } }
    })
    expect(other).toMatchObject({
      status: 'fail',
      todo: 'Promote or roll back that canary first; a new deploy would replace it.'
    })
    expect(other.found).toContain('A canary of commit def carries 10 %')
    const mine = checkStageReady({
      stage: STAGE,
      commit: 'abc',
      current: { deploymentId: 'd1', canary: { deploymentId: 'd2', percent: 10, commit: 'abc' } }
    })
    expect(mine.status).toBe('pass')
  })

  it('warns when the ramp does not fit a 6-hour job, with the ramp’s own warning', () => {
    const r = checkStageReady({
      stage: STAGE,
      current: { deploymentId: 'd1' },
      rampTooLong: '5 bakes of 2h take 10h'
    })
    expect(r.status).toBe('warn')
    expect(r.found).toContain('5 bakes of 2h take 10h')
  })
})

it('worst orders fail > warn > pass > skipped', () => {
  expect(worst(['pass', 'skipped'])).toBe('pass')
  expect(worst(['warn', 'fail', 'pass'])).toBe('fail')
  expect(worst([])).toBe('pass')
})
