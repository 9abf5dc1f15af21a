/**
 * Errors as the two services put them on the wire.
 *
 * API Gateway (REST-JSON): status code, header `x-amzn-ErrorType: {code}`,
 * body `{"message": "..."}`. The SDK reads the code from the header.
 *
 * CloudWatch (AWS JSON 1.0, awsQuery-compatible): body
 * `{"__type": "...#{shape}", "message": "..."}` plus header
 * `x-amzn-query-error: {queryCode};{Sender|Receiver}`. The SDK (awsQueryCompatible)
 * prefers the query code, so `err.name` is what a query-protocol client saw.
 */
export class AwsError extends Error {
  constructor(
    /** The error code clients see (`err.name` in SDK v3). */
    readonly code: string,
    readonly status: number,
    /** Undefined when AWS sends no message (e.g. CloudWatch ResourceNotFound). */
    readonly awsMessage: string | undefined,
    /** CloudWatch only: the modeled shape name for `__type` when it differs from `code`. */
    readonly shape?: string
  ) {
    super(awsMessage ?? code)
    this.name = code
  }

  get fault(): 'Sender' | 'Receiver' {
    return this.status >= 500 ? 'Receiver' : 'Sender'
  }
}

/** `e` if it is an AwsError, else the InternalFailure an emulator bug answers with. */
export function asAwsError(e: unknown): AwsError {
  if (e instanceof AwsError) return e
  return new AwsError(
    'InternalFailure',
    500,
    `Emulator error: ${(e as Error)?.message ?? String(e)}`
  )
}
