/**
 * Endpoint configurations of REST APIs and custom domain names: one type of
 * EDGE, REGIONAL or PRIVATE; an IP address type of ipv4 or dualstack (PRIVATE
 * only dualstack); VPC endpoint ids only on PRIVATE.
 */
import { badRequest } from './errors.js'
import type { EndpointConfiguration } from './model.js'
import { isRecord } from '../common/wire.js'

export const ENDPOINT_TYPES = ['EDGE', 'REGIONAL', 'PRIVATE'] as const
const IP_ADDRESS_TYPES = ['ipv4', 'dualstack']

/** The endpoint configuration a request gives (`v`), or the default of `defaultType`. */
export function endpointConfigurationOf(
  v: unknown,
  defaultType: string,
  allowPrivate = true
): EndpointConfiguration {
  if (v !== undefined && v !== null && !isRecord(v)) {
    throw badRequest('Invalid endpointConfiguration')
  }
  const rawTypes = v?.types
  const types =
    rawTypes === undefined || rawTypes === null
      ? [defaultType]
      : Array.isArray(rawTypes)
        ? rawTypes.map(String)
        : []
  if (types.length !== 1) {
    throw badRequest(
      `Invalid endpoint configuration: exactly one endpoint type of ${ENDPOINT_TYPES.join(', ')} must be specified`
    )
  }
  const type = types[0] ?? ''
  if (
    !(ENDPOINT_TYPES as readonly string[]).includes(type) ||
    (!allowPrivate && type === 'PRIVATE')
  ) {
    throw badRequest(`Invalid endpoint type ${type}`)
  }
  const ip = v?.ipAddressType
  const ipAddressType = typeof ip === 'string' ? ip : type === 'PRIVATE' ? 'dualstack' : 'ipv4'
  if (!IP_ADDRESS_TYPES.includes(ipAddressType)) {
    throw badRequest(`Invalid ipAddressType ${ipAddressType}. Must be one of: [ipv4, dualstack]`)
  }
  if (type === 'PRIVATE' && ipAddressType !== 'dualstack') {
    throw badRequest('Only the dualstack ipAddressType is supported for PRIVATE endpoints')
  }
  const out: EndpointConfiguration = { types: [type], ipAddressType }
  const vpce = v?.vpcEndpointIds
  if (Array.isArray(vpce) && vpce.length > 0) {
    if (type !== 'PRIVATE') {
      throw badRequest('VPC endpoint IDs can only be specified for the PRIVATE endpoint type')
    }
    out.vpcEndpointIds = vpce.map(String)
  }
  return out
}
