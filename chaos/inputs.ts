/**
 * Scenario `inputs`: property-based bad and hostile inputs (fast-check).
 * Every input declared in action.yml gets generated values: plausible ones,
 * hostile strings (workflow commands after a newline or a lone CR, Markdown
 * and HTML), huge values, 400-digit numbers, `__proto__` and `constructor`.
 * A share of the runs also seeds hostile text on AWS's side, where the action
 * reads it back: the canary's description, the REST API's name, an alarm's
 * name and StateReason, and the canary's stage variable overrides.
 */
import { readFileSync } from 'node:fs'
import fc from 'fast-check'
import { parse } from 'yaml'
import { clearCalls, getCalls } from '../emulator/client.js'
import type { Inputs } from '../local-runner/run-action.js'
import { itemSeed, pool, runStep, type Tally } from './harness.js'
import { short } from './invariants.js'
import { ALARM, REPO, seedRelease, STAGE, type World } from './world.js'

const ACTION_YML = new URL('../action.yml', import.meta.url)
const SHA = '5eed5eed5eed5eed5eed5eed5eed5eed5eed5eed'
const OTHER_SHA = '0ther0000000000000000000000000000000000a'.replace(/[^0-9a-f]/g, 'f')

/** Text the runner would read as workflow commands, or that would change a summary's markup. */
export const HOSTILE = [
  'x\n::add-mask::x',
  'x\r::add-mask::x',
  'a\n::set-output name=status::promoted',
  '\n::set-env name=A::b',
  '\r\n::add-path::/x',
  'b\n::save-state name=a::b',
  'c\r::error::x',
  'd\n##[add-mask]x',
  '\n::stop-commands::tok',
  '  ::warning title=a,b::c',
  '| a | b |',
  '<img src=x>',
  '[link](http://x)',
  '`tick` ``` fence',
  '__proto__',
  'constructor',
  '1'.repeat(400),
  '-' + '9'.repeat(400),
  'Infinity',
  '1e400',
  'NaN',
  '-0',
  '0x10',
  ' 5 '
]
/** StateReason's longest (CloudWatch allows 1023 characters). */
const LONG_REASON = 'r\n::add-mask::x'.repeat(60)
const HUGE = ['A'.repeat(110_000), 'x\n::add-mask::x\n'.repeat(7_000), '9'.repeat(100_000) + 's']

/** Plausible values per input; `$API`/`$STABLE` are replaced with the seeded ids. */
const PLAUSIBLE: Record<string, string[]> = {
  command: ['status', 'deploy', 'shift', 'ramp', 'promote', 'rollback'],
  'rest-api-id': ['$API'],
  stage: [STAGE],
  percent: ['5', '10', '12.5', '25%', 'next', '0', '100', '101', '-1'],
  steps: ['5,10,25,50,100', '10,100', '5,50', '50,10', '0,100'],
  'bake-time': ['0', '1s', '1', '500ms', '2s'],
  'poll-interval': ['1s', '1', '0s', '100ms'],
  'alarm-names': [ALARM, `${ALARM}\n${ALARM}`, 'missing-alarm', ''],
  'alarm-name-prefix': ['orders-api', 'nothing-matches', ''],
  'insufficient-data': ['ok', 'alarm', 'maybe'],
  'on-alarm': ['rollback', 'fail', 'ignore'],
  'rollback-on-cancel': ['true', 'false', 'yes'],
  'stage-variable-overrides': [
    'lambdaAlias=canary',
    '{"a":"b"}',
    '__proto__=x',
    '{"__proto__":{"polluted":"yes"}}',
    'constructor=y',
    '{"constructor":"z"}'
  ],
  'use-stage-cache': ['true', 'false', 'TRUE'],
  description: ['release 1.2.3', `hotfix (apigw-canary: ${REPO}@${OTHER_SHA}, step 00000000)`],
  'if-canary-exists': ['fail', 'replace', 'ignore'],
  'promote-on-success': ['true', 'false'],
  'rollback-mode': ['zero', 'remove', 'delete'],
  'to-deployment-id': ['$STABLE', 'nope123', ''],
  'aws-region': ['us-east-1', 'eu-west-1', 'not a region'],
  'endpoint-url': ['', 'not a url'],
  'max-attempts': ['1', '3', '6', '0', '21'],
  'dry-run': ['true', 'false'],
  'canary-metrics-stage': ['', 'prod/Canary']
}

/** A string with no NUL (an environment variable cannot hold one). */
const text = fc.string({ unit: 'binary', maxLength: 24 }).map((s) => s.replace(/\0/g, ''))

function valueOf(name: string): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...(PLAUSIBLE[name] ?? [''])) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.constantFrom(...(PLAUSIBLE[name] ?? [''])), fc.constantFrom(...HOSTILE))
        .map(([a, b]) => a + b)
    },
    { weight: 1, arbitrary: text },
    { weight: 1, arbitrary: fc.constantFrom(...HUGE) }
  )
}

/** What a case seeds on AWS's side before the run. */
interface AwsSide {
  apiName?: string
  description?: string
  alarmName?: string
  reason?: string
  overrides?: Record<string, string>
}

interface Case {
  inputs: Inputs
  aws: AwsSide | undefined
}

/** Stage variable values may only hold [A-Za-z0-9-._~:/?#&=,] (API Gateway's rule). */
const OVERRIDE_VALUES = [
  '::add-mask::x',
  '::set-output',
  '::stop-commands::tok',
  '##',
  '::error::x'
]

