/** Route 53's errors: code, status and message, answered in an `<ErrorResponse>`. */
import { AwsError } from '../common/errors.js'

export const noSuchHostedZone = (id: string): AwsError =>
  new AwsError('NoSuchHostedZone', 404, `No hosted zone found with ID: ${id}`)

export const invalidInput = (message: string): AwsError =>
  new AwsError('InvalidInput', 400, message)

export const invalidChangeBatch = (messages: string[]): AwsError =>
  new AwsError('InvalidChangeBatch', 400, `[${messages.join(', ')}]`)

export const hostedZoneAlreadyExists = (): AwsError =>
  new AwsError(
    'HostedZoneAlreadyExists',
    409,
    'A hosted zone has already been created with the specified caller reference.'
  )

export const r53Throttling = (): AwsError => new AwsError('Throttling', 400, 'Rate exceeded')

export const r53Unavailable = (): AwsError =>
  new AwsError('ServiceUnavailable', 503, 'Service Unavailable')
