/** X-Ray's errors: REST-JSON, `x-amzn-ErrorType` header and a `{"Message": ...}` body. */
import { AwsError } from '../common/errors.js'

export const invalidRequest = (message: string): AwsError =>
  new AwsError('InvalidRequestException', 400, message)

export const xrayThrottled = (): AwsError =>
  new AwsError('ThrottledException', 429, 'Rate exceeded')

export const xrayUnavailable = (): AwsError =>
  new AwsError('ServiceUnavailable', 503, 'Service Unavailable')

/** Every error code the emulated X-Ray answers with, for the model checks. */
export const XRAY_ERROR_SAMPLES = [invalidRequest('x'), xrayThrottled()]
