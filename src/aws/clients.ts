import { APIGatewayClient } from '@aws-sdk/client-api-gateway'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import type { Config } from '../config.js'
import type { Logger } from '../ports.js'
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
export function makeClients(
  cfg: Pick<Config, 'region' | 'endpointUrl' | 'maxAttempts'>,
  log?: Pick<Logger, 'debug'>
): Clients {
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
  for (const c of Object.values(clients)) {
    tagOperations(c)
    if (log) traceCalls(c, log)
  }
  return clients
}

interface WithStack {
  middlewareStack: { add(middleware: unknown, options: { step: 'initialize'; name: string }): void }
}
type Next = (args: unknown) => Promise<{ output?: { $metadata?: Metadata } }>
interface Metadata {
  httpStatusCode?: number
  requestId?: string
  attempts?: number
}

/**
 * A debug line for every AWS call (shown when debug logging is on): the
 * operation, how it ended, its attempts and request id, and how long it took,
 * retries included. Never its input or output (or any header).
 */
export function traceCalls(client: WithStack, log: Pick<Logger, 'debug'>): void {
  client.middlewareStack.add(
    (next: Next, context: { clientName?: string; commandName?: string }) =>
      async (args: unknown) => {
        const op = `${(context.clientName ?? '').replace(/Client$/, '')} ${(context.commandName ?? '').replace(/Command$/, '')}`
        const started = performance.now()
        const took = () => `${Math.round(performance.now() - started)} ms`
        try {
          const res = await next(args)
          const m = res.output?.$metadata ?? {}
          log.debug(
            `AWS ${op}: ${m.httpStatusCode ?? 'ok'} in ${took()}, ${m.attempts ?? 1} attempt(s), request ${m.requestId ?? '?'}`
          )
          return res
        } catch (e) {
          const err = (e ?? {}) as { name?: string; $metadata?: Metadata }
          const m = err.$metadata ?? {}
          log.debug(
            `AWS ${op}: failed (${err.name ?? 'error'}${m.httpStatusCode ? ` ${m.httpStatusCode}` : ''}) after ${took()}, ${m.attempts ?? 1} attempt(s), request ${m.requestId ?? '?'}`
          )
          throw e
        }
      },
    { step: 'initialize', name: 'apigwCanaryTraceCalls' }
  )
}
