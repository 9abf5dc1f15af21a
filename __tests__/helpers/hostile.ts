/**
 * Hostile text (workflow-command and Markdown injection) and the checks that
 * the action's log, job summary and outputs carry it harmlessly. Shared by
 * the unit tests and the end-to-end tests.
 */

/** Each starts a new line (LF, lone CR, CRLF, Unicode separators) and then a workflow command. */
export const COMMAND_PAYLOADS = [
  '\n::add-mask::x',
  '\r::set-output name=status::promoted',
  '\r\n::set-env name=X::y',
  '\n::add-path::/tmp',
  '\n::save-state name=a::b',
  '\n::error::x',
  '\n##[add-mask]x',
  '\n::stop-commands::t',
  '\n   ::add-mask::leading-spaces',
  '\r\t::add-mask::leading-tab',
  '\u2028::add-mask::line-separator',
  '\u0085::add-mask::next-line'
] as const

/** Markdown and HTML that would change the job summary's layout or add links. */
export const MARKDOWN_PAYLOAD =
  ' | cell | <img src=x onerror=alert(1)> [click](https://evil.example/l) ![i](https://evil.example/i.png)' +
  ' `tick` *b* _i_ ~s~ &amp; $x$ https://evil.example/bare www.evil.example a@evil.example'

/** A hostile string: a label, every command payload, every Markdown payload. */
export function hostile(label: string): string {
  return `${label}${COMMAND_PAYLOADS.join('')}${MARKDOWN_PAYLOAD}`
}

/** The commands of COMMAND_PAYLOADS as a line would start with them after a break. */
const INJECTED = COMMAND_PAYLOADS.map((p) => p.replace(/^[\r\n\u2028\u0085]+/, '').trimStart())

/** Workflow commands the action means to emit (their payloads escaped by @actions/core). */
const ALLOWED = new Set(['group', 'endgroup', 'error', 'warning', 'notice', 'debug'])

/**
 * The lines of `stdout` (or stderr) the runner would read as a workflow command
 * the action did not mean: the runner splits on CR, LF and CRLF, trims leading
 * whitespace and reads `::name ...::` at the start; it reads `##[name]`
 * anywhere in a line. An allowed command is unexpected too when its
 * properties are not escaped (a raw `:` inside them), and so is a line that
 * is one of COMMAND_PAYLOADS. The action's own `::add-mask::` lines (its
 * secrets) come first, before anything else it prints; one later is unexpected.
 */
export function unintendedCommands(stdout: string): string[] {
  const lines = stdout.split(/\r\n|\r|\n/)
  let masks = 0
  while (masks < lines.length && /^::add-mask::/.test(lines[masks]!)) masks++
  return lines.slice(masks).filter((line) => {
    if (line.includes('##[')) return true
    const t = line.trimStart()
    if (!t.startsWith('::')) return false
    // `::error::x` is an allowed name, but not one the action wrote.
    if (INJECTED.some((cmd) => t.startsWith(cmd))) return true
    const m = /^::([^ :]+)( [^:]*)?::/.exec(t)
    if (!m) return t.indexOf('::', 2) >= 0
    return !ALLOWED.has(m[1]!)
  })
}

/** Whether a `|` at `i` is a cell separator (not escaped by an odd run of backslashes). */
function separatorAt(line: string, i: number): boolean {
  let slashes = 0
  for (let j = i - 1; j >= 0 && line[j] === '\\'; j--) slashes++
  return slashes % 2 === 0
}

/** Table rows whose cell count differs from their table's header row. */
export function brokenTableRows(md: string): string[] {
  const broken: string[] = []
  let header: number | undefined
  for (const line of md.split('\n')) {
    if (!line.startsWith('|')) {
      header = undefined
      continue
    }
    let cells = 0
    for (let i = 0; i < line.length; i++) if (line[i] === '|' && separatorAt(line, i)) cells++
    if (header === undefined) header = cells
    else if (cells !== header) broken.push(line)
  }
  return broken
}

/**
 * What in a job summary would render as HTML or a link made from the hostile
 * text: unescaped `<img`, `[`...`](`, or a bare URL, www. host or e-mail
 * address that GitHub autolinks. Text inside code spans is literal and skipped.
 */
export function liveMarkup(md: string): string[] {
  const found: string[] = []
  const prose = md.replace(/(`+)(.+?)(?<!`)\1(?!`)/g, '')
  for (const re of [
    /(?<!\\)<img/g,
    /(?<!\\)\[click(?<!\\)\]\(/g,
    /(?<!\\)!(?<!\\)\[i(?<!\\)\]\(/g,
    /https:\/\/evil/g,
    /www\.evil/g,
    /a@evil/g,
    /(?<!\\)\*b(?<!\\)\*/g,
    /(?<!\\)`tick/g
  ]) {
    for (const m of prose.matchAll(re)) found.push(m[0])
  }
  return found
}

/** Control characters (CR and LF included) in an output meant to be one line. */
export function controlChars(value: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(value)
}
