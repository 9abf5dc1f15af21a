/** Which preflight failures stop a step in each mode, and the checks from what was read. */
import { describe, expect, it } from '@jest/globals'
import type { CheckResult } from '../../src/preflight/types.js'
import {
  blockingChecks,
  domainsToCheck,
  preflightChecks,
  type PreflightFacts,
  type PreflightPlan
} from '../../src/preflight/checks.js'
import { API_NAME, CANARY_STAGE, STAGE } from '../../local-runner/fixtures.js'

const check = (id: string, status: CheckResult['status']): CheckResult => ({
  id,
  title: id,
  status,
  found: ''
})
const current = { deploymentId: 'd1' }

describe('blockingChecks', () => {
  const checks = [
    check('regional-api', 'fail'),
    check('route53-alias', 'fail'),
    check('logging-metrics', 'warn'),
    check('alarms', 'fail'),
    check('stage-ready', 'fail')
  ]
  it('fail mode: every ❌ stops the step', () => {
    expect(
      blockingChecks(checks, 'fail', { gatingAlarms: ['a'], current }).map((c) => c.id)
    ).toEqual(['regional-api', 'route53-alias', 'alarms', 'stage-ready'])
  })
  it('warn mode: only an alarm that cannot gate, a missing stage or an unmapped domain stop it', () => {
    expect(
      blockingChecks(checks, 'warn', { gatingAlarms: ['a'], current }).map((c) => c.id)
    ).toEqual(['alarms'])
    expect(
      blockingChecks(checks, 'warn', { gatingAlarms: ['a'], current: undefined }).map((c) => c.id)
    ).toEqual(['alarms', 'stage-ready'])
    expect(
      blockingChecks([check('custom-domain', 'fail')], 'warn', { gatingAlarms: [], current }).map(
        (c) => c.id
      )
    ).toEqual(['custom-domain'])
  })
  it('warn mode: a backend the canary cannot call stops it too (every canary request would fail)', () => {
    expect(
      blockingChecks([check('backend', 'fail'), check('backend', 'skipped')], 'warn', {
        gatingAlarms: ['a'],
        current
      }).map((c) => [c.id, c.status])
    ).toEqual([['backend', 'fail']])
  })
  it('warn mode: no alarm configured is the ungated release the command already warns about', () => {
    expect(blockingChecks(checks, 'warn', { gatingAlarms: [], current })).toEqual([])
  })
})

const plan: PreflightPlan = {
  restApiId: 'api1',
  stage: STAGE,
  region: 'us-east-1',
  domainName: undefined,
  commit: 'abc1234',
  rungs: [5, 25, 100],
  bakeTimeMs: 300_000
}
const facts: PreflightFacts = {
  api: { name: API_NAME, endpointTypes: ['REGIONAL'] },
  settings: { methodSettings: { '*/*': { loggingLevel: 'ERROR' } } },
  current,
  account: { cloudwatchRoleArn: 'arn:aws:iam::1:role/x' },
  domains: { denied: 'apigateway:GET on /domainnames' },
  records: {},
  gatingAlarms: ['c5xx'],
  alarms: [
    {
      type: 'metric',
      name: 'c5xx',
      namespace: 'AWS/ApiGateway',
      metricName: '5XXError',
      statistic: 'Average',
      threshold: 0.05,
      comparisonOperator: 'GreaterThanThreshold',
      periodSeconds: 60,
      evaluationPeriods: 1,
      dimensions: [
        { name: 'ApiName', value: API_NAME },
        { name: 'Stage', value: 'prod/Canary' }
      ]
    }
  ],
  canaryStage: CANARY_STAGE
}

describe('preflightChecks', () => {
  it('runs every check; a denied read is skipped naming the IAM action', () => {
    const checks = preflightChecks(facts, plan)
    expect(checks.map((c) => [c.id, c.status])).toEqual([
      ['regional-api', 'pass'],
      ['custom-domain', 'skipped'],
      ['route53-alias', 'skipped'],
      ['logging-metrics', 'pass'],
      ['alarms', 'pass'],
      ['stage-ready', 'pass']
    ])
    expect(checks[1]!.todo).toContain('apigateway:GET on /domainnames')
    expect(checks.find((c) => c.id === 'alarms')).not.toHaveProperty('alarms')
  })
  it('checks the Route 53 alias of each mapped domain, and says so when DNS could not be read', () => {
    const domain = {
      domainName: 'api.example.com',
      endpointType: 'REGIONAL',
      domainNameStatus: 'AVAILABLE',
      regionalDomainName: 'd-1.execute-api.us-east-1.amazonaws.com',
      regionalHostedZoneId: 'Z1',
      mappings: [{ basePath: '(none)', restApiId: 'api1', stage: STAGE }]
    }
    const other = { ...domain, domainName: 'x.example.com', mappings: [] }
    expect(domainsToCheck([domain, other], 'api1', 'prod', undefined)).toEqual([domain])
    const checks = preflightChecks(
      {
        ...facts,
        domains: [domain, other],
        records: { 'api.example.com': { denied: 'route53:ListResourceRecordSets' } }
      },
      plan
    )
    const dns = checks.find((c) => c.id === 'route53-alias')!
    expect(dns.status).toBe('skipped')
    expect(dns.todo).toContain('route53:ListResourceRecordSets')
  })
  it('adds the infrastructure-as-code warning last when a tag names the tool, stopping nothing', () => {
    const tagged = { ...facts, settings: { ...facts.settings!, tags: { ManagedBy: 'terraform' } } }
    const checks = preflightChecks(tagged, plan)
    const ids = checks.map((c) => c.id)
    expect(ids.at(-1)).toBe('infrastructure-as-code')
    expect(checks.at(-1)!.status).toBe('warn')
    expect(blockingChecks(checks, 'warn', tagged).map((c) => c.id)).toEqual([])
  })
  it('a missing stage is the stage check’s ❌, and logging is not judged', () => {
    const checks = preflightChecks({ ...facts, settings: undefined, current: undefined }, plan)
    expect(checks.find((c) => c.id === 'stage-ready')!.status).toBe('fail')
    expect(checks.some((c) => c.id === 'logging-metrics')).toBe(false)
  })
})
