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

// ---- API Gateway -----------------------------------------------------------

export const badRequest = (message: string): AwsError =>
  new AwsError('BadRequestException', 400, message)

export const notFound = (message: string): AwsError =>
  new AwsError('NotFoundException', 404, message)

export const conflict = (message: string): AwsError =>
  new AwsError('ConflictException', 409, message)

export const limitExceeded = (message: string): AwsError =>
  new AwsError('LimitExceededException', 429, message)

export const tooManyRequests = (): AwsError =>
  new AwsError('TooManyRequestsException', 429, 'Too Many Requests')

export const serviceUnavailable = (): AwsError =>
  new AwsError('ServiceUnavailableException', 503, 'Service Unavailable')

// ---- CloudWatch ------------------------------------------------------------

export const validationError = (message: string): AwsError =>
  new AwsError('ValidationError', 400, message, 'ValidationException')

export const resourceNotFound = (message?: string): AwsError =>
  new AwsError('ResourceNotFound', 404, message, 'ResourceNotFound')

export const invalidParameterValue = (message: string): AwsError =>
  new AwsError('InvalidParameterValue', 400, message, 'InvalidParameterValueException')

export const invalidParameterCombination = (message: string): AwsError =>
  new AwsError('InvalidParameterCombination', 400, message, 'InvalidParameterCombinationException')

export const missingParameter = (message: string): AwsError =>
  new AwsError('MissingParameter', 400, message, 'MissingRequiredParameterException')

export const invalidNextToken = (message: string): AwsError =>
  new AwsError('InvalidNextToken', 400, message, 'InvalidNextToken')

export const invalidFormat = (message: string): AwsError =>
  new AwsError('InvalidFormat', 400, message, 'InvalidFormatFault')

export const cwThrottling = (): AwsError =>
  new AwsError('Throttling', 400, 'Rate exceeded', 'ThrottlingException')

export const cwServiceUnavailable = (): AwsError =>
  new AwsError('ServiceUnavailable', 503, 'Service Unavailable', 'ServiceUnavailableException')

/** `1 validation error detected: Value null at 'x' failed to satisfy constraint: ...` */
export const notNull = (field: string): AwsError =>
  validationError(
    `1 validation error detected: Value null at '${field}' failed to satisfy constraint: Member must not be null`
  )

export const notInEnum = (value: unknown, field: string, allowed: readonly string[]): AwsError =>
  validationError(
    `1 validation error detected: Value '${String(value)}' at '${field}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(', ')}]`
  )
