/** Preflight checks 1-3: the endpoint type, the custom domain, and its Route 53 alias. */
import {
  type CheckResult,
  type CheckStatus,
  isDenied,
  skippedFor,
  worst,
  type Denied
} from './types.js'

// ---- 1. regional API ----------------------------------------------------------

export function checkRegionalApi(api: { endpointTypes: string[] }): CheckResult {
  const base = { id: 'regional-api', title: 'Regional API' }
  const type = api.endpointTypes[0] ?? 'EDGE'
  if (type === 'REGIONAL') {
    return { ...base, status: 'pass', found: 'The REST API has a REGIONAL endpoint.' }
  }
  if (type === 'PRIVATE') {
    return {
      ...base,
      status: 'warn',
      found:
        'The REST API is PRIVATE: it is reached only through interface VPC endpoints. The canary works the same, but only the traffic of those VPCs reaches it, and public custom domains and Route 53 aliases do not apply.',
      todo: 'Make sure enough traffic flows through the VPC endpoints for the canary alarms to see it at the first rung.'
    }
  }
  return {
    ...base,
    status: 'warn',
    found:
      'The REST API is EDGE-optimized: requests pass through a CloudFront distribution that API Gateway manages. The canary split happens at the stage as usual, but Latency includes the edge hop (noisier latency alarms) and a custom domain aliases the distribution (hosted zone Z2FDTNDATAQYW2), not a regional name.',
    todo: 'Prefer a REGIONAL endpoint (UpdateRestApi /endpointConfiguration/types) with a regional custom domain; put CloudFront in front yourself if you need it.'
  }
}

// ---- 2. custom domain -----------------------------------------------------------

export interface BasePathMappingInfo {
  basePath: string
  restApiId: string
  stage?: string
}

export interface DomainInfo {
  domainName: string
  endpointType: string
  domainNameStatus: string
  domainNameStatusMessage?: string
  regionalDomainName?: string
  regionalHostedZoneId?: string
  distributionDomainName?: string
  mappings: BasePathMappingInfo[]
}

export interface DomainCheckInput {
  restApiId: string
  stage: string
  region: string
  /** The domain the user named, if any. */
  domainName?: string
  /** The account's domain names with their mappings; or the IAM action that was denied. */
  domains: DomainInfo[] | Denied
}

const mapsTo = (m: BasePathMappingInfo, api: string, stage: string): boolean =>
  m.restApiId === api && (m.stage === undefined || m.stage === '' || m.stage === stage)

function domainProblems(
  d: DomainInfo,
  api: string,
  stage: string
): { status: CheckStatus; text: string[] } {
  const text: string[] = []
  const statuses: CheckStatus[] = []
  if (d.domainNameStatus === 'UPDATING') {
    statuses.push('warn')
    text.push(`${d.domainName} is UPDATING`)
  } else if (d.domainNameStatus !== 'AVAILABLE') {
    statuses.push('fail')
    text.push(
      `${d.domainName} is ${d.domainNameStatus}${d.domainNameStatusMessage ? ` (${d.domainNameStatusMessage})` : ''}`
    )
  }
  if (d.endpointType !== 'REGIONAL') {
    statuses.push('warn')
    text.push(`${d.domainName} is ${d.endpointType}, not REGIONAL`)
  }
  const mine = d.mappings.filter((m) => mapsTo(m, api, stage))
  if (mine.length === 0) {
    statuses.push('fail')
    text.push(`${d.domainName} has no base path mapping to ${api}/${stage}`)
  } else if (mine.every((m) => !m.stage)) {
    statuses.push('warn')
    text.push(
      `${d.domainName} maps ${mine.map((m) => m.basePath).join(', ')} to ${api} without a stage: callers pick the stage in the path`
    )
  }
  return { status: worst(statuses), text }
}

export function checkCustomDomain(i: DomainCheckInput): CheckResult {
  const base = { id: 'custom-domain', title: 'Custom domain mapped to this API and stage' }
  if (isDenied(i.domains))
    return skippedFor(base.id, base.title, i.domains, 'the custom domain names')
  const execute = `https://${i.restApiId}.execute-api.${i.region}.amazonaws.com/${i.stage}`
  if (i.domainName !== undefined) {
    const d = i.domains.find((x) => x.domainName.toLowerCase() === i.domainName?.toLowerCase())
    if (!d) {
      return {
        ...base,
        status: 'fail',
        found: `The custom domain ${i.domainName} does not exist in this account and region.`,
        todo: 'Check the domain name and the region, or leave the domain out to check the execute-api URL.'
      }
    }
    const p = domainProblems(d, i.restApiId, i.stage)
    return p.status === 'pass'
      ? {
          ...base,
          status: 'pass',
          found: `${d.domainName} is AVAILABLE, REGIONAL and maps to ${i.restApiId}/${i.stage}.`
        }
      : {
          ...base,
          status: p.status,
          found: `${p.text.join('; ')}.`,
          todo: 'Wait for the domain to be AVAILABLE (re-import or validate its certificate if it says so) and map a base path to this API and stage (CreateBasePathMapping).'
        }
  }
  const mapped = i.domains.filter((d) => d.mappings.some((m) => mapsTo(m, i.restApiId, i.stage)))
  if (mapped.length === 0) {
    return {
      ...base,
      status: 'warn',
      found: `No custom domain maps to ${i.restApiId}/${i.stage}: customers call the execute-api URL ${execute}. The canary works there too.`,
      todo: 'If customers use a custom domain, name it so preflight checks its mapping and DNS.'
    }
  }
  const problems = mapped.map((d) => domainProblems(d, i.restApiId, i.stage))
  const status = worst(problems.map((p) => p.status))
  const names = mapped.map((d) => d.domainName).join(', ')
  return status === 'pass'
    ? { ...base, status, found: `Mapped on ${names}.` }
    : {
        ...base,
        status,
        found: `Mapped on ${names}; ${problems.flatMap((p) => p.text).join('; ')}.`,
        todo: 'Fix the domain named above: it must be AVAILABLE and REGIONAL.'
      }
}

