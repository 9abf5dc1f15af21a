/**
 * X-Ray filter expressions, the subset GetTraceSummaries evaluates over a
 * trace's segments: booleans `ok`, `error`, `fault`, `throttle`, `partial`;
 * `responsetime`, `duration`, `http.status` with number comparisons;
 * `http.url`, `http.method`, `http.useragent`, `http.clientip`, `user`,
 * `annotation.KEY` with `=`, `!=`, `CONTAINS`, `BEGINSWITH`, `ENDSWITH`
 * (numbers compare too); `service("name")` or `service(id(name: "n", type: "t"))`,
 * optionally with `{ expression }` evaluated on that service's segments;
 * `AND`/`&&`, `OR`/`||`, `NOT`/`!`, parentheses.
 * https://docs.aws.amazon.com/xray/latest/devguide/xray-console-filters.html
 */
import { type Segment, walk } from './segments.js'

type Value = string | number | boolean
type Node =
  | { k: 'and' | 'or'; l: Node; r: Node }
  | { k: 'not'; e: Node }
  | { k: 'kw'; name: string; op?: string; value?: Value }
  | { k: 'service'; name: string; type?: string; inner?: Node }

export class FilterError extends Error {}

const OPS = ['<=', '>=', '!=', '&&', '||', '=', '<', '>', '(', ')', '{', '}', ',', ':', '!']

function tokenize(text: string): Array<{ t: 'id' | 'str' | 'num' | 'op'; v: string }> {
  const out: Array<{ t: 'id' | 'str' | 'num' | 'op'; v: string }> = []
  let i = 0
  while (i < text.length) {
    const rest = text.slice(i)
    const ws = /^\s+/.exec(rest)
    if (ws) {
      i += ws[0].length
      continue
    }
    const str = /^"((?:[^"\\]|\\.)*)"/.exec(rest)
    const num = /^-?\d+(\.\d+)?/.exec(rest)
    const id = /^[A-Za-z_][\w.-]*/.exec(rest)
    const op = OPS.find((o) => rest.startsWith(o))
    if (str) out.push({ t: 'str', v: str[1]!.replace(/\\(.)/g, '$1') })
    else if (num) out.push({ t: 'num', v: num[0] })
    else if (id) out.push({ t: 'id', v: id[0] })
    else if (op) out.push({ t: 'op', v: op })
    else throw new FilterError(`Invalid filter expression: unexpected '${rest[0]}'`)
    i += (str ?? num ?? id)?.[0].length ?? op!.length
  }
  return out
}

const COMPARE = ['=', '!=', '<', '<=', '>', '>=', 'contains', 'beginswith', 'endswith']

/** The expression's tree; throws {@link FilterError} for what X-Ray would refuse. */
export function parseFilter(text: string): Node {
  const toks = tokenize(text)
  let i = 0
  const peek = () => toks[i]
  const word = (w: string) => peek()?.v.toLowerCase() === w
  const expect = (v: string) => {
    if (toks[i]?.v !== v) throw new FilterError(`Invalid filter expression: expected '${v}'`)
    i++
  }
  const value = (): Value => {
    const t = toks[i++]
    if (!t) throw new FilterError('Invalid filter expression: a value is missing')
    if (t.t === 'num') return Number(t.v)
    if (t.t === 'str') return t.v
    if (t.t === 'id' && (t.v === 'true' || t.v === 'false')) return t.v === 'true'
    throw new FilterError(`Invalid filter expression: unexpected '${t.v}'`)
  }
  const or = (): Node => {
    let l = and()
    while (word('or') || peek()?.v === '||') {
      i++
      l = { k: 'or', l, r: and() }
    }
    return l
  }
  const and = (): Node => {
    let l = not()
    while (word('and') || peek()?.v === '&&') {
      i++
      l = { k: 'and', l, r: not() }
    }
    return l
  }
  const not = (): Node => {
    if (word('not') || peek()?.v === '!') {
      i++
      return { k: 'not', e: not() }
    }
    return primary()
  }
  const serviceArgs = (): { name: string; type?: string } => {
    if (word('id')) {
      i++
      expect('(')
      const out: { name: string; type?: string } = { name: '' }
      while (peek()?.v !== ')') {
        const key = toks[i++]?.v.toLowerCase()
        expect(':')
        const v = String(value())
        if (key === 'name') out.name = v
        else if (key === 'type') out.type = v
        if (peek()?.v === ',') i++
      }
      i++
      return out
    }
    return { name: String(value()) }
  }
  const primary = (): Node => {
    const t = toks[i]
    if (!t) throw new FilterError('Invalid filter expression: unexpected end')
    if (t.v === '(') {
      i++
      const e = or()
      expect(')')
      return e
    }
    if (t.t !== 'id') throw new FilterError(`Invalid filter expression: unexpected '${t.v}'`)
    i++
    const name = t.v.toLowerCase()
    if (name === 'service') {
      expect('(')
      const s: Node = { k: 'service', ...serviceArgs() }
      expect(')')
      if (peek()?.v === '{') {
        i++
        s.inner = or()
        expect('}')
      }
      return s
    }
    const op = peek()?.v.toLowerCase()
    if (op !== undefined && COMPARE.includes(op)) {
      i++
      return {
        k: 'kw',
        name: name.startsWith('annotation.') ? `annotation.${t.v.slice(11)}` : name,
        op,
        value: value()
      }
    }
    return { k: 'kw', name }
  }
  const tree = or()
  if (i < toks.length)
    throw new FilterError(`Invalid filter expression: unexpected '${toks[i]!.v}'`)
  return tree
}

