/**
 * Deadlines for AWS calls. The SDK bounds one attempt (no byte on the
 * connection for a while: clients.ts sets the socket timeout); this bounds a
 * whole call, every retry and backoff included, through the abort signal the
 * SDK passes to each attempt. A connection that accepts and never answers (a
 * NAT or proxy black hole) then costs one deadline, never the job's lifetime.
 */

/** An AWS call (or a read of several calls) that got no answer within its deadline. */
export class NoAnswerError extends Error {
  override name = 'NoAnswerError'
}

const OPERATION = Symbol.for('apigw-canary.operation')

const seconds = (ms: number) => `${Number((ms / 1000).toFixed(1))} s`

/**
 * Runs `fn` with a signal that aborts when `signal` does or after `ms`. A
 * deadline that fires becomes a NoAnswerError naming `what`; an abort of
 * `signal` (the job being cancelled) is passed on as it is.
 */
export async function withDeadline<T>(
  what: string,
  ms: number,
  signal: AbortSignal | undefined,
  fn: (signal: AbortSignal) => Promise<T>
): Promise<T> {
  // AbortSignal.timeout runs on Node's own timers: it keeps no process alive.
  const timeout = AbortSignal.timeout(ms)
  const both = signal ? AbortSignal.any([signal, timeout]) : timeout
  try {
    return await fn(both)
  } catch (err) {
    if (timeout.aborted && !signal?.aborted) {
      throw new NoAnswerError(
        `${what}: not done within ${seconds(ms)} (AWS did not answer, or failed every retry)`,
        { cause: err }
      )
    }
    throw err
  }
}

interface Sender {
  send(command: object, options?: { abortSignal?: AbortSignal }): Promise<unknown>
}

/** The SDK's own timeouts (connect, socket silence) say neither the call nor what it means. */
function explained(err: unknown, op: string, attemptMs: number): unknown {
  const e = err as { name?: string; message?: string; $metadata?: { attempts?: number } }
  if (e?.name !== 'TimeoutError' || !e.message?.startsWith('@smithy/node-http-handler')) return err
  const n = e.$metadata?.attempts ?? 1
  const why = /connection/.test(e.message) ? 'could not connect' : 'no answer from AWS'
  return new NoAnswerError(
    `${op}: ${why} (${n} attempt${n > 1 ? 's' : ''}, each given up after ${seconds(attemptMs)})`,
    { cause: err }
  )
}

/**
 * Gives every `send` of an SDK client a deadline of `ms`, retries included,
 * on top of the caller's abort signal. A stalled attempt's connection is
 * destroyed when it is abandoned, so the next call does not reuse it.
 * `attemptMs` is the client's own wait per attempt, for the error's message.
 */
export function boundCalls<C extends object>(client: C, ms: number, attemptMs: number): C {
  const c = client as unknown as Sender
  // The class's send, looked up at each call (test mocks replace the prototype's).
  const send = (command: object, options?: { abortSignal?: AbortSignal }) =>
    (Object.getPrototypeOf(c) as Sender).send.call(c, command, options)
  c.send = (command, options) => {
    const op = command.constructor.name.replace(/Command$/, '')
    return withDeadline(op, ms, options?.abortSignal, async (abortSignal) => {
      try {
        return await send(command, { ...options, abortSignal })
      } catch (err) {
        throw explained(err, op, attemptMs)
      }
    }).catch((err: unknown) => {
      // Named like the SDK's own errors (explain-error.ts tagOperations), for the one-line explanation.
      if (err instanceof NoAnswerError) Object.defineProperty(err, OPERATION, { value: op })
      throw err
    })
  }
  return client
}