// ---- 3. Route 53 alias -------------------------------------------------------------

export interface RecordInfo {
  name: string
  type: string
  setIdentifier?: string
  weight?: number
  ttl?: number
  values?: string[]
  aliasTarget?: { hostedZoneId: string; dnsName: string }
}

export interface AliasCheckInput {
  domain: Pick<
    DomainInfo,
    | 'domainName'
    | 'endpointType'
    | 'regionalDomainName'
    | 'regionalHostedZoneId'
    | 'distributionDomainName'
  >
  /** The records of the domain's hosted zone for its name; undefined when no zone in the account holds it. */
  records: RecordInfo[] | Denied | undefined
}

/** CloudFront's hosted zone: the alias target of every edge-optimized custom domain. */
export const CLOUDFRONT_ZONE = 'Z2FDTNDATAQYW2'

const dnsEq = (a: string | undefined, b: string | undefined): boolean =>
  a !== undefined &&
  b !== undefined &&
  a.toLowerCase().replace(/\.$/, '') === b.toLowerCase().replace(/\.$/, '')

export function checkRoute53Alias(i: AliasCheckInput): CheckResult {
  const base = { id: 'route53-alias', title: 'Route 53 alias to the custom domain' }
  const d = i.domain
  if (isDenied(i.records))
    return skippedFor(base.id, base.title, i.records, `the DNS records of ${d.domainName}`)
  if (i.records === undefined) {
    return {
      ...base,
      status: 'skipped',
      found: `No Route 53 hosted zone in this account holds ${d.domainName}: its DNS is elsewhere.`,
      todo: `Make sure ${d.domainName} points at ${d.regionalDomainName ?? d.distributionDomainName ?? 'the domain’s target'}.`
    }
  }
  const edge = d.endpointType === 'EDGE'
  const target = edge ? d.distributionDomainName : d.regionalDomainName
  const zone = edge ? CLOUDFRONT_ZONE : d.regionalHostedZoneId
  const mine = i.records.filter((r) => dnsEq(r.name, d.domainName))
  const address = mine.filter((r) => r.type === 'A' || r.type === 'AAAA')
  const targets = new Set(
    address
      .filter((r) => r.setIdentifier !== undefined)
      .map((r) => (r.aliasTarget?.dnsName ?? r.values?.join(',') ?? '').toLowerCase())
  )
  if (targets.size >= 2) {
    return {
      ...base,
      status: 'fail',
      found: `${d.domainName} has weighted records across ${targets.size} targets. Weighted DNS shifts traffic by resolver, at the pace of TTLs and caches, between targets, not between this stage's deployments: it fights the stage canary and cannot roll back at once.`,
      todo: `Keep one alias A record (and AAAA if you serve IPv6) to ${target ?? 'the domain'} and let the stage canary shift traffic.`
    }
  }
  const aliasOk = (r: RecordInfo): boolean =>
    dnsEq(r.aliasTarget?.dnsName, target) &&
    (r.aliasTarget?.hostedZoneId ?? '').toUpperCase() === (zone ?? '').toUpperCase()
  const a = address.filter((r) => r.type === 'A')
  const aaaa = address.filter((r) => r.type === 'AAAA')
  if (a.length > 0 && a.every(aliasOk)) {
    const badAaaa = aaaa.filter((r) => !aliasOk(r))
    return badAaaa.length === 0
      ? {
          ...base,
          status: 'pass',
          found: `${d.domainName} has an alias A${aaaa.length > 0 ? ' and AAAA' : ''} record to ${target} (zone ${zone}).`
        }
      : {
          ...base,
          status: 'warn',
          found: `The A alias is right, but the AAAA record of ${d.domainName} points elsewhere: IPv6 clients bypass this domain.`,
          todo: `Point the AAAA record at ${target} (alias, zone ${zone}) or remove it.`
        }
  }
  const cname = mine.find((r) => r.type === 'CNAME')
  if (cname && cname.values?.some((v) => dnsEq(v, target))) {
    return {
      ...base,
      status: 'warn',
      found: `${d.domainName} is a CNAME to ${target}: it works, but it is not an alias (no zone apex, an extra lookup, a TTL to wait out if it changes).`,
      todo: `Replace it with an alias A record to ${target} in zone ${zone}.`
    }
  }
  if (address.length > 0 || cname) {
    const where =
      a[0]?.aliasTarget?.dnsName ?? a[0]?.values?.join(', ') ?? cname?.values?.join(', ') ?? '?'
    return {
      ...base,
      status: 'fail',
      found: `${d.domainName} points at ${where}, not at ${target}: its requests do not reach this custom domain, so the canary does not see them.`,
      todo: `Make ${d.domainName} an alias A record to ${target} in zone ${zone}.`
    }
  }
  return {
    ...base,
    status: 'warn',
    found: `The hosted zone has no A, AAAA or CNAME record for ${d.domainName}.`,
    todo: `Create an alias A record to ${target} in zone ${zone}.`
  }
}
