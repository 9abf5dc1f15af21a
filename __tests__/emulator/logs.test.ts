/**
 * CloudWatch Logs on the emulator's port, through
 * @aws-sdk/client-cloudwatch-logs: log groups, streams and events written as
 * a user's tooling would, and Logs Insights queries really evaluated over the
 * stored events (JSON access logs and execution-log lines), in their time range.
 */
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  DescribeLogGroupsCommand,
  GetQueryResultsCommand,
  type GetQueryResultsCommandOutput,
  PutLogEventsCommand,
  StartQueryCommand,
  StopQueryCommand
} from '@aws-sdk/client-cloudwatch-logs'
import { beforeEach, describe, expect, it } from '@jest/globals'

import { setQueriesKeepRunning } from '../../emulator/client.js'
import { expectAwsError, useEmulator } from './helpers.js'

const GROUP = 'API-Gateway-Access-Logs_orders/prod'
const T0 = Date.UTC(2026, 11, 6, 12, 0, 0)
/** The emulator's clock: an hour after T0 (PutLogEvents refuses events over 14 days old). */
const t = useEmulator(() => T0 + 3_600_000)
const logs = () => t.c.logs
const sec = (ms: number) => Math.floor(ms / 1000)

interface Access {
  requestId: string
  status: number
  isCanaryRequest: boolean
  at: number
  path?: string
}

const accessLine = (a: Access) =>
  JSON.stringify({
    requestId: a.requestId,
    status: String(a.status),
    isCanaryRequest: String(a.isCanaryRequest),
    path: a.path ?? '/orders',
    responseLatency: '42'
  })

async function write(group: string, stream: string, lines: Array<{ at: number; message: string }>) {
  await logs().send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: stream }))
  await logs().send(
    new PutLogEventsCommand({
      logGroupName: group,
      logStreamName: stream,
      logEvents: lines.map((l) => ({ timestamp: l.at, message: l.message }))
    })
  )
}

/** Starts a query and polls it to completion; the statuses it went through. */
async function query(queryString: string, start = T0, end = T0 + 600_000, group = GROUP) {
  const { queryId } = await logs().send(
    new StartQueryCommand({
      logGroupName: group,
      startTime: sec(start),
      endTime: sec(end),
      queryString
    })
  )
  const statuses: string[] = []
  let r: GetQueryResultsCommandOutput
  do {
    r = await logs().send(new GetQueryResultsCommand({ queryId }))
    statuses.push(r.status!)
  } while (r.status === 'Running' || r.status === 'Scheduled')
  const rows = (r.results ?? []).map((row) =>
    Object.fromEntries(row.filter((f) => f.field !== '@ptr').map((f) => [f.field, f.value]))
  )
  return { rows, statuses, statistics: r.statistics }
}

beforeEach(async () => {
  await logs().send(new CreateLogGroupCommand({ logGroupName: GROUP }))
  const requests: Access[] = [
    { requestId: 'r1', status: 200, isCanaryRequest: false, at: T0 + 1_000 },
    { requestId: 'r2', status: 502, isCanaryRequest: true, at: T0 + 2_000 },
    { requestId: 'r3', status: 502, isCanaryRequest: true, at: T0 + 3_000 },
    { requestId: 'r4', status: 500, isCanaryRequest: true, at: T0 + 4_000 },
    { requestId: 'r5', status: 500, isCanaryRequest: false, at: T0 + 5_000 },
    { requestId: 'r6', status: 404, isCanaryRequest: true, at: T0 + 6_000, path: '/orders/9' },
    { requestId: 'r7', status: 502, isCanaryRequest: true, at: T0 + 900_000 }
  ]
  await write(
    GROUP,
    'stream-a',
    requests.map((a) => ({ at: a.at, message: accessLine(a) }))
  )
})

describe('log groups, streams and events', () => {
  it('creates groups and streams once, with the errors Logs answers', async () => {
    await expectAwsError(
      logs().send(new CreateLogGroupCommand({ logGroupName: GROUP })),
      'ResourceAlreadyExistsException',
      400,
      'The specified log group already exists'
    )
    await expectAwsError(
      logs().send(new CreateLogStreamCommand({ logGroupName: 'nope', logStreamName: 's' })),
      'ResourceNotFoundException',
      400,
      'The specified log group does not exist.'
    )
    await expectAwsError(
      logs().send(
        new PutLogEventsCommand({
          logGroupName: GROUP,
          logStreamName: 'stream-a',
          logEvents: [
            { timestamp: T0 + 2, message: 'b' },
            { timestamp: T0 + 1, message: 'a' }
          ]
        })
      ),
      'InvalidParameterException',
      400,
      'Log events in a single PutLogEvents request must be in chronological order.'
    )
    const groups = await logs().send(new DescribeLogGroupsCommand({ logGroupNamePrefix: 'API-' }))
    expect(groups.logGroups?.map((g) => g.logGroupName)).toEqual([GROUP])
  })

  it('rejects events too old or too far ahead, and keeps the others', async () => {
    const put = (offsets: number[]) =>
      logs().send(
        new PutLogEventsCommand({
          logGroupName: GROUP,
          logStreamName: 'stream-a',
          logEvents: offsets.map((o) => ({ timestamp: T0 + 3_600_000 + o, message: String(o) }))
        })
      )
    const old = await put([-14.6 * 86_400_000, -14.2 * 86_400_000, -13.9 * 86_400_000])
    expect(old.rejectedLogEventsInfo).toEqual({ tooOldLogEventEndIndex: 2 })
    const ahead = await put([3_600_000, 3 * 3_600_000])
    expect(ahead.rejectedLogEventsInfo).toEqual({ tooNewLogEventStartIndex: 1 })
  })
})

