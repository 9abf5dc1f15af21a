/** Triage after a rollback: the queries sent, the top errors read back, and one line for anything denied, empty or slow. */
import { afterEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import { APIGatewayClient, GetRestApiCommand, GetStageCommand } from '@aws-sdk/client-api-gateway'
import {
  CloudWatchLogsClient,
  GetQueryResultsCommand,
  StartQueryCommand,
  StopQueryCommand
} from '@aws-sdk/client-cloudwatch-logs'
import { GetTraceSummariesCommand, XRayClient } from '@aws-sdk/client-xray'
import { accessLogKeys, topFaults, triageLine } from '../../src/triage/decide.js'
import { readTriage } from '../../src/triage/aws-reads.js'
import type { Sleep } from '../../src/ports.js'
import { API_NAME, STAGE } from '../../local-runner/fixtures.js'

const gw = mockClient(APIGatewayClient)
const logs = mockClient(CloudWatchLogsClient)
const xray = mockClient(XRayClient)
afterEach(() => {
  gw.reset()
  logs.reset()
  xray.reset()
})

const sleep: Sleep = (_ms, signal) =>
  new Promise((resolve, reject) =>
    signal?.aborted ? reject(signal.reason) : setImmediate(resolve)
  )
const clients = () => ({
  apigateway: new APIGatewayClient({ region: 'us-east-1' }),
  logs: new CloudWatchLogsClient({ region: 'us-east-1' }),
  xray: new XRayClient({ region: 'us-east-1' })
})
/** The reads get `ms`; a query still running then is stopped within a second. */
const within = (ms: number) => ({
  deadline: AbortSignal.timeout(ms),
  stopQuery: { withinMs: 1_000 }
})
const q = {
  restApiId: 'api1',
  stage: STAGE,
  window: { start: new Date('2026-01-01T10:00:00Z'), end: new Date('2026-01-01T10:05:00Z') }
}
const FORMAT =
  '{"requestId":"$context.requestId","isCanary":"$context.isCanaryRequest","status":"$context.status","err":"$context.integrationErrorMessage"}'
const row = (o: Record<string, string>) =>
  Object.entries(o).map(([field, value]) => ({ field, value }))
const denied = () => Object.assign(new Error('no'), { name: 'AccessDeniedException' })

describe('readTriage', () => {
  it('shows the top execution-log errors, the access-log statuses of canary requests and the X-Ray fault causes, with counts', async () => {
    gw.on(GetStageCommand).resolves({
      methodSettings: { '*/*': { loggingLevel: 'ERROR' } },
      accessLogSettings: {
        format: FORMAT,
        destinationArn: 'arn:aws:logs:us-east-1:111122223333:log-group:access'
      },
      tracingEnabled: true
    })
    gw.on(GetRestApiCommand).resolves({ name: API_NAME })
    logs
      .on(StartQueryCommand)
      .callsFake((i: { logGroupNames: string[] }) => ({ queryId: i.logGroupNames.join(',') }))
    logs
      .on(GetQueryResultsCommand, { queryId: 'API-Gateway-Execution-Logs_api1/prod/Canary' })
      .resolvesOnce({ status: 'Running' })
      .resolves({
        status: 'Complete',
        results: [
          row({
            error: 'Lambda execution failed with status 200 due to customer function error: boom',
            errors: '3',
            exampleRequestId: 'r-2'
          }),
          row({
            error:
              'Execution failed due to configuration error: Invalid permissions on Lambda function',
            errors: '41',
            exampleRequestId: 'r-1'
          })
        ]
      })
    logs.on(GetQueryResultsCommand, { queryId: 'access,access/Canary' }).resolves({
      status: 'Complete',
      results: [
        row({ status: '502', err: 'Internal server error', errors: '44', exampleRequestId: 'r-1' })
      ]
    })
    xray.on(GetTraceSummariesCommand).resolves({
      TraceSummaries: [
        {
          Id: 't-1',
          FaultRootCauses: [
            {
              Services: [
                {
                  Name: 'orders-fn',
                  EntityPath: [
                    {
                      Name: 'orders-fn',
                      Exceptions: [{ Name: 'TypeError', Message: 'x is undefined' }]
                    }
                  ]
                }
              ]
            }
          ]
        },
        {
          Id: 't-2',
          FaultRootCauses: [
            {
              Services: [
                {
                  Name: 'orders-fn',
                  EntityPath: [
                    {
                      Name: 'orders-fn',
                      Exceptions: [{ Name: 'TypeError', Message: 'x is undefined' }]
                    }
                  ]
                }
              ]
            }
          ]
        }
      ]
    })
    const t = await readTriage(clients(), q, within(5_000), sleep)
    expect(t.sections.map((s) => s.top[0])).toEqual([
      {
        text: 'Execution failed due to configuration error: Invalid permissions on Lambda function',
        count: 41,
        example: 'r-1'
      },
      { text: 'status 502: Internal server error', count: 44, example: 'r-1' },
      { text: 'orders-fn: TypeError: x is undefined', count: 2, example: 't-1' }
    ])
    const access = logs.commandCalls(StartQueryCommand)[1]!.args[0].input
    expect(access.queryString).toContain('filter `isCanary` like /true/')
    expect(xray.commandCalls(GetTraceSummariesCommand)[0]!.args[0].input.FilterExpression).toBe(
      `service("${API_NAME}/${STAGE}") { fault = true }`
    )
    expect(triageLine(t)).toContain(
      'execution logs: 41× Execution failed due to configuration error'
    )
  })

  it('says in one line each what was denied, off, or too slow, and stops a query past the deadline', async () => {
    gw.on(GetStageCommand).resolves({
      methodSettings: { '*/*': { loggingLevel: 'INFO' } },
      accessLogSettings: {
        format: '$context.requestId',
        destinationArn: 'arn:aws:logs:us-east-1:1:log-group:a'
      },
      tracingEnabled: true
    })
    gw.on(GetRestApiCommand).resolves({ name: API_NAME })
    logs.on(StartQueryCommand).resolves({ queryId: 'q1' })
    logs.on(GetQueryResultsCommand).resolves({ status: 'Running' })
    logs.on(StopQueryCommand).resolves({ success: true })
    xray.on(GetTraceSummariesCommand).rejects(denied())
    const t = await readTriage(clients(), q, within(50), sleep)
    expect(t.sections.map((s) => [s.status, s.note])).toEqual([
      ['slow', 'no answer within the triage time budget'],
      [
        'off',
        'the access-log format is not JSON with $context.isCanaryRequest and $context.status'
      ],
      ['denied', 'not read: allow xray:GetTraceSummaries to see it here']
    ])
    expect(logs.commandCalls(StopQueryCommand)).toHaveLength(1)
  })

  it("sends no StopQuery once the runner's second signal ended the reads", async () => {
    gw.on(GetStageCommand).resolves({ methodSettings: { '*/*': { loggingLevel: 'ERROR' } } })
    logs.on(StartQueryCommand).resolves({ queryId: 'q1' })
    logs.on(GetQueryResultsCommand).resolves({ status: 'Running' })
    logs.on(StopQueryCommand).resolves({ success: true })
    const second = new AbortController()
    const deadline = AbortSignal.any([AbortSignal.timeout(5_000), second.signal])
    setTimeout(() => second.abort(new Error('SIGTERM')), 30)
    const t = await readTriage(
      clients(),
      q,
      { deadline, stopQuery: { withinMs: 500, unless: second.signal } },
      sleep
    )
    expect(t.sections[0]!.status).toBe('slow')
    expect(logs.commandCalls(StopQueryCommand)).toHaveLength(0)
  })

  it('stops a started query when reading its results fails (it would go on scanning, and billing)', async () => {
    gw.on(GetStageCommand).resolves({ methodSettings: { '*/*': { loggingLevel: 'ERROR' } } })
    logs.on(StartQueryCommand).resolves({ queryId: 'q1' })
    logs
      .on(GetQueryResultsCommand)
      .rejects(Object.assign(new Error('slow down'), { name: 'ThrottlingException' }))
    logs.on(StopQueryCommand).resolves({ success: true })
    await readTriage(
      clients(),
      q,
      { deadline: AbortSignal.timeout(5_000), stopQuery: { withinMs: 500 } },
      sleep
    )
    expect(logs.commandCalls(StopQueryCommand)).toHaveLength(1)
  })
})

describe('triage decisions', () => {
  it('finds the access-log keys in a JSON format, and none in another', () => {
    expect(accessLogKeys(FORMAT)).toEqual({
      isCanary: 'isCanary',
      status: 'status',
      requestId: 'requestId',
      error: 'err'
    })
    expect(accessLogKeys('$context.requestId $context.status')).toBeUndefined()
    expect(accessLogKeys('{"status":"$context.status"}')).toBeUndefined()
  })

  it('counts a fault cause once per trace', () => {
    const cause = { service: 'fn', exception: 'Boom' }
    expect(
      topFaults([
        { id: 'a', causes: [cause, cause] },
        { id: 'b', causes: [cause] }
      ])
    ).toEqual([{ text: 'fn: Boom', count: 2, example: 'a' }])
  })
})
