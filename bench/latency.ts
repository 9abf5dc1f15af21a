/**
 * (a) Alarm-to-rollback latency. Each trial: canary at 5 %, alarm OK; `shift`
 * to 10 % with a 60 s bake polled every second; once the bake is polling,
 * wait a random 0-1000 ms (a random phase of the poll cycle) and set the alarm
 * to ALARM. Latency is measured on the emulator's clock, from the call log:
 * the SetAlarmState call to the UpdateStage that set the traffic to 0.0.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { UpdateAccountCommand, UpdateStageCommand } from '@aws-sdk/client-api-gateway'
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand
} from '@aws-sdk/client-cloudwatch-logs'
import { clearCalls, getCalls, type CallRecord } from '../emulator/client.js'
import {
  canaryPercent,
  freshFixture,
  percentSet,
  setAlarm,
  setCanaryPercent,
  type Aws,
  type Fixture
} from './setup.js'
import { startAction } from '../local-runner/run-action.js'
import { benchStep } from './spawn-action.js'
import { CANARY_STAGE, STAGE } from '../local-runner/fixtures.js'

export const POLL_INTERVAL_MS = 1000

export interface Trial {
  /** SetAlarmState ALARM → UpdateStage percentTraffic 0.0, ms on the emulator's clock. */
  latencyMs: number
  /** SetAlarmState → the first DescribeAlarms after it (waiting for the next poll). */
  toPollMs: number
  /** That DescribeAlarms → the rollback UpdateStage (reacting). */
  reactMs: number
  /** The random delay used before raising the alarm. */
  phaseMs: number
  exitCode: number | null
  finalPercent: number | undefined
  status: string
  percentOutput: string
  /** Wall time of the whole `shift` process. */
  processMs: number
  /** Whether the trial ran with triage on (it runs after the rollback). */
  triage: boolean
  /** The rollback UpdateStage → the process's exit: the triage and the outputs. */
  afterRollbackMs: number
  /** Every call the emulator served in the trial, from the action's start. */
  calls: CallRecord[]
}

const t = (c: CallRecord) => Date.parse(c.time)

/** Polls the call log until `ready` holds for it, or fails after `timeoutMs`. */
async function waitForLog(
  url: string,
  ready: (calls: CallRecord[]) => boolean,
  timeoutMs: number,
  what: string
): Promise<CallRecord[]> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const calls = await getCalls(url)
    if (ready(calls)) return calls
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`)
    await sleep(10)
  }
}

function bakePolling(calls: CallRecord[]): boolean {
  const raised = calls.findIndex((c) => percentSet(c) === '10.0')
  return raised >= 0 && calls.slice(raised + 1).some((c) => c.operation === 'DescribeAlarms')
}

async function trial(aws: Aws, fx: Fixture, triage: boolean): Promise<Trial> {
  await setCanaryPercent(aws, fx, 5)
  await setAlarm(aws, 'OK')
  await clearCalls(aws.url)

  const started = startAction(
    {
      command: 'shift',
      'rest-api-id': fx.restApiId,
      stage: STAGE,
      percent: '10',
      'bake-time': '60s',
      'poll-interval': '1s',
      'alarm-names': fx.alarmName!,
      triage: String(triage)
    },
    benchStep(aws.url)
  )
  // Fail fast if the process dies before the bake starts.
  let exited = false
  void started.done.then(
    () => (exited = true),
    () => (exited = true)
  )
  await waitForLog(aws.url, (c) => exited || bakePolling(c), 15_000, 'the bake to start polling')
  if (exited) {
    const r = await started.done
    throw new Error(
      `shift exited (${r.code}) before its bake started:\n${r.stdout.slice(-2000)}${r.stderr}`
    )
  }
  const phaseMs = Math.random() * POLL_INTERVAL_MS
  await sleep(phaseMs)
  await setAlarm(aws, 'ALARM')
  const killer = setTimeout(() => started.child.kill('SIGKILL'), 15_000)
  const run = await started.done.finally(() => clearTimeout(killer))
  if (run.signal) throw new Error(`shift did not exit within 15 s of the alarm (${run.signal})`)

  const calls = await getCalls(aws.url)
  const alarmAt = calls.findIndex(
    (c) => c.operation === 'SetAlarmState' && c.input.StateValue === 'ALARM'
  )
  if (alarmAt < 0) throw new Error('no SetAlarmState ALARM in the call log')
  const after = calls.slice(alarmAt + 1)
  const rollback = after.find((c) => percentSet(c) === '0.0')
  const firstPoll = after.find((c) => c.operation === 'DescribeAlarms')
  if (!rollback) {
    throw new Error(
      `no UpdateStage to 0.0 after the alarm (exit ${run.code}):\n${run.stdout.slice(-2000)}`
    )
  }
  const alarm = calls[alarmAt]!
  return {
    latencyMs: t(rollback) - t(alarm),
    toPollMs: firstPoll ? t(firstPoll) - t(alarm) : NaN,
    reactMs: firstPoll ? t(rollback) - t(firstPoll) : NaN,
    phaseMs,
    exitCode: run.code,
    finalPercent: await canaryPercent(aws, fx),
    status: run.outputs.status ?? '',
    percentOutput: run.outputs.percent ?? '',
    processMs: run.ms,
    triage,
    afterRollbackMs: run.startedAt + run.ms - t(rollback),
    calls: calls.filter((c) => c.operation !== 'SetAlarmState')
  }
}

/** Execution logging on, and failed canary requests in its log group: triage has a query to run. */
async function canaryLogging(aws: Aws, fx: Fixture): Promise<void> {
  const role = 'arn:aws:iam::123456789012:role/apigw-logs'
  await aws.apigw.send(
    new UpdateAccountCommand({
      patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: role }]
    })
  )
  await aws.apigw.send(
    new UpdateStageCommand({
      restApiId: fx.restApiId,
      stageName: STAGE,
      patchOperations: [{ op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR' }]
    })
  )
  const logs = new CloudWatchLogsClient({
    region: 'us-east-1',
    endpoint: aws.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' }
  })
  const group = `API-Gateway-Execution-Logs_${fx.restApiId}/${CANARY_STAGE}`
  await logs.send(new CreateLogGroupCommand({ logGroupName: group }))
  await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'bench' }))
  const now = Date.now() + 60_000
  await logs.send(
    new PutLogEventsCommand({
      logGroupName: group,
      logStreamName: 'bench',
      logEvents: Array.from({ length: 200 }, (_, i) => ({
        timestamp: now,
        message: `(req-${i}) ${i % 4 ? 'Method completed with status: 502' : 'Execution failed due to configuration error: Invalid permissions on Lambda function'}`
      }))
    })
  )
  logs.destroy()
}

/** Runs `trials` trials on one fixture (canary reset to 5 % before each). */
export async function measureLatency(
  aws: Aws,
  trials: number,
  onTrial?: (i: number, tr: Trial) => void
): Promise<Trial[]> {
  const fx = await freshFixture(aws, { canaryPercent: 5, alarm: true })
  await canaryLogging(aws, fx)
  const out: Trial[] = []
  for (let i = 0; i < trials; i++) {
    // Every other trial with triage on: the rollback's latency must be the same either way.
    const tr = await trial(aws, fx, i % 2 === 0)
    out.push(tr)
    onTrial?.(i, tr)
  }
  return out
}
