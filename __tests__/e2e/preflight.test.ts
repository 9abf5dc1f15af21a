/**
 * The preflight command and phase, and deploy from an OpenAPI definition,
 * through the bundle against the emulator: a correctly set-up world is all
 * ✅; each misconfiguration gives its status and says what to do; preflight
 * never writes; deploy with openapi-file makes exactly PutRestApi then
 * CreateDeployment, once per commit, and a bad file changes nothing.
 */
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CreateBasePathMappingCommand,
  CreateDeploymentCommand,
  CreateDomainNameCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetResourcesCommand,
  UpdateAccountCommand,
  UpdateStageCommand
} from '@aws-sdk/client-api-gateway'
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch'
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  type ResourceRecordSet,
  Route53Client
} from '@aws-sdk/client-route-53'
import type { CallRecord } from '../../emulator/client.js'
import { stageAlarm } from '../../local-runner/world.js'
import { API_NAME } from '../../local-runner/fixtures.js'
import { OPENAPI_DEFINITION, STAGE, step, useWorld, type World } from './fixtures.js'

const world = useWorld()
const CANARY = { apiName: API_NAME, stage: `${STAGE}/Canary` }
const ROLE = 'arn:aws:iam::123456789012:role/apigw-logs'
const WORKSPACE = mkdtempSync(join(tmpdir(), 'apigw-canary-ws-'))

interface Check {
  id: string
  status: string
  found: string
  todo?: string
}

const isWrite = (c: CallRecord) => !/^(Get|List|Describe)/.test(c.operation)

/** A REGIONAL API with logging, a mapped regional domain with its alias, and canary alarms. */
async function goodWorld(w: World, stageTags?: Record<string, string>) {
  await w.seed({ apiName: 'legacy-edge-api', stableDescription: 'edge v1' })
  const r53 = new Route53Client({
    region: 'us-east-1',
    endpoint: w.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' }
  })
  const api = await w.apigw.send(
    new CreateRestApiCommand({ name: API_NAME, endpointConfiguration: { types: ['REGIONAL'] } })
  )
  const restApiId = api.id!
  const dep = await w.apigw.send(new CreateDeploymentCommand({ restApiId, description: 'v1' }))
  await w.apigw.send(
    new CreateStageCommand({ restApiId, stageName: STAGE, deploymentId: dep.id!, tags: stageTags })
  )
  await w.apigw.send(
    new UpdateAccountCommand({
      patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: ROLE }]
    })
  )
  await w.apigw.send(
    new UpdateStageCommand({
      restApiId,
      stageName: STAGE,
      patchOperations: [{ op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR' }]
    })
  )
  const zone = await r53.send(
    new CreateHostedZoneCommand({ Name: 'example.com', CallerReference: `z-${Date.now()}` })
  )
  const zoneId = zone.HostedZone!.Id!.replace('/hostedzone/', '')
  const domain = async (
    name: string,
    mapped: boolean,
    records: (t: string, z: string) => ResourceRecordSet[]
  ) => {
    const d = await w.apigw.send(
      new CreateDomainNameCommand({
        domainName: name,
        regionalCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/abc',
        endpointConfiguration: { types: ['REGIONAL'] }
      })
    )
    if (mapped)
      await w.apigw.send(
        new CreateBasePathMappingCommand({ domainName: name, restApiId, stage: STAGE })
      )
    const sets = records(d.regionalDomainName!, d.regionalHostedZoneId!)
    if (sets.length > 0)
      await r53.send(
        new ChangeResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          ChangeBatch: { Changes: sets.map((s) => ({ Action: 'UPSERT', ResourceRecordSet: s })) }
        })
      )
  }
  const alias =
    (name: string) =>
    (t: string, z: string): ResourceRecordSet[] => [
      {
        Name: name,
        Type: 'A',
        AliasTarget: { DNSName: t, HostedZoneId: z, EvaluateTargetHealth: false }
      }
    ]
  await domain('api.example.com', true, alias('api.example.com'))
  await domain('unmapped.example.com', false, alias('unmapped.example.com'))
  await domain('weighted.example.com', true, () =>
    ['a', 'b'].map((id, i) => ({
      Name: 'weighted.example.com',
      Type: 'A',
      SetIdentifier: id,
      Weight: 50,
      TTL: 60,
      ResourceRecords: [{ Value: i === 0 ? '192.0.2.1' : '192.0.2.2' }]
    }))
  )
  await domain('cname.example.com', true, (t) => [
    { Name: 'cname.example.com', Type: 'CNAME', TTL: 300, ResourceRecords: [{ Value: t }] }
  ])
  const put = (
    a: Parameters<typeof stageAlarm>[3] & { name: string; metric: string; stage?: string }
  ) =>
    w.cw.send(
      new PutMetricAlarmCommand(
        stageAlarm(a.name, a.metric, { apiName: API_NAME, stage: a.stage ?? CANARY.stage }, a)
      )
    )
  await put({ name: 'canary-5xx', metric: '5XXError', Statistic: 'Average', Threshold: 0.05 })
  await put({ name: 'canary-p99', metric: 'Latency', ExtendedStatistic: 'p99', Threshold: 1500 })
  await put({
    name: 'stage-5xx',
    metric: '5XXError',
    Statistic: 'Average',
    Threshold: 0.05,
    stage: STAGE
  })
  await put({ name: 'canary-4xx', metric: '4XXError', Statistic: 'Average', Threshold: 0.1 })
  await put({
    name: 'canary-5xx-slow',
    metric: '5XXError',
    Statistic: 'Average',
    Threshold: 0.05,
    Period: 300,
    EvaluationPeriods: 3
  })
  r53.destroy()
  await w.clearCalls()
  return { restApiId }
}

