/**
 * (d) When AWS or GitHub accepts a request and never answers (a black-hole
 * proxy, local-runner/black-hole.ts, in front of the emulator):
 *
 * - alarm → 0 % with the rollback's first UpdateStage held (and, in half the
 *   trials, every connection open at the alarm gone silent, as a NAT that
 *   forgot them: the bake's next read is then held too). `deploy` with a 60 s
 *   bake polled every second; the alarm is set a random 0-1000 ms after the
 *   bake is seen polling. Measured on the emulator's clock from its call log:
 *   SetAlarmState ALARM → the UpdateStage that set traffic to 0.0.
 * - the step's wall time with every GitHub request held, beside the same
 *   `deploy` with GitHub answering.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { EMULATOR_GITHUB_TOKEN, getCalls, type CallRecord } from '../emulator/client.js'
import { blackHoleProxy, type Verdict } from '../local-runner/black-hole.js'
import { startAction, type Inputs } from '../local-runner/run-action.js'
import { seedRelease, ALARM, STAGE } from '../chaos/world.js'
import type { World } from '../local-runner/world.js'

export const STALL_POLL_MS = 1000

export interface StallTrial {
  silenced: boolean
  /** SetAlarmState ALARM → UpdateStage percentTraffic 0.0 that answered 200, emulator clock. */
  latencyMs: number
  exitCode: number | null
}

export interface GitHubTrial {
  answeringMs: number
  silentMs: number
}

const isZero = (body: string) => /percentTraffic","value":"0(\.0)?"/.test(body)
const t = (c: CallRecord) => Date.parse(c.time)

async function oneRollback(w: World, silenced: boolean): Promise<StallTrial> {
  const api = await seedRelease(w)
  let held = false
  const proxy = await blackHoleProxy(w.url, (q): Verdict => {
    if (q.operation === 'UpdateStage' && isZero(q.body) && !held) {
      held = true
      return 'stall'
    }
    return 'pass'
  })
  let polling = 0
  const inputs: Inputs = {
    command: 'deploy',
    'rest-api-id': api,
    stage: STAGE,
    'alarm-names': ALARM,
    'bake-time': '60s',
    'poll-interval': `${STALL_POLL_MS / 1000}s`,
    'github-deployment': 'false'
  }
  const run = startAction(inputs, {
    endpoint: proxy.url,
    onLine: (line) => {
      if (/^\[poll \d+\]/.test(line)) polling++
    }
  })
  try {
    while (polling < 2 && run.child.exitCode === null) await sleep(20)
    await sleep(Math.floor(Math.random() * 1000))
    await w.setAlarm(ALARM, 'ALARM', 'Threshold Crossed: bench')
    if (silenced) proxy.silenceOpenConnections()
    const r = await run.done
    const calls = await getCalls(w.url)
    const alarm = calls.findLast((c) => c.operation === 'SetAlarmState')
    const zero = calls.find(
      (c) =>
        c.operation === 'UpdateStage' &&
        c.status === 200 &&
        alarm !== undefined &&
        t(c) >= t(alarm) &&
        JSON.stringify(c.input).includes('"value":"0.0"')
    )
    return {
      silenced,
      latencyMs: alarm && zero ? t(zero) - t(alarm) : NaN,
      exitCode: r.code
    }
  } finally {
    await proxy.close()
  }
}

async function oneGitHub(w: World, silent: boolean): Promise<number> {
  const api = await seedRelease(w)
  const proxy = await blackHoleProxy(w.url, (q): Verdict =>
    silent && q.operation.startsWith('GitHub ') ? 'stall' : 'pass'
  )
  try {
    const r = await startAction(
      {
        command: 'deploy',
        'rest-api-id': api,
        stage: STAGE,
        'alarm-names': ALARM,
        'github-token': EMULATOR_GITHUB_TOKEN
      },
      { endpoint: proxy.url }
    ).done
    if (r.code !== 0)
      throw new Error(
        `deploy with GitHub ${silent ? 'silent' : 'answering'} exited ${r.code}: ${r.outputs['abort-reason'] ?? ''}`
      )
    return r.ms
  } finally {
    await proxy.close()
  }
}

export async function measureStalls(
  w: World,
  trials: number
): Promise<{ rollbacks: StallTrial[]; github: GitHubTrial[] }> {
  const rollbacks: StallTrial[] = []
  for (let i = 0; i < trials; i++) rollbacks.push(await oneRollback(w, i % 2 === 1))
  const github: GitHubTrial[] = []
  for (let i = 0; i < Math.max(1, Math.ceil(trials / 3)); i++) {
    github.push({ answeringMs: await oneGitHub(w, false), silentMs: await oneGitHub(w, true) })
  }
  return { rollbacks, github }
}
