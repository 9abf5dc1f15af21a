import { APIGatewayClient } from '@aws-sdk/client-api-gateway'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import type { Config } from '../inputs.js'

export const USER_AGENT = 'apigw-canary/0.1'

export interface Clients {
  apigateway: APIGatewayClient
  /** For CreateDeployment only: one attempt, because a retried creation can make a second deployment. */
  apigatewayOnce: APIGatewayClient
  cloudwatch: CloudWatchClient
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
  return {
    apigateway: new APIGatewayClient({ ...common, maxAttempts: cfg.maxAttempts }),
    apigatewayOnce: new APIGatewayClient({ ...common, maxAttempts: 1 }),
    cloudwatch: new CloudWatchClient({ ...common, maxAttempts: cfg.maxAttempts })
  }
}
