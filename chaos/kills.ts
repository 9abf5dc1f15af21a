/**
 * Scenario `kills`: SIGKILL a ramp (with promotion) or a promotion at a random
 * point (after a random delay, or when a given line appears on stdout), then
 * either `rollback` or a re-run of the same step, and check the end state.
 */
import { between, itemSeed, pick, pool, rng, runStep, sha, type Tally } from './harness.js'
import { commitOf, traffic } from './invariants.js'
import { ALARM, seedRelease } from './world.js'

const COMMON = { 'alarm-names': ALARM, 'poll-interval': '1s' }
const RAMP = {
  ...COMMON,
  command: 'ramp',
  steps: '5,10,25,50,100',
  'bake-time': '1s',
  'promote-on-success': 'true'
}
const PROMOTE = { ...COMMON, command: 'promote' }
/** Lines of a ramp and of a promotion to kill on (as a clean run prints them). */
const RAMP_LINES = [/^::group::Rung 2/, /^::group::Bake at 50/, /^UpdateStage/, /^::group::Promote/]
const PROMOTE_LINES = [/^::group::Promote/, /^Promoting from/, /^UpdateStage prod: replace/]

export async function killPoints(t: Tally, count: number, slots: number): Promise<void> {
  const outcomes = new Map<string, number>()
  const note = (k: string) => {
    outcomes.set(k, (outcomes.get(k) ?? 0) + 1)
  }
  await pool(
    Array.from({ length: count }, (_, i) => i),
    slots,
    async (i, w) => {
      const r = rng(itemSeed(t.seed, t.scenario, i))
      const commit = sha(r)
      const api = await seedRelease(w)
      const o = { sha: commit, timeoutMs: 45_000 }
      const deploy = await runStep(
        w,
        t,
        `kill ${i} deploy`,
        api,
        { ...COMMON, command: 'deploy' },
        o
      )
      t.runs++
      if (deploy.r.code !== 0) return note('deploy failed (no kill)')
      const target = i % 2 === 0 ? RAMP : PROMOTE
      const byLine = r() < 0.5
      const killOn = byLine ? pick(r, target === RAMP ? RAMP_LINES : PROMOTE_LINES) : undefined
      const killAfterMs = byLine ? undefined : between(r, 0, target === RAMP ? 4500 : 300)
      const point = killOn ? `on ${killOn.source}` : `after ${killAfterMs} ms`
      const killed = await runStep(w, t, `kill ${i} ${target.command} ${point}`, api, target, {
        ...o,
        killOn,
        killAfterMs
      })
      if (!killed.killed) note(`${target.command} ended before the kill`)
      const rollback = r() < 0.5
      const label = `kill ${i} ${target.command} ${point}, then ${rollback ? 'rollback' : 're-run'}`
      const next = await runStep(w, t, label, api, rollback ? { command: 'rollback' } : target, o)
      const stage = await w.getStage(api)
      const v = (kind: string, details: string) =>
        t.violations.push({ scenario: t.scenario, seed: t.seed, run: label, kind, details })
      if (rollback) {
        note(`${target.command} killed ${byLine ? 'on a line' : 'after a delay'}, rolled back`)
        if (next.r.code !== 0 || traffic(stage) !== 0)
          v('kill-rollback', `rollback exited ${next.r.code}, canary left at ${traffic(stage)}%`)
        return
      }
      note(`${target.command} killed ${byLine ? 'on a line' : 'after a delay'}, re-run`)
      // The re-run finishes the release: the commit is the stage's deployment, no canary traffic.
      const stable = (await w.deployments(api)).find((d) => d.id === stage.deploymentId)
      if (next.r.code !== 0 || commitOf(stable?.description) !== commit || traffic(stage) !== 0) {
        v(
          'kill-rerun',
          `re-run exited ${next.r.code} (${next.r.outputs.status}: ${next.r.outputs['abort-reason'] ?? ''}); stage serves ` +
            `${stage.deploymentId} (${commitOf(stable?.description)?.slice(0, 8) ?? 'other'}), canary ${traffic(stage)}%`
        )
      }
    }
  )
  t.notes.push([...outcomes].map(([k, n]) => `${n}× ${k}`).join('; '))
}