const GOOD = {
  command: 'preflight',
  'alarm-names': 'canary-5xx,canary-p99',
  'domain-name': 'api.example.com',
  'bake-time': '5m'
}

async function preflight(restApiId: string, inputs: Record<string, string> = {}) {
  const s = await step(world(), restApiId, { ...GOOD, ...inputs })
  const checks = JSON.parse(s.r.outputs.preflight ?? '[]') as Check[]
  const by = (id: string) => checks.find((c) => c.id === id)!
  return { ...s, checks, by }
}

describe('preflight', () => {
  it('is all ✅ on a correctly set-up stage, and writes nothing', async () => {
    const { restApiId } = await goodWorld(world())
    const p = await preflight(restApiId)
    expect(p.r.code).toBe(0)
    expect(p.checks.map((c) => [c.id, c.status])).toEqual([
      ['regional-api', 'pass'],
      ['custom-domain', 'pass'],
      ['route53-alias', 'pass'],
      ['logging-metrics', 'pass'],
      ['alarms', 'pass'],
      ['stage-ready', 'pass'],
      ['backend', 'pass']
    ])
    expect(p.r.stdout).toContain('✅ Regional API')
    expect(p.r.summary).toContain('### Preflight')
    expect(p.log.filter(isWrite)).toEqual([])
    expect(p.log.map((c) => c.operation)).toEqual(
      expect.arrayContaining([
        'GetAccount',
        'GetDomainName',
        'ListHostedZonesByName',
        'ListResourceRecordSets',
        'DescribeAlarms',
        'GetResources'
      ])
    )
  })

  it('warns what Terraform will do when the stage is tagged as Terraform’s, and still passes', async () => {
    const { restApiId } = await goodWorld(world(), { ManagedBy: 'terraform' })
    const p = await preflight(restApiId)
    expect(p.r.code).toBe(0)
    expect(p.checks.map((c) => [c.id, c.status])).toEqual([
      ['regional-api', 'pass'],
      ['custom-domain', 'pass'],
      ['route53-alias', 'pass'],
      ['logging-metrics', 'pass'],
      ['alarms', 'pass'],
      ['stage-ready', 'pass'],
      ['backend', 'pass'],
      ['infrastructure-as-code', 'warn']
    ])
    expect(p.by('infrastructure-as-code').found).toContain(
      'managed by Terraform (tag ManagedBy=terraform)'
    )
    expect(p.by('infrastructure-as-code').todo).toContain(
      'lifecycle { ignore_changes = [deployment_id, canary_settings] }'
    )
    expect(p.r.summary).toContain(
      '| ⚠️ | Infrastructure as code | Stage prod is managed by Terraform'
    )
    expect(p.log.filter(isWrite)).toEqual([])
  })

  it('fails on each ❌ and warns on each ⚠️, saying what to do', async () => {
    const { restApiId } = await goodWorld(world())
    const unmapped = await preflight(restApiId, { 'domain-name': 'unmapped.example.com' })
    expect(unmapped.r.code).not.toBe(0)
    expect(unmapped.by('custom-domain')).toMatchObject({ status: 'fail' })
    expect(unmapped.by('custom-domain').todo).toContain('CreateBasePathMapping')
    expect(unmapped.r.outputs['abort-reason']).toContain('preflight failed')

    const weighted = await preflight(restApiId, { 'domain-name': 'weighted.example.com' })
    expect(weighted.by('route53-alias')).toMatchObject({ status: 'fail' })
    expect(weighted.by('route53-alias').todo).toContain('Keep one alias A record')

    const cname = await preflight(restApiId, { 'domain-name': 'cname.example.com' })
    expect(cname.r.code).toBe(0)
    expect(cname.by('route53-alias')).toMatchObject({ status: 'warn' })
    expect(cname.by('route53-alias').todo).toContain('alias A record')

    const whole = await preflight(restApiId, { 'alarm-names': 'stage-5xx,canary-p99' })
    expect(whole.r.code).not.toBe(0)
    expect(whole.by('alarms')).toMatchObject({ status: 'fail' })
    expect(whole.by('alarms').found).toContain('impossible')
    expect(whole.by('alarms').todo).toContain(`Stage=${CANARY.stage}`)

    const no5xx = await preflight(restApiId, { 'alarm-names': 'canary-4xx' })
    expect(no5xx.by('alarms')).toMatchObject({ status: 'warn' })
    expect(no5xx.by('alarms').found).toContain('No gating alarm watches 5XXError or Latency')

    const slow = await preflight(restApiId, { 'alarm-names': 'canary-5xx-slow,canary-p99' })
    expect(slow.by('alarms')).toMatchObject({ status: 'warn' })
    expect(slow.by('alarms').todo).toContain('period × datapoints')

    const missing = await preflight(restApiId, { 'alarm-names': 'no-such-alarm' })
    expect(missing.by('alarms')).toMatchObject({ status: 'fail' })

    for (const p of [unmapped, weighted, cname, whole, no5xx, slow, missing])
      expect(p.log.filter(isWrite)).toEqual([])
  })

  it('warns on an EDGE API, on logging off and on an account without a CloudWatch role', async () => {
    const w = world()
    const { restApiId } = await goodWorld(w)
    const edge = (await w.apigw.send(new CreateRestApiCommand({ name: 'legacy' }))).id!
    const d = await w.apigw.send(new CreateDeploymentCommand({ restApiId: edge }))
    await w.apigw.send(
      new CreateStageCommand({ restApiId: edge, stageName: STAGE, deploymentId: d.id! })
    )
    const e = await preflight(edge, { 'domain-name': '' })
    expect(e.by('regional-api')).toMatchObject({ status: 'warn' })
    expect(e.by('regional-api').todo).toContain('REGIONAL')

    await w.apigw.send(
      new UpdateAccountCommand({ patchOperations: [{ op: 'remove', path: '/cloudwatchRoleArn' }] })
    )
    const role = await preflight(restApiId)
    expect(role.by('logging-metrics')).toMatchObject({ status: 'warn' })
    expect(role.by('logging-metrics').todo).toContain('UpdateAccount /cloudwatchRoleArn')
    await w.apigw.send(
      new UpdateStageCommand({
        restApiId,
        stageName: STAGE,
        patchOperations: [{ op: 'replace', path: '/*/*/logging/loglevel', value: 'OFF' }]
      })
    )
    const off = await preflight(restApiId)
    expect(off.by('logging-metrics')).toMatchObject({ status: 'warn' })
    expect(off.by('logging-metrics').todo).toContain('logging to ERROR or INFO')
  })

  it('runs first in deploy: reads only before the deployment; warn mode still stops an unsafe release', async () => {
    const { restApiId } = await goodWorld(world())
    const ok = await step(world(), restApiId, {
      command: 'deploy',
      'alarm-names': 'canary-5xx,canary-p99',
      percent: '5'
    })
    expect(ok.r.code).toBe(0)
    const first = ok.log.findIndex(isWrite)
    expect(ok.log[first]?.operation).toBe('CreateDeployment')
    expect(ok.log.filter(isWrite).map((c) => c.operation)).toEqual(['CreateDeployment'])
    expect(ok.r.stdout).toContain('::group::Preflight')

    const { restApiId: again } = await goodWorld(world())
    const unsafe = await step(world(), again, {
      command: 'deploy',
      'alarm-names': 'stage-5xx',
      percent: '5'
    })
    expect(unsafe.r.code).not.toBe(0)
    expect(unsafe.log.filter(isWrite)).toEqual([])
    expect(unsafe.r.outputs['abort-reason']).toContain('preflight failed')
  })
})

