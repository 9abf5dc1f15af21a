/**
 * Lambda's errors: REST-JSON, status code, `x-amzn-ErrorType` header and a
 * `{"Type": "User", "Message": ...}` body (the modeled members of its errors).
 */
import { AwsError } from '../common/errors.js'

export const resourceNotFound = (message: string): AwsError =>
  new AwsError('ResourceNotFoundException', 404, message)

export const resourceConflict = (message: string): AwsError =>
  new AwsError('ResourceConflictException', 409, message)

export const invalidParameter = (message: string): AwsError =>
  new AwsError('InvalidParameterValueException', 400, message)

export const preconditionFailed = (message: string): AwsError =>
  new AwsError('PreconditionFailedException', 412, message)

/** A request field that breaks the model's constraint (Lambda's `ValidationException`). */
export const validation = (value: string, field: string, constraint: string): AwsError =>
  new AwsError(
    'ValidationException',
    400,
    `1 validation error detected: Value '${value}' at '${field}' failed to satisfy constraint: ${constraint}`
  )

export const lambdaThrottled = (): AwsError =>
  new AwsError('TooManyRequestsException', 429, 'Rate exceeded')

export const lambdaUnavailable = (): AwsError =>
  new AwsError('ServiceException', 500, 'Service Unavailable')

/** Every error code the emulated Lambda answers with, for the model checks. */
export const LAMBDA_ERROR_SAMPLES = [
  resourceNotFound('x'),
  resourceConflict('x'),
  invalidParameter('x'),
  preconditionFailed('x'),
  lambdaThrottled(),
  lambdaUnavailable()
]
