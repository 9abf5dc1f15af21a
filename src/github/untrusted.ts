/**
 * Text the action did not write itself (inputs, and AWS's answers: deployment
 * descriptions, API names, alarm names and reasons, error messages) made safe
 * for the places the action writes to. The logger, the outputs and the job
 * summary pass every string through here, so no call site escapes on its own.
 *
 * - The runner reads a log line that starts (after whitespace) with `::` as a
 *   workflow command, and one holding `##[` anywhere as an old-style one:
 *   https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
 *   A CR or LF inside a value would start such a line.
 * - The job summary is GitHub-flavoured Markdown with some HTML: a `|` ends a
 *   table cell, `<` opens HTML, `[`...`](...)` is a link, and so on.
 * - A secret the action holds (secrets.ts) shows as *** wherever it is written.
 */
import { redact } from './secrets.js'

/** CRLF, CR, LF and the Unicode line and paragraph separators (NEL, LS, PS). */
const LINE_BREAK = /\r\n|[\r\n\u0085\u2028\u2029]/g
/** What a line break shows as. */
export const LINE_BREAK_MARK = '⏎'
/**
 * Other C0 and C1 controls, DEL, and the bidirectional controls that reorder
 * what a reader sees ("Trojan Source").
 */
const CONTROL =
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g

/**
 * One line with every character visible and no secret: a secret becomes ***,
 * a line break ⏎, a tab a space, another C0 control its Unicode control
 * picture (ESC → ␛), and C1 or bidirectional controls U+FFFD.
 */
export function visible(s: string): string {
  return redact(s)
    .replace(LINE_BREAK, LINE_BREAK_MARK)
    .replace(/\t/g, ' ')
    .replace(CONTROL, (c) => {
      const code = c.charCodeAt(0)
      if (code < 0x20) return String.fromCharCode(0x2400 + code)
      return code === 0x7f ? '\u2421' : '\ufffd'
    })
}

/**
 * Text for one line of the runner's log (and for an output, which a later
 * step may print): visible(), and no workflow command. A `::` that the line
 * would start with (the runner trims leading whitespace first) and every `##[`
 * get a backslash: `\::add-mask::x`, `##\[add-mask]x`.
 */
export function logText(s: string): string {
  return visible(s)
    .replace(/^([\s\u180e]*)::/, '$1\\::')
    .replace(/##\[/g, '##\\[')
}

/**
 * A JSON output, still on one line and parsing back to the same value: JSON
 * escapes C0 controls itself; DEL, C1 controls and the Unicode line and
 * paragraph separators get `\uXXXX` too, and `##[` becomes `##\u005b`.
 */
export function logJson(value: unknown): string {
  return redact(JSON.stringify(value))
    .replace(/##\[/g, '##\\u005b')
    .replace(
      /[\u007f-\u009f\u2028\u2029]/g,
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`
    )
}

/**
 * Before `@`: GitHub links a bare e-mail address even when its `@` is escaped
 * (its autolinker reads the text after escapes are undone), so an invisible
 * zero-width space is the only way to stop it there. URLs and `www.` hosts
 * are stopped with a backslash instead, which GitHub shows as nothing and a
 * copied URL does not carry.
 */
const ZWSP = '\u200b'

/**
 * Markdown text that shows `s` as it is, in a paragraph or a table cell:
 * every character Markdown or HTML could read as syntax gets a backslash
 * (emphasis, code, links, images, HTML, entities, table pipes, math, a block
 * marker at the start), line breaks show as ⏎, and bare URLs and e-mail
 * addresses are not turned into links.
 */
export function mdText(s: string): string {
  return visible(s)
    .replace(/[\\`*_~[\]<>&|$!#]/g, '\\$&')
    .replace(/^(\s*)([-+=])/, '$1\\$2')
    .replace(/^(\s*\d+)([.)])/, '$1\\$2')
    .replace(/:\/\//g, '\\://')
    .replace(/\b(www)\./gi, '$1\\.')
    .replace(/@/g, `${ZWSP}@`)
}

/**
 * A Markdown code span showing `s` as it is: fenced with one backtick more
 * than the longest run inside it, line breaks as ⏎. `inCell` escapes `|`,
 * which GitHub reads as a cell's end even inside code; elsewhere a `\|`
 * would show its backslash. Empty: an em dash.
 */
export function mdCode(s: string | undefined, inCell = false): string {
  if (!s) return '—'
  let text = visible(s)
  if (inCell) text = text.replace(/\|/g, '\\|')
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const pad = /^[` ]|[` ]$/.test(text) ? ' ' : ''
  return `${fence}${pad}${text}${pad}${fence}`
}
