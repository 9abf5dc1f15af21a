/** API Gateway's errors: status, `x-amzn-ErrorType` code and message. */
import { AwsError } from '../common/errors.js'

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