function compare(actual: Value | undefined, op: string, expected: Value): boolean {
  if (actual === undefined) return false
  if (typeof expected === 'number' && typeof actual === 'number') {
    return (
      {
        '=': actual === expected,
        '!=': actual !== expected,
        '<': actual < expected,
        '<=': actual <= expected,
        '>': actual > expected,
        '>=': actual >= expected
      }[op] ?? false
    )
  }
  const a = String(actual)
  const e = String(expected)
  switch (op) {
    case '=':
      return a === e
    case '!=':
      return a !== e
    case 'contains':
      return a.includes(e)
    case 'beginswith':
      return a.startsWith(e)
    case 'endswith':
      return a.endsWith(e)
    default:
      return false
  }
}

/** What a keyword means for a set of segments (a trace, or one service's segments). */
function keyword(name: string, segs: Segment[], entry: Segment): Value | undefined {
  const all = segs.flatMap((s) => [...walk(s)].map((x) => x.s))
  const end = Math.max(...segs.map((s) => s.end_time ?? s.start_time))
  const req = entry.http?.request ?? {}
  switch (name) {
    case 'fault':
    case 'error':
    case 'throttle':
      return all.some((s) => s[name] === true)
    case 'ok':
      return !all.some((s) => s.fault === true || s.error === true || s.throttle === true)
    case 'partial':
      return segs.some((s) => s.in_progress === true)
    case 'responsetime':
      return (entry.end_time ?? entry.start_time) - entry.start_time
    case 'duration':
      return end - Math.min(...segs.map((s) => s.start_time))
    case 'http.status':
      return entry.http?.response?.status
    case 'http.url':
    case 'http.method':
    case 'http.useragent':
    case 'http.clientip': {
      const key = {
        'http.url': 'url',
        'http.method': 'method',
        'http.useragent': 'user_agent',
        'http.clientip': 'client_ip'
      }[name]
      const v = req[key]
      return typeof v === 'string' ? v : undefined
    }
    case 'user':
      return all.find((s) => s.user)?.user
    default:
      if (name.startsWith('annotation.')) {
        const key = name.slice('annotation.'.length)
        return all.find((s) => s.annotations?.[key] !== undefined)?.annotations?.[key]
      }
      throw new FilterError(`Invalid filter expression: unknown keyword '${name}'`)
  }
}

/** Whether the trace whose segments are `segs` (entered by `entry`) matches `node`. */
export function matches(node: Node, segs: Segment[], entry: Segment): boolean {
  switch (node.k) {
    case 'and':
      return matches(node.l, segs, entry) && matches(node.r, segs, entry)
    case 'or':
      return matches(node.l, segs, entry) || matches(node.r, segs, entry)
    case 'not':
      return !matches(node.e, segs, entry)
    case 'service': {
      const mine = segs.filter(
        (s) => s.name === node.name && (node.type === undefined || s.origin === node.type)
      )
      if (mine.length === 0) return false
      return node.inner === undefined || mine.some((s) => matches(node.inner!, [s], s))
    }
    case 'kw': {
      const v = keyword(node.name, segs, entry)
      if (node.op === undefined) return v === true
      return compare(v, node.op, node.value!)
    }
  }
}
