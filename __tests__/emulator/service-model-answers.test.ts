/**
 * The answers of the emulator's Lambda, CloudWatch Logs, X-Ray and API
 * Gateway integration operations against the output shapes of AWS's service
 * models (botocore's): every field the emulator answers is one the model
 * names, with the model's type. The SDK drops unknown fields silently, so the
 * SDK tests alone would not see a misspelt one. Skips without botocore.
 */

import { describe, expect, it } from '@jest/globals'

import type { Answer, Call, Request } from '../../emulator/common/protocol.js'
import { createState } from '../../emulator/state.js'
import { botocoreData, serviceModel } from './botocore.js'

interface Shape {
  type: string
  required?: string[]
  members?: Record<string, { shape: string; location?: string; locationName?: string }>
  member?: { shape: string }
  value?: { shape: string }
}
interface Model {
  operations: Record<
    string,
    {
      output?: { shape: string }
      input?: { shape: string }
      http: { method: string; requestUri: string }
    }
  >
  shapes: Record<string, Shape>
}

const model = (service: string, version: string) => serviceModel<Model>(service, version)

const TYPES: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  integer: (v) => Number.isInteger(v),
  long: (v) => Number.isInteger(v),
  double: (v) => typeof v === 'number',
  float: (v) => typeof v === 'number',
  timestamp: (v) => typeof v === 'number' || typeof v === 'string',
  blob: (v) => typeof v === 'string'
}

/** Where `value` strays from the model's shape `name`: unknown fields and wrong types. */
function strays(m: Model, name: string, value: unknown, path: string): string[] {
  const s = m.shapes[name]!
  switch (s.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null) return [`${path}: not an object`]
      const byWire = new Map(
        Object.entries(s.members ?? {})
          .filter(([, mm]) => mm.location === undefined)
          .map(([k, mm]) => [mm.locationName ?? k, mm.shape])
      )
      return Object.entries(value).flatMap(([k, v]) => {
        const shape = byWire.get(k)
        return shape ? strays(m, shape, v, `${path}.${k}`) : [`${path}.${k}: not in ${name}`]
      })
    }
    case 'list':
      return Array.isArray(value)
        ? value.flatMap((v, i) => strays(m, s.member!.shape, v, `${path}[${i}]`))
        : [`${path}: not a list`]
    case 'map':
      return typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([k, v]) => strays(m, s.value!.shape, v, `${path}.${k}`))
        : [`${path}: not a map`]
    default:
      return TYPES[s.type]?.(value) === false ? [`${path}: not a ${s.type}`] : []
  }
}

const maybe = botocoreData ? describe : describe.skip

