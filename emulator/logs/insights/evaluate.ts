/**
 * Running a parsed Logs Insights query (query.ts) over stored log events:
 * each event becomes a row of fields (`@timestamp`, `@message`, `@logStream`,
 * `@log`, `@ingestionTime`, and the fields of a JSON message, nested ones
 * joined with dots), then each command transforms the rows in order.
 */
import type { Command, Expr, Projection } from './query.js'

type Value = string | number | boolean | undefined
type Row = Record<string, Value>

/** A stored event with the names Insights gives its group and stream. */
export interface QueryEvent {
  timestamp: number
  ingestionTime: number
  message: string
  logGroup: string
  logStream: string
  /** `@ptr`: an opaque pointer to the event. */
  ptr: string
}

export type ResultRow = Array<{ field: string; value: string }>

const TS = '\u0000ts'
const PTR = '@ptr'

/** Insights' timestamp format: `2026-01-01 12:00:00.000`. */
export const insightsTime = (ms: number): string =>
  new Date(ms).toISOString().replace('T', ' ').replace('Z', '')

function flatten(v: unknown, prefix: string, out: Row): void {
  if (v !== null && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) flatten(x, prefix ? `${prefix}.${k}` : k, out)
  } else if (prefix !== '' && v !== null && v !== undefined) {
    out[prefix] = typeof v === 'boolean' ? String(v) : (v as string | number)
  }
}

function rowOf(e: QueryEvent): Row {
  const row: Row = {}
  const text = e.message.trim()
  if (text.startsWith('{')) {
    try {
      flatten(JSON.parse(text), '', row)
    } catch {
      // not JSON after all: only the standard fields
    }
  }
  Object.assign(row, {
    '@timestamp': insightsTime(e.timestamp),
    '@message': e.message,
    '@logStream': e.logStream,
    '@log': e.logGroup,
    '@ingestionTime': insightsTime(e.ingestionTime),
    [PTR]: e.ptr,
    [TS]: e.timestamp
  })
  return row
}

const numeric = (v: Value): number | undefined => {
  if (typeof v === 'number') return v
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v)
  return undefined
}

/** Compares as numbers when both sides are numbers, else as strings. */
function compare(a: Value, b: Value): number {
  const x = numeric(a)
  const y = numeric(b)
  if (x !== undefined && y !== undefined) return x - y
  const s = String(a)
  const t = String(b)
  return s < t ? -1 : s > t ? 1 : 0
}

const truthy = (v: Value): boolean =>
  v !== undefined && v !== false && v !== '' && v !== 0 && v !== 'false'

const present = (v: Value): boolean => v !== undefined && v !== ''

function evaluate(e: Expr, row: Row): Value {
  switch (e.k) {
    case 'field':
      return row[e.name]
    case 'lit':
      return e.value
    case 'regex':
      return e.re.source
    case 'and':
      return truthy(evaluate(e.l, row)) && truthy(evaluate(e.r, row))
    case 'or':
      return truthy(evaluate(e.l, row)) || truthy(evaluate(e.r, row))
    case 'not':
      return !truthy(evaluate(e.e, row))
    case 'cmp': {
      const l = evaluate(e.l, row)
      const r = evaluate(e.r, row)
      if (l === undefined || r === undefined) return false
      const c = compare(l, r)
      return { '=': c === 0, '!=': c !== 0, '<': c < 0, '<=': c <= 0, '>': c > 0, '>=': c >= 0 }[
        e.op
      ]
    }
    case 'like': {
      const v = evaluate(e.e, row)
      if (v === undefined) return false
      if (e.pattern.k === 'regex') return e.pattern.re.test(String(v))
      return String(v).includes(String(evaluate(e.pattern, row)))
    }
    case 'in': {
      const v = evaluate(e.e, row)
      return v !== undefined && e.list.some((x) => compare(v, evaluate(x, row)) === 0)
    }
    case 'call':
      return call(e.fn, e.args, row)
  }
}

function call(fn: string, args: Expr[], row: Row): Value {
  const a = args.map((x) => evaluate(x, row))
  switch (fn) {
    case 'ispresent':
      return present(a[0])
    case 'isempty':
      return !present(a[0])
    case 'isblank':
      return !present(a[0]) || String(a[0]).trim() === ''
    case 'strcontains':
      return a[0] !== undefined && String(a[0]).includes(String(a[1]))
    case 'tolower':
      return a[0] === undefined ? undefined : String(a[0]).toLowerCase()
    case 'toupper':
      return a[0] === undefined ? undefined : String(a[0]).toUpperCase()
    case 'concat':
      return a.map((x) => (x === undefined ? '' : String(x))).join('')
    case 'bin': {
      const ms = durationMs(String(a[0]))
      const ts = Number(row[TS])
      return insightsTime(Math.floor(ts / ms) * ms)
    }
    default:
      throw new Error(`unknown function ${fn}`)
  }
}

const UNITS: Record<string, number> = { ms: 1, s: 1e3, m: 6e4, h: 36e5, d: 864e5, w: 6048e5 }

function durationMs(text: string): number {
  const m = /^(\d+)(ms|s|m|h|d|w)$/.exec(text)
  if (!m) throw new Error(`bin: invalid duration ${text}`)
  return Number(m[1]) * UNITS[m[2]!]!
}

