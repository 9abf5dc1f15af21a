/**
 * X-Ray on the emulator's port, through @aws-sdk/client-xray: segment
 * documents sent as an SDK's daemon would, and trace summaries in a time
 * range, filtered by an expression, with fault root causes computed from the
 * segments (the deepest faulted one, with its exceptions).
 */
import { GetTraceSummariesCommand, PutTraceSegmentsCommand } from '@aws-sdk/client-xray'
import { beforeEach, describe, expect, it } from '@jest/globals'

import { expectAwsError, useEmulator } from './helpers.js'

const t = useEmulator()
const xray = () => t.c.xray

const T0 = Date.UTC(2026, 11, 6, 12, 0, 0) / 1000
const traceId = (n: number, at = T0) =>
  `1-${Math.floor(at).toString(16)}-${String(n).padStart(24, '0')}`
const hex = (n: number) => n.toString(16).padStart(16, '0')

/** An API Gateway canary request that calls a Lambda alias; `fails` makes the function throw. */
function request(n: number, fails: boolean, at = T0 + n) {
  const trace_id = traceId(n, at)
  const call = hex(n * 10 + 2)
  const apigw = {
    name: 'orders/prod',
    id: hex(n * 10 + 1),
    trace_id,
    origin: 'AWS::ApiGateway::Stage',
    start_time: at,
    end_time: at + 0.2,
    fault: fails,
    http: {
      request: { method: 'GET', url: 'https://api.example.com/prod/orders' },
      response: { status: fails ? 502 : 200 }
    },
    annotations: { canary: true },
    resource_arn: 'arn:aws:apigateway:us-east-1::/restapis/a1b2c3/stages/prod',
    subsegments: [
      {
        name: 'Lambda',
        id: call,
        start_time: at + 0.01,
        end_time: at + 0.19,
        fault: fails,
        namespace: 'aws'
      }
    ]
  }
  const fn = {
    name: 'orders',
    id: hex(n * 10 + 3),
    trace_id,
    parent_id: call,
    origin: 'AWS::Lambda::Function',
    start_time: at + 0.02,
    end_time: at + 0.18,
    fault: fails,
    subsegments: [
      {
        name: 'Invocation',
        id: hex(n * 10 + 4),
        start_time: at + 0.03,
        end_time: at + 0.17,
        fault: fails,
        cause: fails
          ? {
              exceptions: [
                {
                  id: hex(9),
                  type: 'TypeError',
                  message: "Cannot read properties of undefined (reading 'id')"
                }
              ]
            }
          : undefined
      }
    ]
  }
  return [JSON.stringify(apigw), JSON.stringify(fn)]
}

beforeEach(async () => {
  const docs = [1, 2, 3].flatMap((n) => request(n, n !== 1))
  const r = await xray().send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: docs }))
  expect(r.UnprocessedTraceSegments).toEqual([])
  // a faulted request outside the range asked below
  await xray().send(
    new PutTraceSegmentsCommand({ TraceSegmentDocuments: request(4, true, T0 + 7200) })
  )
})

const summaries = (FilterExpression?: string) =>
  xray().send(
    new GetTraceSummariesCommand({
      StartTime: new Date(T0 * 1000),
      EndTime: new Date((T0 + 600) * 1000),
      FilterExpression
    })
  )

describe('X-Ray', () => {
  it('answers the faulted traces of the range with the function as the root cause', async () => {
    const r = await summaries('fault = true AND service("orders/prod") AND http.status >= 500')
    expect(r.TraceSummaries?.map((s) => s.Id)).toEqual([traceId(2, T0 + 2), traceId(3, T0 + 3)])
    const s = r.TraceSummaries![0]!
    expect(s).toMatchObject({
      HasFault: true,
      Http: { HttpStatus: 502, HttpMethod: 'GET' },
      EntryPoint: { Name: 'orders/prod', Type: 'AWS::ApiGateway::Stage' },
      Annotations: { canary: [{ AnnotationValue: { BooleanValue: true } }] }
    })
    expect(s.FaultRootCauses).toEqual([
      {
        Services: [
          {
            Name: 'orders',
            Names: ['orders'],
            AccountId: '123456789012',
            Type: 'AWS::Lambda::Function',
            Inferred: false,
            EntityPath: [
              { Name: 'orders', Exceptions: [], Remote: false },
              {
                Name: 'Invocation',
                Exceptions: [
                  {
                    Name: 'TypeError',
                    Message: "Cannot read properties of undefined (reading 'id')"
                  }
                ],
                Remote: false
              }
            ]
          }
        ],
        ClientImpacting: true
      }
    ])
    expect(r.TracesProcessedCount).toBe(3)
  })

  it('evaluates service blocks, annotations, negation and ok', async () => {
    const ids = async (f: string) =>
      (await summaries(f)).TraceSummaries?.map((s) => s.Id?.slice(-1))
    expect(await ids('service("orders") { fault }')).toEqual(['2', '3'])
    expect(
      await ids('service(id(name: "orders", type: "AWS::Lambda::Function")) { !fault }')
    ).toEqual(['1'])
    expect(await ids('ok AND annotation.canary = true')).toEqual(['1'])
    expect(await ids('NOT service("payments")')).toEqual(['1', '2', '3'])
    expect(await ids('http.url CONTAINS "/orders" AND responsetime < 1')).toEqual(['1', '2', '3'])
  })

  it('refuses bad segments one by one, and bad requests whole', async () => {
    const r = await xray().send(
      new PutTraceSegmentsCommand({
        TraceSegmentDocuments: [
          '{"name":"x","id":"nothex","trace_id":"1-2-3","start_time":1}',
          'not json'
        ]
      })
    )
    expect(r.UnprocessedTraceSegments?.map((u) => u.ErrorCode)).toEqual([
      'InvalidSegment',
      'InvalidSegment'
    ])
    await expectAwsError(summaries('fault = = true'), 'InvalidRequestException', 400)
    await expectAwsError(
      xray().send(
        new GetTraceSummariesCommand({ StartTime: new Date(0), EndTime: new Date(T0 * 1000) })
      ),
      'InvalidRequestException',
      400,
      'Time range must be 24 hours or less'
    )
  })

  it('pages the summaries with NextToken, for the same request only', async () => {
    const many = Array.from({ length: 130 }, (_, k) => request(100 + k, true, T0 + 100 + k)).flat()
    await xray().send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: many }))
    const first = await summaries('fault')
    expect(first.TraceSummaries).toHaveLength(100)
    const second = await xray().send(
      new GetTraceSummariesCommand({
        StartTime: new Date(T0 * 1000),
        EndTime: new Date((T0 + 600) * 1000),
        FilterExpression: 'fault',
        NextToken: first.NextToken
      })
    )
    expect(second.TraceSummaries).toHaveLength(32)
    expect(second.NextToken).toBeUndefined()
    await expectAwsError(
      xray().send(
        new GetTraceSummariesCommand({
          StartTime: new Date(T0 * 1000),
          EndTime: new Date((T0 + 600) * 1000),
          NextToken: first.NextToken
        })
      ),
      'InvalidRequestException',
      400,
      'Invalid NextToken'
    )
  })
})
