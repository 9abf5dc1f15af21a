/**
 * Scenario `inputs`: property-based bad and hostile inputs (fast-check).
 * Every input declared in action.yml gets generated values: plausible ones,
 * hostile strings (workflow commands after a newline or a lone CR, Markdown
 * and HTML), huge values, 400-digit numbers, `__proto__` and `constructor`.
 * A share of the runs also seeds hostile text on AWS's side, where the action
 * reads it back: the canary's description, the REST API's name, an alarm's
 * name and StateReason, and the canary's stage variable overrides.
 */
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { parse } from 'yaml'
import { clearCalls, getCalls } from '../emulator/client.js'
import type { Inputs } from '../local-runner/run-action.js'
import { itemSeed, pool, runStep, type Tally } from './harness.js'
import { short, traffic } from './invariants.js'
import { ALARM, REPO, seedRelease, STAGE, type World } from './world.js'
import { API_NAME, CANARY_STAGE } from '../local-runner/fixtures.js'

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
  '::error title=x::y: !!x z',
  '::stop-commands::tok',
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
  'alarm-name-prefix': [API_NAME, 'nothing-matches', ''],
  'allow-ungated': ['true', 'false', 'yes'],
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
  'expected-canary-deployment-id': ['', '$STABLE', 'nope123', 'not an id'],
  'aws-region': ['us-east-1', 'eu-west-1', 'not a region'],
  'endpoint-url': ['', 'not a url'],
  'max-attempts': ['1', '3', '6', '0', '21'],
  'dry-run': ['true', 'false'],
  'canary-metrics-stage': ['', CANARY_STAGE],
  'github-deployment': ['true', 'false', 'maybe'],
  'github-token': ['', 'ghp_chaosTOKEN0000000000000000000000000000', 'a\nb', 'a\rb'],
  environment: ['', 'prod (us-east-1)', 'staging'],
  'environment-url': ['', 'https://api.example.com', 'not a url'],
  preflight: ['off', 'warn', 'fail', 'maybe'],
  'domain-name': ['', 'api.example.com', 'not a domain'],
  'hosted-zone-id': ['', 'Z0123456789ABC', 'zone?'],
  // Files of the chaos workspace (WORKSPACE_FILES), and paths that lead out of it.
  'openapi-file': [
    'openapi.yaml',
    '..v2.yaml',
    'tagged.yaml',
    'aliases.yaml',
    'link-out.yaml',
    '$TEMP/generated.yaml',
    '../outside.yaml',
    '/etc/passwd',
    'missing.yaml'
  ],
  'import-mode': ['overwrite', 'merge', 'replace'],
  'fail-on-warnings': ['true', 'false'],
  'import-parameters': [
    '',
    'ignore=documentation',
    'basepath=prepend',
    'endpointConfigurationTypes=EDGE'
  ],
  analysis: ['off', 'report', 'gate', 'judge'],
  'max-5xx-increase': ['0.5', '0', '100', '101'],
  'max-4xx-increase': ['1', '0', '-1'],
  'analysis-confidence': ['95', '50', '99.99', '100'],
  'max-latency-increase': ['20', '0', '10000', '10001'],
  'min-canary-requests': ['200', '0', '1.5'],
  'on-inconclusive': ['pass', 'fail', 'extend', 'wait'],
  'max-bake-time': ['', '30m', '1s', '0'],
  'advance-on-evidence': ['true', 'false', 'TRUE', 'maybe'],
  triage: ['true', 'false', 'off'],
  'analysis-metrics': [
    '',
    `[{name: orders, namespace: Shop, metric: Orders, statistic: Sum, direction: lower-is-worse, canary-dimensions: {Stage: ${CANARY_STAGE}}, stable-dimensions: {Stage: ${STAGE}}}]`,
    '::error title=x::y: !!x z',
    '- !!x z\n::stop-commands::tok',
    '[]',
    '{a: 1}'
  ]
}

