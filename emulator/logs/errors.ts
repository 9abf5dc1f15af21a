/**
 * CloudWatch Logs' errors (AWS JSON 1.1): status 400 for the caller's
 * mistakes, body `{"__type": "{code}", "message": ...}`.
 */
import { AwsError } from '../common/errors.js'

export const logsNotFound = (message: string): AwsError =>
  new AwsError('ResourceNotFoundException', 400, message)

export const alreadyExists = (message: string): AwsError =>
  new AwsError('ResourceAlreadyExistsException', 400, message)

export const invalidParameter = (message: string): AwsError =>
  new AwsError('InvalidParameterException', 400, message)

export const malformedQuery = (message: string): AwsError =>
  new AwsError('MalformedQueryException', 400, message)

export const logsLimitExceeded = (message: string): AwsError =>
  new AwsError('LimitExceededException', 400, message)

export const logsThrottled = (): AwsError =>
  new AwsError('ThrottlingException', 400, 'Rate exceeded')

export const logsUnavailable = (): AwsError =>
  new AwsError('ServiceUnavailableException', 500, 'Service Unavailable')

/** Every error code the emulated Logs answers with, for the model checks. */
export const LOGS_ERROR_SAMPLES = [
  logsNotFound('x'),
  alreadyExists('x'),
  invalidParameter('x'),
  malformedQuery('x'),
  logsLimitExceeded('x'),
  logsUnavailable()
]
