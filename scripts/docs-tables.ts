/**
 * The README's Inputs and Outputs tables, docs/inputs.md, and action.yml's
 * inputs and outputs, made from the input table (src/github/input-table.ts and
 * src/github/output-table.ts). `npm run docs` writes them;
 * __tests__/docs.test.ts fails when the files differ from what this makes.
 */
import { COMMANDS, INPUTS, usedBy, type InputSpec } from '../src/github/input-table.js'
import { OUTPUTS } from '../src/github/output-table.js'

const code = (s: string) => `\`${s}\``

/** What the README's Default column says. */
export function defaultDoc(spec: InputSpec): string {
  if (spec.required) return '(required)'
  if (spec.defaultDoc) return spec.defaultDoc
  if (spec.env) return spec.env.map(code).join(', then ')
  if (spec.perCommand) {
    const { values, otherwise } = spec.perCommand
    const per = Object.entries(values).map(([cmd, v]) => `${code(v)} for ${cmd}`)
    return [...per, `${code(otherwise)} otherwise`].join(', ')
  }
  return spec.default ? code(spec.default) : 'empty'
}

/**
 * The description action.yml carries: the table's, plus the default when it is
 * not one action.yml can declare (it depends on the command or the environment).
 */
export function actionDescription(spec: InputSpec): string {
  return spec.required || spec.default !== undefined
    ? spec.description
    : `${spec.description} Default: ${defaultDoc(spec)}.`
}

/** A Markdown table as prettier aligns it. */
export function markdownTable(header: string[], rows: string[][]): string {
  const cells = [header, ...rows].map((r) => r.map((c) => c.replace(/\|/g, '\\|')))
  const widths = header.map((_, i) => Math.max(3, ...cells.map((r) => r[i]!.length)))
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`
  return [
    line(cells[0]!),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.slice(1).map(line)
  ].join('\n')
}

/**
 * The README's Inputs table: one short line per input, its name linking to
 * its full description in docs/inputs.md.
 */
export const inputsTable = () =>
  markdownTable(
    ['Input', 'Required', 'Default', 'What it is'],
    (INPUTS as readonly InputSpec[]).map((s) => [
      `[${code(s.name)}](docs/inputs.md#${s.name})`,
      s.required ? 'yes' : 'no',
      s.required ? '—' : defaultDoc(s),
      s.summary
    ])
  )

/** docs/inputs.md's body: every input with its full description, defaults and commands. */
export const inputsDoc = () =>
  (INPUTS as readonly InputSpec[])
    .map((s) => {
      const commands = usedBy(s)
      const used =
        commands.length === COMMANDS.length ? 'every command' : commands.map(code).join(', ')
      return [
        `### ${code(s.name)}`,
        '',
        `${s.required ? 'Required.' : `Default: ${defaultDoc(s)}.`} Used by ${used}.`,
        '',
        s.description
      ].join('\n')
    })
    .join('\n\n')

/** docs/inputs.md with its inputs made from the table. */
export const inputsDocWithTable = (doc: string) => between(doc, 'inputs', inputsDoc())

export const outputsTable = () =>
  markdownTable(
    ['Output', 'Meaning'],
    OUTPUTS.map((o) => [code(o.name), o.description])
  )

/** Replaces what lies between `<!-- name:start -->` and `<!-- name:end -->`. */
export function between(text: string, name: string, body: string): string {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const i = text.indexOf(start)
  const j = text.indexOf(end)
  if (i < 0 || j < i) throw new Error(`no ${start} ... ${end} markers`)
  return `${text.slice(0, i + start.length)}\n\n${body}\n\n${text.slice(j)}`
}

/** The README with its Inputs and Outputs tables made from the table. */
export const readmeWithTables = (readme: string) =>
  between(between(readme, 'inputs', inputsTable()), 'outputs', outputsTable())

/** A YAML scalar as prettier leaves it: quoted on one line, or folded (`>-`) when long. */
function yamlScalar(text: string, indent: string): string {
  const quoted = text.includes("'") ? JSON.stringify(text) : `'${text}'`
  if (indent.length + quoted.length <= 120) return ` ${quoted}`
  const lines: string[] = []
  let line = ''
  for (const word of text.split(' ')) {
    if (line && indent.length + line.length + 1 + word.length > 120) {
      lines.push(line)
      line = word
    } else line = line ? `${line} ${word}` : word
  }
  lines.push(line)
  return ` >-\n${lines.map((l) => `${indent}  ${l}`).join('\n')}`
}

/** action.yml with its `inputs:` and `outputs:` made from the table (the rest kept as is). */
export function actionYmlWithTable(yml: string): string {
  const entry = (name: string, fields: [string, string][]) =>
    [`  ${name}:`, ...fields.map(([k, v]) => `    ${k}:${v}`)].join('\n')
  const inputs = (INPUTS as readonly InputSpec[]).map((s) =>
    entry(s.name, [
      ['description', yamlScalar(actionDescription(s), '    ')],
      ['required', ` ${s.required ?? false}`],
      ...(s.default === undefined ? [] : [['default', ` '${s.default}'`] as [string, string]])
    ])
  )
  const outputs = OUTPUTS.map((o) =>
    entry(o.name, [['description', yamlScalar(o.description, '    ')]])
  )
  const block = ['inputs:', ...inputs, '', 'outputs:', ...outputs, ''].join('\n')
  const i = yml.indexOf('\ninputs:\n')
  const j = yml.indexOf('\nruns:\n')
  if (i < 0 || j < i) throw new Error('action.yml: no inputs: ... runs: section')
  return `${yml.slice(0, i + 1)}${block}\n${yml.slice(j + 1)}`
}