maybe('answers against the service models (botocore)', () => {
  const state = createState(() => Date.UTC(2026, 11, 6, 13, 0, 0))
  /** Runs one call as the server would, through the protocol the request is routed to. */
  function call(
    method: string,
    path: string,
    body: unknown,
    target?: string
  ): Answer & { operation: string } {
    const req: Request = {
      method,
      url: new URL(path, 'http://emulator.local'),
      headers: target ? { 'x-amz-target': target } : {},
      body: body === undefined ? '' : JSON.stringify(body)
    }
    const protocol = state.protocolFor(req)
    const identified = protocol.identify(req)
    if (identified.refused) throw identified.refused
    return { ...protocol.execute(identified as Call, 'us-east-1'), operation: identified.operation }
  }

  function check(m: Model, answers: Array<Answer & { operation: string }>) {
    const wrong = answers.flatMap((a) => {
      expect(a.status).toBeLessThan(300)
      const out = m.operations[a.operation]?.output?.shape
      if (!out)
        return a.body === '' ? [] : [`${a.operation}: answers a body the model has no output for`]
      return strays(m, out, a.body === '' ? {} : JSON.parse(a.body), a.operation)
    })
    expect(wrong).toEqual([])
  }

  it('Lambda', () => {
    const F = '/2015-03-31/functions'
    check(model('lambda', '2015-03-31'), [
      call('POST', F, {
        FunctionName: 'orders',
        Role: 'arn:aws:iam::123456789012:role/r',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: 'UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==' },
        Environment: { Variables: { A: 'b' } }
      }),
      call('POST', `${F}/orders/versions`, {}),
      call('POST', `${F}/orders/aliases`, { Name: 'live', FunctionVersion: '1' }),
      call('GET', `${F}/orders`, undefined),
      call('GET', `${F}/orders?Qualifier=live`, undefined),
      call('GET', `${F}/orders/aliases/live`, undefined),
      call('POST', `${F}/orders/policy?Qualifier=live`, {
        StatementId: 's',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: 'arn:aws:execute-api:us-east-1:123456789012:a/*'
      }),
      call('GET', `${F}/orders/policy?Qualifier=live`, undefined),
      call('DELETE', `${F}/orders/policy/s?Qualifier=live`, undefined)
    ])
  })

  it('CloudWatch Logs', () => {
    const t = (op: string) => `Logs_20140328.${op}`
    const at = Date.UTC(2026, 11, 6, 12, 30, 0)
    const group = { logGroupName: 'g' }
    const answers = [
      call('POST', '/', group, t('CreateLogGroup')),
      call('POST', '/', { ...group, logStreamName: 's' }, t('CreateLogStream')),
      call(
        'POST',
        '/',
        {
          ...group,
          logStreamName: 's',
          logEvents: [{ timestamp: at, message: '{"status":"502"}' }]
        },
        t('PutLogEvents')
      ),
      call('POST', '/', {}, t('DescribeLogGroups')),
      call('POST', '/', group, t('DescribeLogStreams'))
    ]
    const start = call(
      'POST',
      '/',
      {
        ...group,
        startTime: at / 1000 - 60,
        endTime: at / 1000 + 60,
        queryString: 'stats count(*) by status'
      },
      t('StartQuery')
    )
    const { queryId } = JSON.parse(start.body) as { queryId: string }
    const running = call('POST', '/', { queryId }, t('GetQueryResults'))
    const complete = call('POST', '/', { queryId }, t('GetQueryResults'))
    expect(JSON.parse(complete.body).results).toHaveLength(1)
    const other = call(
      'POST',
      '/',
      { ...group, startTime: 0, endTime: 1, queryString: 'fields @message' },
      t('StartQuery')
    )
    const stop = call('POST', '/', JSON.parse(other.body), t('StopQuery'))
    check(model('logs', '2014-03-28'), [...answers, start, running, complete, stop])
  })

  it('X-Ray', () => {
    const at = Date.UTC(2026, 11, 6, 12, 30, 0) / 1000
    const segment = {
      name: 'orders/prod',
      id: '0123456789abcdef',
      trace_id: `1-${at.toString(16)}-0123456789abcdef01234567`,
      origin: 'AWS::ApiGateway::Stage',
      start_time: at,
      end_time: at + 1,
      fault: true,
      http: { request: { method: 'GET', url: 'https://x/prod' }, response: { status: 502 } },
      annotations: { canary: 'true', n: 1 },
      resource_arn: 'arn:aws:apigateway:us-east-1::/restapis/a/stages/prod',
      cause: { exceptions: [{ type: 'Error', message: 'boom' }] }
    }
    const put = call('POST', '/TraceSegments', {
      TraceSegmentDocuments: [JSON.stringify(segment), 'x']
    })
    const get = call('POST', '/TraceSummaries', {
      StartTime: at - 10,
      EndTime: at + 10,
      FilterExpression: 'fault'
    })
    expect(JSON.parse(get.body).TraceSummaries).toHaveLength(1)
    check(model('xray', '2016-04-12'), [put, get])
  })

  it('API Gateway methods and integrations', () => {
    const api = JSON.parse(call('POST', '/restapis', { name: 'orders' }).body) as {
      id: string
      rootResourceId: string
    }
    const res = call('POST', `/restapis/${api.id}/resources/${api.rootResourceId}`, {
      pathPart: 'orders'
    })
    const rid = (JSON.parse(res.body) as { id: string }).id
    const M = `/restapis/${api.id}/resources/${rid}/methods/GET`
    const uri =
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:f:${stageVariables.alias}/invocations'
    check(model('apigateway', '2015-07-09'), [
      res,
      call('PUT', M, { authorizationType: 'NONE' }),
      call('PUT', `${M}/integration`, { type: 'AWS_PROXY', httpMethod: 'POST', uri }),
      call('GET', `${M}/integration`, undefined),
      call('GET', M, undefined),
      call('GET', `/restapis/${api.id}/resources?embed=methods`, undefined),
      call('GET', `/restapis/${api.id}/resources/${rid}`, undefined)
    ])
  })

  it('refuses a request without the members the model requires with a 4xx, never a 5xx', () => {
    const services: Array<[string, string, string[]]> = [
      ['lambda', '2015-03-31', ['CreateFunction', 'CreateAlias', 'AddPermission']],
      [
        'logs',
        '2014-03-28',
        [
          'CreateLogGroup',
          'CreateLogStream',
          'PutLogEvents',
          'StartQuery',
          'GetQueryResults',
          'StopQuery'
        ]
      ],
      ['xray', '2016-04-12', ['PutTraceSegments', 'GetTraceSummaries']]
    ]
    const wrong = services.flatMap(([service, version, operations]) => {
      const m = model(service, version)
      return operations.flatMap((op) => {
        const http = m.operations[op]!.http
        const input = m.shapes[m.operations[op]!.input!.shape]!
        const inBody = (input.required ?? []).filter((r) => input.members?.[r]?.location !== 'uri')
        if (inBody.length === 0)
          return [`${service} ${op}: requires no body member, drop it from the list`]
        const path = http.requestUri.replace(/\{[^}]+\}/g, 'orders')
        const target = service === 'logs' ? `Logs_20140328.${op}` : undefined
        let status: number
        try {
          status = call(http.method, path, {}, target).status
        } catch (e) {
          status = (e as { status: number }).status
        }
        return status >= 400 && status < 500
          ? []
          : [`${service} ${op} without its required members: ${status}`]
      })
    })
    expect(wrong).toEqual([])
  })
})
