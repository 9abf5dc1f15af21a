/**
 * Route 53 record sets: names as Route 53 keeps them (lower case, trailing
 * dot), the order ListResourceRecordSets lists them in (labels reversed, then
 * type, then set identifier), and the checks ChangeResourceRecordSets makes.
 */
import { invalidChangeBatch, invalidInput } from './errors.js'

export const RECORD_TYPES = [
  'SOA',
  'A',
  'TXT',
  'NS',
  'CNAME',
  'MX',
  'NAPTR',
  'PTR',
  'SRV',
  'SPF',
  'AAAA',
  'CAA',
  'DS'
]

export interface AliasTarget {
  HostedZoneId: string
  DNSName: string
  EvaluateTargetHealth: boolean
}

export interface RecordSet {
  Name: string
  Type: string
  SetIdentifier?: string
  Weight?: number
  TTL?: number
  ResourceRecords?: string[]
  AliasTarget?: AliasTarget
}

export interface Change {
  Action: string
  ResourceRecordSet: RecordSet
}

/** `Example.COM` -> `example.com.` */
export const dnsName = (name: string): string => {
  const lower = name.trim().toLowerCase()
  return lower.endsWith('.') ? lower : `${lower}.`
}

/** The sort key of a name: its labels, last first (`www.example.com.` -> `com.example.www`). */
export const reversedLabels = (name: string): string =>
  name.replace(/\.$/, '').split('.').reverse().join('.')

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

export function compareRecords(
  a: Pick<RecordSet, 'Name' | 'Type' | 'SetIdentifier'>,
  b: Pick<RecordSet, 'Name' | 'Type' | 'SetIdentifier'>
): number {
  return (
    cmp(reversedLabels(a.Name), reversedLabels(b.Name)) ||
    cmp(a.Type, b.Type) ||
    cmp(a.SetIdentifier ?? '', b.SetIdentifier ?? '')
  )
}

const describe = (r: RecordSet): string =>
  `[name='${r.Name}', type='${r.Type}'${r.SetIdentifier === undefined ? '' : `, set-identifier='${r.SetIdentifier}'`}]`

const sameSet = (a: RecordSet, b: RecordSet): boolean =>
  a.Name === b.Name && a.Type === b.Type && (a.SetIdentifier ?? '') === (b.SetIdentifier ?? '')

/** Throws InvalidInput for a record set Route 53 would refuse on its own. */
function checkRecord(action: string, r: RecordSet): void {
  const where = `Change with [Action=${action}, Name=${r.Name}, Type=${r.Type}, SetIdentifier=${r.SetIdentifier ?? 'null'}]`
  if (!RECORD_TYPES.includes(r.Type)) {
    throw invalidInput(`Invalid request: Invalid type ${r.Type} in ${where}`)
  }
  const plain = r.TTL !== undefined && r.ResourceRecords !== undefined
  const alias = r.AliasTarget !== undefined
  if (alias === (plain || r.TTL !== undefined || r.ResourceRecords !== undefined)) {
    throw invalidInput(
      `Invalid request: Expected exactly one of [AliasTarget, all of [TTL, and ResourceRecords], or TrafficPolicyInstanceId], but found ${alias ? 'more than one' : 'none'} in ${where}`
    )
  }
  if (!alias && !plain) {
    throw invalidInput(`Invalid request: Expected TTL and ResourceRecords in ${where}`)
  }
  if ((r.SetIdentifier === undefined) !== (r.Weight === undefined)) {
    throw invalidInput(
      `Invalid request: A weighted record needs both SetIdentifier and Weight in ${where}`
    )
  }
}

/**
 * `records` after `changes`, all or nothing; `zone` is the zone's name.
 * Throws InvalidChangeBatch (with every problem found) or InvalidInput.
 */
export function applyChanges(zone: string, records: RecordSet[], changes: Change[]): RecordSet[] {
  if (changes.length === 0) throw invalidInput('Invalid request: no changes in ChangeBatch')
  const next = records.map((r) => structuredClone(r))
  const problems: string[] = []
  for (const { Action, ResourceRecordSet: r } of changes) {
    if (!['CREATE', 'DELETE', 'UPSERT'].includes(Action)) {
      throw invalidInput(`Invalid request: Invalid Action ${Action}`)
    }
    checkRecord(Action, r)
    if (r.Name !== zone && !r.Name.endsWith(`.${zone}`)) {
      problems.push(`RRSet with DNS name ${r.Name} is not permitted in zone ${zone}`)
      continue
    }
    const at = next.findIndex((x) => sameSet(x, r))
    if (Action === 'DELETE') {
      const found = next[at]
      if (!found || JSON.stringify(found) !== JSON.stringify(r)) {
        problems.push(`Tried to delete resource record set ${describe(r)} but it was not found`)
      } else next.splice(at, 1)
      continue
    }
    if (Action === 'CREATE' && at >= 0) {
      problems.push(`Tried to create resource record set ${describe(r)} but it already exists`)
      continue
    }
    const conflict = next.find(
      (x) =>
        x.Name === r.Name &&
        !sameSet(x, r) &&
        ((x.Type === r.Type &&
          (x.SetIdentifier === undefined) !== (r.SetIdentifier === undefined)) ||
          (x.Type !== r.Type && (x.Type === 'CNAME' || r.Type === 'CNAME')))
    )
    if (conflict) {
      problems.push(
        `RRSet of type ${r.Type} with DNS name ${r.Name} is not permitted because a conflicting RRSet of type ${conflict.Type} with the same DNS name already exists in zone ${zone}`
      )
      continue
    }
    if (at >= 0) next[at] = structuredClone(r)
    else next.push(structuredClone(r))
  }
  if (problems.length > 0) throw invalidChangeBatch(problems)
  return next.sort(compareRecords)
}
