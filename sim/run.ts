/**
 * `npm run judge:sim [-- --worlds N --seed S --only text]`: every row of
 * sim/rows.ts through the judge and the bake policy, as a Markdown table.
 * docs/canary-analysis.md#the-simulation keeps the figures of a 200-world run.
 */
import { parseArgs } from 'node:util'

import { CAUGHT_BY, ROWS, runRow, type RowFigures } from './rows.js'

const { values } = parseArgs({
  options: {
    worlds: { type: 'string', default: '200' },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' }
  }
})
const worlds = Number(values.worlds)
const seed = Number(values.seed)

const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(1)} %`
const num = (n: number | undefined) => (n === undefined ? '—' : n.toFixed(1))

function line(f: RowFigures, expect: 'pass' | 'catch'): string {
  return [
    f.name,
    String(f.worlds),
    expect === 'pass' ? pct(f.rolledBack, f.worlds) : '',
    expect === 'catch' ? pct(f.rolledBack, f.worlds) : '',
    expect === 'catch' ? pct(f.caughtFirstBake, f.worlds) : '',
    num(f.detectMedian),
    num(f.detectP95),
    f.wallMedian.toFixed(1),
    f.rungMedians.map((m) => m.toFixed(0)).join(' / '),
    String(f.advancedWithoutEvidence),
    String(f.stoppedInconclusive)
  ].join(' | ')
}

console.log(
  `judge:sim: ${worlds} seeded releases per row (seed ${seed}), ladder 5/10/25/50/100 %, 95 % confidence, 10-minute bakes (max 20), alarms' minimum bake 3 minutes.\n`
)
console.log(
  '| world | releases | false rollbacks | caught | caught in the first 10-min bake | detect median (min) | detect p95 | wall time median (min) | minutes per rung (median) | rungs advanced without evidence | stopped inconclusive |'
)
console.log('| --- | --: | --: | --: | --: | --: | --: | --: | --- | --: | --: |')
const started = Date.now()
const caught: RowFigures[] = []
ROWS.forEach((row, i) => {
  if (values.only && !row.name.includes(values.only)) return
  const f = runRow(row, worlds, seed * 1000 + i)
  if (row.expect === 'catch') caught.push(f)
  console.log(`| ${line(f, row.expect)} |`)
})
console.log(
  "\nCaught within minutes of the first canary minute's publication (detection against bake length):\n"
)
console.log(`| world | ${CAUGHT_BY.map((m) => `≤ ${m} min`).join(' | ')} |`)
console.log(`| --- | ${CAUGHT_BY.map(() => '--:').join(' | ')} |`)
for (const f of caught)
  console.log(
    `| ${f.name} | ${CAUGHT_BY.map((m) => `${(100 * f.caughtBy[m]!).toFixed(0)} %`).join(' | ')} |`
  )
console.log(`\n(${((Date.now() - started) / 1000).toFixed(1)} s)`)
