/**
 * Preflight's reads with a Route 53 client of their own. Loaded only when
 * preflight runs (deploy, ramp, the preflight command), so that no other step
 * pays for loading the Route 53 SDK at start-up.
 */
import { Route53Client } from '@aws-sdk/client-route-53'
import type { PreflightFacts, PreflightQuery } from './checks.js'
import type { ClientOptions, Clients } from '../aws/clients.js'
import { boundCalls } from '../aws/deadline.js'
import { tagOperations } from '../aws/explain-error.js'
import { readPreflight } from './aws-reads.js'

export async function readPreflightWithDns(
  clients: Clients,
  options: ClientOptions | undefined,
  q: PreflightQuery
): Promise<PreflightFacts> {
  // Route 53 is global: its endpoint is in us-east-1. Without options (unit tests), no DNS check.
  const route53 = options
    ? boundCalls(
        new Route53Client({ ...options.sdk, region: 'us-east-1' }),
        options.callMs,
        options.attemptMs
      )
    : undefined
  if (route53) tagOperations(route53)
  try {
    return await readPreflight({ ...clients, route53 }, q)
  } finally {
    route53?.destroy()
  }
}
