/**
 * Scenario `faults`: whole releases (deploy → shift → ramp with promotion)
 * under seeded emulator faults (throttles, 503s, dropped connections before or
 * after the call applies, latency). A failed step is re-run, as a user re-runs
 * a job, up to `TRIES` times.
 */
import type { FaultConfig } from '../emulator/client.js'
import type { Inputs } from '../local-runner/run-action.js'
import { between, itemSeed, pool, rng, runStep, sha, type Tally } from './harness.js'
import { commitOf } from './invariants.js'
import { ALARM, seedRelease } from './world.js'

const TRIES = 4
const STEPS = '5,25,100'
const COMMON = { 'alarm-names': ALARM, steps: STEPS, 'poll-interval': '1s', 'max-attempts': '3' }

function faultsFor(r: () => number, seed: number): FaultConfig {
  const throttleRate = r() * 0.2
  const errorRate = r() * 0.15
  const resetRate = r() * 0.15
  return {
    throttleRate,
    errorRate,
    resetRate,
    resetAfterApply: r() < 0.5,
    latencyMs: between(r, 0, 40),
    seed
  }
}

export async function faultyReleases(t: Tally, count: number, slots: number): Promise<void> {
  let promoted = 0
  let gaveUp = 0
  let reruns = 0
  const stepMs: number[] = []
  await pool(
    Array.from({ length: count }, (_, i) => i),
    slots,
    async (i, w) => {
      const seed = itemSeed(t.seed, t.scenario, i)
      const r = rng(seed)
      const commit = sha(r)
      const api = await seedRelease(w)
      const steps: Inputs[] = [
        { command: 'deploy', 'bake-time': `${between(r, 0, 1)}s` },
        { command: 'shift', percent: 'next', 'bake-time': `${between(r, 1, 2)}s` },
        { command: 'ramp', 'bake-time': '1s', 'promote-on-success': 'true' }
      ]
      let ok = true
      for (const [s, inputs] of steps.entries()) {
        let passed = false
        for (let attempt = 1; attempt <= TRIES && !passed; attempt++) {
          if (attempt > 1) reruns++
          const { r: res } = await runStep(
            w,
            t,
            `release ${i} ${inputs.command} try ${attempt}`,
            api,
            { ...COMMON, ...inputs },
            { sha: commit, faults: faultsFor(r, seed + s * 10 + attempt), timeoutMs: 45_000 }
          )
          passed = res.code === 0
          stepMs.push(res.ms)
        }
        if (!passed) {
          ok = false
          break
        }
      }
      t.runs++
      if (!ok) {
        gaveUp++
        return
      }
      // A release that succeeded ends with its commit as the stage's deployment.
      const stage = await w.getStage(api)
      const stable = (await w.deployments(api)).find((d) => d.id === stage.deploymentId)
      if (commitOf(stable?.description) === commit) promoted++
      else
        t.violations.push({
          scenario: t.scenario,
          seed: t.seed,
          run: `release ${i}`,
          kind: 'release-not-promoted',
          details: `every step exited 0 but the stage serves ${stage.deploymentId} (${JSON.stringify(stable?.description)})`
        })
    }
  )
  stepMs.sort((a, b) => a - b)
  const at = (q: number) =>
    Math.round(stepMs[Math.min(stepMs.length - 1, Math.floor(q * stepMs.length))] ?? 0)
  t.notes.push(
    `${promoted} releases promoted, ${gaveUp} gave up after ${TRIES} tries of a step, ${reruns} re-runs`,
    `step wall time: median ${at(0.5)} ms, p90 ${at(0.9)} ms, max ${at(1)} ms`
  )
}
