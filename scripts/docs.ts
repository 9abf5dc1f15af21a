// npm run docs: writes the README's Inputs and Outputs tables and action.yml's
// inputs and outputs from src/github/input-table.ts and src/github/output-table.ts.
import { readFileSync, writeFileSync } from 'node:fs'
import { actionYmlWithTable, readmeWithTables } from './docs-tables.js'

for (const [file, make] of [
  ['README.md', readmeWithTables],
  ['action.yml', actionYmlWithTable]
] as const) {
  const url = new URL(`../${file}`, import.meta.url)
  const before = readFileSync(url, 'utf8')
  const after = make(before)
  if (after !== before) writeFileSync(url, after)
  console.log(`${file}: ${after === before ? 'up to date' : 'written'}`)
}
