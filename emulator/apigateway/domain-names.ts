/**
 * Custom domain names and their base path mappings: CreateDomainName,
 * GetDomainName, GetDomainNames, CreateBasePathMapping, GetBasePathMapping,
 * GetBasePathMappings. A domain is AVAILABLE when created; the
 * `/_emulator/domain-status` hook sets another status.
 */
import { createHash } from 'node:crypto'

import { endpointConfigurationOf } from './endpoint.js'
import { badRequest, conflict, notFound } from './errors.js'
import { page, str, stringMap, type Input } from './input.js'
import { type BasePathMapping, type DomainName, endpointToWire } from './model.js'
import type { ApiGatewayService, OperationResult } from './service.js'
import { randomId } from '../common/wire.js'

/** The hosted zone of every CloudFront distribution, so of every edge-optimized domain name. */
export const CLOUDFRONT_HOSTED_ZONE_ID = 'Z2FDTNDATAQYW2'

/** API Gateway's regional hosted zones (Amazon API Gateway endpoints and quotas). */
const REGIONAL_ZONES: Record<string, string> = {
  'us-east-1': 'Z1UJRXOUMOOFQ8',
  'us-east-2': 'ZOJJZC49E0EPZ',
  'us-west-1': 'Z2MUQ32089INYE',
  'us-west-2': 'Z2OJLYMUO9EFXC',
  'eu-west-1': 'ZLY8HYME6SFDD',
  'eu-central-1': 'Z1U9ULNL0V5AJ3'
}

/** The regional hosted zone id; for a region not in the table, a stable made-up one. */
export function regionalHostedZoneId(region: string): string {
  return (
    REGIONAL_ZONES[region] ??
    `Z${createHash('sha256').update(region).digest('hex').slice(0, 12).toUpperCase()}`
  )
}

export const DOMAIN_STATUSES = [
  'AVAILABLE',
  'UPDATING',
  'PENDING',
  'PENDING_CERTIFICATE_REIMPORT',
  'PENDING_OWNERSHIP_VERIFICATION',
  'FAILED'
] as const

const SECURITY_POLICIES = ['TLS_1_0', 'TLS_1_2']

const ROOT = '(none)'

function domainToWire(d: DomainName): Record<string, unknown> {
  const out: Record<string, unknown> = { domainName: d.domainName }
  if (d.certificateArn) out.certificateArn = d.certificateArn
  if (d.regionalCertificateArn) out.regionalCertificateArn = d.regionalCertificateArn
  if (d.regionalDomainName) {
    out.regionalDomainName = d.regionalDomainName
    out.regionalHostedZoneId = d.regionalHostedZoneId
  }
  if (d.distributionDomainName) {
    out.distributionDomainName = d.distributionDomainName
    out.distributionHostedZoneId = CLOUDFRONT_HOSTED_ZONE_ID
  }
  out.endpointConfiguration = endpointToWire(d.endpointConfiguration)
  out.domainNameStatus = d.domainNameStatus
  if (d.domainNameStatusMessage) out.domainNameStatusMessage = d.domainNameStatusMessage
  out.securityPolicy = d.securityPolicy
  if (Object.keys(d.tags).length > 0) out.tags = { ...d.tags }
  return out
}

const mappingToWire = (m: BasePathMapping): Record<string, unknown> => ({ ...m })

