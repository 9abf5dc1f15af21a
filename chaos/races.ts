/**
 * Scenario `races`: two releases of different commits on one stage, started
 * 0-1000 ms apart: two deploys; a deploy+ramp of commit A racing a deploy of
 * commit B (if-canary-exists replace or fail); two ramps with promotion on A's
 * canary.
 */
import type { Inputs } from '../local-runner/run-action.js'
import {
  between,
  itemSeed,
  pool,
  rng,
  runStep,
  sha,
  sleep,
  type Step,
  type Tally
} from './harness.js'
import { traffic } from './invariants.js'
import { ALARM, seedRelease } from './world.js'

const COMMON = { 'alarm-names': ALARM, 'poll-interval': '1s' }
const deploy = (mode: string): Inputs => ({
  ...COMMON,
  command: 'deploy',
  'if-canary-exists': mode
})
const RAMP: Inputs = {
  ...COMMON,
  command: 'ramp',
  steps: '5,50,100',
  'bake-time': '1s',
  'promote-on-success': 'true'
}

interface Variant {
  name: string
  /** Deploy commit A first, outside the race. */
  seedA: boolean
  a: Inputs[]
  b: Inputs[]
}

const VARIANTS: Variant[] = [
  { name: 'deploy A vs deploy B', seedA: false, a: [deploy('fail')], b: [deploy('fail')] },
  {
    name: 'deploy+ramp A vs deploy B (replace)',
    seedA: false,
    a: [deploy('fail'), RAMP],
    b: [deploy('replace')]
  },
  {
    name: 'deploy+ramp A vs deploy B (fail)',
    seedA: false,
    a: [deploy('fail'), RAMP],
    b: [deploy('fail')]
  },
  { name: "ramp A vs ramp B on A's canary", seedA: true, a: [RAMP], b: [RAMP] }
]

export async function racingReleases(t: Tally, count: number, slots: number): Promise<void> {
  const outcomes = new Map<string, number>()
  await pool(
    Array.from({ length: count }, (_, i) => i),
    slots,
    async (i, w) => {
      const r = rng(itemSeed(t.seed, t.scenario, i))
      const variant = VARIANTS[i % VARIANTS.length]!
      const commits = { a: sha(r), b: sha(r) }
      const offsets = { a: between(r, 0, 1000), b: between(r, 0, 1000) }
      const api = await seedRelease(w)
      if (variant.seedA) {
        await runStep(w, t, `pair ${i} seed A`, api, deploy('fail'), { sha: commits.a })
      }
      const start = traffic(await w.getStage(api))
      const job = async (who: 'a' | 'b'): Promise<{ inputs: Inputs; step: Step }[]> => {
        await sleep(offsets[who])
        const done: { inputs: Inputs; step: Step }[] = []
        for (const inputs of variant[who]) {
          const step = await runStep(
            w,
            t,
            `pair ${i} ${variant.name}: ${who.toUpperCase()} ${inputs.command} at +${offsets[who]} ms`,
            api,
            inputs,
            { sha: commits[who], checkTraffic: false, timeoutMs: 45_000 }
          )
          done.push({ inputs, step })
          if (step.r.code !== 0) break
        }
        return done
      }
      const [a, b] = await Promise.all([job('a'), job('b')])
      t.runs++
      const runs = [...a!, ...b!]
      const label = `pair ${i} ${variant.name} (A +${offsets.a} ms, B +${offsets.b} ms)`
      const v = (kind: string, details: string) =>
        t.violations.push({ scenario: t.scenario, seed: t.seed, run: label, kind, details })
      const outcome = runs.map((x) => `${x.inputs.command} ${x.step.r.code}`).join(', ')
      outcomes.set(variant.name, (outcomes.get(variant.name) ?? 0) + 1)
      // Two deploys refusing to replace another canary cannot both have put theirs on the stage.
      const won = runs.filter(
        (x) =>
          x.inputs.command === 'deploy' &&
          x.inputs['if-canary-exists'] === 'fail' &&
          x.step.r.code === 0 &&
          x.step.r.outputs.status === 'canary'
      )
      const ids = new Set(won.map((x) => x.step.r.outputs['canary-deployment-id']))
      if (ids.size > 1) {
        v(
          'race-both-deployed',
          `two deploys with if-canary-exists: fail both exited 0 with canaries ${[...ids].join(', ')} (${outcome})`
        )
      }
      // When every run failed, the stage holds no more traffic than before the race.
      const end = traffic(await w.getStage(api))
      if (runs.every((x) => x.step.r.code !== 0) && end > start) {
        v('failed-run-raised-traffic', `every run failed (${outcome}); canary ${start}% → ${end}%`)
      }
    }
  )
  t.notes.push(`pairs per variant: ${[...outcomes].map(([k, n]) => `${k} ${n}`).join('; ')}`)
}
