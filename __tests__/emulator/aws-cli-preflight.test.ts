/**
 * The preflight and import operations driven through the AWS CLI v1:
 * import-rest-api and put-rest-api (a body without content type), domain
 * names and base path mappings (`(none)` in a path), the account, stage
 * logging, Route 53 (REST-XML, the CLI's own paging of record sets) and
 * DescribeAlarms --children-of-alarm-name. Skipped when `aws` is not on PATH.
 * The scenarios start together in `beforeAll` and share the runner's slots.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { CreateDeploymentCommand, CreateRestApiCommand } from '@aws-sdk/client-api-gateway'
import { PutCompositeAlarmCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch'
import {
  ChangeResourceRecordSetsCommand,
  type Change,
  CreateHostedZoneCommand
} from '@aws-sdk/client-route-53'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { getCalls } from '../../emulator/client.js'
import { type Emulator, startEmulator } from '../../emulator/server.js'
import { BATCH_TIMEOUT_MS, aws, hasAws, ok } from './aws-cli-runner.js'
import { clients } from './helpers.js'

const DEFINITION = `openapi: 3.0.1
info:
  title: orders
  version: "1"
paths:
  /orders:
    get:
      x-amazon-apigateway-integration:
        type: mock
  /health:
    get: {}
`

;(hasAws ? describe : describe.skip)('the AWS CLI: preflight and import operations', () => {
  let emu: Emulator
  let sdk: ReturnType<typeof clients>
  let dir: string
  const cli = <T = Record<string, unknown>>(...args: string[]) => ok<T>(emu.url, ...args)
  /** A failing command: its exit code must be non-zero; answers stderr without blank lines. */
  const fails = async (...args: string[]) => {
    const r = await aws(emu.url, args)
    expect(r.code).not.toBe(0)
    return r.stderr.trim()
  }

  const scenarios: Record<string, () => Promise<void>> = {
    'import-rest-api from a YAML file, put-rest-api --mode overwrite, get-resources': async () => {
      const created = await cli(
        'apigateway',
        'import-rest-api',
        '--body',
        `fileb://${join(dir, 'api.yaml')}`,
        '--parameters',
        'endpointConfigurationTypes=REGIONAL'
      )
      expect(created).toMatchObject({
        name: 'orders',
        endpointConfiguration: { types: ['REGIONAL'] },
        warnings: [
          "Unable to put integration on 'GET' for resource at path '/health': No integration defined for method"
        ]
      })
      const id = String(created.id)
      const refused = await fails(
        'apigateway',
        'put-rest-api',
        '--rest-api-id',
        id,
        '--fail-on-warnings',
        '--body',
        `fileb://${join(dir, 'api.yaml')}`
      )
      expect(refused).toBe(
        "An error occurred (BadRequestException) when calling the PutRestApi operation: Warnings found during import:\n\tUnable to put integration on 'GET' for resource at path '/health': No integration defined for method"
      )
      await cli(
        'apigateway',
        'put-rest-api',
        '--rest-api-id',
        id,
        '--mode',
        'overwrite',
        '--body',
        `fileb://${join(dir, 'v2.json')}`
      )
      const resources = await cli<{ items: Array<{ path: string }> }>(
        'apigateway',
        'get-resources',
        '--rest-api-id',
        id
      )
      expect(resources.items.map((r) => r.path).sort()).toEqual(['/', '/carts'])
      const calls = (await getCalls(emu.url)).filter((c) => c.operation === 'PutRestApi')
      expect(calls.map((c) => [c.status, c.input.mode, c.input.failonwarnings])).toEqual([
        [400, undefined, 'true'],
        [200, 'overwrite', undefined]
      ])
    },
    'create-domain-name, create-base-path-mapping, get-base-path-mapping (none), get-base-path-mappings':
      async () => {
        const api = await sdk.apigw.send(new CreateRestApiCommand({ name: 'mapped' }))
        await sdk.apigw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' }))
        const d = await cli(
          'apigateway',
          'create-domain-name',
          '--domain-name',
          'api.example.com',
          '--regional-certificate-arn',
          'arn:aws:acm:us-east-1:123456789012:certificate/abc',
          '--endpoint-configuration',
          'types=REGIONAL'
        )
        expect(d).toMatchObject({
          regionalHostedZoneId: 'Z1UJRXOUMOOFQ8',
          domainNameStatus: 'AVAILABLE'
        })
        await cli(
          'apigateway',
          'create-base-path-mapping',
          '--domain-name',
          'api.example.com',
          '--rest-api-id',
          String(api.id),
          '--stage',
          'prod'
        )
        const root = await cli(
          'apigateway',
          'get-base-path-mapping',
          '--domain-name',
          'api.example.com',
          '--base-path',
          '(none)'
        )
        expect(root).toEqual({ basePath: '(none)', restApiId: api.id, stage: 'prod' })
        const all = await cli<{ items: unknown[] }>(
          'apigateway',
          'get-base-path-mappings',
          '--domain-name',
          'api.example.com'
        )
        expect(all.items).toEqual([{ basePath: '(none)', restApiId: api.id, stage: 'prod' }])
        const names = await cli<{ items: Array<{ domainName: string }> }>(
          'apigateway',
          'get-domain-names'
        )
        expect(names.items.map((x) => x.domainName)).toEqual(['api.example.com'])
      },
    'get-account, update-account; update-stage logging needs the role': async () => {
      const api = await sdk.apigw.send(new CreateRestApiCommand({ name: 'logs' }))
      await sdk.apigw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' }))
      const logging = [
        'apigateway',
        'update-stage',
        '--rest-api-id',
        String(api.id),
        '--stage-name',
        'prod',
        '--patch-operations',
        'op=replace,path=/*/*/logging/loglevel,value=INFO'
      ]
      expect(await fails(...logging)).toBe(
        'An error occurred (BadRequestException) when calling the UpdateStage operation: CloudWatch Logs role ARN must be set in account settings to enable logging'
      )
      const role = 'arn:aws:iam::123456789012:role/apigw-logs'
      const updated = await cli(
        'apigateway',
        'update-account',
        '--patch-operations',
        `op=replace,path=/cloudwatchRoleArn,value=${role}`
      )
      expect(updated).toMatchObject({
        cloudwatchRoleArn: role,
        throttleSettings: { burstLimit: 5000 }
      })
      expect(await cli('apigateway', 'get-account')).toMatchObject({ cloudwatchRoleArn: role })
      const s = await cli<{ methodSettings: Record<string, { loggingLevel: string }> }>(...logging)
      expect(s.methodSettings['*/*']?.loggingLevel).toBe('INFO')
    },
    'route53: create-hosted-zone, change-resource-record-sets, list-resource-record-sets paged by the CLI':
      async () => {
        const z = await cli<{ HostedZone: { Id: string } }>(
          'route53',
          'create-hosted-zone',
          '--name',
          'example.com',
          '--caller-reference',
          'cli-1'
        )
        const id = z.HostedZone.Id
        const changes: Change[] = Array.from({ length: 5 }, (_, i) => ({
          Action: 'CREATE',
          ResourceRecordSet: {
            Name: 'api.example.com',
            Type: 'A',
            SetIdentifier: `s${i}`,
            Weight: 10,
            AliasTarget: {
              HostedZoneId: 'Z1UJRXOUMOOFQ8',
              DNSName: `d-${i}.example.net`,
              EvaluateTargetHealth: false
            }
          }
        }))
        const changed = await cli<{ ChangeInfo: { Status: string } }>(
          'route53',
          'change-resource-record-sets',
          '--hosted-zone-id',
          id,
          '--change-batch',
          JSON.stringify({ Changes: changes })
        )
        expect(changed.ChangeInfo.Status).toBe('PENDING')
        const listed = await cli<{
          ResourceRecordSets: Array<{ Name: string; Type: string; SetIdentifier?: string }>
        }>('route53', 'list-resource-record-sets', '--hosted-zone-id', id, '--page-size', '2')
        expect(
          listed.ResourceRecordSets.map((r) => `${r.Name} ${r.Type} ${r.SetIdentifier ?? ''}`)
        ).toEqual([
          'example.com. NS ',
          'example.com. SOA ',
          ...[0, 1, 2, 3, 4].map((i) => `api.example.com. A s${i}`)
        ])
        const pages = (await getCalls(emu.url)).filter(
          (c) =>
            c.operation === 'ListResourceRecordSets' &&
            c.input.HostedZoneId === id.replace('/hostedzone/', '')
        )
        expect(pages.map((c) => c.input.identifier ?? '-')).toEqual(['-', 's0', 's2', 's4'])
        expect(
          await fails('route53', 'list-resource-record-sets', '--hosted-zone-id', 'ZNOPE')
        ).toBe(
          'An error occurred (NoSuchHostedZone) when calling the ListResourceRecordSets operation: No hosted zone found with ID: ZNOPE'
        )
      },
    'cloudwatch describe-alarms --children-of-alarm-name and --parents-of-alarm-name': async () => {
      await sdk.cw.send(
        new PutMetricAlarmCommand({
          AlarmName: 'canary-5xx',
          Namespace: 'AWS/ApiGateway',
          MetricName: '5XXError',
          Statistic: 'Average',
          Period: 60,
          EvaluationPeriods: 1,
          Threshold: 0.05,
          ComparisonOperator: 'GreaterThanThreshold'
        })
      )
      await sdk.cw.send(
        new PutCompositeAlarmCommand({ AlarmName: 'gate', AlarmRule: 'ALARM("canary-5xx")' })
      )
      const children = await cli<{ MetricAlarms: Array<{ AlarmName: string }> }>(
        'cloudwatch',
        'describe-alarms',
        '--children-of-alarm-name',
        'gate'
      )
      expect(children.MetricAlarms.map((a) => a.AlarmName)).toEqual(['canary-5xx'])
      const parents = await cli<{ CompositeAlarms: Array<{ AlarmName: string }> }>(
        'cloudwatch',
        'describe-alarms',
        '--parents-of-alarm-name',
        'canary-5xx'
      )
      expect(parents.CompositeAlarms.map((a) => a.AlarmName)).toEqual(['gate'])
    }
  }

  const outcomes = new Map<string, Promise<unknown>>()

  beforeAll(async () => {
    emu = await startEmulator({ port: 0 })
    sdk = clients(emu.url)
    dir = mkdtempSync(join(tmpdir(), 'apigw-cli-'))
    writeFileSync(join(dir, 'api.yaml'), DEFINITION)
    writeFileSync(
      join(dir, 'v2.json'),
      JSON.stringify({
        swagger: '2.0',
        info: { title: 'orders', version: '2' },
        paths: { '/carts': { post: { 'x-amazon-apigateway-integration': { type: 'mock' } } } }
      })
    )
    await sdk.r53.send(
      new CreateHostedZoneCommand({ Name: 'unused.example', CallerReference: 'sdk' })
    )
    await sdk.r53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: (
          await sdk.r53.send(
            new CreateHostedZoneCommand({ Name: 'other.example', CallerReference: 'sdk2' })
          )
        ).HostedZone!.Id,
        ChangeBatch: {
          Changes: [
            {
              Action: 'CREATE',
              ResourceRecordSet: {
                Name: 'a.other.example',
                Type: 'A',
                TTL: 60,
                ResourceRecords: [{ Value: '192.0.2.1' }]
              }
            }
          ]
        }
      })
    )
    for (const [name, run] of Object.entries(scenarios)) {
      const p = run()
      p.catch(() => undefined) // awaited by its test
      outcomes.set(name, p)
    }
  })

  afterAll(async () => {
    await Promise.allSettled(outcomes.values())
    sdk?.apigw.destroy()
    sdk?.cw.destroy()
    sdk?.r53.destroy()
    await emu?.close()
  }, BATCH_TIMEOUT_MS)

  it.each(Object.keys(scenarios))('%s', (name) => outcomes.get(name), BATCH_TIMEOUT_MS)
})
