/**
 * Scenario `stalls`: AWS or GitHub accepts a request and never answers. A
 * black-hole proxy (local-runner/black-hole.ts) in front of the emulator
 * holds chosen requests, before they reach it ('stall') or after they applied
 * ('stall-after'): the rollback's UpdateStage (and, at the alarm, every
 * connection then open, as a NAT that forgot them), a bake's alarm reads,
 * CreateDeployment, preflight's reads, GitHub's calls. Checked besides the
 * usual invariants:
 *
 * - an alarm during a bake takes the canary to 0 % within the poll interval
 *   plus ROLLBACK_BOUND_MS (docs/safety.md);
 * - a bake goes on watching after a read that got no answer;
 * - no step outlives its work by more than the deadlines of the calls that
 *   got no answer (docs/safety.md).
 */
import { EMULATOR_GITHUB_TOKEN } from '../emulator/client.js'
import {
  blackHoleProxy,
  type BlackHoleProxy,
  type ProxiedRequest,
  type Verdict
} from '../local-runner/black-hole.js'
import type { Inputs } from '../local-runner/run-action.js'
import { DEADLINES } from '../src/aws/clients.js'
import { RECORD_BUDGET_MS } from '../src/deployment-record/step.js'
import { between, itemSeed, launch, pick, pool, rng, sha, sleep, type Tally } from './harness.js'
import { ALARM, seedRelease, type World } from './world.js'

const POLL_MS = 1000
const BAKE_MS = 8000
/**
 * Alarm → 0 % (docs/safety.md): within the poll interval plus the rollback's
 * deadline, plus, for each alarm read held on the way, its deadline and a poll
 * interval (a third in a row stops the bake as unhealthy).
 */
export function rollbackBoundMs(pollMs: number, heldReads: number): number {
  return pollMs + DEADLINES.urgentMs + heldReads * (DEADLINES.alarmReadMs + pollMs)
}
/** A step's own work besides its bake: start-up, preflight, reads, the record (2 busy cores). */
const WORK_MS = 12_000

type Kind = 'rollback' | 'bake-read' | 'create' | 'preflight' | 'github'
const ROTATION: Kind[] = ['rollback', 'bake-read', 'rollback', 'create', 'github', 'preflight']
const PREFLIGHT_READS = ['GetRestApi', 'GetAccount', 'GetDomainNames', 'ListMetrics']

const isZero = (r: { operation: string; body: string }) =>
  r.operation === 'UpdateStage' && /percentTraffic","value":"0(\.0)?"/.test(r.body)

interface Figures {
  alarmToZero: { ms: number; kind: string }[]
  githubSilentMs: number[]
  overrunMs: number[]
  aws: number
  github: number
}

interface Plan {
  kind: Kind
  /** What holds the chosen AWS request: before it reaches AWS, or after it applied. */
  how: 'stall' | 'stall-after'
  /** The alarm fires (rollback: during the bake; bake-read: as a read stalls). */
  alarm: boolean
  /** At the alarm, every open connection goes silent. */
  silence: boolean
  /** Which GitHub request stalls (0: none; -1: every one). */
  github: number
  /** bake-read: the first alarm read held, and how many in a row. */
  read: number
  reads: number
  preflightRead: string
}

function planFor(i: number, r: () => number, short: boolean): Plan {
  const kind = short ? (['rollback', 'bake-read'] as const)[i % 2]! : ROTATION[i % ROTATION.length]!
  return {
    kind,
    how: r() < 0.75 ? 'stall' : 'stall-after',
    alarm: kind === 'rollback' || r() < 0.5,
    // Silenced connections cost several 30 s deadlines after the rollback: not in the short mode.
    silence: !short && r() < 0.3,
    // GitHub too on every other item (never on a rollback item: its alarm → 0 % is measured).
    github: kind === 'github' ? pick(r, [-1, 1, 2, 3]) : i % 2 === 1 ? pick(r, [-1, 1, 2]) : 0,
    read: between(r, 3, 5),
    reads: between(r, 1, 2),
    preflightRead: pick(r, PREFLIGHT_READS)
  }
}

