/**
 * Renders a job summary (the GitHub-flavoured markdown the action writes to
 * GITHUB_STEP_SUMMARY) as terminal text: headings bold and underlined, tables
 * aligned as plain columns, callouts flagged, inline code highlighted, and the
 * mermaid xychart replaced by a small chart of canary traffic over time.
 * Only the markdown the action writes is understood; anything else is printed
 * as it is.
 */
import { displayWidth, padEnd, padStart, stripAnsi, styler, wrap, type Styler } from './style.js'

export interface RenderOptions {
  /** ANSI bold, underline and colours (a TTY). */
  color?: boolean
  /** Line width to fit tables and wrap text in. */
  width?: number
  /** Left margin for every line. */
  indent?: string
}

interface Ctx {
  s: Styler
  width: number
  indent: string
}

/** Splits a table row on the pipes that are not escaped (`\|`). */
function tableCells(line: string): string[] {
  const body = line.trim().replace(/^\|/, '').replace(/\|$/, '')
  const cells: string[] = []
  let cur = ''
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!
    if (ch === '\\' && body[i + 1] === '|') {
      cur += '|'
      i++
    } else if (ch === '|') {
      cells.push(cur.trim())
      cur = ''
    } else cur += ch
  }
  cells.push(cur.trim())
  return cells
}

const isSeparatorRow = (cells: string[]) => cells.every((c) => /^:?-{3,}:?$/.test(c))

