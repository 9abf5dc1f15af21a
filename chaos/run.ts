/**
 * `npm run chaos [-- --short] [--seed N] [--only a,b] [--parallel N]
 *   [--releases N] [--stalls N] [--kills N] [--pairs N] [--quota-apis N] [--inputs N]`
 *
 * Drives the bundled action (dist/index.js, as a runner does) against
 * in-process emulators under faults, kill -9, races, quotas and hostile
 * inputs, checks the invariants of chaos/invariants.ts after every run, and
 * prints a report. Exits 1 when any invariant was violated.
 */
import { parseArgs } from 'node:util'
import { faultyReleases } from './faults.js'
import { newTally, type Tally } from './harness.js'
import { hostileInputs } from './inputs.js'
import { killPoints } from './kills.js'
import { quotaReleases } from './quotas.js'
import { racingReleases } from './races.js'
import { stalledReleases } from './stalls.js'

const say = (line = '') => process.stdout.write(`${line}\n`)

const SCENARIOS = ['faults', 'stalls', 'kills', 'races', 'quotas', 'inputs'] as const
type Scenario = (typeof SCENARIOS)[number]

const { values } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    seed: { type: 'string' },
    only: { type: 'string' },
    parallel: { type: 'string' },
    releases: { type: 'string' },
    stalls: { type: 'string' },
    kills: { type: 'string' },
    pairs: { type: 'string' },
    'quota-apis': { type: 'string' },
    inputs: { type: 'string' }
  }
})

function count(name: string, raw: string | undefined, dflt: number): number {
  if (raw === undefined) return dflt
  const n = Number(raw)
  if (!Number.isSafeInteger(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`)
  return n
}

const short = values.short
const seed = count('seed', values.seed, Math.floor(Math.random() * 1_000_000))
const only = values.only ? values.only.split(',') : [...SCENARIOS]
for (const s of only) {
  if (!SCENARIOS.includes(s as Scenario)) throw new Error(`--only: unknown scenario ${s}`)
}
const parallel = count('parallel', values.parallel, 3)
const counts = {
  faults: count('releases', values.releases, short ? 3 : 50),
  stalls: count('stalls', values.stalls, short ? 2 : 24),
  kills: count('kills', values.kills, short ? 4 : 20),
  races: count('pairs', values.pairs, short ? 4 : 20),
  quotas: count('quota-apis', values['quota-apis'], short ? 2 : 10),
  inputs: count('inputs', values.inputs, short ? 40 : 1000)
}

const run: Record<Scenario, (t: Tally) => Promise<void>> = {
  faults: (t) => faultyReleases(t, counts.faults, parallel),
  stalls: (t) => stalledReleases(t, counts.stalls, parallel, short),
  kills: (t) => killPoints(t, counts.kills, parallel),
  races: (t) => racingReleases(t, counts.races, parallel),
  quotas: (t) => quotaReleases(t, counts.quotas),
  inputs: (t) => hostileInputs(t, counts.inputs, parallel + 1)
}

function table(head: string[], rows: (string | number)[][]): void {
  say(`| ${head.join(' | ')} |`)
  say(`| ${head.map((_, i) => (i === 0 ? '---' : '---:')).join(' | ')} |`)
  for (const r of rows) say(`| ${r.join(' | ')} |`)
  say()
}

const t0 = performance.now()
say(`# apigw-canary chaos (${short ? 'short' : 'full'}, seed ${seed}, ${parallel} in parallel)`)
say()
const tallies: Tally[] = []
for (const s of SCENARIOS.filter((x) => only.includes(x))) {
  const t = newTally(s, seed)
  const start = performance.now()
  await run[s](t)
  t.ms = performance.now() - start
  tallies.push(t)
  say(`## ${s}`)
  say()
  for (const n of t.notes) say(`- ${n}`)
  const kinds = new Map<string, number>()
  for (const v of t.violations) kinds.set(v.kind, (kinds.get(v.kind) ?? 0) + 1)
  say(
    `- ${t.runs} runs, ${t.steps} steps spawned, ${t.faults} faults injected, ${t.violations.length} violations` +
      (kinds.size ? ` (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')})` : '') +
      `, ${(t.ms / 1000).toFixed(1)} s`
  )
  for (const v of t.violations.slice(0, 40)) {
    say(`  - **${v.kind}** [${v.run}] ${v.details}`)
  }
  if (t.violations.length > 40) say(`  - … and ${t.violations.length - 40} more`)
  if (t.violations.length)
    say(`  - replay: \`npm run chaos -- --seed ${seed} --only ${s}${short ? ' --short' : ''}\``)
  say()
}

say('## Totals')
say()
const all = tallies.flatMap((t) => t.violations)
table(
  ['scenario', 'runs', 'steps', 'faults', 'violations', 'wall s'],
  [
    ...tallies.map((t) => [
      t.scenario,
      t.runs,
      t.steps,
      t.faults,
      t.violations.length,
      (t.ms / 1000).toFixed(1)
    ]),
    [
      '**all**',
      tallies.reduce((a, t) => a + t.runs, 0),
      tallies.reduce((a, t) => a + t.steps, 0),
      tallies.reduce((a, t) => a + t.faults, 0),
      all.length,
      ((performance.now() - t0) / 1000).toFixed(1)
    ]
  ]
)
const byKind = new Map<string, number>()
for (const v of all) byKind.set(v.kind, (byKind.get(v.kind) ?? 0) + 1)
if (byKind.size)
  table(
    ['violation', 'count'],
    [...byKind].sort((a, b) => b[1] - a[1])
  )
say(all.length === 0 ? 'No violations.' : `${all.length} violations (seed ${seed}).`)
process.exitCode = all.length === 0 ? 0 : 1
