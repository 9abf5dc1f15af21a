/** Preflight check 3: the Route 53 alias to the custom domain (preflight.ts). */
import {
  type CheckResult,
  type Denied,
  type DomainInfo,
  isDenied,
  skippedFor
} from './preflight-common.js'

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