const DEFINITION = OPENAPI_DEFINITION

describe('deploy from an OpenAPI definition', () => {
  const deploy = (restApiId: string, file: string, extra: Record<string, string> = {}) =>
    step(
      world(),
      restApiId,
      {
        command: 'deploy',
        'openapi-file': file,
        percent: '5',
        preflight: 'off',
        'alarm-names': 'canary-5xx',
        ...extra
      },
      { env: { GITHUB_WORKSPACE: WORKSPACE } }
    )

  it('makes exactly PutRestApi then a canary CreateDeployment, and a re-run makes neither', async () => {
    const { restApiId } = await goodWorld(world())
    writeFileSync(join(WORKSPACE, 'openapi.yaml'), DEFINITION)
    const d = await deploy(restApiId, 'openapi.yaml')
    expect(d.r.code).toBe(0)
    const writes = d.log.filter(isWrite)
    expect(writes.map((c) => c.operation)).toEqual(['PutRestApi', 'CreateDeployment'])
    expect(writes[1]!.input).toHaveProperty('canarySettings')
    expect(writes[1]!.input).toMatchObject({
      description: expect.stringMatching(/, definition sha256:[0-9a-f]{12}$/)
    })
    const res = await world().apigw.send(new GetResourcesCommand({ restApiId }))
    expect(res.items?.map((r) => r.path)).toContain('/orders')
    const st = await step(world(), restApiId, { command: 'status' })
    expect(st.r.stdout).toMatch(/definition sha256:[0-9a-f]{12}/)

    const again = await deploy(restApiId, 'openapi.yaml')
    expect(again.r.code).toBe(0)
    expect(again.log.filter(isWrite)).toEqual([])
  })

  it('prints the PutRestApi call under dry-run and changes nothing', async () => {
    const { restApiId } = await goodWorld(world())
    writeFileSync(join(WORKSPACE, 'openapi.yaml'), DEFINITION)
    const d = await deploy(restApiId, 'openapi.yaml', { 'dry-run': 'true' })
    expect(d.r.code).toBe(0)
    expect(d.log.filter(isWrite)).toEqual([])
    const line = d.r.stdout.split('\n').find((l) => l.startsWith('[dry-run] would call PutRestApi'))
    expect(JSON.parse(line!.slice('[dry-run] would call PutRestApi '.length))).toMatchObject({
      restApiId,
      file: 'openapi.yaml',
      mode: 'overwrite',
      bytes: DEFINITION.length,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/)
    })
  })

  it('refuses a missing, malformed, oversized or rejected definition before any change', async () => {
    const { restApiId } = await goodWorld(world())
    writeFileSync(join(WORKSPACE, 'bad.yaml'), 'just: [unclosed')
    writeFileSync(
      join(WORKSPACE, 'big.json'),
      `{"openapi":"3.0.1","x":"${'a'.repeat(6 * 1024 * 1024)}"}`
    )
    writeFileSync(
      join(WORKSPACE, 'warns.yaml'),
      "openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths:\n  /x:\n    get:\n      responses: { '200': { description: ok } }\n"
    )
    for (const [file, says] of [
      ['nope.yaml', 'does not exist'],
      ['bad.yaml', 'OpenAPI 2.0 or 3.0 definition in JSON or YAML'],
      ['big.json', 'at most 6 MB'],
      ['warns.yaml', 'API Gateway refused']
    ] as const) {
      const d = await deploy(restApiId, file)
      expect(d.r.code).not.toBe(0)
      expect(d.r.outputs['abort-reason']).toContain("Input 'openapi-file'")
      expect(d.r.outputs['abort-reason']).toContain(says)
      expect(d.log.filter((c) => isWrite(c) && c.operation !== 'PutRestApi')).toEqual([])
      expect(d.log.filter((c) => c.operation === 'PutRestApi' && c.status < 300)).toEqual([])
    }
    const bad = await deploy(restApiId, 'openapi.yaml', {
      'import-parameters': 'endpointConfigurationTypes=EDGE'
    })
    expect(bad.r.code).not.toBe(0)
    expect(bad.log.filter(isWrite)).toEqual([])
  })
})
