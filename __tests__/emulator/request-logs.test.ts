/**
 * Scripted traffic with `requestLogs`: the drawn requests are written where
 * API Gateway would log and trace them (execution logs, access logs, X-Ray),
 * and what the Logs and X-Ray APIs then answer agrees with the drawn errors.
 */
import { GetQueryResultsCommand, StartQueryCommand } from '@aws-sdk/client-cloudwatch-logs'
import { GetTraceSummariesCommand } from '@aws-sdk/client-xray'
import { describe, expect, it } from '@jest/globals'

import { setMetricScenario } from '../../emulator/client.js'
import { useEmulator } from './helpers.js'

const NOW = Date.UTC(2026, 11, 6, 13, 0, 0)
const START = NOW - 30 * 60_000
const t = useEmulator(() => NOW)
const ERROR = 'Execution failed due to configuration error: Invalid permissions on Lambda function'

async function rows(logGroupName: string, queryString: string) {
  const { queryId } = await t.c.logs.send(
    new StartQueryCommand({
      logGroupName,
      startTime: START / 1000,
      endTime: NOW / 1000,
      queryString
    })
  )
  for (;;) {
    const r = await t.c.logs.send(new GetQueryResultsCommand({ queryId }))
    if (r.status !== 'Running' && r.status !== 'Scheduled') {
      return (r.results ?? []).map((row) => Object.fromEntries(row.map((f) => [f.field, f.value])))
    }
  }
}

describe('scripted traffic written to logs and traces', () => {
  it("logs and traces the canary's failed requests where the action reads them", async () => {
    await setMetricScenario(t.emu.url, {
      apiName: 'orders',
      stage: 'prod',
      start: new Date(START).toISOString(),
      minutes: 10,
      seed: 3,
      stable: { requestsPerMinute: 50, errorRate5xx: 0 },
      canary: { requestsPerMinute: 10, errorRate5xx: 0.3 },
      requestLogs: {
        restApiId: 'a1b2c3d4e5',
        accessLogGroup: 'orders-access',
        tracing: true,
        errorMessage: ERROR,
        maxRequestsPerMinute: 50
      }
    })
    const exec = await rows(
      'API-Gateway-Execution-Logs_a1b2c3d4e5/prod/Canary',
      'parse @message "(*) *" as requestId, text | filter text like /Execution failed/ | stats count(*) as n, earliest(requestId) as example by text'
    )
    expect(exec).toHaveLength(1)
    expect(exec[0]).toMatchObject({ text: ERROR })
    const failed = Number(exec[0]!.n)
    expect(failed).toBeGreaterThan(5)

    const access = await rows(
      'orders-access/Canary',
      'filter isCanaryRequest = "true" and status >= 500 | stats count(*) as n, earliest(requestId) as example by integrationErrorMessage'
    )
    expect(access).toEqual([
      { integrationErrorMessage: ERROR, n: String(failed), example: exec[0]!.example }
    ])
    const stable = await rows(
      'orders-access',
      'filter status >= 500 or isCanaryRequest = "true" | stats count(*) as n'
    )
    expect(stable).toEqual([{ n: '0' }])

    const traces = await t.c.xray.send(
      new GetTraceSummariesCommand({
        StartTime: new Date(START),
        EndTime: new Date(NOW),
        FilterExpression: 'service("orders/prod") { fault = true }'
      })
    )
    expect(traces.TraceSummaries).toHaveLength(failed)
    expect(
      traces.TraceSummaries?.[0]?.FaultRootCauses?.[0]?.Services?.[0]?.EntityPath?.[1]?.Exceptions
    ).toEqual([{ Name: 'LambdaError', Message: ERROR }])
  })
})
