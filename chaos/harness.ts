/**
 * What every scenario shares: seeded dice, a bounded pool of workers (each
 * with its own emulator), and `runStep`, which runs one step of the bundled
 * action as a runner would and checks the invariants after it.
 */
import type { Stage } from '@aws-sdk/client-api-gateway'
import type { FaultConfig } from '../emulator/client.js'
import { clearFaults, setFaults } from '../emulator/client.js'
import {
  startAction,
  type ActionResult,
  type Inputs,
  type Started
} from '../local-runner/run-action.js'
import {
  checkOutput,
  checkStage,
  CREDENTIAL_ENV,
  type RunContext,
  type Violation
} from './invariants.js'
import { REPO, STAGE, startWorld, type World } from './world.js'

/** mulberry32: small, fast, good enough for dice. */
export function rng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** The seed of item `i` of `scenario` under the run's `seed`: independent of the order items run in. */
export function itemSeed(seed: number, scenario: string, i: number): number {
  let h = (seed ^ 0x9e3779b9) >>> 0
  for (const c of `${scenario}#${i}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0
  return h
}

export const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!
export const between = (r: () => number, lo: number, hi: number) =>
  lo + Math.floor(r() * (hi - lo + 1))
export const sleep = (ms: number) => new Promise((res) => setTimeout(res, ms))

/** A 40-hex commit SHA from the dice. */
export function sha(r: () => number): string {
  let s = ''
  for (let i = 0; i < 40; i++) s += '0123456789abcdef'[Math.floor(r() * 16)]
  return s
}

/** A scenario's tally, printed in the report. */
export interface Tally {
  scenario: string
  seed: number
  /** Units of the scenario: releases, kill points, pairs, inputs… */
  runs: number
  steps: number
  faults: number
  violations: Violation[]
  notes: string[]
  ms: number
}

export function newTally(scenario: string, seed: number): Tally {
  return { scenario, seed, runs: 0, steps: 0, faults: 0, violations: [], notes: [], ms: 0 }
}

/** Runs `fn` over `items` with one worker (and one emulator) per slot, at most `slots` at once. */
export async function pool<T>(
  items: readonly T[],
  slots: number,
  fn: (item: T, w: World, index: number) => Promise<void>
): Promise<void> {
  const worlds = await Promise.all(
    Array.from({ length: Math.max(1, Math.min(slots, items.length)) }, () => startWorld())
  )
  let next = 0
  try {
    await Promise.all(
      worlds.map(async (w) => {
        while (next < items.length) {
          const i = next++
          await fn(items[i]!, w, i)
        }
      })
    )
  } finally {
    await Promise.all(worlds.map((w) => w.close()))
  }
}

export interface StepOptions {
  /** GITHUB_SHA; the repository is always REPO. */
  sha: string
  /** Faults set just before the spawn and cleared once it exited. */
  faults?: FaultConfig
  /** SIGKILL after this long. */
  killAfterMs?: number
  /** SIGKILL as soon as a stdout line matches. */
  killOn?: RegExp
  /** Check the failed-run traffic invariant (off for runs racing each other). */
  checkTraffic?: boolean
  /** A run killed after this long counts as a hang. */
  timeoutMs?: number
  /** The stage to compare with; read before the spawn when not given. */
  before?: Stage
  /** Called once the step exited, before the checks read anything. */
  afterExit?: () => Promise<void>
  /** Skip the AWS-side checks (when the caller checks a group of racing runs itself). */
  stageChecks?: boolean
  /** Where the action sends AWS and GitHub calls (default: the world's emulator), e.g. a black-hole proxy. */
  endpoint?: string
  /** Every line of the action's stdout and stderr as it arrives. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void
  /** More environment for the step (e.g. GITHUB_WORKSPACE). */
  env?: NodeJS.ProcessEnv
}

export interface Step {
  r: ActionResult
  after: Stage | undefined
  killed: boolean
  timedOut: boolean
}

function stepEnv(o: StepOptions) {
  return {
    github: { repository: REPO, sha: o.sha, runId: '5150', runAttempt: '1', actor: 'chaos' },
    env: { ...CREDENTIAL_ENV, ...o.env }
  }
}

/** Starts one step without waiting for it (for races); `finish` checks it once it ended. */
export function launch(
  w: World,
  t: Tally,
  run: string,
  restApiId: string,
  inputs: Inputs,
  o: StepOptions
): { started: Started<ActionResult>; finish: () => Promise<Step> } {
  let killed = false
  let timedOut = false
  const kill = (why: 'kill' | 'timeout') => {
    if (started.child.exitCode !== null || started.child.signalCode !== null) return
    if (why === 'kill') killed = true
    else timedOut = true
    started.child.kill('SIGKILL')
  }
  const started = startAction(
    { 'rest-api-id': restApiId, stage: STAGE, ...inputs },
    {
      endpoint: o.endpoint ?? w.url,
      ...stepEnv(o),
      onLine:
        o.killOn || o.onLine
          ? (line, stream) => {
              o.onLine?.(line, stream)
              if (stream === 'stdout' && o.killOn?.test(line)) kill('kill')
            }
          : undefined
    }
  )
  t.steps++
  const timers = [
    o.killAfterMs !== undefined ? setTimeout(() => kill('kill'), o.killAfterMs) : undefined,
    setTimeout(() => kill('timeout'), o.timeoutMs ?? 60_000)
  ]
  const finish = async (): Promise<Step> => {
    const r = await started.done
    for (const timer of timers) clearTimeout(timer)
    await o.afterExit?.()
    if (o.faults) {
      const f = (await (await fetch(`${w.url}/_emulator/faults`)).json()) as { injected?: number }
      t.faults += f.injected ?? 0
      await clearFaults(w.url)
    }
    const ctx: RunContext = {
      scenario: t.scenario,
      seed: t.seed,
      run,
      sha: o.sha,
      command: inputs.command ?? '',
      restApiId,
      before: o.before
    }
    t.violations.push(...checkOutput(ctx, r))
    if (timedOut) {
      t.violations.push({
        ...ctx,
        kind: 'hang',
        details: `${inputs.command} still running after ${o.timeoutMs ?? 60_000} ms`
      })
    }
    let after: Stage | undefined
    if (o.stageChecks !== false) {
      const s = await checkStage(w, ctx, killed || timedOut ? undefined : r, {
        traffic: o.checkTraffic
      })
      t.violations.push(...s.violations)
      after = s.after
    }
    return { r, after, killed, timedOut }
  }
  return { started, finish }
}

/** Runs one step to its end and checks it. */
export async function runStep(
  w: World,
  t: Tally,
  run: string,
  restApiId: string,
  inputs: Inputs,
  o: StepOptions
): Promise<Step> {
  const before = o.before ?? (await w.getStage(restApiId))
  if (o.faults) await setFaults(w.url, o.faults)
  return launch(w, t, run, restApiId, inputs, { ...o, before }).finish()
}
