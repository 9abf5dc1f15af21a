/**
 * `npm run chaos -- --short` with a fixed seed must find no violation; and the
 * checks it relies on must flag what they exist to flag.
 */
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { injectedCommands, stderrCommands } from '../chaos/invariants.js'
import { inheritedEnv, runProcess } from '../local-runner/run-action.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const TSX = resolve(ROOT, 'node_modules/.bin/tsx')
const SEED = '20261130'

describe('chaos checks', () => {
  it('flag workflow commands the action does not mean, on any line ending', () => {
    const clean =
      '::group::Read stage\nStage prod\n::endgroup::\n::error title=Alarm::x %0A ::set-output\n'
    expect(injectedCommands(clean)).toEqual([])
    const hostile = [
      'a\n::add-mask::x',
      'a\r::set-output name=status::promoted',
      'a\r\n  ::set-env name=A::b',
      '##[add-mask]x',
      '::stop-commands::tok',
      '::error title=a,b=c::x',
      '::warning title=a::b::c'
    ]
    expect(hostile.map((h) => injectedCommands(h).length)).toEqual([1, 1, 1, 1, 1, 1, 0])
    expect(injectedCommands('::error titl=a::x')).toHaveLength(1)
  })

  it('flag every workflow command on stderr, where the action writes none', () => {
    // What the yaml library printed for a definition holding a command line.
    const yamlWarning =
      '(node:1) YAMLWarning: Unresolved tag: tag:yaml.org,2002:x at line 4, column 21:\n\n::error title=x::y: !!x z\n                    ^^^\n'
    expect(stderrCommands(yamlWarning)).toEqual(['::error title=x::y: !!x z'])
    expect(stderrCommands('a\r  ::add-mask::x\nb ##[add-mask]y\n')).toHaveLength(2)
    expect(stderrCommands('YAMLWarning: Unresolved tag at line 1:⏎⏎\\::error::x⏎\n')).toEqual([])
  })
})

describe('npm run chaos -- --short', () => {
  it(`finds no violation (seed ${SEED})`, async () => {
    const env = inheritedEnv()
    // node_modules/.bin/tsx runs on the `node` of PATH: make that the Node running the tests.
    env.PATH = `${dirname(process.execPath)}:${env.PATH ?? ''}`
    const run = await runProcess(
      TSX,
      [resolve(ROOT, 'chaos/run.ts'), '--short', '--seed', SEED],
      env,
      { timeoutMs: 150_000 }
    )
    if (run.code !== 0) throw new Error(`chaos exited ${run.code}:\n${run.stdout}\n${run.stderr}`)
    expect(run.stdout).toContain('No violations.')
  }, 160_000)
})