function caseArbitrary(names: string[]): fc.Arbitrary<Case> {
  const core = ['command', 'rest-api-id', 'stage']
  const inputs = fc.record(
    Object.fromEntries(
      names.map((n) => [
        n,
        core.includes(n)
          ? fc.oneof(
              { weight: 12, arbitrary: fc.constantFrom(...PLAUSIBLE[n]!) },
              { weight: 1, arbitrary: valueOf(n) }
            )
          : fc.oneof(
              { weight: 9, arbitrary: fc.constant(undefined) },
              { weight: 1, arbitrary: valueOf(n) }
            )
      ])
    )
  )
  const hostile = fc.constantFrom(...HOSTILE.filter((h) => h.trim() !== ''))
  const aws = fc.option(
    fc.record(
      {
        apiName: hostile,
        description: fc
          .tuple(hostile, fc.boolean())
          .map(([h, mark]) => (mark ? `${h} (apigw-canary: ${REPO}@${SHA}, step 00000000)` : h)),
        alarmName: hostile.map((h) => `a${h}`.slice(0, 255)),
        reason: fc.constantFrom(...HOSTILE, LONG_REASON),
        overrides: fc
          .tuple(
            fc.constantFrom('__proto__', 'constructor', 'x'),
            fc.constantFrom(...OVERRIDE_VALUES)
          )
          .map(([k, v]) => JSON.parse(JSON.stringify({ [`${k}KEY`]: v }).replace(`${k}KEY`, k)))
      },
      { requiredKeys: [] }
    ),
    { nil: undefined, freq: 3 }
  )
  return fc.record({ inputs, aws }).map(({ inputs: raw, aws: side }) => {
    const out: Inputs = { 'poll-interval': '1s', 'bake-time': '0' }
    for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k] = v
    if (side?.alarmName) out['alarm-names'] = side.alarmName
    return { inputs: out, aws: side }
  })
}

/** The action.yml inputs, read with the yaml package. */
export function declaredInputs(): string[] {
  const doc = parse(readFileSync(ACTION_YML, 'utf8')) as { inputs: Record<string, unknown> }
  return Object.keys(doc.inputs)
}

async function seedCase(w: World, c: Case): Promise<Record<string, string>> {
  const a = c.aws ?? {}
  const restApiId = await seedRelease(w, {
    apiName: a.apiName,
    alarmName: a.alarmName,
    alarmReason: a.reason,
    canary: {
      percent: 5,
      description:
        a.description ?? `apigw-canary: ${REPO}@${SHA} run 1 attempt 1 by chaos, step 00000000`,
      overrides: a.overrides
    }
  })
  return { $API: restApiId, $STABLE: (await w.getStage(restApiId)).deploymentId! }
}

export async function hostileInputs(t: Tally, count: number, slots: number): Promise<void> {
  const names = declaredInputs()
  const cases = fc.sample(caseArbitrary(names), {
    seed: itemSeed(t.seed, t.scenario, 0) | 0,
    numRuns: count
  })
  let values = 0
  let awsSeeded = 0
  let validationFailures = 0
  const setPerInput = new Map<string, number>()
  let refused = 0
  await pool(cases, slots, async (c, w, i) => {
    let ids: Record<string, string>
    try {
      ids = await seedCase(w, c)
    } catch (e) {
      refused++ // AWS's own validation turned the hostile text away: nothing to run on.
      t.notes.push(`input ${i}: seeding refused: ${short(String(e), 120)}`)
      return
    }
    const inputs: Inputs = {}
    for (const [k, v] of Object.entries(c.inputs)) inputs[k] = Object.hasOwn(ids, v) ? ids[v]! : v
    values += Object.keys(inputs).length
    for (const k of Object.keys(inputs)) setPerInput.set(k, (setPerInput.get(k) ?? 0) + 1)
    if (c.aws) awsSeeded++
    const before = await w.getStage(ids.$API!)
    await clearCalls(w.url)
    const label = `input ${i} (command ${short(inputs.command ?? '', 20)})`
    let calls = 0
    const { r, timedOut } = await runStep(w, t, label, ids.$API!, inputs, {
      sha: SHA,
      before,
      timeoutMs: 15_000,
      afterExit: async () => {
        calls = (await getCalls(w.url)).length
      }
    })
    t.runs++
    const v = (kind: string, details: string) =>
      t.violations.push({ scenario: t.scenario, seed: t.seed, run: label, kind, details })
    // A run that failed before any AWS call failed on its inputs: one error line naming the input.
    if (!timedOut && r.code !== 0 && calls === 0) {
      validationFailures++
      const errors = r.stdout.split(/\r\n|\r|\n/).filter((l) => l.startsWith('::error'))
      const named = errors.some((e) =>
        names.some((n) => e.includes(`'${n}'`) || e.includes(`\`${n}\``))
      )
      if (errors.length !== 1 || !named) {
        v(
          'input-error-shape',
          `${errors.length} error lines, ${named ? '' : 'none naming an input: '}${short(errors.join(' / ') || r.stderr, 200)}`
        )
      }
    }
    // A huge value is not echoed whole (16 KiB of it is already too much for a log or a summary).
    for (const [name, value] of Object.entries(inputs)) {
      if (value.length < 100_000) continue
      const probe = value.slice(0, 16_384)
      const texts = { stdout: r.stdout, summary: r.summary, outputs: JSON.stringify(r.outputs) }
      const where = Object.entries(texts).filter(([, s]) => s.includes(probe))
      if (where.length) {
        v(
          'huge-echo',
          `${name} (${value.length} chars) echoed in ${where.map(([k, s]) => `${k} (${s.length} chars)`).join(', ')}`
        )
      }
    }
  })
  t.notes.push(
    `${count} runs with ${values} generated input values (${names.length} inputs declared; ` +
      `set per input: min ${Math.min(...names.map((n) => setPerInput.get(n) ?? 0))}), ` +
      `${awsSeeded} with hostile text seeded on AWS's side, ${validationFailures} failed before any AWS call, ${refused} not run (AWS refused the seeded text)`
  )
}
