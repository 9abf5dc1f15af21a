import { APIGatewayClient } from '@aws-sdk/client-api-gateway'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { Route53Client } from '@aws-sdk/client-route-53'
import type { Config } from '../github/inputs.js'
import { tagOperations } from './explain-error.js'

export const USER_AGENT = 'apigw-canary/0.1'

export interface Clients {
  apigateway: APIGatewayClient
  /** For CreateDeployment only: one attempt, because a retried creation can make a second deployment. */
  apigatewayOnce: APIGatewayClient
  cloudwatch: CloudWatchClient
  /** Preflight's DNS reads; absent: that check is skipped. */
  route53?: Route53Client
}

/**
 * SDK clients from the default credential provider chain (what
 * aws-actions/configure-aws-credentials exports); no input takes a secret.
 */
export function makeClients(cfg: Pick<Config, 'region' | 'endpointUrl' | 'maxAttempts'>): Clients {
  const common = {
    region: cfg.region,
    ...(cfg.endpointUrl ? { endpoint: cfg.endpointUrl } : {}),
    customUserAgent: USER_AGENT,
    retryMode: 'standard',
    // Bound every call, so that a hung connection cannot outlive a bake or the runner's cancel grace.
    requestHandler: { connectionTimeout: 5_000, requestTimeout: 15_000 }
  } as const
  const clients: Clients = {
    apigateway: new APIGatewayClient({ ...common, maxAttempts: cfg.maxAttempts }),
    // A large API can take a while to deploy: a short timeout would only make the answer ambiguous.
    apigatewayOnce: new APIGatewayClient({
      ...common,
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 5_000, requestTimeout: 60_000 }
    }),
    cloudwatch: new CloudWatchClient({ ...common, maxAttempts: cfg.maxAttempts }),
    // Route 53 is global: its endpoint is in us-east-1.
    route53: new Route53Client({ ...common, region: 'us-east-1', maxAttempts: cfg.maxAttempts })
  }
  // Errors name their call, for a setup mistake's one-line explanation (explain-error.ts).
  for (const c of Object.values(clients)) tagOperations(c)
  return clients
}
