/**
 * (b) AWS calls per command and per ramp rung, counted from the emulator's
 * call log around one run of the action per scenario (fresh fixture each).
 */
import type { CallRecord } from '../emulator/client.js'
import { runAction, type Inputs } from '../local-runner/run-action.js'
import {
  callMark,
  callsSince,
  freshFixture,
  percentSet,
  type Aws,
  type Fixture,
  type FixtureOptions
} from './setup.js'
import { benchStep } from './spawn-action.js'
import { STAGE } from '../local-runner/fixtures.js'

export interface Scenario {
  name: string
  fixture: FixtureOptions
  inputs: (fx: Fixture) => Inputs
  /** The exit code a correct run has. */
  expectCode: number
}

export interface ScenarioResult {
  name: string
  code: number | null
  expectCode: number
  status: string
  calls: CallRecord[]
}

const base = (fx: Fixture, command: string): Inputs => ({
  command,
  'rest-api-id': fx.restApiId,
  stage: STAGE
})
const withAlarm = (fx: Fixture): Inputs => ({ 'alarm-names': fx.alarmName! })

export const RAMP_BAKE = '3s'
export const RAMP_POLL = '1s'

export const SCENARIOS: Scenario[] = [
  {
    name: 'status (no canary, no alarms)',
    fixture: {},
    inputs: (fx) => base(fx, 'status'),
    expectCode: 0
  },
  {
    name: 'status (canary 10 %, 1 alarm)',
    fixture: { canaryPercent: 10, alarm: true },
    inputs: (fx) => ({ ...base(fx, 'status'), ...withAlarm(fx) }),
    expectCode: 0
  },
  {
    name: 'deploy (no canary → 5 %, 1 alarm)',
    fixture: { alarm: true },
    inputs: (fx) => ({ ...base(fx, 'deploy'), ...withAlarm(fx) }),
    expectCode: 0
  },
  {
    name: 'shift 5 → 10 % (increase, 1 alarm)',
    fixture: { canaryPercent: 5, alarm: true },
    inputs: (fx) => ({ ...base(fx, 'shift'), percent: '10', ...withAlarm(fx) }),
    expectCode: 0
  },
  {
    name: 'shift 10 → 5 % (decrease, 1 alarm)',
    fixture: { canaryPercent: 10, alarm: true },
    inputs: (fx) => ({ ...base(fx, 'shift'), percent: '5', ...withAlarm(fx) }),
    expectCode: 0
  },
  {
    name: 'shift 10 → 10 % (no-op, 1 alarm)',
    fixture: { canaryPercent: 10, alarm: true },
    inputs: (fx) => ({ ...base(fx, 'shift'), percent: '10', ...withAlarm(fx) }),
    expectCode: 0
  },
  {
    name: 'promote (canary 10 %, 1 alarm)',
    fixture: { canaryPercent: 10, alarm: true },
    inputs: (fx) => ({ ...base(fx, 'promote'), ...withAlarm(fx) }),
    expectCode: 0
  },
  {
    name: 'rollback (canary 10 % → 0 %)',
    fixture: { canaryPercent: 10 },
    inputs: (fx) => base(fx, 'rollback'),
    expectCode: 0
  },
  {
    name: `ramp 5 → 10 % (1 rung, bake ${RAMP_BAKE}, poll ${RAMP_POLL}, 1 alarm)`,
    fixture: { canaryPercent: 5, alarm: true },
    inputs: (fx) => ({
      ...base(fx, 'ramp'),
      steps: '5,10',
      'bake-time': RAMP_BAKE,
      'poll-interval': RAMP_POLL,
      ...withAlarm(fx)
    }),
    expectCode: 0
  },
  {
    name: `ramp 5 → 10 → 25 % (2 rungs, bake ${RAMP_BAKE}, poll ${RAMP_POLL}, 1 alarm)`,
    fixture: { canaryPercent: 5, alarm: true },
    inputs: (fx) => ({
      ...base(fx, 'ramp'),
      steps: '5,10,25',
      'bake-time': RAMP_BAKE,
      'poll-interval': RAMP_POLL,
      ...withAlarm(fx)
    }),
    expectCode: 0
  }
]

export async function runScenario(aws: Aws, s: Scenario): Promise<ScenarioResult> {
  const fx = await freshFixture(aws, s.fixture)
  const mark = await callMark(aws.url)
  const run = await runAction(s.inputs(fx), benchStep(aws.url))
  const calls = await callsSince(aws.url, mark)
  if (run.code !== s.expectCode) {
    process.stdout.write(
      `\n> ${s.name}: exit ${run.code}, expected ${s.expectCode}. Last log lines:\n` +
        run.stdout
          .trimEnd()
          .split('\n')
          .slice(-8)
          .map((l) => `>   ${l}`)
          .join('\n') +
        '\n'
    )
  }
  return {
    name: s.name,
    code: run.code,
    expectCode: s.expectCode,
    status: run.outputs.status ?? '',
    calls
  }
}

export type OpCounts = Map<string, number>

/** Calls per operation, in order of first appearance. */
export function countOps(calls: readonly CallRecord[]): OpCounts {
  const m: OpCounts = new Map()
  for (const c of calls) m.set(c.operation, (m.get(c.operation) ?? 0) + 1)
  return m
}

/** `GetStage 1, DescribeAlarms 1, UpdateStage 1 = 3` */
export function formatOps(calls: readonly CallRecord[]): string {
  if (calls.length === 0) return 'none = 0'
  const parts = [...countOps(calls)].map(([op, n]) => `${op} ${n}`)
  return `${parts.join(', ')} = ${calls.length}`
}

export interface Segment {
  label: string
  calls: CallRecord[]
}

/**
 * Splits a ramp's calls into the command's preamble and one segment per rung.
 * A rung begins right after the last alarm read before its traffic-raising
 * UpdateStage: that read is the gate (the preamble's for the first rung, the
 * previous bake's last poll for the others, as the action reuses it), so a
 * rung holds any conflict check (GetStage), its UpdateStage and its bake's
 * polls. The last rung ends with its bake's last poll; the rest of the log is
 * the command's ending (a last segment, possibly empty).
 */
export function rampSegments(calls: readonly CallRecord[]): Segment[] {
  const raises = calls
    .map((c, i) => ({ c, i }))
    .filter(({ c }) => {
      const v = percentSet(c)
      return v !== undefined && Number(v) > 0
    })
  const starts = raises.map(({ i }) => {
    let j = i - 1
    while (j >= 0 && calls[j]!.operation !== 'DescribeAlarms') j--
    return j + 1
  })
  // The last rung ends with its bake's last poll; what follows is the command's ending.
  let end = calls.length
  const lastRaise = raises[raises.length - 1]?.i
  if (lastRaise !== undefined) {
    end = lastRaise + 1
    for (let j = lastRaise + 1; j < calls.length; j++)
      if (calls[j]!.operation === 'DescribeAlarms') end = j + 1
  }
  const segments: Segment[] = [{ label: 'preamble', calls: calls.slice(0, starts[0] ?? 0) }]
  raises.forEach(({ c }, k) => {
    segments.push({
      label: `rung ${k + 1} (→ ${percentSet(c)} %)`,
      calls: calls.slice(starts[k], starts[k + 1] ?? end)
    })
  })
  segments.push({ label: 'after the last bake', calls: calls.slice(end) })
  return segments
}

export async function measureCalls(aws: Aws): Promise<ScenarioResult[]> {
  const out: ScenarioResult[] = []
  for (const s of SCENARIOS) out.push(await runScenario(aws, s))
  return out
}
