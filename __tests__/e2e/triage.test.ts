/**
 * Triage after an alarm rollback, through the bundle against the emulator:
 * the canary's execution-log events are written with CloudWatch Logs' own
 * write APIs, the emulator evaluates the action's Logs Insights query over
 * them, and the summary shows the top errors with their counts, never a
 * request body. Whatever triage finds, the rollback and the step's result
 * are the same.
 */
import { describe, expect, it } from '@jest/globals'
import { UpdateStageCommand } from '@aws-sdk/client-api-gateway'
import { PutTraceSegmentsCommand, XRayClient } from '@aws-sdk/client-xray'
import {
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand
} from '@aws-sdk/client-cloudwatch-logs'
import { injectedCommands } from '../../chaos/invariants.js'
import { canaryLogs, loggingOn, logsClient } from './triage-world.js'
import { setAccessDenied } from '../../emulator/client.js'
import {
  ERRORS_ALARM,
  count,
  freshRelease,
  getStage,
  setAlarm,
  startBakingShift,
  step,
  useWorld,
  type World
} from './fixtures.js'
import { STAGE } from '../../local-runner/fixtures.js'

const world = useWorld()

const hex = (n: number, len = 16) => n.toString(16).padStart(len, '0')

/** `n` canary requests through orders-api/prod whose Lambda threw, as API Gateway and Lambda trace them. */
async function faultedTraces(w: World, n: number) {
  const xray = new XRayClient({
    region: 'us-east-1',
    endpoint: w.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' }
  })
  const at = Math.floor(Date.now() / 1000)
  const docs = Array.from({ length: n }, (_, i) => {
    const trace_id = `1-${at.toString(16)}-${hex(i + 1, 24)}`
    const call = hex(i * 10 + 2)
    const times = { start_time: at, end_time: at + 0.2 }
    return [
      {
        name: 'orders-api/prod',
        id: hex(i * 10 + 1),
        trace_id,
        origin: 'AWS::ApiGateway::Stage',
        ...times,
        fault: true,
        http: {
          request: { method: 'GET', url: 'https://x/prod/orders' },
          response: { status: 502 }
        },
        subsegments: [{ name: 'Lambda', id: call, ...times, fault: true, namespace: 'aws' }]
      },
      {
        name: 'orders',
        id: hex(i * 10 + 3),
        trace_id,
        parent_id: call,
        origin: 'AWS::Lambda::Function',
        ...times,
        fault: true,
        cause: { exceptions: [{ id: hex(9), type: 'TypeError', message: 'x is undefined' }] }
      }
    ].map((s) => JSON.stringify(s))
  }).flat()
  await xray.send(new PutTraceSegmentsCommand({ TraceSegmentDocuments: docs }))
  xray.destroy()
}

/** A 10 % canary baking in a shift, stopped by the alarm: the step's result and calls. */
async function alarmRollback(w: World, restApiId: string, inputs: Record<string, string> = {}) {
  await step(w, restApiId, { command: 'deploy', percent: '5', 'alarm-names': ERRORS_ALARM })
  const run = await startBakingShift(w, restApiId, 10, { 'bake-time': '60s', ...inputs })
  await setAlarm(w, ERRORS_ALARM, 'ALARM', 'Threshold Crossed: 1 datapoint [12.0] > 5.0')
  const r = await run.done
  return { r, log: await w.calls() }
}

/** Logging, tracing and JSON access logs on; 5 canary requests answered 502 in the canary's access-log group. */
async function accessLogWorld(w: World): Promise<string> {
  const { restApiId } = await freshRelease(w)
  await loggingOn(w, restApiId)
  const logs = logsClient(w)
  const group = 'orders-access'
  for (const g of [group, `${group}/Canary`]) {
    await logs.send(new CreateLogGroupCommand({ logGroupName: g }))
    await logs.send(new CreateLogStreamCommand({ logGroupName: g, logStreamName: 's' }))
  }
  const entry = (i: number, canary: boolean, status: number) =>
    JSON.stringify({ requestId: `a-${i}`, isCanary: String(canary), status: String(status) })
  await logs.send(
    new PutLogEventsCommand({
      logGroupName: `${group}/Canary`,
      logStreamName: 's',
      logEvents: Array.from({ length: 7 }, (_, i) => ({
        timestamp: Date.now(),
        message: entry(i, true, i < 5 ? 502 : 200)
      }))
    })
  )
  await w.apigw.send(
    new UpdateStageCommand({
      restApiId,
      stageName: STAGE,
      patchOperations: [
        { op: 'replace', path: '/tracingEnabled', value: 'true' },
        {
          op: 'replace',
          path: '/accessLogSettings/destinationArn',
          value: `arn:aws:logs:us-east-1:123456789012:log-group:${group}`
        },
        {
          op: 'replace',
          path: '/accessLogSettings/format',
          value:
            '{"requestId":"$context.requestId","isCanary":"$context.isCanaryRequest","status":"$context.status"}'
        }
      ]
    })
  )
  return restApiId
}

