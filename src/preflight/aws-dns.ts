/** Preflight's Route 53 reads: the zone holding a custom domain, and its records for that name. */
import {
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  type ResourceRecordSet,
  type Route53Client
} from '@aws-sdk/client-route-53'
import type { Denied } from './types.js'
import type { RecordInfo } from './dns-checks.js'
import { pages } from '../aws/pages.js'

const recordInfo = (s: ResourceRecordSet): RecordInfo => ({
  name: s.Name ?? '',
  type: s.Type ?? '',
  ...(s.SetIdentifier !== undefined ? { setIdentifier: s.SetIdentifier } : {}),
  ...(s.Weight !== undefined ? { weight: s.Weight } : {}),
  ...(s.TTL !== undefined ? { ttl: s.TTL } : {}),
  ...(s.ResourceRecords ? { values: s.ResourceRecords.map((v) => v.Value ?? '') } : {}),
  ...(s.AliasTarget
    ? {
        aliasTarget: {
          hostedZoneId: s.AliasTarget.HostedZoneId ?? '',
          dnsName: s.AliasTarget.DNSName ?? ''
        }
      }
    : {})
})

export const isAccessDenied = (err: unknown): boolean => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } }
  return (
    e?.name === 'AccessDenied' ||
    e?.name === 'AccessDeniedException' ||
    e?.$metadata?.httpStatusCode === 403
  )
}

/** The read's answer, or Denied naming the IAM action when the role may not make it. */
export async function orDenied<T>(action: string, read: () => Promise<T>): Promise<T | Denied> {
  try {
    return await read()
  } catch (err) {
    if (isAccessDenied(err)) return { denied: action }
    throw err
  }
}

export const bare = (name: string) => name.toLowerCase().replace(/\.$/, '')

/** The public hosted zone that holds `domain`: the longest suffix with a zone of its own. */
async function zoneOf(r53: Route53Client, domain: string): Promise<string | undefined> {
  const labels = bare(domain).split('.')
  const suffixes = labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'))
  const zones = await Promise.all(
    suffixes.map(async (s) => {
      const r =
        (await r53.send(new ListHostedZonesByNameCommand({ DNSName: s, MaxItems: 1 }))) ?? {}
      const z = r.HostedZones?.[0]
      return z && bare(z.Name ?? '') === s && !z.Config?.PrivateZone ? z.Id : undefined
    })
  )
  return zones.find((z) => z !== undefined)?.replace(/^\/hostedzone\//, '')
}

/** The records named `domain` in the zone, every page. */
async function recordsOf(
  r53: Route53Client,
  zoneId: string,
  domain: string
): Promise<RecordInfo[]> {
  const out: RecordInfo[] = []
  // Route 53's next page starts at a record (name, type, set identifier): that triple is the token.
  await pages(
    'ListResourceRecordSets',
    async (token) => {
      const next = token
        ? (JSON.parse(token) as { name?: string; type?: string; id?: string })
        : { name: domain }
      return (
        (await r53.send(
          new ListResourceRecordSetsCommand({
            HostedZoneId: zoneId,
            StartRecordName: next.name,
            StartRecordType: next.type as never,
            StartRecordIdentifier: next.id
          })
        )) ?? {}
      )
    },
    (r) => {
      const last = r.ResourceRecordSets?.at(-1)
      if (!r.IsTruncated || (last && bare(last.Name ?? '') !== bare(domain))) return undefined
      return JSON.stringify({
        name: r.NextRecordName,
        type: r.NextRecordType,
        id: r.NextRecordIdentifier
      })
    },
    (r) => {
      for (const s of r.ResourceRecordSets ?? []) {
        if (bare(s.Name ?? '') !== bare(domain)) continue
        out.push(recordInfo(s))
      }
    }
  )
  return out
}

export async function readRecords(
  r53: Route53Client | undefined,
  zoneInput: string | undefined,
  domain: string
): Promise<RecordInfo[] | Denied | undefined> {
  if (!r53) return undefined
  const zone = zoneInput
    ? zoneInput.replace(/^\/hostedzone\//, '')
    : await orDenied('route53:ListHostedZonesByName', () => zoneOf(r53, domain))
  if (zone === undefined || typeof zone !== 'string') return zone
  return orDenied('route53:ListResourceRecordSets', () => recordsOf(r53, zone, domain))
}