/** A code span with any fence length (the action fences values holding backticks with more). */
const CODE_SPAN = /(`+)(.+?)(?<!`)\1(?!`)/g

/** Text outside code spans: **bold**, [text](url), backslash escapes, no zero-width spaces. */
function prose(text: string, s: Styler): string {
  return text
    .replace(/(?<!\\)\*\*([^*]+)\*\*/g, (_m, b: string) => s.bold(b))
    .replace(/(?<!\\)\[([^\]]+)(?<!\\)\]\(([^)]+)\)/g, (_m, t: string, u: string) => `${t} (${u})`)
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/\u200b/g, '')
}

/** Inline markdown: `code`, **bold**, [text](url), escaped characters (`\|`, `\*`, ...). */
export function inline(text: string, s: Styler): string {
  let out = ''
  let last = 0
  for (const m of text.matchAll(CODE_SPAN)) {
    out += prose(text.slice(last, m.index), s)
    const body = m[2]!.replace(/\\\|/g, '|')
    out += s.cyan(/^ .+ $/.test(body) ? body.slice(1, -1) : body)
    last = m.index + m[0].length
  }
  return out + prose(text.slice(last), s)
}

function heading(level: number, text: string, c: Ctx): string[] {
  const plain = stripAnsi(inline(text, styler(false)))
  if (c.s.color) {
    const styled = inline(text, styler(false))
    return [level <= 2 ? c.s.bold(c.s.underline(styled)) : c.s.bold(styled)]
  }
  const rule = (level <= 2 ? '=' : '-').repeat(Math.min(displayWidth(plain), c.width))
  return [plain, rule]
}

function table(rows: string[][], c: Ctx): string[] {
  if (rows.length === 0) return []
  const n = Math.max(...rows.map((r) => r.length))
  const styled = rows.map((r) => Array.from({ length: n }, (_, i) => inline(r[i] ?? '', c.s)))
  const widths = Array.from({ length: n }, (_, i) =>
    Math.max(...styled.map((r) => displayWidth(r[i]!)))
  )
  const gap = '  '
  const room = c.width - displayWidth(c.indent)
  const total = () => widths.reduce((a, b) => a + b, 0) + gap.length * (n - 1)
  // Too wide: narrow the widest column of prose (cells with spaces wrap well) until the
  // table fits; only then ids, names and times.
  const prose = widths.map((_, i) => styled.slice(1).some((r) => /\S \S/.test(stripAnsi(r[i]!))))
  const narrow = (candidates: number[], floor: number) => {
    while (total() > room) {
      const open = candidates.filter((i) => widths[i]! > floor)
      if (open.length === 0) return
      const widest = open.reduce((a, b) => (widths[b]! > widths[a]! ? b : a))
      widths[widest]!--
    }
  }
  const all = widths.map((_, i) => i)
  narrow(
    all.filter((i) => prose[i]),
    16
  )
  narrow(all, 8)
  const out: string[] = []
  const emit = (cells: string[], isHead: boolean) => {
    const wrapped = cells.map((cell, i) =>
      displayWidth(cell) <= widths[i]! ? [cell] : wrap(stripAnsi(cell), widths[i]!)
    )
    const height = Math.max(...wrapped.map((w) => w.length))
    for (let l = 0; l < height; l++) {
      const line = wrapped
        .map((w, i) => {
          const text = w[l] ?? ''
          return i === n - 1 ? text : padEnd(text, widths[i]!)
        })
        .join(gap)
        .trimEnd()
      out.push(isHead ? c.s.bold(line) : line)
    }
  }
  emit(styled[0]!, true)
  out.push(c.s.dim(widths.map((w) => '─'.repeat(w)).join(gap)))
  for (let r = 1; r < styled.length; r++) emit(styled[r]!, false)
  return out
}

function callout(lines: string[], c: Ctx): string[] {
  const text = lines.map((l) => l.replace(/^>\s?/, ''))
  const kind = /^\[!(\w+)\]$/.exec(text[0]?.trim() ?? '')?.[1]
  const body = (kind ? text.slice(1) : text).join(' ').trim()
  const label = kind ?? ''
  const paint =
    label === 'CAUTION' || label === 'WARNING'
      ? c.s.red
      : label === 'NOTE' || label === 'TIP'
        ? c.s.cyan
        : (x: string) => x
  const bar = paint('▌')
  const head = label ? `${paint(c.s.bold(label))}  ` : ''
  const width = c.width - displayWidth(c.indent) - 2
  const first = label ? width - label.length - 2 : width
  const plain = stripAnsi(inline(body, styler(false)))
  const wrapped = wrap(plain, Math.max(20, first))
  const rest = wrapped.length > 1 ? wrap(wrapped.slice(1).join(' '), width) : []
  return [`${bar} ${head}${wrapped[0] ?? ''}`, ...rest.map((l) => `${bar} ${l}`)]
}

function listItem(text: string, c: Ctx): string[] {
  const styledText = inline(text, c.s)
  const room = c.width - displayWidth(c.indent) - 2
  if (displayWidth(styledText) <= room) return [`• ${styledText}`]
  return wrap(stripAnsi(styledText), room).map((l, i) => (i === 0 ? `• ${l}` : `  ${l}`))
}

export interface XyChart {
  title: string
  labels: string[]
  values: number[]
  yMax: number | undefined
  /** The unit of the y axis, from its title: `%`, ` ms`, or none. */
  unit: string
}

/** The parts of a mermaid `xychart-beta` block the action writes. */
export function parseXyChart(source: string): XyChart | undefined {
  if (!/^\s*xychart(-beta)?\b/m.test(source)) return undefined
  const title = /^\s*title\s+"([^"]*)"/m.exec(source)?.[1] ?? ''
  const xAxis = /^\s*x-axis(?:\s+"[^"]*")?\s*\[([^\]]*)\]/m.exec(source)
  const yAxis = /^\s*y-axis(?:\s+"[^"]*")?\s*([\d.]+)\s*-->\s*([\d.]+)/m.exec(source)
  const yTitle = /^\s*y-axis\s+"([^"]*)"/m.exec(source)?.[1] ?? ''
  const unit = /%/.test(yTitle) ? '%' : /\bms\b/.test(yTitle) ? ' ms' : ''
  const line = /^\s*(?:line|bar)\s*\[([^\]]*)\]/m.exec(source)
  if (!line) return undefined
  const values = line[1]!
    .split(',')
    .map((v) => Number(v.trim()))
    .filter((v) => Number.isFinite(v))
  const labels = xAxis
    ? [...xAxis[1]!.matchAll(/"([^"]*)"|([^,\s][^,]*)/g)].map((m) => (m[1] ?? m[2]!).trim())
    : []
  return { title, labels, values, yMax: yAxis ? Number(yAxis[2]) : undefined, unit }
}

/** A small step chart of traffic: one column per value, y scaled to a round maximum. */
export function trafficChart(chart: XyChart, c: Ctx, height = 6): string[] {
  const { values } = chart
  if (values.length === 0) return ['(no data)']
  const peak = Math.max(...values, 0)
  // A round top with some headroom, so a flat line does not fill the chart.
  const yMax = [10, 25, 50, 100].find((m) => m >= peak * 1.25) ?? Math.max(peak, 100)
  const room = c.width - displayWidth(c.indent) - 8
  const colW = Math.max(1, Math.min(3, Math.floor(room / values.length)))
  const blocks = c.s.color ? [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] : undefined
  const label = (v: number) => `${Number(v.toFixed(1))}${chart.unit}`
  const labelWidth = Math.max(5, ...[0, yMax / 2, yMax].map((v) => label(v).length))
  const yLabel = (v: number) => padStart(label(v), labelWidth)
  const out: string[] = []
  if (chart.title) out.push(c.s.bold(chart.title))
  for (let row = 0; row < height; row++) {
    const hi = ((height - row) / height) * yMax
    const lo = ((height - row - 1) / height) * yMax
    let bar = ''
    for (const v of values) {
      const fill = Math.max(0, Math.min(1, (v - lo) / (hi - lo)))
      let ch: string
      if (blocks) ch = blocks[Math.round(fill * 8)]!
      else ch = fill >= 0.999 ? '#' : fill >= 0.5 ? '#' : fill > 0 ? '_' : ' '
      bar += ch.repeat(colW)
    }
    const rowLabel =
      row === 0 ? yLabel(yMax) : row === Math.floor(height / 2) ? yLabel(yMax / 2) : ''
    out.push(
      `${padStart(rowLabel, labelWidth)} ${c.s.dim('|')}${c.s.color ? c.s.yellow(bar) : bar}`.trimEnd()
    )
  }
  const axisWidth = values.length * colW
  out.push(`${yLabel(0)} ${c.s.dim(`+${'-'.repeat(axisWidth)}`)}`)
  const labels = chart.labels
  if (labels.length > 0) {
    const first = labels[0]!
    const last = labels[labels.length - 1]!
    const mid = labels[Math.floor(labels.length / 2)]!
    const midAt = Math.floor(labels.length / 2) * colW
    let axis = first
    if (
      midAt > displayWidth(axis) + 1 &&
      midAt + displayWidth(mid) < axisWidth - displayWidth(last) - 1
    )
      axis = padEnd(axis, midAt) + mid
    axis = padEnd(axis, Math.max(displayWidth(axis) + 1, axisWidth - displayWidth(last))) + last
    out.push(`${' '.repeat(labelWidth + 2)}${c.s.dim(axis)}`)
  }
  return out
}

/** The summary as terminal lines. */
export function renderSummary(markdown: string, opts: RenderOptions = {}): string {
  const c: Ctx = {
    s: styler(opts.color ?? false),
    width: Math.max(40, opts.width ?? 100),
    indent: opts.indent ?? ''
  }
  const src = markdown.replace(/\r\n/g, '\n').split('\n')
  const blocks: string[][] = []
  for (let i = 0; i < src.length;) {
    const line = src[i]!
    if (line.trim() === '') {
      i++
      continue
    }
    const h = /^(#{1,6})\s+(.*)$/.exec(line)
    if (h) {
      blocks.push(heading(h[1]!.length, h[2]!, c))
      i++
      continue
    }
    const fence = /^```(\w*)\s*$/.exec(line)
    if (fence) {
      const body: string[] = []
      i++
      while (i < src.length && !/^```\s*$/.test(src[i]!)) body.push(src[i++]!)
      i++ // closing fence
      const chart = fence[1] === 'mermaid' ? parseXyChart(body.join('\n')) : undefined
      blocks.push(chart ? trafficChart(chart, c) : body.map((b) => c.s.dim(`  ${b}`)))
      continue
    }
    if (line.startsWith('|')) {
      const rows: string[][] = []
      while (i < src.length && src[i]!.startsWith('|')) {
        const cells = tableCells(src[i++]!)
        if (!isSeparatorRow(cells)) rows.push(cells)
      }
      blocks.push(table(rows, c))
      continue
    }
    if (line.startsWith('>')) {
      const quote: string[] = []
      while (i < src.length && src[i]!.startsWith('>')) quote.push(src[i++]!)
      blocks.push(callout(quote, c))
      continue
    }
    if (/^\s*[-*]\s+/.test(line)) {
      const items: string[] = []
      while (i < src.length && /^\s*[-*]\s+/.test(src[i]!))
        items.push(...listItem(src[i++]!.replace(/^\s*[-*]\s+/, ''), c))
      blocks.push(items)
      continue
    }
    // a paragraph: lines up to the next blank line or block
    const para: string[] = []
    while (
      i < src.length &&
      src[i]!.trim() !== '' &&
      !/^(#{1,6}\s|```|\||>|\s*[-*]\s)/.test(src[i]!)
    )
      para.push(src[i++]!.trim())
    const text = inline(para.join(' '), c.s)
    const room = c.width - displayWidth(c.indent)
    blocks.push(displayWidth(text) <= room ? [text] : wrap(stripAnsi(text), room))
  }
  return blocks.map((b) => b.map((l) => `${c.indent}${l}`).join('\n')).join('\n\n') + '\n'
}
