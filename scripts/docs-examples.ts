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

/** The README with every example marker's snippet made from its example file. */
export function readmeWithExamples(readme: string, readExample: (file: string) => string): string {
  let out = ''
  let rest = readme
  for (let m = START.exec(rest); m; m = START.exec(rest)) {
    const after = m.index + m[0].length
    const end = rest.indexOf(END, after)
    const next = rest.slice(after).search(START)
    if (end < 0 || (next >= 0 && after + next < end)) throw new Error(`${m[0]} has no ${END}`)
    if (rest.slice(0, m.index).includes(END)) throw new Error(`${END} without a marker before it`)
    const body = snippet(readExample(m[1]!), m[2])
    out += `${rest.slice(0, after)}\n\n\`\`\`yaml\n${body}\n\`\`\`\n\n${END}`
    rest = rest.slice(end + END.length)
  }
  if (rest.includes(END)) throw new Error(`${END} without a marker before it`)
  return out + rest
}
