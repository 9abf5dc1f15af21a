/**
 * Inputs and files fail closed, through the bundled action against the
 * emulator: an input name the action does not declare stops the step before
 * any AWS call (naming the closest real one); openapi-file follows real
 * paths (workspace or RUNNER_TEMP, symlinks resolved) and is checked before
 * any AWS call; no library prints a value on stdout or stderr, where the
 * runner would read a workflow command from it.
 */
import { describe, expect, it } from '@jest/globals'
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ActionResult } from '../../local-runner/run-action.js'
import { unintendedCommands } from '../helpers/hostile.js'
import { ERRORS_ALARM, freshRelease, OPENAPI_DEFINITION, step, useWorld } from './fixtures.js'

const world = useWorld()
const ROOT = mkdtempSync(join(tmpdir(), 'apigw-canary-fail-closed-'))
const WORKSPACE = join(ROOT, 'workspace')
const RUNNER_TEMP = join(ROOT, 'runner-temp')
const OUTSIDE = join(ROOT, 'outside')
for (const d of [WORKSPACE, RUNNER_TEMP, OUTSIDE]) mkdirSync(d)
const ENV = { GITHUB_WORKSPACE: WORKSPACE, RUNNER_TEMP }

const COMMAND_LINE = '::error title=x::y: !!x z'
const DEFINITION = OPENAPI_DEFINITION

/**
 * Lines the runner would read as a command the action did not mean: on
 * stdout, commands other than the action's own; on stderr, where the action
 * writes none, every one.
 */
const injected = (r: ActionResult) => [
  ...unintendedCommands(r.stdout),
  ...r.stderr.split(/\r\n|\r|\n/).filter((l) => l.trimStart().startsWith('::') || l.includes('##['))
]

const deploy = (restApiId: string, inputs: Record<string, string>) =>
  step(
    world(),
    restApiId,
    {
      command: 'deploy',
      percent: '5',
      preflight: 'off',
      'alarm-names': ERRORS_ALARM,
      ...inputs
    },
    { env: ENV }
  )

describe('an input name the action does not declare', () => {
  it('stops the step before any AWS call, naming the input it was probably meant to be', async () => {
    const { restApiId } = await freshRelease(world())
    const { r, log } = await step(world(), restApiId, {
      command: 'shift',
      percent: '10',
      'alarm-name': ERRORS_ALARM
    })
    expect(r.code).toBe(1)
    expect(log).toEqual([])
    expect(r.outputs['abort-reason']).toContain(`Input "alarm-name" is not an input of this action`)
    expect(r.outputs['abort-reason']).toContain(`did you mean 'alarm-names'?`)
    expect(r.stdout.split('\n').filter((l) => l.startsWith('::error'))).toHaveLength(1)
  })
})

describe('a release with no gate', () => {
  it('is refused before any AWS call: a typo of alarm-names is not a release without alarms', async () => {
    const { restApiId } = await freshRelease(world())
    const { r, log } = await step(world(), restApiId, { command: 'ramp', 'bake-time': '1s' })
    expect(r.code).toBe(1)
    expect(log).toEqual([])
    expect(r.outputs['abort-reason']).toContain(
      "Input 'allow-ungated' is false and ramp would raise canary traffic with nothing to stop a failing canary"
    )
  })
})

describe('openapi-file paths, on real paths', () => {
  it('deploys a file named ..v2.yaml in the workspace and one an earlier step wrote to RUNNER_TEMP', async () => {
    writeFileSync(join(WORKSPACE, '..v2.yaml'), DEFINITION)
    const { restApiId } = await freshRelease(world())
    const dots = await deploy(restApiId, { 'openapi-file': '..v2.yaml' })
    expect(dots.r.outputs['abort-reason']).toBe('')
    expect(dots.r.code).toBe(0)
    expect(dots.log.map((c) => c.operation)).toContain('PutRestApi')

    writeFileSync(join(RUNNER_TEMP, 'generated.yaml'), DEFINITION)
    const again = await freshRelease(world())
    const temp = await deploy(again.restApiId, {
      'openapi-file': join(RUNNER_TEMP, 'generated.yaml')
    })
    expect(temp.r.code).toBe(0)
    expect(temp.log.map((c) => c.operation)).toContain('PutRestApi')
  })

  it('refuses a symlink to a file outside before any AWS call', async () => {
    writeFileSync(join(OUTSIDE, 'other.yaml'), DEFINITION)
    symlinkSync(join(OUTSIDE, 'other.yaml'), join(WORKSPACE, 'link.yaml'))
    const { restApiId } = await freshRelease(world())
    const { r, log } = await deploy(restApiId, { 'openapi-file': 'link.yaml', preflight: 'warn' })
    expect(r.code).toBe(1)
    expect(log).toEqual([])
    expect(r.outputs['abort-reason']).toContain(
      "Input 'openapi-file' must be a file inside the workspace or RUNNER_TEMP (after following symlinks)"
    )
  })

  it('reads a definition with more than 100 aliases (dry run: the calls are printed)', async () => {
    const paths = Array.from({ length: 150 }, (_, i) => `  /p${i}: *ops`).join('\n')
    writeFileSync(
      join(WORKSPACE, 'aliases.yaml'),
      `openapi: 3.0.1\ninfo: { title: t, version: '1' }\nx-ops: &ops { get: { responses: { '200': { description: ok } } } }\npaths:\n${paths}\n`
    )
    const { restApiId } = await freshRelease(world())
    const { r } = await deploy(restApiId, { 'openapi-file': 'aliases.yaml', 'dry-run': 'true' })
    expect(r.outputs['abort-reason']).toBe('')
    expect(r.stdout).toContain('[dry-run] would call PutRestApi')
  })
})

describe('no library prints untrusted text', () => {
  it('keeps a command line in the definition off stdout and stderr', async () => {
    writeFileSync(join(WORKSPACE, 'tagged.yaml'), `${DEFINITION}${COMMAND_LINE}\n`)
    const { restApiId } = await freshRelease(world())
    const { r } = await deploy(restApiId, { 'openapi-file': 'tagged.yaml', 'dry-run': 'true' })
    expect(r.code).toBe(0)
    expect(injected(r)).toEqual([])
    // The parser's warning is still told, through the log's escaping.
    expect(r.stdout).toMatch(
      /::warning title=OpenAPI definition warning::tagged.yaml: Unresolved tag/
    )
  })

  it('keeps a command line in analysis-metrics off stdout and stderr', async () => {
    const { restApiId } = await freshRelease(world())
    const { r, log } = await step(world(), restApiId, {
      command: 'shift',
      percent: '10',
      'alarm-names': ERRORS_ALARM,
      'analysis-metrics': COMMAND_LINE
    })
    expect(r.code).toBe(1)
    expect(log).toEqual([])
    expect(injected(r)).toEqual([])
    expect(r.outputs['abort-reason']).toContain('(YAML: Unresolved tag')
  })
})
