/**
 * The README's workflow snippets, taken from docs/examples/*.yml so that there
 * is one source. `npm run docs` puts each example between
 *
 *   <!-- example:single-step.yml -->          the whole file
 *   <!-- example:single-step.yml#release -->  one region of it
 *   <!-- example:end -->
 *
 * A region lies between the lines `# snippet:start NAME` and
 * `# snippet:end NAME` of the example; it is shown dedented. The marker lines
 * themselves never appear in a snippet. __tests__/docs.test.ts fails when the
 * README differs from what this makes.
 */

const MARK = /^\s*# snippet:(start|end) ([\w-]+)\s*$/
const START = /<!-- example:([\w-]+\.yml)(?:#([\w-]+))? -->/
const END = '<!-- example:end -->'

/** Lines with the common leading indentation removed. */
function dedent(lines: string[]): string[] {
  const indents = lines.filter((l) => l.trim() !== '').map((l) => /^ */.exec(l)![0].length)
  const cut = Math.min(...indents)
  return lines.map((l) => l.slice(cut))
}

/** An example file, whole or one marked region of it, without the marker lines. */
export function snippet(text: string, region?: string): string {
  let lines = text.replace(/\n+$/, '').split('\n')
  if (region !== undefined) {
    const at = (kind: string) =>
      lines.findIndex((l) => MARK.exec(l)?.slice(1, 3).join(' ') === `${kind} ${region}`)
    const start = at('start')
    const end = at('end')
    if (start < 0 || end < start) {
      throw new Error(`no "# snippet:start ${region}" ... "# snippet:end ${region}" lines`)
    }
    lines = dedent(lines.slice(start + 1, end))
  }
  return lines.filter((l) => !MARK.test(l)).join('\n')
}

/**
 * The text with what lies between each START marker and the next END marker
 * made by `body` from the marker's match, fenced as `lang`.
 */
function fillMarkers(
  text: string,
  start: RegExp,
  end: string,
  body: (m: RegExpExecArray) => { lang: string; text: string }
): string {
  let out = ''
  let rest = text
  for (let m = start.exec(rest); m; m = start.exec(rest)) {
    const after = m.index + m[0].length
    const close = rest.indexOf(end, after)
    const next = rest.slice(after).search(start)
    if (close < 0 || (next >= 0 && after + next < close)) throw new Error(`${m[0]} has no ${end}`)
    if (rest.slice(0, m.index).includes(end)) throw new Error(`${end} without a marker before it`)
    const made = body(m)
    out += `${rest.slice(0, after)}\n\n\`\`\`${made.lang}\n${made.text}\n\`\`\`\n\n${end}`
    rest = rest.slice(close + end.length)
  }
  if (rest.includes(end)) throw new Error(`${end} without a marker before it`)
  return out + rest
}

/** The README with every example marker's snippet made from its example file. */
export const readmeWithExamples = (readme: string, readExample: (file: string) => string) =>
  fillMarkers(readme, START, END, (m) => ({
    lang: 'yaml',
    text: snippet(readExample(m[1]!), m[2])
  }))

const INCLUDE = /<!-- include:([\w/-]+\.[\w.]+)(?:#([\w-]+))? -->/
const INCLUDE_END = '<!-- include:end -->'
const LANG: Record<string, string> = {
  tf: 'hcl',
  ts: 'ts',
  yaml: 'yaml',
  yml: 'yaml',
  sh: 'sh',
  json: 'json'
}

/**
 * A document with every `<!-- include:PATH -->` ... `<!-- include:end -->`
 * filled with the file at PATH (from the repository's root), whole or one
 * region (`PATH#REGION`, marked as in the examples): the snippets the docs
 * show are files that tests parse, synthesise or run.
 */
export const docWithIncludes = (doc: string, read: (path: string) => string) =>
  fillMarkers(doc, INCLUDE, INCLUDE_END, (m) => ({
    lang: LANG[m[1]!.split('.').pop()!] ?? '',
    text: snippet(read(m[1]!), m[2])
  }))

/** The files a document includes. */
export const includedFiles = (doc: string) =>
  [...doc.matchAll(new RegExp(INCLUDE, 'g'))].map((m) => m[1]!)
