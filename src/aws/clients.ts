import { APIGatewayClient } from '@aws-sdk/client-api-gateway'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import type { Config } from '../config.js'
import { tagOperations } from './explain-error.js'

export const USER_AGENT = 'apigw-canary/0.1'

export interface Clients {
  apigateway: APIGatewayClient
  /** For CreateDeployment only: one attempt, because a retried creation can make a second deployment. */
  apigatewayOnce: APIGatewayClient
  cloudwatch: CloudWatchClient
}

/** The options every client is made with (preflight makes its Route 53 client from them when it runs). */
export type ClientOptions = ReturnType<typeof clientOptions>

export function clientOptions(cfg: Pick<Config, 'region' | 'endpointUrl' | 'maxAttempts'>) {
  return {
    region: cfg.region,
    ...(cfg.endpointUrl ? { endpoint: cfg.endpointUrl } : {}),
    customUserAgent: USER_AGENT,
    retryMode: 'standard',
    maxAttempts: cfg.maxAttempts,
    // Bound every call, so that a hung connection cannot outlive a bake or the runner's cancel grace.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 }
  } as const
}

/**
 * SDK clients from the default credential provider chain (what
 * aws-actions/configure-aws-credentials exports); no input takes a secret.
 */
export function makeClients(cfg: Pick<Config, 'region' | 'endpointUrl' | 'maxAttempts'>): Clients {
  const common = clientOptions(cfg)
  const clients: Clients = {
    apigateway: new APIGatewayClient(common),
    // A large API can take a while to deploy: a short timeout would only make the answer ambiguous.
    apigatewayOnce: new APIGatewayClient({
      ...common,
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 }
    }),
    cloudwatch: new CloudWatchClient(common)
  }
  // Errors name their call, for a setup mistake's one-line explanation (explain-error.ts).
  for (const c of Object.values(clients)) tagOperations(c)
  return clients
}
