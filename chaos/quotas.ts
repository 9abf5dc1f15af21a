/**
 * Scenario `quotas`: API Gateway's account quotas on (10 requests/s burst 40;
 * CreateDeployment once per 5 s), N deploys on N different APIs at once. All
 * must succeed on the first try with one deployment each; the wall time is
 * compared with the quota's floor, (N - 1) × 5 s.
 */
import { getCalls, setQuotas } from '../emulator/client.js'
import { itemSeed, launch, rng, sha, type Tally } from './harness.js'
import { checkStage, commitOf } from './invariants.js'
import { ALARM, seedRelease, startWorld } from './world.js'

const INTERVAL_MS = 5000

export async function quotaReleases(t: Tally, count: number): Promise<void> {
  const w = await startWorld()
  try {
    const r = rng(itemSeed(t.seed, t.scenario, 0))
    const apis = await Promise.all(
      Array.from({ length: count }, async () => {
        const id = await seedRelease(w, { reset: false })
        return { id, sha: sha(r), before: await w.getStage(id) }
      })
    )
    await setQuotas(w.url, true)
    const t0 = performance.now()
    const runs = apis.map((a, i) =>
      launch(
        w,
        t,
        `deploy ${i} on ${a.id}`,
        a.id,
        { command: 'deploy', 'alarm-names': ALARM },
        {
          sha: a.sha,
          before: a.before,
          stageChecks: false,
          timeoutMs: 30_000 + count * INTERVAL_MS * 2
        }
      )
    )
    const steps = await Promise.all(runs.map((x) => x.finish()))
    const wallMs = performance.now() - t0
    await setQuotas(w.url, false)
    t.runs += count
    const log = await getCalls(w.url)
    const throttled = log.filter((c) => c.fault === 'quota').length
    const creates = log
      .filter((c) => c.operation === 'CreateDeployment' && c.status === 201)
      .map((c) => Date.parse(c.time))
      .sort((a, b) => a - b)
    t.faults += throttled
    for (const [i, a] of apis.entries()) {
      const label = `deploy ${i} on ${a.id}`
      const ctx = {
        scenario: t.scenario,
        seed: t.seed,
        run: label,
        sha: a.sha,
        command: 'deploy',
        restApiId: a.id,
        before: a.before
      }
      const s = steps[i]!
      t.violations.push(...(await checkStage(w, ctx, s.r)).violations)
      const mine = (await w.deployments(a.id)).filter((d) => commitOf(d.description) === a.sha)
      if (s.r.code !== 0 || mine.length !== 1) {
        t.violations.push({
          ...ctx,
          kind: 'quota-deploy-failed',
          details: `exit ${s.r.code}, ${mine.length} deployments of the commit: ${s.r.outputs['abort-reason'] ?? ''}`
        })
      }
    }
    const floorMs = (count - 1) * INTERVAL_MS
    const span = creates.length > 1 ? creates.at(-1)! - creates[0]! : 0
    t.notes.push(
      `${count} deploys at once: wall ${(wallMs / 1000).toFixed(1)} s (first spawn → last exit); ` +
        `CreateDeployment ${creates[0] ? 'first → last' : ''} ${(span / 1000).toFixed(1)} s; quota floor ${(floorMs / 1000).toFixed(0)} s; ` +
        (steps.some((x) => x.r.code !== 0)
          ? `wall/floor not meaningful: ${steps.filter((x) => x.r.code !== 0).length} deploys failed`
          : floorMs > 0
            ? `wall/floor ${(wallMs / floorMs).toFixed(2)}× (target ≤ 1.50×: ${wallMs / floorMs <= 1.5 ? 'met' : 'missed'})`
            : 'no floor for one deploy'),
      `${throttled} calls throttled by the quotas; exits ${steps.map((s) => s.r.code).join(',')}`
    )
  } finally {
    await w.close()
  }
}