/**
 * The chaos workspace (GITHUB_WORKSPACE of every run): `openapi-file` values
 * name these. `tagged.yaml` holds a workflow command on a line of its own
 * (the YAML parser's warning would quote it), `aliases.yaml` more than 100
 * aliases, `link-out.yaml` is a symlink to a file outside.
 */
const DEFINITION = "openapi: 3.0.1\ninfo: { title: orders, version: '2' }\npaths: {}\n"
export const WORKSPACE_FILES: Record<string, string> = {
  'openapi.yaml': DEFINITION,
  '..v2.yaml': DEFINITION,
  'tagged.yaml': `${DEFINITION}::error title=x::y: !!x z\n::add-mask::x: !!x z\n`,
  'aliases.yaml': `openapi: 3.0.1\ninfo: { title: t, version: '1' }\nx-ops: &ops { get: { responses: { '200': { description: ok } } } }\npaths:\n${Array.from({ length: 120 }, (_, i) => `  /p${i}: *ops`).join('\n')}\n`
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
  /** An input name action.yml does not declare (a typo of one that it does), set too. */
  typo: string | undefined
}

/** A near miss of a declared name: a letter dropped or added, `-` as `_`, a plural. */
function typoOf(names: string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom(...names), fc.nat(3))
    .map(([n, how]) =>
      how === 0 ? n.slice(0, -1) : how === 1 ? `${n}s` : how === 2 ? n.replace(/-/g, '_') : `x${n}`
    )
    .filter((t) => t !== '' && !names.includes(t.toLowerCase()))
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
  const plausible = (n: string) => fc.constantFrom(...(PLAUSIBLE[n] ?? ['']))
  // Two kinds of case: any value (most stop at the first bad input), and
  // plausible values only, so that a third of the runs get past the inputs.
  const record = (value: (n: string) => fc.Arbitrary<string>) =>
    fc.record(
      Object.fromEntries(
        names.map((n) => [
          n,
          core.includes(n)
            ? fc.oneof({ weight: 12, arbitrary: plausible(n) }, { weight: 1, arbitrary: value(n) })
            : fc.oneof(
                { weight: 9, arbitrary: fc.constant(undefined) },
                { weight: 1, arbitrary: value(n) }
              )
        ])
      )
    )
  const inputs = fc.oneof(
    { weight: 2, arbitrary: record(valueOf) },
    { weight: 1, arbitrary: record(plausible) }
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
  const typo = fc.oneof(
    { weight: 14, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: typoOf(names) }
  )
  return fc.record({ inputs, aws, typo }).map(({ inputs: raw, aws: side, typo: t }) => {
    const out: Inputs = { 'poll-interval': '1s', 'bake-time': '0' }
    for (const [k, v] of Object.entries(raw)) if (v !== undefined) out[k] = v
    if (side?.alarmName) out['alarm-names'] = side.alarmName
    if (t !== undefined) out[t] = out[t.replace(/_/g, '-')] ?? 'x'
    return { inputs: out, aws: side, typo: t }
  })
}

/** The action.yml inputs, read with the yaml package. */
export function declaredInputs(): string[] {
  const doc = parse(readFileSync(ACTION_YML, 'utf8')) as { inputs: Record<string, unknown> }
  return Object.keys(doc.inputs)
}

/**
 * The workspace and RUNNER_TEMP of every run (WORKSPACE_FILES, a file an
 * earlier step generated into RUNNER_TEMP, a file outside both and a symlink
 * to it), and the values that name them by absolute path.
 */
