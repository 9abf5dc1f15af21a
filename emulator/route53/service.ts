/**
 * Route 53 (REST-XML): CreateHostedZone, GetHostedZone, ListHostedZonesByName,
 * ChangeResourceRecordSets, ListResourceRecordSets. Changes apply at once
 * (ChangeInfo says PENDING, as AWS's first answer does).
 */
import { hostedZoneAlreadyExists, invalidInput, noSuchHostedZone } from './errors.js'
import {
  type AliasTarget,
  type Change,
  type RecordSet,
  RECORD_TYPES,
  applyChanges,
  compareRecords,
  dnsName,
  reversedLabels
} from './records.js'
import { randomId } from '../common/wire.js'

export interface HostedZone {
  id: string
  name: string
  callerReference: string
  comment?: string
  privateZone: boolean
  records: RecordSet[]
}

export interface ChangeInfo {
  Id: string
  Status: 'PENDING' | 'INSYNC'
  SubmittedAt: number
}

/** The most records one ListResourceRecordSets page holds. */
export const MAX_RRSET_PAGE = 300
const MAX_ZONE_PAGE = 100

export const NAME_SERVERS = [
  'ns-1.awsdns-01.org',
  'ns-2.awsdns-02.co.uk',
  'ns-3.awsdns-03.com',
  'ns-4.awsdns-04.net'
]

const upperId = (n: number): string => randomId(n).toUpperCase()

function maxItemsOf(v: unknown, max: number): number {
  if (v === undefined) return max
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1) throw invalidInput(`Invalid value for maxitems: ${String(v)}`)
  return Math.min(n, max)
}

export class Route53Service {
  readonly zones = new Map<string, HostedZone>()

  constructor(readonly now: () => number = Date.now) {}

  reset(): void {
    this.zones.clear()
  }

  zone(rawId: string): HostedZone {
    const id = rawId.replace(/^\/?hostedzone\//, '')
    const z = this.zones.get(id)
    if (!z) throw noSuchHostedZone(id)
    return z
  }

  changeInfo(): ChangeInfo {
    return { Id: `/change/C${upperId(20)}`, Status: 'PENDING', SubmittedAt: this.now() }
  }

  createHostedZone(i: {
    Name?: string
    CallerReference?: string
    Comment?: string
    PrivateZone?: boolean
  }): { zone: HostedZone; change: ChangeInfo } {
    if (!i.Name) throw invalidInput('Invalid request: Missing field Name')
    if (!i.CallerReference) throw invalidInput('Invalid request: Missing field CallerReference')
    if ([...this.zones.values()].some((z) => z.callerReference === i.CallerReference)) {
      throw hostedZoneAlreadyExists()
    }
    const name = dnsName(i.Name)
    if (!/^([a-z0-9_-]+\.)+$/.test(name)) throw invalidInput(`Invalid domain name: ${i.Name}`)
    let id = `Z${upperId(20)}`
    while (this.zones.has(id)) id = `Z${upperId(20)}`
    const zone: HostedZone = {
      id,
      name,
      callerReference: i.CallerReference,
      comment: i.Comment,
      privateZone: i.PrivateZone === true,
      records: [
        { Name: name, Type: 'NS', TTL: 172800, ResourceRecords: NAME_SERVERS.map((n) => `${n}.`) },
        {
          Name: name,
          Type: 'SOA',
          TTL: 900,
          ResourceRecords: [
            `${NAME_SERVERS[0]}. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400`
          ]
        }
      ]
    }
    this.zones.set(id, zone)
    return { zone, change: this.changeInfo() }
  }

  listHostedZonesByName(i: { dnsname?: string; hostedzoneid?: string; maxitems?: string }) {
    if (i.hostedzoneid !== undefined && i.dnsname === undefined) {
      throw invalidInput('Invalid request: a hostedzoneid requires a dnsname')
    }
    const max = maxItemsOf(i.maxitems, MAX_ZONE_PAGE)
    const key = (z: HostedZone): string => `${reversedLabels(z.name)}\u0000${z.id}`
    const all = [...this.zones.values()].sort((a, b) => (key(a) < key(b) ? -1 : 1))
    const start =
      i.dnsname === undefined
        ? ''
        : `${reversedLabels(dnsName(i.dnsname))}\u0000${i.hostedzoneid ?? ''}`
    const from = all.filter((z) => key(z) >= start)
    const zones = from.slice(0, max)
    const next = from[max]
    return { zones, maxItems: max, next }
  }

  changeResourceRecordSets(zoneId: string, changes: Change[]): ChangeInfo {
    const zone = this.zone(zoneId)
    const normalized = changes.map((c) => ({
      Action: c.Action,
      ResourceRecordSet: normalizeRecord(c.ResourceRecordSet)
    }))
    zone.records = applyChanges(zone.name, zone.records, normalized)
    return this.changeInfo()
  }

  listResourceRecordSets(
    zoneId: string,
    i: { name?: string; type?: string; identifier?: string; maxitems?: string }
  ) {
    const zone = this.zone(zoneId)
    if (i.type !== undefined && i.name === undefined) {
      throw invalidInput(
        'The input is not valid: a type (StartRecordType) requires a name (StartRecordName)'
      )
    }
    if (i.identifier !== undefined && i.type === undefined) {
      throw invalidInput('The input is not valid: an identifier requires a name and a type')
    }
    if (i.type !== undefined && !RECORD_TYPES.includes(i.type)) {
      throw invalidInput(`Invalid type: ${i.type}`)
    }
    const max = maxItemsOf(i.maxitems, MAX_RRSET_PAGE)
    const start = {
      Name: i.name === undefined ? '' : dnsName(i.name),
      Type: i.type ?? '',
      SetIdentifier: i.identifier
    }
    const from =
      i.name === undefined
        ? zone.records
        : zone.records.filter((r) => compareRecords(r, start) >= 0)
    return { records: from.slice(0, max), maxItems: max, next: from[max] }
  }
}

function normalizeRecord(r: RecordSet): RecordSet {
  const out: RecordSet = { Name: dnsName(r.Name ?? ''), Type: r.Type }
  if (r.SetIdentifier !== undefined) out.SetIdentifier = r.SetIdentifier
  if (r.Weight !== undefined) out.Weight = r.Weight
  if (r.TTL !== undefined) out.TTL = r.TTL
  if (r.ResourceRecords !== undefined) out.ResourceRecords = r.ResourceRecords
  if (r.AliasTarget !== undefined) {
    const a: AliasTarget = {
      HostedZoneId: r.AliasTarget.HostedZoneId,
      DNSName: dnsName(r.AliasTarget.DNSName),
      EvaluateTargetHealth: r.AliasTarget.EvaluateTargetHealth
    }
    out.AliasTarget = a
  }
  return out
}
