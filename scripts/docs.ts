// npm run docs: writes the README's Inputs and Outputs tables and action.yml's
// inputs and outputs from src/github/input-table.ts and src/github/output-table.ts,
// docs/inputs.md, the README's workflow snippets from docs/examples/*.yml, and the files that
// docs/*.md include (<!-- include:PATH -->) from those files.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { docWithIncludes, readmeWithExamples } from './docs-examples.js'
import { actionYmlWithTable, inputsDocWithTable, readmeWithTables } from './docs-tables.js'

const read = (file: string) => readFileSync(new URL(`../${file}`, import.meta.url), 'utf8')
const readExample = (file: string) => read(`docs/examples/${file}`)

const docs = readdirSync(new URL('../docs/', import.meta.url))
  .filter((f) => f.endsWith('.md'))
  .map(
    (f) =>
      [
        `docs/${f}`,
        (text: string) => docWithIncludes(f === 'inputs.md' ? inputsDocWithTable(text) : text, read)
      ] as const
  )

for (const [file, make] of [
  [
    'README.md',
    (text: string) => docWithIncludes(readmeWithExamples(readmeWithTables(text), readExample), read)
  ],
  ['action.yml', actionYmlWithTable],
  ...docs
] as const) {
  const before = read(file)
  const after = make(before)
  if (after !== before) writeFileSync(new URL(`../${file}`, import.meta.url), after)
  console.log(`${file}: ${after === before ? 'up to date' : 'written'}`)
}