function makeWorkspace(): { env: NodeJS.ProcessEnv; ids: Record<string, string> } {
  const root = mkdtempSync(join(tmpdir(), 'apigw-canary-chaos-'))
  const [ws, temp] = [join(root, 'workspace'), join(root, 'runner-temp')]
  for (const d of [ws, temp]) mkdirSync(d)
  for (const [name, body] of Object.entries(WORKSPACE_FILES)) writeFileSync(join(ws, name), body)
  writeFileSync(join(temp, 'generated.yaml'), WORKSPACE_FILES['openapi.yaml']!)
  writeFileSync(join(root, 'outside.yaml'), WORKSPACE_FILES['openapi.yaml']!)
  symlinkSync(join(root, 'outside.yaml'), join(ws, 'link-out.yaml'))
  return {
    env: { GITHUB_WORKSPACE: ws, RUNNER_TEMP: temp },
    ids: { '$TEMP/generated.yaml': join(temp, 'generated.yaml') }
  }
}

/** Whether a step's inputs name an alarm, gate on the analysis, or allow an ungated release. */
function gatedOrAllowed(inputs: Inputs): boolean {
  const set = (name: string) => (inputs[name] ?? '').trim()
  return (
    set('alarm-names') !== '' ||
    set('alarm-name-prefix') !== '' ||
    /^gate$/i.test(set('analysis')) ||
    /^true$/i.test(set('allow-ungated'))
  )
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
  // Every input action.yml declares has plausible values here: a new one must be added.
  for (const n of names.filter((n) => !PLAUSIBLE[n]))
    t.violations.push({
      scenario: t.scenario,
      seed: t.seed,
      run: 'setup',
      kind: 'fuzz-coverage',
      details: `input ${n} of action.yml has no plausible values in chaos/inputs.ts`
    })
  const workspace = makeWorkspace()
  const cases = fc.sample(caseArbitrary(names), {
    seed: itemSeed(t.seed, t.scenario, 0) | 0,
    numRuns: count
  })
  let values = 0
  let awsSeeded = 0
  let validationFailures = 0
  const setPerInput = new Map<string, number>()
  let refused = 0
  let typos = 0
  await pool(cases, slots, async (c, w, i) => {
    let ids: Record<string, string>
    try {
      ids = { ...workspace.ids, ...(await seedCase(w, c)) }
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
    const { r, timedOut, after } = await runStep(w, t, label, ids.$API!, inputs, {
      sha: SHA,
      before,
      // A ramp walks up to five rungs, each baking for up to the 5 s a fuzzed bake-time reaches
      // (' 5 '): its work alone can pass 15 s, which is no hang.
      timeoutMs: inputs.command === 'ramp' ? 45_000 : 15_000,
      env: workspace.env,
      afterExit: async () => {
        calls = (await getCalls(w.url)).length
      }
    })
    t.runs++
    const v = (kind: string, details: string) =>
      t.violations.push({ scenario: t.scenario, seed: t.seed, run: label, kind, details })
    // An input name action.yml does not declare stops the step before any AWS call.
    if (c.typo !== undefined) {
      typos++
      if (timedOut || r.code === 0 || calls > 0)
        v('unknown-input-ran', `${c.typo} given: exit ${r.code}, ${calls} AWS calls`)
    }
    // Nothing raises traffic or promotes ungated unless the workflow said allow-ungated: true.
    const raisedOrPromoted =
      r.outputs.status === 'promoted' || (after !== undefined && traffic(after) > traffic(before))
    if (!timedOut && r.code === 0 && raisedOrPromoted && !gatedOrAllowed(inputs))
      v('ungated-release', `${inputs.command} exited 0 (${r.outputs.status}) with no gate`)
    // A file the step reads is checked like an input: a refusal comes before any AWS call.
    const reason = r.outputs['abort-reason'] ?? ''
    if (
      reason.startsWith("Input 'openapi-file'") &&
      !reason.includes('API Gateway refused') &&
      calls > 0
    )
      v('late-input-refusal', `${calls} AWS calls before: ${short(reason, 200)}`)
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
      `${awsSeeded} with hostile text seeded on AWS's side, ${typos} with an undeclared input name, ` +
      `${validationFailures} failed before any AWS call, ${refused} not run (AWS refused the seeded text)`
  )
}
