/**
 * Reading a CloudWatch Logs Insights query: commands separated by `|`, each
 * parsed to a small tree the evaluator (evaluate.ts) runs over stored events.
 * The subset: `fields`, `display`, `filter` (comparisons, `like`/`=~` with a
 * regex or a substring, `in [...]`, `and`/`or`/`not`, parentheses, `ispresent`,
 * `isempty`, `strcontains`), `parse` (a glob with `*` or a regex with named
 * groups), `stats` (count, count_distinct, sum, avg, min, max, earliest, latest
 * by fields or `bin(5m)`), `sort`, `limit`, `dedup`.
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/CWL_QuerySyntax.html
 */
import { QueryError, type Tok, tokenize } from './tokens.js'

export { QueryError } from './tokens.js'

export type Expr =
  | { k: 'field'; name: string }
  | { k: 'lit'; value: string | number }
  | { k: 'regex'; re: RegExp }
  | { k: 'call'; fn: string; args: Expr[] }
  | { k: 'cmp'; op: '=' | '!=' | '<' | '<=' | '>' | '>='; l: Expr; r: Expr }
  | { k: 'and' | 'or'; l: Expr; r: Expr }
  | { k: 'not'; e: Expr }
  | { k: 'like'; e: Expr; pattern: Expr }
  | { k: 'in'; e: Expr; list: Expr[] }

export interface Projection {
  expr: Expr
  as: string
}

export type Command =
  | { k: 'fields' | 'display'; items: Projection[] }
  | { k: 'filter'; e: Expr }
  | { k: 'parse'; source: string; pattern: RegExp; names: string[] }
  | { k: 'stats'; aggs: Projection[]; by: Projection[] }
  | { k: 'sort'; keys: Array<{ field: string; desc: boolean }> }
  | { k: 'limit'; n: number }
  | { k: 'dedup'; fields: string[] }

/** Functions a query may call (filter, fields, by) and aggregate with (stats). */
const FUNCTIONS = [
  'ispresent',
  'isempty',
  'isblank',
  'strcontains',
  'tolower',
  'toupper',
  'concat',
  'bin'
]
const AGGREGATIONS = ['count', 'count_distinct', 'sum', 'avg', 'min', 'max', 'earliest', 'latest']

class Parser {
  private i = 0
  constructor(private readonly toks: Tok[]) {}

  peek(): Tok | undefined {
    return this.toks[this.i]
  }
  done(): boolean {
    return this.i >= this.toks.length
  }
  next(): Tok {
    const t = this.toks[this.i++]
    if (!t) throw new QueryError('unexpected end of query')
    return t
  }
  isOp(v: string): boolean {
    const t = this.peek()
    return t?.t === 'op' && t.v === v
  }
  isWord(v: string): boolean {
    const t = this.peek()
    return t?.t === 'id' && t.v.toLowerCase() === v
  }
  expectOp(v: string): void {
    const t = this.next()
    if (t.t !== 'op' || t.v !== v) throw new QueryError(`expected '${v}'`)
  }
  ident(): string {
    const t = this.next()
    if (t.t !== 'id') throw new QueryError('expected a field name')
    return t.v
  }

  or(): Expr {
    let l = this.and()
    while (this.isWord('or')) {
      this.i++
      l = { k: 'or', l, r: this.and() }
    }
    return l
  }
  and(): Expr {
    let l = this.not()
    while (this.isWord('and')) {
      this.i++
      l = { k: 'and', l, r: this.not() }
    }
    return l
  }
  not(): Expr {
    if (this.isWord('not')) {
      this.i++
      return { k: 'not', e: this.not() }
    }
    return this.comparison()
  }
  comparison(): Expr {
    const l = this.operand()
    const negated = this.isWord('not')
    if (negated) this.i++
    let e: Expr | undefined
    if (this.isWord('like') || this.isOp('=~')) {
      this.i++
      e = { k: 'like', e: l, pattern: this.operand() }
    } else if (this.isWord('in')) {
      this.i++
      this.expectOp('[')
      const list: Expr[] = []
      while (!this.isOp(']')) {
        list.push(this.operand())
        if (this.isOp(',')) this.i++
      }
      this.i++
      e = { k: 'in', e: l, list }
    } else if (negated) {
      throw new QueryError("expected 'like' or 'in' after 'not'")
    }
    if (e) return negated ? { k: 'not', e } : e
    const t = this.peek()
    if (t?.t === 'op' && ['=', '!=', '<', '<=', '>', '>='].includes(t.v)) {
      this.i++
      return { k: 'cmp', op: t.v as '=', l, r: this.operand() }
    }
    return l
  }
  operand(): Expr {
    const t = this.next()
    if (t.t === 'str' || t.t === 'num') return { k: 'lit', value: t.v }
    if (t.t === 're') return { k: 'regex', re: t.v }
    if (t.t === 'op' && t.v === '(') {
      const e = this.or()
      this.expectOp(')')
      return e
    }
    if (t.t === 'op' && t.v === '*') return { k: 'lit', value: '*' }
    if (t.t !== 'id') throw new QueryError(`unexpected '${String(t.v)}'`)
    if (this.isOp('(')) {
      this.i++
      const args: Expr[] = []
      while (!this.isOp(')')) {
        args.push(this.or())
        if (this.isOp(',')) this.i++
      }
      this.i++
      const fn = t.v.toLowerCase()
      if (!FUNCTIONS.includes(fn) && !AGGREGATIONS.includes(fn)) {
        throw new QueryError(`unknown function '${t.v}'`)
      }
      return { k: 'call', fn, args }
    }
    return { k: 'field', name: t.v }
  }

