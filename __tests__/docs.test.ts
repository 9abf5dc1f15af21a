/**
 * The README's Inputs and Outputs tables and action.yml's inputs and outputs
 * are what `npm run docs` makes from src/github/input-table.ts and
 * src/github/output-table.ts, and the README's workflow snippets are what it
 * takes from docs/examples/*.yml.
 */
import { readFileSync } from 'node:fs'
import { INPUTS } from '../src/github/input-table.js'
import { describe, expect, it } from '@jest/globals'
import {
  docWithIncludes,
  includedFiles,
  readmeWithExamples,
  snippet
} from '../scripts/docs-examples.js'
import {
  actionYmlWithTable,
  between,
  inputsDocWithTable,
  markdownTable,
  readmeWithTables
} from '../scripts/docs-tables.js'

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
const readExample = (file: string) => read(`docs/examples/${file}`)

describe('npm run docs', () => {
  it('has written the README tables from the input table (run `npm run docs`)', () => {
    const readme = read('README.md')
    expect(readme).toContain('<!-- inputs:start -->')
    expect(readme).toContain('<!-- outputs:start -->')
    expect(readme).toBe(readmeWithTables(readme))
  })

  it('has written action.yml from the input table (run `npm run docs`)', () => {
    const yml = read('action.yml')
    expect(yml).toBe(actionYmlWithTable(yml))
  })

  it('has written docs/inputs.md from the input table (run `npm run docs`)', () => {
    const doc = read('docs/inputs.md')
    expect(doc).toBe(inputsDocWithTable(doc))
  })

  it('lists the inputs in the README with a Required column and one short line each', () => {
    const readme = read('README.md')
    const table = readme.slice(
      readme.indexOf('<!-- inputs:start -->'),
      readme.indexOf('<!-- inputs:end -->')
    )
    const rows = table.split('\n').filter((l) => l.startsWith('| ['))
    expect(rows).toHaveLength(INPUTS.length)
    expect(table).toMatch(/^\| Input +\| Required +\| Default +\| What it is +\|$/m)
    const cells = rows.map((r) => r.split(/ \| /).map((c) => c.replace(/^\| |\|$/g, '').trim()))
    expect(cells.filter((c) => !['yes', 'no'].includes(c[1]!))).toEqual([])
    expect(cells.filter((c) => c[0]!.startsWith('[`command`]'))[0]![1]).toBe('yes')
    // long descriptions live in docs/inputs.md, one heading per input
    expect(cells.map((c) => c[3]!).filter((d) => d.length > 100)).toEqual([])
    const doc = read('docs/inputs.md')
    for (const spec of INPUTS) {
      expect(doc).toContain(`### \`${spec.name}\`\n`)
      expect(doc).toContain(spec.description)
    }
  })

  it('starts where a user starts: what it does, prerequisites, a workflow; the demo and tests later', () => {
    const readme = read('README.md')
    const headings = [...readme.matchAll(/^## (.+)$/gm)].map((m) => m[1]!)
    const at = (h: string) => headings.indexOf(h)
    expect(at('Prerequisites')).toBe(0)
    expect(at('A first workflow')).toBe(1)
    expect(at('With an approval')).toBe(2)
    expect(at('Try it locally')).toBeGreaterThan(at('Inputs'))
    const prerequisites = readme.slice(
      readme.indexOf('## Prerequisites'),
      readme.indexOf('## A first workflow')
    )
    expect(prerequisites).toContain('**HTTP APIs and WebSocket APIs are not supported**')
    expect(prerequisites).toContain('`Stage=<stage>/Canary`')
    expect(prerequisites).toContain('repo:OWNER/REPO:environment:NAME')
    expect(includedFiles(prerequisites)).toEqual([
      'docs/iac/alarm.sh',
      'docs/iac/alarm.yaml',
      'docs/iac/alarm.tf',
      'docs/iac/trust-policy.json'
    ])
    expect(readme.indexOf('npm run demo')).toBeGreaterThan(readme.indexOf('## Try it locally'))
  })

  it('notices a README table edited by hand', () => {
    const readme = read('README.md').replace(
      '[`stage`](docs/inputs.md#stage)',
      '[`stages`](docs/inputs.md#stage)'
    )
    expect(readmeWithTables(readme)).not.toBe(readme)
  })

  it('aligns tables as prettier does and keeps the text around the markers', () => {
    expect(markdownTable(['A', 'Bee'], [['x|y', '1']])).toBe(
      '| A    | Bee |\n| ---- | --- |\n| x\\|y | 1   |'
    )
    expect(between('a\n<!-- t:start -->\nold\n<!-- t:end -->\nb', 't', 'new')).toBe(
      'a\n<!-- t:start -->\n\nnew\n\n<!-- t:end -->\nb'
    )
    expect(() => between('no markers', 't', 'x')).toThrow('no <!-- t:start -->')
  })

  it('has written the README snippets from docs/examples (run `npm run docs`)', () => {
    const readme = read('README.md')
    expect(readme.match(/<!-- example:[\w-]+\.yml/g)?.length).toBeGreaterThanOrEqual(4)
    expect(readme).toBe(readmeWithExamples(readme, readExample))
  })

  it('has written the files the README and docs/ include (run `npm run docs`)', () => {
    for (const file of ['README.md', 'docs/infrastructure-as-code.md']) {
      const text = read(file)
      expect(includedFiles(text).length).toBeGreaterThan(0)
      expect(text).toBe(docWithIncludes(text, read))
    }
  })

  it('notices a README snippet that differs from its example', () => {
    const readme = read('README.md')
    const edited = readme.replace(
      'options: [status, deploy, shift, ramp, promote]',
      'options: [status, deploy, shift, ramp, promote, rollback]'
    )
    expect(edited).not.toBe(readme)
    expect(readmeWithExamples(edited, readExample)).toBe(readme)
  })

  it('shows no workflow in the README that is not one of the examples', () => {
    const outside = read('README.md')
      .replace(/<!-- example:[\w-]+\.yml(#[\w-]+)? -->[\s\S]*?<!-- example:end -->/g, '')
      .replace(/<!-- include:\S+ -->[\s\S]*?<!-- include:end -->/g, '')
    expect(outside.match(/```ya?ml\n/g) ?? []).toEqual([])
  })

  it('takes a whole example or one marked region of it, dedented, without the marks', () => {
    const yml = 'a: 1\njobs:\n  # snippet:start x\n  x:\n    y: 2\n  # snippet:end x\n  z: 3\n'
    expect(snippet(yml)).toBe('a: 1\njobs:\n  x:\n    y: 2\n  z: 3')
    expect(snippet(yml, 'x')).toBe('x:\n  y: 2')
    expect(() => snippet(yml, 'nope')).toThrow('# snippet:start nope')
    const files = (f: string) => ({ 'e.yml': yml })[f]!
    expect(
      readmeWithExamples('t\n<!-- example:e.yml#x -->\nold\n<!-- example:end -->\nu', files)
    ).toBe('t\n<!-- example:e.yml#x -->\n\n```yaml\nx:\n  y: 2\n```\n\n<!-- example:end -->\nu')
    expect(() => readmeWithExamples('<!-- example:e.yml -->\nno end', files)).toThrow('has no')
    expect(() =>
      readmeWithExamples(
        '<!-- example:e.yml -->\n<!-- example:e.yml#x -->\n<!-- example:end -->',
        files
      )
    ).toThrow('has no')
    expect(() => readmeWithExamples('<!-- example:end -->', files)).toThrow('without a marker')
  })

  it('shows docs/iam-policy.json as it is in docs/iam.md', () => {
    const block = /```json\n([\s\S]*?)```/.exec(read('docs/iam.md'))?.[1]
    expect(JSON.parse(block!)).toEqual(JSON.parse(read('docs/iam-policy.json')))
  })
})
