/**
 * Triage after the runner's cancel, through the bundle against the emulator:
 * the runner sends SIGINT while a 10 % canary bakes (then, as the runner does,
 * SIGTERM 7.5 s later and the kill 2.5 s after that, unless the step exited
 * first). The rollback comes first and the outputs are written; the canary's
 * top errors follow within what is left of the grace. A query that never
 * completes is stopped and the step still exits before the runner's SIGTERM;
 * a SIGTERM during triage ends it at once, the outputs as written.
 */
import { describe, expect, it } from '@jest/globals'
import { setQueriesKeepRunning } from '../../emulator/client.js'
import type { ActionResult, Started } from '../../local-runner/run-action.js'
import {
  ERRORS_ALARM,
  calls,
  count,
  freshRelease,
  getStage,
  startBakingShift,
  step,
  useWorld,
  waitFor,
  type World
} from './fixtures.js'
import { canaryLogs, loggingOn } from './triage-world.js'

const world = useWorld()

/** A release whose canary's execution logs hold failed requests; the stage logs at ERROR. */
async function failingCanary(w: World): Promise<string> {
  const { restApiId } = await freshRelease(w)
  await loggingOn(w, restApiId)
  await canaryLogs(w, restApiId, [
    ['Execution failed due to configuration error: Invalid permissions on Lambda function', 12],
    ['Method completed with status: 500', 12],
    ['Endpoint response body before transformations: {"card":"4111111111111111"}', 3]
  ])
  await step(w, restApiId, { command: 'deploy', percent: '5', 'alarm-names': ERRORS_ALARM })
  return restApiId
}

/**
 * The runner's cancel of a shift baking at 10 %: SIGINT, then SIGTERM 7.5 s
 * later and SIGKILL 2.5 s after that, each only if the step is still running.
 * `then` runs after SIGINT (to send an early SIGTERM, say).
 */
async function cancelBake(
  w: World,
  restApiId: string,
  then?: (run: Started<ActionResult>) => Promise<void>
): Promise<ActionResult> {
  const run = await startBakingShift(w, restApiId, 10, { 'bake-time': '60s' })
  await new Promise((r) => setTimeout(r, 700)) // into the bake
  run.child.kill('SIGINT')
  const timers = [
    setTimeout(() => run.child.kill('SIGTERM'), 7_500),
    setTimeout(() => run.child.kill('SIGKILL'), 10_000)
  ]
  try {
    await then?.(run)
    return await run.done
  } finally {
    timers.forEach(clearTimeout)
  }
}

/** The step handled the cancel and exited by itself, the canary at 0 % and the outputs written. */
async function rolledBackByCancel(w: World, restApiId: string, r: ActionResult) {
  expect(r.signal).toBeNull()
  expect(r.code).toBe(1)
  expect((await getStage(w, restApiId)).canarySettings?.percentTraffic).toBe(0)
  expect(r.outputs).toMatchObject({ status: 'rolled-back', percent: '0', 'previous-percent': '5' })
  expect(r.outputs['abort-reason']).toContain('cancelled: the runner sent SIGINT')
  expect(r.summary).toContain('🔴 rolled back')
}

describe("triage after the runner's cancel", () => {
  it("shows the canary's top errors after the cancel's rollback, the rollback first", async () => {
    const w = world()
    const restApiId = await failingCanary(w)
    const r = await cancelBake(w, restApiId)
    await rolledBackByCancel(w, restApiId, r)
    const ops = (await calls(w)).map((c) => c.operation)
    expect(ops.lastIndexOf('UpdateStage')).toBeLessThan(ops.indexOf('StartQuery'))
    expect(r.stdout).not.toContain('Received SIGTERM')
    expect(r.summary).toMatch(
      /\| 12 \| Execution failed due to configuration error: Invalid permissions on Lambda function \| `req-\d+` \|/
    )
    expect(r.summary).toContain('| 12 | Method completed with status: 500 |')
    // Written again in place, not appended: one summary, with the triage in it.
    expect(r.summary.split('### Triage: what the canary answered')).toHaveLength(2)
    expect(r.summary.split('🔴 rolled back')).toHaveLength(2)
    expect(r.stdout).toMatch(/Triage of the canary, .*execution logs: 12× /)
    const report = JSON.parse(r.outputs.report!) as { triage?: { sections: unknown[] } }
    expect(report.triage?.sections).toHaveLength(3)
    expect(r.summary + r.stdout + r.outputs.report).not.toContain('4111111111111111')
  })

  it('stops a Logs query that never completes and exits before the runner would send SIGTERM', async () => {
    const w = world()
    const restApiId = await failingCanary(w)
    await setQueriesKeepRunning(w.url, true)
    const r = await cancelBake(w, restApiId)
    await rolledBackByCancel(w, restApiId, r)
    expect(r.stdout).not.toContain('Received SIGTERM')
    const log = await calls(w)
    expect(count(log, 'StartQuery')).toBe(1)
    expect(count(log, 'StopQuery')).toBe(1)
    expect(r.summary).toContain('- **execution logs**: no answer within the triage time budget')
  })

  it('ends triage at once on the second signal, the outputs and summary as written before it', async () => {
    const w = world()
    const restApiId = await failingCanary(w)
    await setQueriesKeepRunning(w.url, true)
    const r = await cancelBake(w, restApiId, async (run) => {
      await waitFor('the triage query', async () => count(await calls(w), 'StartQuery') > 0)
      run.child.kill('SIGTERM')
    })
    await rolledBackByCancel(w, restApiId, r)
    expect(r.stdout).toContain('Received SIGTERM: the rollback and the outputs go on')
    expect(r.stdout).toContain('Triage of the canary: stopped (cancelled: the runner sent SIGTERM)')
    expect(count(await calls(w), 'StopQuery')).toBe(0)
    expect(r.summary).not.toContain('### Triage')
  })
})