function aggregate(p: Projection, rows: Row[]): Value {
  if (p.expr.k !== 'call') return undefined
  const arg = p.expr.args[0]
  const star = arg === undefined || (arg.k === 'lit' && arg.value === '*')
  const values = star ? rows.map(() => 1) : rows.map((r) => evaluate(arg, r))
  const nums = values.map(numeric).filter((n): n is number => n !== undefined)
  switch (p.expr.fn) {
    case 'count':
      return values.filter((v) => present(v)).length
    case 'count_distinct':
      return new Set(values.filter(present).map(String)).size
    case 'sum':
      return nums.reduce((s, n) => s + n, 0)
    case 'avg':
      return nums.length ? nums.reduce((s, n) => s + n, 0) / nums.length : undefined
    case 'min':
      return nums.length ? Math.min(...nums) : undefined
    case 'max':
      return nums.length ? Math.max(...nums) : undefined
    case 'earliest':
    case 'latest': {
      const withValue = rows.filter((r) => present(arg ? evaluate(arg, r) : undefined))
      if (withValue.length === 0) return undefined
      const pick = withValue.reduce((best, r) => {
        const better =
          p.expr.k === 'call' && p.expr.fn === 'earliest'
            ? Number(r[TS]) < Number(best[TS])
            : Number(r[TS]) > Number(best[TS])
        return better ? r : best
      })
      return arg ? evaluate(arg, pick) : undefined
    }
    default:
      throw new Error(`unknown aggregation ${p.expr.fn}`)
  }
}

/** A group's key: its values as the strings Insights answers (`502` and `"502"` are one group). */
const keyOf = (values: Value[]): string =>
  JSON.stringify(values.map((v) => (v === undefined ? null : String(v))))

function stats(c: Extract<Command, { k: 'stats' }>, rows: Row[]): Row[] {
  const groups = new Map<string, { key: Row; rows: Row[] }>()
  for (const r of rows) {
    const key: Row = {}
    for (const b of c.by) key[b.as] = evaluate(b.expr, r)
    const k = keyOf(c.by.map((b) => key[b.as]))
    const g = groups.get(k) ?? { key, rows: [] }
    g.rows.push(r)
    groups.set(k, g)
  }
  if (groups.size === 0 && c.by.length === 0) groups.set('', { key: {}, rows: [] })
  return [...groups.values()].map((g) => {
    const out: Row = { ...g.key }
    for (const a of c.aggs) out[a.as] = aggregate(a, g.rows)
    return out
  })
}

function sortRows(rows: Row[], keys: Array<{ field: string; desc: boolean }>): Row[] {
  return [...rows].sort((a, b) => {
    for (const k of keys) {
      const x = a[k.field]
      const y = b[k.field]
      if (x === undefined && y === undefined) continue
      if (x === undefined) return 1
      if (y === undefined) return -1
      const c = compare(x, y)
      if (c !== 0) return k.desc ? -c : c
    }
    return 0
  })
}

const DEFAULT_COLUMNS = ['@timestamp', '@message', '@logStream', '@log']

/** What a query answers over `events`: rows of `{field, value}`, at most `limit`. */
export function runQuery(
  commands: Command[],
  events: QueryEvent[],
  limit: number
): { results: ResultRow[]; matched: number } {
  // Insights answers the newest events first unless the query sorts
  let rows = sortRows(events.map(rowOf), [{ field: TS, desc: true }])
  let columns: string[] | undefined
  let aggregated = false
  let userLimit = limit
  const parsed: string[] = []
  for (const c of commands) {
    switch (c.k) {
      case 'fields':
      case 'display':
        for (const r of rows) for (const p of c.items) r[p.as] = evaluate(p.expr, r)
        columns =
          c.k === 'display'
            ? c.items.map((p) => p.as)
            : [...(columns ?? []), ...c.items.map((p) => p.as)]
        break
      case 'filter':
        rows = rows.filter((r) => truthy(evaluate(c.e, r)))
        break
      case 'parse':
        for (const r of rows) {
          const m = c.pattern.exec(String(r[c.source] ?? ''))
          if (!m) continue
          c.names.forEach((n, i) => {
            r[n] = m.groups?.[n] ?? m[i + 1]
          })
        }
        parsed.push(...c.names.filter((n) => !parsed.includes(n)))
        break
      case 'stats':
        rows = stats(c, rows)
        columns = [...c.by.map((b) => b.as), ...c.aggs.map((a) => a.as)]
        aggregated = true
        break
      case 'sort':
        rows = sortRows(rows, c.keys)
        break
      case 'limit':
        rows = rows.slice(0, c.n)
        userLimit = Math.min(userLimit, c.n)
        break
      case 'dedup': {
        const seen = new Set<string>()
        rows = rows.filter((r) => {
          const k = keyOf(c.fields.map((f) => r[f]))
          if (seen.has(k)) return false
          seen.add(k)
          return true
        })
        break
      }
    }
  }
  const matched = rows.length
  const shown = columns ?? [...DEFAULT_COLUMNS, ...parsed]
  const withPtr = aggregated ? shown : [...shown, PTR]
  const results = rows
    .slice(0, userLimit)
    .map((r) =>
      withPtr.filter((f) => r[f] !== undefined).map((field) => ({ field, value: String(r[field]) }))
    )
  return { results, matched }
}