describe('Logs Insights', () => {
  it('counts the canary 5XX by status, with one example request id each, in the time range', async () => {
    const r = await query(
      `fields @timestamp, status, requestId
       | filter isCanaryRequest = "true" and status >= 500
       | stats count(*) as requests, earliest(requestId) as example by status
       | sort requests desc
       | limit 5`
    )
    expect(r.statuses).toEqual(['Running', 'Complete'])
    // r7 is after the end of the range
    expect(r.rows).toEqual([
      { status: '502', requests: '2', example: 'r2' },
      { status: '500', requests: '1', example: 'r4' }
    ])
    expect(r.statistics).toMatchObject({ recordsScanned: 6 })
  })

  it('groups a JSON number and a JSON string of the same value together', async () => {
    await write(GROUP, 'stream-b', [
      {
        at: T0 + 7_000,
        message: JSON.stringify({ requestId: 'n1', status: 502, isCanaryRequest: true })
      }
    ])
    const r = await query(
      'filter isCanaryRequest like /true/ and status like /^5/ | stats count(*) as n by status | sort n desc'
    )
    expect(r.rows).toEqual([
      { status: '502', n: '3' },
      { status: '500', n: '1' }
    ])
  })

  it('filters with like, regex, in, not, ispresent and answers newest first with @ptr', async () => {
    const q = await query(
      `fields requestId | filter path like /orders\\/\\d+/ or requestId in ["r1"]`
    )
    expect(q.rows).toEqual([{ requestId: 'r6' }, { requestId: 'r1' }])
    const n = await query(
      `filter not ispresent(nothing) and status != 200 and requestId not like "r5" | stats count(*)`
    )
    expect(n.rows).toEqual([{ 'count(*)': '4' }])
    const { queryId } = await logs().send(
      new StartQueryCommand({
        logGroupName: GROUP,
        startTime: sec(T0),
        endTime: sec(T0 + 10_000),
        queryString: 'fields requestId | limit 1'
      })
    )
    await logs().send(new GetQueryResultsCommand({ queryId }))
    const done = await logs().send(new GetQueryResultsCommand({ queryId }))
    expect(done.results?.[0]?.map((f) => f.field)).toEqual(['requestId', '@ptr'])
    expect(done.results?.[0]?.[0]?.value).toBe('r6')
  })

  it('bins by time, counts distinct values, averages, dedups and sorts ascending', async () => {
    const binned = await query(
      'filter isCanaryRequest = "true" | stats count(*) as n, count_distinct(status) as statuses, avg(responseLatency) as latency by bin(1m) as minute'
    )
    expect(binned.rows).toEqual([
      { minute: '2026-12-06 12:00:00.000', n: '4', statuses: '3', latency: '42' }
    ])
    // dedup keeps each status's newest event
    const firsts = await query('dedup status | sort requestId asc | display requestId, status')
    expect(firsts.rows).toEqual([
      { requestId: 'r1', status: '200' },
      { requestId: 'r3', status: '502' },
      { requestId: 'r5', status: '500' },
      { requestId: 'r6', status: '404' }
    ])
  })

  it('parses execution-log lines with a glob and with named groups', async () => {
    const EXEC = 'API-Gateway-Execution-Logs_a1b2c3/prod/Canary'
    await logs().send(new CreateLogGroupCommand({ logGroupName: EXEC }))
    const line = (id: string, text: string, at: number) => ({ at, message: `(${id}) ${text}` })
    await write(EXEC, 'e1', [
      line(
        'r2',
        'Execution failed due to configuration error: Invalid permissions on Lambda function',
        T0 + 2_000
      ),
      line(
        'r3',
        'Execution failed due to configuration error: Invalid permissions on Lambda function',
        T0 + 3_000
      ),
      line('r3', 'Method completed with status: 500', T0 + 3_001),
      line('r4', 'Lambda invocation failed with status: 429', T0 + 4_000)
    ])
    const glob = await query(
      `parse @message "(*) *" as requestId, text
       | filter text like /failed/
       | stats count(*) as n, latest(requestId) as example by text
       | sort n desc`,
      T0,
      T0 + 600_000,
      EXEC
    )
    expect(glob.rows).toEqual([
      {
        text: 'Execution failed due to configuration error: Invalid permissions on Lambda function',
        n: '2',
        example: 'r3'
      },
      { text: 'Lambda invocation failed with status: 429', n: '1', example: 'r4' }
    ])
    const regex = await query(
      `parse @message /status: (?<code>\\d+)/ | filter ispresent(code) | display code`,
      T0,
      T0 + 600_000,
      EXEC
    )
    expect(regex.rows).toEqual([{ code: '429' }, { code: '500' }])
  })

  it("answers the shapes of the action's triage queries: backticked names, an anchored named-group parse", async () => {
    const access = await query(
      [
        'fields @timestamp',
        '| filter `isCanaryRequest` like /true/ and `status` like /^[45]\\d\\d$/',
        '| stats count(*) as errors, earliest(`requestId`) as exampleRequestId by `status`, `path`',
        '| sort errors desc',
        '| limit 10'
      ].join('\n')
    )
    // the most errors first; ties in no set order
    expect(access.rows[0]).toEqual({
      status: '502',
      path: '/orders',
      errors: '2',
      exampleRequestId: 'r2'
    })
    expect(access.rows.slice(1).sort((a, b) => a.status!.localeCompare(b.status!))).toEqual([
      { status: '404', path: '/orders/9', errors: '1', exampleRequestId: 'r6' },
      { status: '500', path: '/orders', errors: '1', exampleRequestId: 'r4' }
    ])
    const EXEC = 'API-Gateway-Execution-Logs_a1b2c3/prod/Canary'
    await logs().send(new CreateLogGroupCommand({ logGroupName: EXEC }))
    await write(EXEC, 'e1', [
      {
        at: T0 + 1_000,
        message: '(r1) Method request body before transformations: {"card":"4111"}'
      },
      {
        at: T0 + 2_000,
        message: '(r2) Lambda execution failed with status 200 due to customer function error'
      },
      { at: T0 + 3_000, message: '(r2) Method completed with status: 502' }
    ])
    const exec = await query(
      [
        'fields @timestamp, @message',
        '| filter @message like /Method completed with status: 5\\d\\d|Execution failed|Lambda execution failed/',
        '| filter @message not like /body/',
        '| parse @message /^\\((?<requestId>[^)]+)\\) (?<error>.*)$/',
        '| stats count(*) as errors, earliest(requestId) as exampleRequestId by error',
        '| sort errors desc'
      ].join('\n'),
      T0,
      T0 + 600_000,
      EXEC
    )
    expect(exec.rows.map((r) => r.error).sort()).toEqual([
      'Lambda execution failed with status 200 due to customer function error',
      'Method completed with status: 502'
    ])
  })

  it('refuses a query it cannot compile, a missing group and a reversed range', async () => {
    const start = (
      queryString: string,
      logGroupName = GROUP,
      startTime = sec(T0),
      endTime = sec(T0) + 60
    ) => logs().send(new StartQueryCommand({ logGroupName, startTime, endTime, queryString }))
    await expectAwsError(start('fields a | frobnicate b'), 'MalformedQueryException', 400)
    await expectAwsError(start('stats nosuch(x)'), 'MalformedQueryException', 400)
    await expectAwsError(start('fields a', 'nope'), 'ResourceNotFoundException', 400)
    await expectAwsError(
      start('fields a', GROUP, sec(T0) + 60, sec(T0)),
      'InvalidParameterException',
      400
    )
  })

  it('stops a running query, not a complete one', async () => {
    const { queryId } = await logs().send(
      new StartQueryCommand({
        logGroupName: GROUP,
        startTime: sec(T0),
        endTime: sec(T0) + 60,
        queryString: 'fields @message'
      })
    )
    expect((await logs().send(new StopQueryCommand({ queryId }))).success).toBe(true)
    expect((await logs().send(new GetQueryResultsCommand({ queryId }))).status).toBe('Cancelled')
    await expectAwsError(
      logs().send(new StopQueryCommand({ queryId })),
      'InvalidParameterException',
      400
    )
    await expectAwsError(
      logs().send(new GetQueryResultsCommand({ queryId: 'nope' })),
      'ResourceNotFoundException',
      400
    )
  })

  it('keeps a query Running under the keepRunning hook, until StopQuery; a reset ends the hook', async () => {
    await setQueriesKeepRunning(t.emu.url, true)
    const { queryId } = await logs().send(
      new StartQueryCommand({
        logGroupName: GROUP,
        startTime: sec(T0),
        endTime: sec(T0) + 60,
        queryString: 'fields @message'
      })
    )
    const statuses = []
    for (let i = 0; i < 4; i++)
      statuses.push((await logs().send(new GetQueryResultsCommand({ queryId }))).status)
    expect(statuses).toEqual(['Running', 'Running', 'Running', 'Running'])
    expect((await logs().send(new StopQueryCommand({ queryId }))).success).toBe(true)
    expect((await logs().send(new GetQueryResultsCommand({ queryId }))).status).toBe('Cancelled')
    t.emu.state.reset()
    await logs().send(new CreateLogGroupCommand({ logGroupName: GROUP }))
    expect((await query('fields @message')).statuses).toEqual(['Running', 'Complete'])
  })
})
