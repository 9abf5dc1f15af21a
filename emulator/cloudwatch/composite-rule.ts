/**
 * A small evaluator for composite alarm rules:
 * `ALARM("a") OR (OK(b) AND NOT INSUFFICIENT_DATA("c"))`, `TRUE`, `FALSE`.
 * Alarm names may be quoted or bare; ARNs are reduced to the alarm name.
 */
export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'

type Token =
  | { kind: 'fn'; state: AlarmState }
  | { kind: 'name'; value: string }
  | { kind: 'and' | 'or' | 'not' | 'true' | 'false' | 'lp' | 'rp' }

function tokenize(rule: string): Token[] {
  const out: Token[] = []
  let i = 0
  while (i < rule.length) {
    const c = rule[i] ?? ''
    if (/\s/.test(c)) {
      i++
    } else if (c === '(') {
      out.push({ kind: 'lp' })
      i++
    } else if (c === ')') {
      out.push({ kind: 'rp' })
      i++
    } else if (c === '"') {
      const end = rule.indexOf('"', i + 1)
      if (end < 0) throw new Error('unterminated string in alarm rule')
      out.push({ kind: 'name', value: rule.slice(i + 1, end) })
      i = end + 1
    } else {
      const m = /^[^\s()"]+/.exec(rule.slice(i))
      const word = m?.[0] ?? c
      i += word.length
      const upper = word.toUpperCase()
      if (upper === 'ALARM' || upper === 'OK' || upper === 'INSUFFICIENT_DATA') {
        out.push({ kind: 'fn', state: upper })
      } else if (upper === 'AND' || upper === 'OR' || upper === 'NOT') {
        out.push({ kind: upper.toLowerCase() as 'and' | 'or' | 'not' })
      } else if (upper === 'TRUE' || upper === 'FALSE') {
        out.push({ kind: upper.toLowerCase() as 'true' | 'false' })
      } else {
        out.push({ kind: 'name', value: word })
      }
    }
  }
  return out
}

const nameOf = (ref: string): string => {
  const m = /^arn:[^:]+:cloudwatch:[^:]*:[^:]*:alarm:(.+)$/.exec(ref)
  return m?.[1] ?? ref
}

/** Alarm names a rule refers to. */
export function ruleMembers(rule: string): string[] {
  const toks = tokenize(rule)
  const out: string[] = []
  toks.forEach((t, idx) => {
    if (t.kind === 'name' && toks[idx - 1]?.kind === 'lp') out.push(nameOf(t.value))
  })
  return out
}

/**
 * Evaluates `rule` against the current states; an alarm that does not exist
 * matches no state. Throws on a rule it cannot parse.
 */
export function evaluateRule(
  rule: string,
  stateOf: (name: string) => AlarmState | undefined
): boolean {
  const toks = tokenize(rule)
  let pos = 0
  const peek = (): Token | undefined => toks[pos]
  const expect = (kind: Token['kind']): Token => {
    const t = toks[pos++]
    if (!t || t.kind !== kind) throw new Error(`alarm rule: expected ${kind}`)
    return t
  }
  const primary = (): boolean => {
    const t = toks[pos++]
    if (!t) throw new Error('alarm rule: unexpected end')
    if (t.kind === 'not') return !primary()
    if (t.kind === 'true') return true
    if (t.kind === 'false') return false
    if (t.kind === 'lp') {
      const v = orExpr()
      expect('rp')
      return v
    }
    if (t.kind === 'fn') {
      expect('lp')
      const n = expect('name') as { kind: 'name'; value: string }
      expect('rp')
      return stateOf(nameOf(n.value)) === t.state
    }
    throw new Error(`alarm rule: unexpected ${t.kind}`)
  }
  const andExpr = (): boolean => {
    let v = primary()
    while (peek()?.kind === 'and') {
      pos++
      const r = primary()
      v = v && r
    }
    return v
  }
  const orExpr = (): boolean => {
    let v = andExpr()
    while (peek()?.kind === 'or') {
      pos++
      const r = andExpr()
      v = v || r
    }
    return v
  }
  const result = orExpr()
  if (pos !== toks.length) throw new Error('alarm rule: trailing tokens')
  return result
}
