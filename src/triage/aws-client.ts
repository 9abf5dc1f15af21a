/**
 * Triage's Logs and X-Ray clients, made when triage runs (after a rollback
 * only), so that no other step pays for loading those SDKs at start-up.
 */
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { XRayClient } from '@aws-sdk/client-xray'
import { traceCalls, type ClientOptions, type Clients } from '../aws/clients.js'
import { boundCalls } from '../aws/deadline.js'
import { tagOperations } from '../aws/explain-error.js'
import type { Logger, Sleep } from '../ports.js'
import type { TriageQuery, TriageReport } from './decide.js'
import { readTriage } from './aws-reads.js'
import type { StopQueryLimit } from './budget.js'

export async function readTriageWithClients(
  clients: Clients,
  options: ClientOptions,
  q: TriageQuery,
  deadline: AbortSignal,
  stopQuery: StopQueryLimit,
  sleep: Sleep,
  log?: Pick<Logger, 'debug'>
): Promise<TriageReport> {
  // One attempt each: the budget is short, and a retry would only wait longer.
  const once = { ...options.sdk, maxAttempts: 1 }
  const logs = boundCalls(new CloudWatchLogsClient(once), options.callMs, options.attemptMs)
  const xray = boundCalls(new XRayClient(once), options.callMs, options.attemptMs)
  for (const c of [logs, xray]) {
    tagOperations(c)
    if (log) traceCalls(c, log)
  }
  try {
    return await readTriage(
      { apigateway: clients.apigateway, logs, xray },
      q,
      { deadline, stopQuery },
      sleep
    )
  } finally {
    logs.destroy()
    xray.destroy()
  }
}