/** The proxy's rule for one item; `alarm` sets the alarm. */
function decider(p: Plan, alarm: () => void) {
  let reads = 0
  let githubs = 0
  let held = false
  const seen = new Set<string>()
  return (q: ProxiedRequest): Verdict => {
    if (q.operation.startsWith('GitHub ')) {
      githubs++
      return p.github === -1 || p.github === githubs ? 'stall' : 'pass'
    }
    const first = !seen.has(q.operation)
    seen.add(q.operation)
    switch (p.kind) {
      case 'rollback':
        if (isZero(q) && !held) {
          held = true
          return p.how
        }
        return 'pass'
      case 'bake-read':
        if (q.operation !== 'DescribeAlarms') return 'pass'
        reads++
        if (reads < p.read || reads >= p.read + p.reads) return 'pass'
        if (reads === p.read && p.alarm) alarm()
        return 'stall'
      case 'create':
        return q.operation === 'CreateDeployment' && first ? p.how : 'pass'
      case 'preflight':
        return q.operation === p.preflightRead && first ? 'stall' : 'pass'
      default:
        return 'pass'
    }
  }
}

/** Sets the gating alarm in the emulator at once (no round trip); answers when. */
function setAlarmNow(w: World): number {
  const at = Date.now()
  w.emu.state.cloudwatch.alarms.setAlarmState({
    AlarmName: ALARM,
    StateValue: 'ALARM',
    StateReason: 'Threshold Crossed: 12 datapoints were above 5 (chaos)'
  })
  return at
}

/** When the stage's canary traffic first reached 0 % after `since` (the emulator's call log). */
async function zeroAt(w: World, since: number): Promise<number | undefined> {
  const zero = (await w.calls()).find(
    (c) =>
      c.operation === 'UpdateStage' &&
      c.status === 200 &&
      Date.parse(c.time) >= since - 5 &&
      JSON.stringify(c.input).includes('"/canarySettings/percentTraffic","value":"0.0"')
  )
  return zero ? Date.parse(zero.time) : undefined
}