describe('triage after an alarm rollback', () => {
  it("shows the canary's top errors with counts and an example request, never a body", async () => {
    const w = world()
    const { restApiId } = await freshRelease(w)
    await loggingOn(w, restApiId)
    await canaryLogs(w, restApiId, [
      ['Execution failed due to configuration error: Invalid permissions on Lambda function', 41],
      ['Method completed with status: 500', 41],
      ['Endpoint response body before transformations: {"card":"4111111111111111"}', 3],
      ['Lambda execution failed with status 200 due to customer function error: boom', 2],
      ['Execution failed: ##[add-mask]x ::set-output name=status::promoted | <b>', 1]
    ])
    const { r, log } = await alarmRollback(w, restApiId)
    expect(r.code).toBe(1)
    expect(r.outputs.status).toBe('rolled-back')
    expect((await getStage(w, restApiId)).canarySettings?.percentTraffic).toBe(0)
    // The rollback came first; triage's reads after it.
    const ops = log.map((c) => c.operation)
    expect(ops.lastIndexOf('UpdateStage')).toBeLessThan(ops.indexOf('StartQuery'))
    expect(r.summary).toContain('### Triage: what the canary answered')
    expect(r.summary).toMatch(
      /\| 41 \| Execution failed due to configuration error: Invalid permissions on Lambda function \| `req-\d+` \|/
    )
    expect(r.summary).toContain('| 2 | Lambda execution failed with status 200')
    expect(r.summary.indexOf('### Triage')).toBeLessThan(r.summary.indexOf('Investigate'))
    expect(r.summary + r.stdout + r.outputs.report).not.toContain('4111111111111111')
    // A hostile message is shown, neutralised: no workflow command, no HTML.
    expect(injectedCommands(r.stdout)).toEqual([])
    expect(r.outputs.status).toBe('rolled-back')
    expect(r.summary).toMatch(/\| 1 \| Execution failed: .*add-mask.* \\\| \\<b\\> \|/)
    expect(r.summary).not.toContain('<b>')
    expect(r.stdout).toContain('Triage of the canary, ')
    expect(r.stdout).toMatch(/execution logs: 41× /)
    const report = JSON.parse(r.outputs.report!) as { triage: { sections: unknown[] } }
    expect(report.triage.sections).toHaveLength(3)
    expect(count(log, 'StopQuery')).toBe(0)
  })

  it('says in one line when there is nothing to read, and the step ends the same', async () => {
    const w = world()
    const { restApiId } = await freshRelease(w)
    const { r } = await alarmRollback(w, restApiId)
    expect(r.code).toBe(1)
    expect(r.outputs.status).toBe('rolled-back')
    expect(r.summary).toContain('- **execution logs**: execution logging is off on the stage')
    expect(r.summary).toContain('- **X-Ray**: tracing is off on the stage')
  })

  it('does not run with triage: false', async () => {
    const w = world()
    const { restApiId } = await freshRelease(w)
    const { r, log } = await alarmRollback(w, restApiId, { triage: 'false' })
    expect(r.outputs.status).toBe('rolled-back')
    expect(r.summary).not.toContain('### Triage')
    expect(count(log, 'StartQuery')).toBe(0)
  })

  it('with tracing on, shows the top fault causes from X-Ray with the number of traces', async () => {
    const w = world()
    const { restApiId } = await freshRelease(w)
    await w.apigw.send(
      new UpdateStageCommand({
        restApiId,
        stageName: STAGE,
        patchOperations: [{ op: 'replace', path: '/tracingEnabled', value: 'true' }]
      })
    )
    await faultedTraces(w, 3)
    const { r, log } = await alarmRollback(w, restApiId)
    expect(r.outputs.status).toBe('rolled-back')
    expect(count(log, 'GetTraceSummaries')).toBeGreaterThanOrEqual(1)
    expect(r.summary).toMatch(
      /\| 3 \| orders: TypeError: x is undefined \| `1-[0-9a-f]+-[0-9a-f]{24}` \|/
    )
    expect(r.stdout).toContain('X-Ray: 3× orders: TypeError: x is undefined')
  })

  it("shows canary requests' statuses from JSON access logs; with the reads denied, one line each and the same result", async () => {
    const w = world()
    const found = await alarmRollback(w, await accessLogWorld(w))
    expect(found.r.summary).toMatch(/\| 5 \| status 502 \| `a-\d` \|/)

    // A fresh world (seeding resets the emulator, denials included), then the reads denied.
    const again = await accessLogWorld(w)
    await setAccessDenied(w.url, ['StartQuery', 'GetTraceSummaries'])
    try {
      const denied = await alarmRollback(w, again)
      expect([denied.r.code, denied.r.outputs.status, denied.r.outputs.percent]).toEqual([
        found.r.code,
        found.r.outputs.status,
        found.r.outputs.percent
      ])
      expect(denied.r.outputs['abort-reason']).toBe(found.r.outputs['abort-reason'])
      expect(denied.r.summary).toContain(
        '- **execution logs**: not read: allow logs:StartQuery and logs:GetQueryResults to see it here'
      )
      expect(denied.r.summary).toContain(
        '- **access logs**: not read: allow logs:StartQuery and logs:GetQueryResults to see it here'
      )
      expect(denied.r.summary).toContain(
        '- **X-Ray**: not read: allow xray:GetTraceSummaries to see it here'
      )
    } finally {
      await setAccessDenied(w.url, [])
    }
  })
})
