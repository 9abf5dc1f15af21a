// npm run docs: writes the README's Inputs and Outputs tables and action.yml's
// inputs and outputs from src/github/input-table.ts and src/github/output-table.ts,
// and the README's workflow snippets from docs/examples/*.yml.
import { readFileSync, writeFileSync } from 'node:fs'
import { readmeWithExamples } from './docs-examples.js'
import { actionYmlWithTable, readmeWithTables } from './docs-tables.js'

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
const readExample = (file: string) => read(`docs/examples/${file}`)

for (const [file, make] of [
  ['README.md', (text: string) => readmeWithExamples(readmeWithTables(text), readExample)],
  ['action.yml', actionYmlWithTable]
] as const) {
  const before = read(file)
  const after = make(before)
  if (after !== before) writeFileSync(new URL(`../${file}`, import.meta.url), after)
  console.log(`${file}: ${after === before ? 'up to date' : 'written'}`)
}
