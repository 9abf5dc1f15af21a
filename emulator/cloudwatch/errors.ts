/** CloudWatch's errors: awsQuery code, status, modeled shape and message. */
import { AwsError } from '../common/errors.js'

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