  /** `expr [as name]` separated by commas, up to `by`, `|` or the end. */
  projections(stopAtBy = false): Projection[] {
    const out: Projection[] = []
    for (;;) {
      const start = this.i
      const expr = this.operand()
      let as = nameOf(expr, this.toks.slice(start, this.i))
      if (this.isWord('as')) {
        this.i++
        as = this.ident()
      }
      out.push({ expr, as })
      if (!this.isOp(',')) break
      this.i++
      if (stopAtBy && this.isWord('by')) break
    }
    return out
  }
}

/** The column name Logs Insights gives an unnamed expression: its own text. */
function nameOf(e: Expr, toks: Tok[]): string {
  if (e.k === 'field') return e.name
  return toks
    .map((t) => (t.t === 'str' ? `'${t.v}'` : t.t === 're' ? String(t.v) : String(t.v)))
    .join('')
    .replace(/,/g, ', ')
}

/** A glob pattern (`*` captures) as a regex: each `*` lazy, the last one to the end. */
function globRegex(glob: string): { re: RegExp; count: number } {
  const parts = glob.split('*')
  const esc = parts.map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
  const count = parts.length - 1
  let src = esc[0]!
  for (let i = 1; i < esc.length; i++) src += (i === count ? '(.*)' : '(.*?)') + esc[i]!
  return { re: new RegExp(src), count }
}

function command(p: Parser): Command {
  const word = p.ident().toLowerCase()
  switch (word) {
    case 'fields':
    case 'display':
      return { k: word, items: p.projections() }
    case 'filter':
      return { k: 'filter', e: p.or() }
    case 'parse': {
      let source = '@message'
      const first = p.peek()
      if (first?.t === 'id') source = p.ident()
      const pat = p.next()
      if (pat.t === 're') {
        const names = [...pat.v.source.matchAll(/\(\?<([A-Za-z_]\w*)>/g)].map((m) => m[1]!)
        if (names.length === 0)
          throw new QueryError('parse: a regex needs named groups (?<name>...)')
        return { k: 'parse', source, pattern: pat.v, names }
      }
      if (pat.t !== 'str') throw new QueryError('parse: expected a glob string or a regex')
      const { re, count } = globRegex(pat.v)
      if (!p.isWord('as')) throw new QueryError("parse: expected 'as'")
      p.next()
      const names = [p.ident()]
      while (p.isOp(',')) {
        p.next()
        names.push(p.ident())
      }
      if (names.length !== count) {
        throw new QueryError(`parse: the pattern has ${count} '*' but ${names.length} names`)
      }
      return { k: 'parse', source, pattern: re, names }
    }
    case 'stats': {
      const aggs = p.projections(true)
      for (const a of aggs) {
        if (a.expr.k !== 'call' || !AGGREGATIONS.includes(a.expr.fn)) {
          throw new QueryError('stats: expected an aggregation function')
        }
      }
      let by: Projection[] = []
      if (p.isWord('by')) {
        p.next()
        by = p.projections()
      }
      return { k: 'stats', aggs, by }
    }
    case 'sort': {
      const keys: Array<{ field: string; desc: boolean }> = []
      for (;;) {
        const field = p.ident()
        let desc = false
        if (p.isWord('desc') || p.isWord('asc')) desc = p.ident().toLowerCase() === 'desc'
        keys.push({ field, desc })
        if (!p.isOp(',')) break
        p.next()
      }
      return { k: 'sort', keys }
    }
    case 'limit': {
      const t = p.next()
      if (t.t !== 'num' || !Number.isInteger(t.v) || t.v < 1) {
        throw new QueryError('limit: expected a positive integer')
      }
      return { k: 'limit', n: t.v }
    }
    case 'dedup': {
      const fields = [p.ident()]
      while (p.isOp(',')) {
        p.next()
        fields.push(p.ident())
      }
      return { k: 'dedup', fields }
    }
    default:
      throw new QueryError(`unknown command '${word}'`)
  }
}

/** The commands of `query`; throws {@link QueryError} for what Logs Insights would refuse. */
export function parseQuery(query: string): Command[] {
  const toks = tokenize(query)
  const commands: Command[] = []
  let start = 0
  for (let i = 0; i <= toks.length; i++) {
    const t = toks[i]
    if (i < toks.length && !(t?.t === 'op' && t.v === '|')) continue
    const part = toks.slice(start, i)
    start = i + 1
    if (part.length === 0) throw new QueryError('empty command')
    const p = new Parser(part)
    commands.push(command(p))
    if (!p.done()) throw new QueryError(`unexpected '${String(p.peek()?.v)}'`)
  }
  return commands
}
