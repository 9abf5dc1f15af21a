/**
 * The backend and triage operations driven through the AWS CLI v1: Lambda
 * functions, aliases and permissions; Logs groups, events and an Insights
 * query polled to completion; X-Ray segments and trace summaries; API Gateway
 * methods and integrations. Skipped when `aws` is not on PATH. The scenarios
 * start together in `beforeAll` and share the runner's slots.
 */
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { getCalls } from '../../emulator/client.js'
import { type Emulator, startEmulator } from '../../emulator/server.js'
import { BATCH_TIMEOUT_MS, aws, hasAws, ok } from './aws-cli-runner.js'

const FN_ARN = 'arn:aws:lambda:us-east-1:123456789012:function:orders'
const SOURCE = 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*/GET/orders'

;(hasAws ? describe : describe.skip)('the AWS CLI: backend and triage operations', () => {
  let emu: Emulator
  let dir: string
  const cli = <T = Record<string, unknown>>(...args: string[]) => ok<T>(emu.url, ...args)
  const fails = async (...args: string[]) => {
    const r = await aws(emu.url, args)
    expect(r.code).not.toBe(0)
    return r.stderr.trim()
  }

  const scenarios: Record<string, () => Promise<void>> = {
    'lambda: create-function, publish-version, create-alias, add-permission, get-policy, remove-permission':
      async () => {
        const fn = await cli(
          'lambda',
          'create-function',
          '--function-name',
          'orders',
          '--runtime',
          'nodejs22.x',
          '--handler',
          'index.handler',
          '--role',
          'arn:aws:iam::123456789012:role/orders',
          '--zip-file',
          `fileb://${join(dir, 'code.zip')}`
        )
        expect(fn.FunctionArn).toBe(FN_ARN)
        const v = await cli('lambda', 'publish-version', '--function-name', 'orders')
        expect(v.Version).toBe('1')
        await cli(
          'lambda',
          'create-alias',
          '--function-name',
          'orders',
          '--name',
          'live',
          '--function-version',
          '1'
        )
        const alias = await cli(
          'lambda',
          'get-alias',
          '--function-name',
          'orders',
          '--name',
          'live'
        )
        expect(alias.AliasArn).toBe(`${FN_ARN}:live`)
        await cli(
          'lambda',
          'add-permission',
          '--function-name',
          'orders',
          '--qualifier',
          'live',
          '--statement-id',
          'apigw',
          '--action',
          'lambda:InvokeFunction',
          '--principal',
          'apigateway.amazonaws.com',
          '--source-arn',
          SOURCE
        )
        const policy = await cli<{ Policy: string }>(
          'lambda',
          'get-policy',
          '--function-name',
          `${FN_ARN}:live`
        )
        expect(JSON.parse(policy.Policy).Statement[0]).toMatchObject({
          Principal: { Service: 'apigateway.amazonaws.com' },
          Resource: `${FN_ARN}:live`,
          Condition: { ArnLike: { 'AWS:SourceArn': SOURCE } }
        })
        await cli(
          'lambda',
          'remove-permission',
          '--function-name',
          'orders',
          '--qualifier',
          'live',
          '--statement-id',
          'apigw'
        )
        expect(
          await fails('lambda', 'get-policy', '--function-name', 'orders', '--qualifier', 'live')
        ).toContain('ResourceNotFoundException')
        expect(
          await fails('lambda', 'get-alias', '--function-name', 'orders', '--name', 'v2')
        ).toContain(`Alias not found: ${FN_ARN}:v2`)
      },

    'logs: create-log-group, put-log-events, start-query, get-query-results': async () => {
      const group = 'API-Gateway-Access-Logs_orders/prod'
      await cli('logs', 'create-log-group', '--log-group-name', group)
      await cli('logs', 'create-log-stream', '--log-group-name', group, '--log-stream-name', 's1')
      const now = Date.now()
      const events = [502, 502, 200].map((status, i) => ({
        timestamp: now - 60_000 + i,
        message: JSON.stringify({
          requestId: `r${i}`,
          status: String(status),
          isCanaryRequest: 'true'
        })
      }))
      writeFileSync(join(dir, 'events.json'), JSON.stringify(events))
      await cli(
        'logs',
        'put-log-events',
        '--log-group-name',
        group,
        '--log-stream-name',
        's1',
        '--log-events',
        `file://${join(dir, 'events.json')}`
      )
      const { queryId } = await cli<{ queryId: string }>(
        'logs',
        'start-query',
        '--log-group-name',
        group,
        '--start-time',
        String(Math.floor(now / 1000) - 300),
        '--end-time',
        String(Math.floor(now / 1000)),
        '--query-string',
        'filter status >= 500 | stats count(*) as n by status'
      )
      let r: { status: string; results: Array<Array<{ field: string; value: string }>> }
      do r = await cli('logs', 'get-query-results', '--query-id', queryId)
      while (r.status === 'Running' || r.status === 'Scheduled')
      expect(r.status).toBe('Complete')
      expect(r.results).toEqual([
        [
          { field: 'status', value: '502' },
          { field: 'n', value: '2' }
        ]
      ])
      expect(await fails('logs', 'stop-query', '--query-id', queryId)).toContain(
        'InvalidParameterException'
      )
    },

    'xray: put-trace-segments, get-trace-summaries with a filter expression': async () => {
      const at = Math.floor(Date.now() / 1000) - 30
      const segment = {
        name: 'orders/prod',
        id: '0123456789abcdef',
        trace_id: `1-${at.toString(16)}-0123456789abcdef01234567`,
        origin: 'AWS::ApiGateway::Stage',
        start_time: at,
        end_time: at + 0.5,
        fault: true,
        http: { response: { status: 502 } },
        cause: {
          exceptions: [{ type: 'Lambda', message: 'Invalid permissions on Lambda function' }]
        }
      }
      const put = await cli(
        'xray',
        'put-trace-segments',
        '--trace-segment-documents',
        JSON.stringify(segment)
      )
      expect(put.UnprocessedTraceSegments).toEqual([])
      const r = await cli<{ TraceSummaries: Array<Record<string, unknown>> }>(
        'xray',
        'get-trace-summaries',
        '--start-time',
        String(at - 60),
        '--end-time',
        String(at + 60),
        '--filter-expression',
        'fault AND http.status = 502'
      )
      expect(r.TraceSummaries.map((s) => s.Id)).toEqual([segment.trace_id])
      expect(r.TraceSummaries[0]?.FaultRootCauses).toMatchObject([
        { Services: [{ Name: 'orders/prod', EntityPath: [{ Exceptions: [{ Name: 'Lambda' }] }] }] }
      ])
    },

    'apigateway: put-method, put-integration with a stage variable, get-resources --embed methods':
      async () => {
        const api = await cli<{ id: string; rootResourceId: string }>(
          'apigateway',
          'create-rest-api',
          '--name',
          'orders'
        )
        const where = [
          '--rest-api-id',
          api.id,
          '--resource-id',
          api.rootResourceId,
          '--http-method',
          'GET'
        ]
        await cli('apigateway', 'put-method', ...where, '--authorization-type', 'NONE')
        const uri = `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${FN_ARN}:\${stageVariables.lambdaAlias}/invocations`
        await cli(
          'apigateway',
          'put-integration',
          ...where,
          '--type',
          'AWS_PROXY',
          '--integration-http-method',
          'POST',
          '--uri',
          uri
        )
        const got = await cli('apigateway', 'get-integration', ...where)
        expect(got.uri).toBe(uri)
        const res = await cli<{
          items: Array<{
            resourceMethods?: Record<string, { methodIntegration?: { uri?: string } }>
          }>
        }>('apigateway', 'get-resources', '--rest-api-id', api.id, '--embed', 'methods')
        expect(res.items[0]?.resourceMethods?.GET?.methodIntegration?.uri).toBe(uri)
      }
  }

  const outcomes = new Map<string, Promise<void>>()

  beforeAll(async () => {
    emu = await startEmulator({ port: 0 })
    dir = mkdtempSync(join(tmpdir(), 'aws-cli-backends-'))
    // an empty zip archive: its end-of-central-directory record alone
    writeFileSync(
      join(dir, 'code.zip'),
      Buffer.concat([Buffer.from('PK\x05\x06'), Buffer.alloc(18)])
    )
    for (const [name, run] of Object.entries(scenarios)) {
      const p = run()
      p.catch(() => undefined) // awaited by its test
      outcomes.set(name, p)
    }
  })

  afterAll(async () => {
    await Promise.allSettled(outcomes.values())
    await emu?.close()
  }, BATCH_TIMEOUT_MS)

  it.each(Object.keys(scenarios))('%s', (name) => outcomes.get(name), BATCH_TIMEOUT_MS)

  it(
    'logs the calls under their services',
    async () => {
      await Promise.allSettled(outcomes.values())
      const services = new Set((await getCalls(emu.url)).map((c) => c.service))
      expect([...services].sort()).toEqual(['apigateway', 'lambda', 'logs', 'xray'])
    },
    BATCH_TIMEOUT_MS
  )
})
