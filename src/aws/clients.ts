import { APIGatewayClient } from '@aws-sdk/client-api-gateway'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import type { Config } from '../config.js'
import type { Logger } from '../ports.js'
import { boundCalls } from './deadline.js'
import { tagOperations } from './explain-error.js'

export const USER_AGENT = 'apigw-canary/0.1'

/**
 * How long AWS may stay silent (docs/safety.md). An
 * attempt is abandoned after `attemptMs` without a byte from AWS (the socket
 * timeout of @smithy/node-http-handler, which destroys the connection and
 * errs; its `requestTimeout` only logs a warning unless told to throw) and
 * retried by the SDK while the call's deadline allows.
 */
export interface Deadlines {
  /** Establishing the TCP connection. */
  connectMs: number
  /** One attempt: this long without a byte from AWS and it is abandoned. */
  attemptMs: number
  /** One call, every attempt and backoff included. */
  callMs: number
  /** One attempt of CreateDeployment or PutRestApi (a large API takes a while to deploy). */
  slowAttemptMs: number
  /** One alarm read, every page included: a bake counts a longer one as a failed read. */
  alarmReadMs: number
  /** One attempt of a traffic-lowering UpdateStage (an alarm's rollback), on a new connection. */
  urgentAttemptMs: number
  /** The traffic-lowering UpdateStage, every attempt included. */
  urgentMs: number
}

export const DEADLINES: Deadlines = {
  connectMs: 3_000,
  attemptMs: 10_000,
  callMs: 30_000,
  slowAttemptMs: 30_000,
  alarmReadMs: 5_000,
  urgentAttemptMs: 2_000,
  // Room for the SDK's backoff when AWS throttles the rollback (its waits double from 0.5 s).
  urgentMs: 20_000
}

/** The rollback's attempts: as many as fit in `urgentMs` (setting 0 % twice is harmless). */
const URGENT_ATTEMPTS = 10

export interface Clients {
  apigateway: APIGatewayClient
  /** PutRestApi: a longer wait per attempt. */
  apigatewaySlow: APIGatewayClient
  /** For CreateDeployment only: one attempt, because a retried creation can make a second deployment. */
  apigatewayOnce: APIGatewayClient
  /**
   * For UpdateStages that lower traffic (an alarm's rollback, recovery): a new
   * connection per attempt, so a pooled keep-alive socket that went silent is
   * never used for it; a short wait per attempt, retried until `urgentMs`.
   */
  apigatewayUrgent: APIGatewayClient
  cloudwatch: CloudWatchClient
}

/** The options every client is made with (preflight makes its Route 53 client from them when it runs). */
export interface ClientOptions {
  sdk: ReturnType<typeof sdkOptions>
  /** The deadline of one call, retries included, and of one attempt. */
  callMs: number
  attemptMs: number
}

function sdkOptions(
  cfg: Pick<Config, 'region' | 'endpointUrl' | 'maxAttempts'>,
  d: Pick<Deadlines, 'connectMs' | 'attemptMs'>
) {
  return {
    region: cfg.region,
    ...(cfg.endpointUrl ? { endpoint: cfg.endpointUrl } : {}),
    customUserAgent: USER_AGENT,
    retryMode: 'standard',
    maxAttempts: cfg.maxAttempts,
    requestHandler: { connectionTimeout: d.connectMs, socketTimeout: d.attemptMs }
  } as const
}

export function clientOptions(
  cfg: Pick<Config, 'region' | 'endpointUrl' | 'maxAttempts'>,
  d: Deadlines = DEADLINES
): ClientOptions {
  return { sdk: sdkOptions(cfg, d), callMs: d.callMs, attemptMs: d.attemptMs }
}

/**
 * SDK clients from the default credential provider chain (what
 * aws-actions/configure-aws-credentials exports); no input takes a secret.
 * Every call has a deadline (boundCalls), and every attempt one of its own.
 */
export function makeClients(
  cfg: Pick<Config, 'region' | 'endpointUrl' | 'maxAttempts'>,
  log?: Pick<Logger, 'debug'>,
  d: Deadlines = DEADLINES
): Clients {
  const common = sdkOptions(cfg, d)
  const slow = sdkOptions(cfg, { connectMs: d.connectMs, attemptMs: d.slowAttemptMs })
  const urgentHandler = {
    connectionTimeout: Math.min(d.connectMs, d.urgentAttemptMs),
    socketTimeout: d.urgentAttemptMs,
    httpAgent: { keepAlive: false },
    httpsAgent: { keepAlive: false }
  }
  const clients: Clients = {
    apigateway: boundCalls(new APIGatewayClient(common), d.callMs, d.attemptMs),
    apigatewaySlow: boundCalls(new APIGatewayClient(slow), 2 * d.slowAttemptMs, d.slowAttemptMs),
    apigatewayOnce: boundCalls(
      new APIGatewayClient({ ...slow, maxAttempts: 1 }),
      d.slowAttemptMs,
      d.slowAttemptMs
    ),
    apigatewayUrgent: boundCalls(
      new APIGatewayClient({
        ...common,
        maxAttempts: Math.max(URGENT_ATTEMPTS, cfg.maxAttempts),
        requestHandler: urgentHandler
      }),
      d.urgentMs,
      d.urgentAttemptMs
    ),
    cloudwatch: boundCalls(new CloudWatchClient(common), d.callMs, d.attemptMs)
  }
  // Errors name their call, for a setup mistake's one-line explanation (explain-error.ts).
  for (const c of Object.values(clients)) {
    tagOperations(c)
    if (log) traceCalls(c, log)
  }
  return clients
}

/** Closes every client's connections. */
export function destroyClients(clients: Clients): void {
  for (const c of Object.values(clients)) c.destroy()
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
