/**
 * Preflight's reads with Route 53 and Lambda clients of their own. Loaded only when
 * preflight runs (deploy, ramp, the preflight command), so that no other step
 * pays for loading the Route 53 and Lambda SDKs at start-up.
 */
import { Route53Client } from '@aws-sdk/client-route-53'
import type { PreflightFacts, PreflightQuery } from './checks.js'
import type { Logger } from '../ports.js'
import { traceCalls, type ClientOptions, type Clients } from '../aws/clients.js'
import { boundCalls } from '../aws/deadline.js'
import { tagOperations } from '../aws/explain-error.js'
import { readPreflight } from './aws-reads.js'
import { lambdaClients } from '../backend-check/aws-client.js'

export async function readPreflightWithDns(
  clients: Clients,
  options: ClientOptions | undefined,
  q: PreflightQuery,
  log?: Pick<Logger, 'debug'>
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
  if (route53 && log) traceCalls(route53, log)
  // A function may live in another region than the API: one Lambda client per region named.
  const lambdas = options ? lambdaClients(options, log) : undefined
  try {
    return await readPreflight({ ...clients, route53, lambdaIn: lambdas?.lambdaIn }, q)
  } finally {
    route53?.destroy()
    lambdas?.destroy()
  }
}
