import { describe, expect, it } from '@jest/globals'
import {
  APIGatewayClient,
  GetDeploymentCommand,
  GetStageCommand
} from '@aws-sdk/client-api-gateway'
import { CloudWatchClient, DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch'
import { mockClient } from 'aws-sdk-client-mock'
import { alarm, stage } from './helpers/harness.js'
import { runAction } from './helpers/run-action.js'

const base = { 'rest-api-id': 'a1b2c3d4e5', stage: 'prod', 'aws-region': 'us-east-1' }

describe('run()', () => {
  it("keeps the job summary under GitHub's 1 MiB limit, and says it cut it", async () => {
    const apigw = mockClient(APIGatewayClient)
    const cw = mockClient(CloudWatchClient)
    try {
      apigw.on(GetStageCommand).resolves(stage({ canary: 'can001', percent: 5 }))
      apigw.on(GetDeploymentCommand).resolves({ description: 'manual' })
      // 3,000 alarms under the prefix, each with a long reason: a summary of about 2 MB.
      cw.on(DescribeAlarmsCommand).resolves({
        MetricAlarms: Array.from({ length: 3000 }, (_, i) =>
          alarm(`orders-${i}`, 'OK', 'x'.repeat(600))
        )
      })
      const r = await runAction({ ...base, command: 'status', 'alarm-name-prefix': 'orders-' })
      expect(r.exitCode).toBeUndefined()
      expect(Buffer.byteLength(r.summary)).toBeLessThanOrEqual(1_000_000)
      expect(r.summary).toContain("Summary cut at GitHub's 1 MiB limit")
      expect(JSON.parse(r.outputs.alarms!)).toHaveLength(3000)
    } finally {
      apigw.restore()
      cw.restore()
    }
  })

  it('warns about inputs the command does not use, not about action.yml defaults', async () => {
    const apigw = mockClient(APIGatewayClient)
    try {
      apigw.on(GetStageCommand).resolves(stage())
      const r = await runAction({
        ...base,
        command: 'status',
        'rollback-mode': 'remove',
        'if-canary-exists': 'fail'
      })
      expect(r.log.warnings).toEqual([
        "Input 'rollback-mode' is not used by status; it was ignored."
      ])
    } finally {
      apigw.restore()
    }
  })
})
