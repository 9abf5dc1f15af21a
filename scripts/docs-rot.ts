/**
 * Signs that a Markdown file was edited carelessly: what a reader trips over
 * and no link checker sees. __tests__/docs-rot.test.ts runs it on every
 * Markdown file of the repository.
 */

export interface Rot {
  line: number
  what: string
}

/** The file's lines with fenced code blocks blanked out (their line numbers kept). */
function prose(text: string): string[] {
  let fence: string | undefined
  return text.split('\n').map((l) => {
    const m = /^\s*(```+|~~~+)/.exec(l)
    if (m) {
      if (fence === undefined) fence = m[1]
      else if (m[1]!.startsWith(fence)) fence = undefined
      return ''
    }
    return fence === undefined ? l : ''
  })
}

/** Paragraphs of prose: runs of non-blank lines, with their first line number (1-based). */
function paragraphs(lines: string[]): { at: number; lines: string[] }[] {
  const out: { at: number; lines: string[] }[] = []
  lines.forEach((l, i) => {
    if (l.trim() === '') return
    const last = out.at(-1)
    if (last && last.at + last.lines.length === i + 1) last.lines.push(l)
    else out.push({ at: i + 1, lines: [l] })
  })
  return out
}

const isTableRow = (l: string) => /^\s*\|/.test(l)
const isSeparator = (l: string) => /^\s*\|(\s*:?-{3,}:?\s*\|)+\s*$/.test(l)
const isBlockStart = (l: string) =>
  /^\s*([-*+]\s|\d+[.)]\s|#|>|\||<!--|<\/?[a-z]|\[!|!\[|\[[^\]]+\]:)/i.test(l)

/** Where a Markdown file shows rot: repeated lines, stray markers and rows, cut sentences. */
export function findRot(text: string): Rot[] {
  const rot: Rot[] = []
  const lines = prose(text)
  const raw = text.split('\n')

  // A merge conflict left in.
  text.split('\n').forEach((l, i) => {
    if (/^(<{7} |={7}$|>{7} )/.test(l)) rot.push({ line: i + 1, what: 'a merge conflict marker' })
  })

  // Start and end markers (<!-- name:start --> ... <!-- name:end -->) pair up, in order.
  const open = new Map<string, number>()
  lines.forEach((line, i) => {
    const l = line.replace(/`[^`]*`/g, '') // a marker quoted in code is not one
    for (const m of l.matchAll(/<!-- ([\w-]+):(start|end) -->/g)) {
      const [, name, kind] = m
      if (kind === 'start') {
        if (open.has(name!)) rot.push({ line: i + 1, what: `second <!-- ${name}:start -->` })
        open.set(name!, i + 1)
      } else if (!open.delete(name!)) {
        rot.push({ line: i + 1, what: `<!-- ${name}:end --> without a start before it` })
      }
    }
    // file markers: <!-- example:FILE --> ... <!-- example:end -->, the same for include
    for (const m of l.matchAll(/<!-- ([\w-]+):(?!start -->|end -->)\S+ -->/g))
      open.set(m[1]!, i + 1)
  })
  for (const [name, line] of open) rot.push({ line, what: `<!-- ${name}:start --> never ends` })

  for (const p of paragraphs(lines)) {
    // A table is a header row and a separator row, then rows; a row on its own is a stray.
    if (p.lines.every(isTableRow) && !(p.lines.length >= 2 && isSeparator(p.lines[1]!))) {
      rot.push({ line: p.at, what: `a table row outside a table: ${p.lines[0]!.slice(0, 60)}` })
    }
    if (p.lines.some(isTableRow)) continue
    // The same line twice, or two lines of a paragraph that start alike (an old
    // version of the line left beside the new one).
    const heads = new Map<string, number>()
    if (!isBlockStart(p.lines[0]!))
      p.lines.forEach((l, i) => {
        const head = l.trim().split(/\s+/).slice(0, 3).join(' ')
        if (head.length < 20) return
        if (heads.has(head)) {
          rot.push({
            line: p.at + i,
            what: `starts like line ${heads.get(head)}: ${l.trim().slice(0, 60)}`
          })
        } else heads.set(head, p.at + i)
      })
    // The same sentence begun twice in one paragraph.
    const text = p.lines.join(' ').trim()
    const starts = new Set<string>()
    for (const sentence of text.split(/(?<=[.!?])\s+(?=[A-Z`])/)) {
      const start = sentence.split(/\s+/).slice(0, 6).join(' ')
      if (start.split(' ').length < 6) continue
      if (starts.has(start)) rot.push({ line: p.at, what: `says twice: ${start} …` })
      starts.add(start)
    }
    // A paragraph that stops mid-sentence (one that introduces a code block may end anyway).
    const after = raw.slice(p.at - 1 + p.lines.length).find((l) => l.trim() !== '')
    const introducesBlock = after !== undefined && !/^(#|[A-Z*_[]|`(?!``))/.test(after)
    const bold = /^\*\*[^*]+\*\*$/.test(text)
    if (!isBlockStart(p.lines[0]!) && !introducesBlock && !bold && !/[.:!?)]["'*_`]*$/.test(text)) {
      rot.push({ line: p.at + p.lines.length - 1, what: `a sentence cut off: …${text.slice(-50)}` })
    }
  }
  // A paragraph that is the start of the next one (the older version left in).
  const ps = paragraphs(lines)
  ps.forEach((p, i) => {
    const next = ps[i + 1]
    if (!next || isBlockStart(p.lines[0]!)) return
    const a = p.lines.join(' ').trim().replace(/[:.]$/, '')
    const b = next.lines.join(' ').trim()
    if (a.length >= 20 && b.startsWith(a)) {
      rot.push({ line: p.at, what: `said again in the next paragraph: ${a.slice(0, 60)}` })
    }
  })
  return rot.sort((x, y) => x.line - y.line)
}
