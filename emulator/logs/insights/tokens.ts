/** The tokens of a Logs Insights query: names (backticks quote them), strings, numbers, durations, regexes, operators. */

/** A query Logs Insights cannot compile: StartQuery's MalformedQueryException. */
export class QueryError extends Error {}

export type Tok =
  | { t: 'id'; v: string }
  | { t: 'str'; v: string }
  | { t: 'num'; v: number }
  | { t: 're'; v: RegExp }
  | { t: 'op'; v: string }

const OPS = ['!=', '<=', '>=', '=~', '=', '<', '>', '(', ')', ',', '[', ']', '*', '|']

export function tokenize(q: string): Tok[] {
  const out: Tok[] = []
  let i = 0
  while (i < q.length) {
    const c = q[i]!
    if (/\s/.test(c)) {
      i++
      continue
    }
    if (c === '#') {
      while (i < q.length && q[i] !== '\n') i++
      continue
    }
    if (c === "'" || c === '"' || c === '`') {
      let j = i + 1
      let v = ''
      while (j < q.length && q[j] !== c) {
        if (q[j] === '\\' && j + 1 < q.length) j++
        v += q[j]
        j++
      }
      if (j >= q.length) throw new QueryError(`unterminated string at ${i}`)
      out.push(c === '`' ? { t: 'id', v } : { t: 'str', v })
      i = j + 1
      continue
    }
    if (c === '/') {
      let j = i + 1
      let src = ''
      while (j < q.length && q[j] !== '/') {
        if (q[j] === '\\' && j + 1 < q.length) src += q[j++]
        src += q[j++]
      }
      if (j >= q.length) throw new QueryError(`unterminated regex at ${i}`)
      j++
      let flags = ''
      while (j < q.length && /[a-z]/.test(q[j]!)) flags += q[j++]
      try {
        out.push({
          t: 're',
          v: new RegExp(
            src.replace(/^\(\?i\)/, ''),
            src.startsWith('(?i)') ? 'i' : flags.replace(/[^i]/g, '')
          )
        })
      } catch (e) {
        throw new QueryError(`invalid regex /${src}/: ${(e as Error).message}`)
      }
      i = j
      continue
    }
    const duration = /^\d+(ms|s|m|h|d|w)\b/.exec(q.slice(i))
    if (duration) {
      out.push({ t: 'str', v: duration[0] })
      i += duration[0].length
      continue
    }
    const num = /^-?\d+(\.\d+)?/.exec(q.slice(i))
    if (num && !/[A-Za-z_@.]/.test(q[i + num[0].length] ?? '')) {
      out.push({ t: 'num', v: Number(num[0]) })
      i += num[0].length
      continue
    }
    const id = /^[@A-Za-z_][\w.@-]*/.exec(q.slice(i))
    if (id) {
      out.push({ t: 'id', v: id[0] })
      i += id[0].length
      continue
    }
    const op = OPS.find((o) => q.startsWith(o, i))
    if (!op) throw new QueryError(`unexpected character '${c}' at ${i}`)
    out.push({ t: 'op', v: op })
    i += op.length
  }
  return out
}
