/**
 * Lambda clients for the backend check, one per region a function lives in,
 * made only when the check runs (preflight, or deploy after an import).
 */
import { LambdaClient } from '@aws-sdk/client-lambda'
import { traceCalls, type ClientOptions, type Clients } from '../aws/clients.js'
import { boundCalls } from '../aws/deadline.js'
import { tagOperations } from '../aws/explain-error.js'
import type { Logger } from '../ports.js'
import type { BackendFacts, BackendQuery } from './decide.js'
import { readBackends } from './aws-reads.js'

/** A Lambda client per region, made on first use; `destroy` closes them all. */
export function lambdaClients(
  options: ClientOptions,
  log?: Pick<Logger, 'debug'>
): {
  lambdaIn: (region: string) => LambdaClient
  destroy: () => void
} {
  const made = new Map<string, LambdaClient>()
  return {
    lambdaIn(region) {
      let l = made.get(region)
      if (!l) {
        l = boundCalls(
          new LambdaClient({ ...options.sdk, region }),
          options.callMs,
          options.attemptMs
        )
        tagOperations(l)
        if (log) traceCalls(l, log)
        made.set(region, l)
      }
      return l
    },
    destroy: () => made.forEach((l) => l.destroy())
  }
}

export async function readBackendsWithClients(
  clients: Clients,
  options: ClientOptions,
  q: BackendQuery,
  log?: Pick<Logger, 'debug'>
): Promise<BackendFacts> {
  const l = lambdaClients(options, log)
  try {
    return await readBackends(clients.apigateway, l.lambdaIn, q)
  } finally {
    l.destroy()
  }
}
