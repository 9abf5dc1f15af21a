/**
 * Log groups, log streams and their events: CreateLogGroup, CreateLogStream,
 * PutLogEvents, DescribeLogGroups and DescribeLogStreams, with the
 * acceptance rules of PutLogEvents (chronological batch within 24 hours;
 * events over 14 days old or over 2 hours ahead are rejected, not stored).
 */
import { alreadyExists, invalidParameter, logsNotFound } from './errors.js'
import type { QueryEvent } from './insights/evaluate.js'
import { ACCOUNT_ID, isRecord } from '../common/wire.js'

export interface StoredEvent {
  timestamp: number
  ingestionTime: number
  message: string
}

interface LogStream {
  name: string
  creationTime: number
  events: StoredEvent[]
}

interface LogGroup {
  name: string
  region: string
  creationTime: number
  streams: Map<string, LogStream>
}

type Input = Record<string, unknown>

const NAME_RE = /^[.\-_/#A-Za-z0-9]{1,512}$/
const STREAM_RE = /^[^:*]{1,512}$/
const DAY = 86_400_000
const TOO_OLD_MS = 14 * DAY
const TOO_NEW_MS = 2 * 3_600_000

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

export const logGroupArn = (region: string, name: string): string =>
  `arn:aws:logs:${region}:${ACCOUNT_ID}:log-group:${name}`

export class LogStore {
  readonly groups = new Map<string, LogGroup>()
  private sequence = 0

  constructor(private readonly now: () => number) {}

  reset(): void {
    this.groups.clear()
  }

  group(name: unknown): LogGroup {
    const g = this.groups.get(String(name))
    if (!g) throw logsNotFound('The specified log group does not exist.')
    return g
  }

  createLogGroup(i: Input, region: string): unknown {
    const name = str(i.logGroupName) ?? ''
    if (!NAME_RE.test(name)) {
      throw invalidParameter(
        `1 validation error detected: Value '${name}' at 'logGroupName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_/#A-Za-z0-9]+`
      )
    }
    if (this.groups.has(name)) throw alreadyExists('The specified log group already exists')
    this.groups.set(name, { name, region, creationTime: this.now(), streams: new Map() })
    return undefined
  }

  createLogStream(i: Input): unknown {
    const g = this.group(i.logGroupName)
    const name = str(i.logStreamName) ?? ''
    if (!STREAM_RE.test(name)) {
      throw invalidParameter(
        `1 validation error detected: Value '${name}' at 'logStreamName' failed to satisfy constraint: Member must satisfy regular expression pattern: [^:*]*`
      )
    }
    if (g.streams.has(name)) throw alreadyExists('The specified log stream already exists')
    g.streams.set(name, { name, creationTime: this.now(), events: [] })
    return undefined
  }

  putLogEvents(i: Input): unknown {
    const g = this.group(i.logGroupName)
    const s = g.streams.get(String(i.logStreamName))
    if (!s) throw logsNotFound('The specified log stream does not exist.')
    const events = Array.isArray(i.logEvents) ? i.logEvents.filter(isRecord) : []
    if (events.length === 0) {
      throw invalidParameter(
        "1 validation error detected: Value '[]' at 'logEvents' failed to satisfy constraint: Member must have length greater than or equal to 1"
      )
    }
    const batch = events.map((e) => ({
      timestamp: Number(e.timestamp),
      message: String(e.message ?? '')
    }))
    for (let k = 1; k < batch.length; k++) {
      if (batch[k]!.timestamp < batch[k - 1]!.timestamp) {
        throw invalidParameter(
          'Log events in a single PutLogEvents request must be in chronological order.'
        )
      }
    }
    if (batch[batch.length - 1]!.timestamp - batch[0]!.timestamp > DAY) {
      throw invalidParameter(
        'The batch of log events in a single PutLogEvents request cannot span more than 24 hours.'
      )
    }
    const now = this.now()
    const rejected: Record<string, number> = {}
    batch.forEach((e, idx) => {
      if (e.timestamp < now - TOO_OLD_MS) rejected.tooOldLogEventEndIndex = idx + 1
      else if (e.timestamp > now + TOO_NEW_MS) rejected.tooNewLogEventStartIndex ??= idx
      else s.events.push({ ...e, ingestionTime: now })
    })
    const out: Record<string, unknown> = {
      nextSequenceToken: String(++this.sequence).padStart(56, '0')
    }
    if (Object.keys(rejected).length > 0) out.rejectedLogEventsInfo = rejected
    return out
  }

  describeLogGroups(i: Input, region: string): unknown {
    const prefix = str(i.logGroupNamePrefix) ?? ''
    const logGroups = [...this.groups.values()]
      .filter((g) => g.region === region && g.name.startsWith(prefix))
      .sort((a, b) => (a.name < b.name ? -1 : 1))
      .slice(0, typeof i.limit === 'number' ? i.limit : 50)
      .map((g) => ({
        logGroupName: g.name,
        creationTime: g.creationTime,
        metricFilterCount: 0,
        arn: `${logGroupArn(region, g.name)}:*`,
        logGroupArn: logGroupArn(region, g.name),
        storedBytes: [...g.streams.values()].reduce(
          (n, s) => n + s.events.reduce((m, e) => m + Buffer.byteLength(e.message), 0),
          0
        ),
        logGroupClass: 'STANDARD'
      }))
    return { logGroups }
  }

  describeLogStreams(i: Input): unknown {
    const g = this.group(i.logGroupName)
    const prefix = str(i.logStreamNamePrefix) ?? ''
    const logStreams = [...g.streams.values()]
      .filter((s) => s.name.startsWith(prefix))
      .map((s) => {
        const out: Record<string, unknown> = {
          logStreamName: s.name,
          creationTime: s.creationTime,
          arn: `${logGroupArn(g.region, g.name)}:log-stream:${s.name}`,
          storedBytes: 0
        }
        if (s.events.length > 0) {
          out.firstEventTimestamp = Math.min(...s.events.map((e) => e.timestamp))
          out.lastEventTimestamp = Math.max(...s.events.map((e) => e.timestamp))
          out.lastIngestionTime = Math.max(...s.events.map((e) => e.ingestionTime))
        }
        return out
      })
    return { logStreams }
  }

  /** The events of `groups` from `startMs` to `endMs` (both included), for a query. */
  eventsOf(groups: LogGroup[], startMs: number, endMs: number): QueryEvent[] {
    const out: QueryEvent[] = []
    for (const g of groups) {
      for (const s of g.streams.values()) {
        s.events.forEach((e, idx) => {
          if (e.timestamp < startMs || e.timestamp > endMs) return
          out.push({
            ...e,
            logGroup: `${ACCOUNT_ID}:${g.name}`,
            logStream: s.name,
            ptr: Buffer.from(`${g.name}\u0000${s.name}\u0000${idx}`).toString('base64')
          })
        })
      }
    }
    return out
  }
}