export async function stalledReleases(
  t: Tally,
  count: number,
  slots: number,
  short: boolean
): Promise<void> {
  const f: Figures = { alarmToZero: [], githubSilentMs: [], overrunMs: [], aws: 0, github: 0 }
  await pool(
    Array.from({ length: count }, (_, i) => i),
    slots,
    async (i, w) => {
      const seed = itemSeed(t.seed, t.scenario, i)
      const r = rng(seed)
      const p = planFor(i, r, short)
      const commit = sha(r)
      const api = await seedRelease(w)
      const before = await w.getStage(api)
      let alarmAt = 0
      const proxy: BlackHoleProxy = await blackHoleProxy(
        w.url,
        decider(p, () => (alarmAt = setAlarmNow(w)))
      )
      const bakes = p.kind === 'rollback' || p.kind === 'bake-read'
      const inputs: Inputs = {
        command: 'deploy',
        'alarm-names': ALARM,
        'poll-interval': `${POLL_MS / 1000}s`,
        'github-token': EMULATOR_GITHUB_TOKEN,
        'max-attempts': '3',
        ...(bakes ? { 'bake-time': `${BAKE_MS / 1000}s` } : {})
      }
      const run = `stall ${i} ${p.kind}${p.kind === 'preflight' ? ` ${p.preflightRead}` : ''} (${p.how}${p.silence ? ', silenced' : ''}, github ${p.github})`
      // The documented bound of this step: its work, plus each unanswered call's deadline.
      const allowedMs = (ms: number) => (bakes ? BAKE_MS : 0) + WORK_MS + ms
      const worst = allowedMs(3 * DEADLINES.callMs + (p.github ? RECORD_BUDGET_MS : 0)) + 10_000
      let baking = false
      const step = launch(w, t, run, api, inputs, {
        sha: commit,
        before,
        endpoint: proxy.url,
        timeoutMs: worst,
        onLine: (line) => {
          if (!baking && /^Baking /.test(line)) baking = true
        }
      })
      if (p.kind === 'rollback') {
        // During the bake, at a random moment: the alarm, and maybe every open connection goes silent.
        while (!baking && step.started.child.exitCode === null) await sleep(50)
        await sleep(between(r, 300, 3000))
        if (step.started.child.exitCode === null) {
          alarmAt = setAlarmNow(w)
          if (p.silence) proxy.silenceOpenConnections()
        }
      }
      const { r: res } = await step.finish()
      const heldAws = proxy.stalled.filter((op) => !op.startsWith('GitHub '))
      const aws = heldAws.length
      const github = proxy.stalled.length - aws
      const heldReads = heldAws.filter((op) => op === 'DescribeAlarms').length
      await proxy.close()
      t.faults += aws + github
      f.aws += aws
      f.github += github
      t.runs++
      const ctx = { scenario: t.scenario, seed: t.seed, run }
      const violate = (kind: string, details: string) =>
        t.violations.push({ ...ctx, kind, details })
      // Every unanswered AWS call may cost its deadline; GitHub costs the record's budget at most.
      const bound = allowedMs(aws * DEADLINES.callMs + (github ? RECORD_BUDGET_MS : 0))
      f.overrunMs.push(res.ms - (bakes ? BAKE_MS : 0))
      if (github > 0 && aws === 0) f.githubSilentMs.push(res.ms - (bakes ? BAKE_MS : 0))
      if (res.ms > bound)
        violate(
          'stall-overran',
          `${res.ms} ms, above its work plus the deadlines of ${aws} AWS and ${github} GitHub calls without an answer (${bound} ms)`
        )
      if (alarmAt > 0) {
        const zero = await zeroAt(w, alarmAt)
        const limit = rollbackBoundMs(POLL_MS, heldReads)
        if (zero === undefined)
          violate(
            'no-rollback',
            `an alarm during the bake never took the canary to 0 % (exit ${res.code})`
          )
        else {
          const ms = zero - alarmAt
          f.alarmToZero.push({ ms, kind: `${p.kind}/${p.how}/${heldReads}` })
          if (ms > limit) violate('slow-rollback', `alarm → 0 % took ${ms} ms, above ${limit} ms`)
        }
      } else if (p.kind === 'bake-read') {
        // No alarm: the bake read on after the stalled read(s) and ended clean.
        if (res.code !== 0)
          violate('bake-stopped-watching', `exit ${res.code}: ${res.outputs['abort-reason'] ?? ''}`)
      }
      if (p.kind === 'github' && res.code !== 0)
        violate(
          'github-failed-step',
          `GitHub not answering failed the step: ${res.outputs['abort-reason'] ?? ''}`
        )
      // A failed deploy is re-run, as a user re-runs a job: still one deployment of the commit.
      if (res.code !== 0 && !alarmAt) {
        const again = launch(w, t, `${run} re-run`, api, inputs, { sha: commit, timeoutMs: 60_000 })
        await again.finish()
      }
    }
  )
  const ms = (xs: number[]) => Math.round(Math.max(0, ...xs))
  const sorted = f.alarmToZero.map((a) => a.ms).sort((a, b) => a - b)
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0
  const rollbackHeld = f.alarmToZero.filter((a) => a.kind === 'rollback/stall/0')
  const readHeld = f.alarmToZero.filter((a) => /\/[12]$/.test(a.kind))
  t.notes.push(
    `${f.aws} AWS requests and ${f.github} GitHub requests held without an answer`,
    `alarm → 0 % (poll ${POLL_MS} ms), ${sorted.length} alarms: median ${median} ms, max ${ms(sorted)} ms; the rollback's UpdateStage held (no read held): max ${ms(rollbackHeld.map((a) => a.ms))} ms over ${rollbackHeld.length} (bound ${rollbackBoundMs(POLL_MS, 0)} ms); one or two alarm reads held: max ${ms(readHeld.map((a) => a.ms))} ms over ${readHeld.length}`,
    `GitHub silent, AWS answering: longest step beyond its bake ${ms(f.githubSilentMs)} ms over ${f.githubSilentMs.length} steps; any step beyond its bake: ${ms(f.overrunMs)} ms`
  )
}