export function createDomainName(
  svc: ApiGatewayService,
  i: Input,
  region: string
): OperationResult {
  const domainName = str(i.domainName)?.toLowerCase()
  if (!domainName || !/^(\*\.)?([a-z0-9-]+\.)+[a-z]{2,}$/.test(domainName)) {
    throw badRequest('Invalid domain name identifier specified')
  }
  if (svc.domainNames.has(domainName)) {
    throw conflict('The domain name you provided already exists.')
  }
  const endpoint = endpointConfigurationOf(i.endpointConfiguration, 'EDGE', false)
  const type = endpoint.types[0]
  const certificateArn = str(i.certificateArn)
  const regionalCertificateArn = str(i.regionalCertificateArn)
  if (type === 'EDGE' && !certificateArn && !str(i.certificateName)) {
    throw badRequest('A certificate must be specified for an EDGE domain name: certificateArn')
  }
  if (type === 'EDGE' && regionalCertificateArn) {
    throw badRequest('regionalCertificateArn cannot be used with an EDGE endpoint configuration')
  }
  if (type === 'REGIONAL' && !regionalCertificateArn) {
    throw badRequest('A regional certificate must be specified for a REGIONAL domain name')
  }
  if (type === 'REGIONAL' && certificateArn) {
    throw badRequest('certificateArn cannot be used with a REGIONAL endpoint configuration')
  }
  const securityPolicy = str(i.securityPolicy) ?? 'TLS_1_2'
  if (!SECURITY_POLICIES.includes(securityPolicy)) {
    throw badRequest(`Invalid securityPolicy ${securityPolicy}. Must be one of: [TLS_1_0, TLS_1_2]`)
  }
  const d: DomainName = {
    domainName,
    certificateArn,
    regionalCertificateArn,
    endpointConfiguration: endpoint,
    domainNameStatus: 'AVAILABLE',
    securityPolicy,
    tags: stringMap(i.tags, 'tags'),
    mappings: []
  }
  if (type === 'REGIONAL') {
    d.regionalDomainName = `d-${randomId(10)}.execute-api.${region}.amazonaws.com`
    d.regionalHostedZoneId = regionalHostedZoneId(region)
  } else {
    d.distributionDomainName = `d${randomId(13)}.cloudfront.net`
  }
  svc.domainNames.set(domainName, d)
  return { status: 201, body: domainToWire(d) }
}

export function getDomainName(svc: ApiGatewayService, i: Input): OperationResult {
  return { status: 200, body: domainToWire(svc.domain(String(i.domainName))) }
}

export function getDomainNames(svc: ApiGatewayService, i: Input): OperationResult {
  const p = page([...svc.domainNames.values()], i)
  return { status: 200, body: { ...p, item: p.item.map(domainToWire) } }
}

export function createBasePathMapping(svc: ApiGatewayService, i: Input): OperationResult {
  const d = svc.domain(String(i.domainName))
  const restApiId = str(i.restApiId)
  const api = restApiId === undefined ? undefined : svc.restApis.get(restApiId)
  if (!api) throw badRequest('Invalid REST API identifier specified')
  const stage = str(i.stage)
  if (stage !== undefined && stage !== '' && !api.stages.has(stage)) {
    throw badRequest('Invalid stage identifier specified')
  }
  const rawBase = str(i.basePath) ?? ''
  const basePath = rawBase === '' || rawBase === ROOT ? ROOT : rawBase
  if (
    basePath !== ROOT &&
    !/^[A-Za-z0-9._~:@!$&'()*+,;=-]+(\/[A-Za-z0-9._~:@!$&'()*+,;=-]+)*$/.test(basePath)
  ) {
    throw badRequest(`Invalid base path specified: ${basePath}`)
  }
  if (d.mappings.some((m) => m.basePath === basePath)) {
    throw conflict('Base path already exists for this domain name')
  }
  const m: BasePathMapping = { basePath, restApiId: api.id }
  if (stage) m.stage = stage
  d.mappings.push(m)
  return { status: 201, body: mappingToWire(m) }
}

export function getBasePathMapping(svc: ApiGatewayService, i: Input): OperationResult {
  const d = svc.domain(String(i.domainName))
  const m = d.mappings.find((x) => x.basePath === String(i.basePath))
  if (!m) throw notFound('Invalid base path mapping identifier specified')
  return { status: 200, body: mappingToWire(m) }
}

export function getBasePathMappings(svc: ApiGatewayService, i: Input): OperationResult {
  const p = page(svc.domain(String(i.domainName)).mappings, i)
  return { status: 200, body: { ...p, item: p.item.map(mappingToWire) } }
}
