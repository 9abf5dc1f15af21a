/**
 * The README's Inputs and Outputs tables and action.yml's inputs and outputs
 * are what `npm run docs` makes from src/github/input-table.ts and src/github/output-table.ts.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import {
  actionYmlWithTable,
  between,
  markdownTable,
  readmeWithTables
} from '../scripts/docs-tables.js'

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')

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

  it('notices a README table edited by hand', () => {
    const readme = read('README.md').replace('| `stage`  ', '| `stages` ')
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
})
