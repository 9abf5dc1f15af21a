/**
 * Logs Insights queries: StartQuery parses the query (MalformedQueryException
 * for what it cannot compile) and evaluates it over the stored events of its
 * log groups in the time range (store.ts, insights/); GetQueryResults answers
 * `Running` with no rows on a query's first read, then `Complete` with its
 * rows; StopQuery cancels a query that has not completed. A test can keep
 * every query `Running` (`POST /_emulator/logs/queries`), as a query over a
 * large log group stays while it scans.
 */
import { randomUUID } from 'node:crypto'

import { invalidParameter, logsLimitExceeded, logsNotFound, malformedQuery } from './errors.js'
import { type ResultRow, runQuery } from './insights/evaluate.js'
import { QueryError, parseQuery } from './insights/query.js'
import type { LogStore } from './store.js'

type Input = Record<string, unknown>

interface Query {
  id: string
  status: 'Scheduled' | 'Running' | 'Complete' | 'Cancelled'
  results: ResultRow[]
  statistics: {
    recordsMatched: number
    recordsScanned: number
    bytesScanned: number
    logGroupsScanned: number
  }
}

const MAX_LIMIT = 10_000
const MAX_QUERY_LENGTH = 10_000
const MAX_RUNNING = 30

/** A log group named by a request: its name, or its ARN (`...:log-group:NAME[:*]`). */
const groupName = (v: unknown): string =>
  String(v)
    .replace(/^arn:[^:]+:logs:[^:]*:[^:]*:log-group:/, '')
    .replace(/:\*$/, '')

export class QueryStore {
  readonly queries = new Map<string, Query>()
  /** Queries never complete: GetQueryResults answers `Running` until StopQuery. */
  keepRunning = false

  constructor(private readonly logs: LogStore) {}

  reset(): void {
    this.queries.clear()
    this.keepRunning = false
  }

  startQuery(i: Input): unknown {
    const named = [
      i.logGroupName === undefined ? [] : [i.logGroupName],
      Array.isArray(i.logGroupNames) ? i.logGroupNames : [],
      Array.isArray(i.logGroupIdentifiers) ? i.logGroupIdentifiers : []
    ]
    if (named.filter((n) => n.length > 0).length !== 1) {
      throw invalidParameter(
        'Exactly one of logGroupName, logGroupNames, logGroupIdentifiers or a source in the query string must be specified.'
      )
    }
    const groups = named.flat().map((n) => {
      const name = groupName(n)
      if (!this.logs.groups.has(name)) throw logsNotFound(`Log group '${name}' does not exist`)
      return this.logs.group(name)
    })
    const start = Number(i.startTime)
    const end = Number(i.endTime)
    if (!Number.isFinite(start) || !Number.isFinite(end) || start < 0) {
      throw invalidParameter('startTime and endTime must be epoch seconds')
    }
    if (end < start) throw invalidParameter('End time should not be before the start time')
    const limit = i.limit === undefined ? 1000 : Number(i.limit)
    if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
      throw invalidParameter(`limit must be between 1 and ${MAX_LIMIT}`)
    }
    const text = typeof i.queryString === 'string' ? i.queryString : ''
    if (text.trim() === '' || text.length > MAX_QUERY_LENGTH) {
      throw invalidParameter(`queryString must be 1 to ${MAX_QUERY_LENGTH} characters`)
    }
    const running = [...this.queries.values()].filter(
      (q) => q.status === 'Running' || q.status === 'Scheduled'
    )
    if (running.length >= MAX_RUNNING) {
      throw logsLimitExceeded(
        `Account maximum query concurrency limit of [${MAX_RUNNING}] reached.`
      )
    }
    let commands
    try {
      commands = parseQuery(text)
    } catch (e) {
      if (e instanceof QueryError) throw malformedQuery(e.message)
      throw e
    }
    const events = this.logs.eventsOf(groups, start * 1000, end * 1000 + 999)
    const { results, matched } = runQuery(commands, events, limit)
    const id = randomUUID()
    this.queries.set(id, {
      id,
      status: 'Scheduled',
      results,
      statistics: {
        recordsMatched: matched,
        recordsScanned: events.length,
        bytesScanned: events.reduce((n, e) => n + Buffer.byteLength(e.message), 0),
        logGroupsScanned: groups.length
      }
    })
    return { queryId: id }
  }

  private query(i: Input): Query {
    const q = this.queries.get(String(i.queryId))
    if (!q) throw logsNotFound(`Query ${String(i.queryId)} does not exist`)
    return q
  }

  getQueryResults(i: Input): unknown {
    const q = this.query(i)
    if (q.status === 'Scheduled') q.status = 'Running'
    else if (q.status === 'Running' && !this.keepRunning) q.status = 'Complete'
    const done = q.status === 'Complete'
    return {
      queryLanguage: 'CWLI',
      results: done ? q.results : [],
      statistics: done ? q.statistics : { recordsMatched: 0, recordsScanned: 0, bytesScanned: 0 },
      status: q.status
    }
  }

  stopQuery(i: Input): unknown {
    const q = this.query(i)
    if (q.status === 'Complete' || q.status === 'Cancelled') {
      throw invalidParameter(`Query ${q.id} is not running`)
    }
    q.status = 'Cancelled'
    return { success: true }
  }
}
