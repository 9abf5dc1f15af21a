/**
 * The canary's logs as API Gateway writes them, for the triage e2e tests:
 * execution logging on the stage, and `(request-id) message` lines in the
 * canary's execution log group, through CloudWatch Logs' own write APIs.
 */
import { UpdateAccountCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway'
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand
} from '@aws-sdk/client-cloudwatch-logs'
import type { World } from './fixtures.js'
import { STAGE } from '../../local-runner/fixtures.js'

export const logsClient = (w: World) =>
  new CloudWatchLogsClient({
    region: 'us-east-1',
    endpoint: w.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' }
  })

/** Writes execution-log lines `(request-id) message` into the canary's log group, as API Gateway would. */
export async function canaryLogs(w: World, restApiId: string, lines: Array<[string, number]>) {
  const logs = logsClient(w)
  const group = `API-Gateway-Execution-Logs_${restApiId}/${STAGE}/Canary`
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }))
  await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'canary-1' }))
  const now = Date.now()
  let n = 0
  const events = lines.flatMap(([message, times]) =>
    Array.from({ length: times }, () => ({
      timestamp: now,
      message: `(req-${String(++n).padStart(3, '0')}) ${message}`
    }))
  )
  await logs.send(
    new PutLogEventsCommand({ logGroupName: group, logStreamName: 'canary-1', logEvents: events })
  )
}

/** Execution logging at ERROR on the stage (the account has its CloudWatch role). */
export async function loggingOn(w: World, restApiId: string) {
  const role = 'arn:aws:iam::123456789012:role/apigw-logs'
  await w.apigw.send(
    new UpdateAccountCommand({
      patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: role }]
    })
  )
  await w.apigw.send(
    new UpdateStageCommand({
      restApiId,
      stageName: STAGE,
      patchOperations: [{ op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR' }]
    })
  )
}
