/**
 * Composite alarm rules as a tree: `ALARM("a") OR (OK(b) AND NOT
 * INSUFFICIENT_DATA("c"))`, `TRUE`, `FALSE`. Names may be quoted or bare;
 * alarm ARNs are reduced to the alarm name. AND binds tighter than OR, as in
 * CloudWatch's rule syntax.
 */
export type RuleNode =
  | { kind: 'state'; state: 'ALARM' | 'OK' | 'INSUFFICIENT_DATA'; alarm: string }
  | { kind: 'and' | 'or'; terms: RuleNode[] }
  | { kind: 'not'; term: RuleNode }
  | { kind: 'const'; value: boolean }

const TOKEN_RE = /\s*(\(|\)|"[^"]*"|[^\s()"]+)/y

function tokens(rule: string): string[] {
  const out: string[] = []
  let at = 0
  for (;;) {
    TOKEN_RE.lastIndex = at
    const m = TOKEN_RE.exec(rule)
    if (!m) break
    out.push(m[1] ?? '')
    at = TOKEN_RE.lastIndex
  }
  if (rule.slice(at).trim() !== '') throw new Error('unterminated name in alarm rule')
  return out
}

const alarmName = (ref: string): string => {
  const bare = ref.startsWith('"') ? ref.slice(1, -1) : ref
  return /^arn:[^:]+:cloudwatch:[^:]*:[^:]*:alarm:(.+)$/.exec(bare)?.[1] ?? bare
}

/** The tree of `rule`; throws an Error on a rule it cannot read. */
export function parseAlarmRule(rule: string): RuleNode {
  const toks = tokens(rule)
  let pos = 0
  const next = (): string => {
    const t = toks[pos++]
    if (t === undefined) throw new Error('alarm rule ends too early')
    return t
  }
  const expect = (t: string): void => {
    if (next() !== t) throw new Error(`alarm rule: expected ${t}`)
  }
  const primary = (): RuleNode => {
    const t = next()
    const upper = t.toUpperCase()
    if (upper === 'NOT') return { kind: 'not', term: primary() }
    if (upper === 'TRUE' || upper === 'FALSE') return { kind: 'const', value: upper === 'TRUE' }
    if (t === '(') {
      const inner = or()
      expect(')')
      return inner
    }
    if (upper === 'ALARM' || upper === 'OK' || upper === 'INSUFFICIENT_DATA') {
      expect('(')
      const alarm = alarmName(next())
      expect(')')
      return { kind: 'state', state: upper, alarm }
    }
    throw new Error(`alarm rule: unexpected ${t}`)
  }
  const chain = (kind: 'and' | 'or', sub: () => RuleNode): RuleNode => {
    const terms = [sub()]
    while (toks[pos]?.toUpperCase() === kind.toUpperCase()) {
      pos++
      terms.push(sub())
    }
    return terms.length === 1 ? (terms[0] as RuleNode) : { kind, terms }
  }
  const and = (): RuleNode => chain('and', primary)
  const or = (): RuleNode => chain('or', and)
  const tree = or()
  if (pos !== toks.length) throw new Error('alarm rule: unexpected text after the rule')
  return tree
}

/** The alarms a rule names, in order, once each. */
export function ruleAlarms(node: RuleNode): string[] {
  const out = new Set<string>()
  const walk = (n: RuleNode): void => {
    if (n.kind === 'state') out.add(n.alarm)
    else if (n.kind === 'not') walk(n.term)
    else if (n.kind === 'and' || n.kind === 'or') n.terms.forEach(walk)
  }
  walk(node)
  return [...out]
}
