/**
 * Untrusted text that reaches a library never comes out of it unescaped, and
 * what the action reads from disk is checked before any AWS call: the YAML
 * parser's warnings (which quote the offending line on stderr), the rule for
 * openapi-file paths (real paths in the workspace or RUNNER_TEMP), a
 * definition full of aliases, and whatever a library prints on its own.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseAnalysisMetrics } from '../src/analysis/github-inputs.js'
import { guardLibraryOutput } from '../src/github/library-output.js'
import { readDefinition } from '../src/steps/import-definition.js'
import { unintendedCommands } from './helpers/hostile.js'

const COMMAND_LINE = '::error title=x::y: !!x z'

/** Every call to process.emitWarning while `fn` runs (Node writes each one to stderr). */
function warningsOf(fn: () => unknown): unknown[] {
  const spy = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined)
  try {
    try {
      fn()
    } catch {
      // the refusal is checked by the caller
    }
    return spy.mock.calls
  } finally {
    spy.mockRestore()
  }
}

describe('analysis-metrics in YAML', () => {
  it('never lets the parser print the value, and says what it could not read', () => {
    expect(warningsOf(() => parseAnalysisMetrics('analysis-metrics', COMMAND_LINE))).toEqual([])
    expect(() => parseAnalysisMetrics('analysis-metrics', COMMAND_LINE)).toThrow(
      /Input 'analysis-metrics' must be .*\(YAML: Unresolved tag: tag:yaml.org,2002:x at line 1, column \d+ \(TAG_RESOLVE_FAILED\)\)/
    )
    expect(() => parseAnalysisMetrics('analysis-metrics', '- [unclosed')).toThrow(/YAML: .*line 1/)
  })
})

describe('openapi-file', () => {
  const DEFINITION = "openapi: 3.0.1\ninfo: { title: t, version: '1' }\npaths: {}\n"
  const cfg = (file: string) => ({
    openapiFile: file,
    importMode: 'overwrite' as const,
    failOnWarnings: true,
    importParameters: {}
  })
  let root: string
  let ws: string
  let temp: string
  let outside: string
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'apigw-canary-paths-'))
    ws = join(root, 'workspace')
    temp = join(root, 'runner-temp')
    outside = join(root, 'elsewhere')
    for (const d of [ws, temp, outside]) mkdirSync(d)
  })
  afterEach(() => rmSync(root, { recursive: true, force: true }))
  const read = (file: string, env: NodeJS.ProcessEnv = {}) =>
    readDefinition(cfg(file), { GITHUB_WORKSPACE: ws, RUNNER_TEMP: temp, ...env })

  it('takes a name that starts with two dots, and absolute paths inside the workspace or RUNNER_TEMP', () => {
    writeFileSync(join(ws, '..v2.yaml'), DEFINITION)
    writeFileSync(join(temp, 'generated.yaml'), DEFINITION)
    expect(read('..v2.yaml')?.definition.file).toBe('..v2.yaml')
    expect(read(join(ws, '..v2.yaml'))?.definition.body.toString()).toBe(DEFINITION)
    expect(read(join(temp, 'generated.yaml'))?.definition.body.toString()).toBe(DEFINITION)
  })

  it('refuses a symlink to a file outside, and a path outside, once links are resolved', () => {
    writeFileSync(join(outside, 'secret.yaml'), DEFINITION)
    symlinkSync(join(outside, 'secret.yaml'), join(ws, 'link.yaml'))
    symlinkSync(outside, join(ws, 'dir'))
    const outsideRule =
      /Input 'openapi-file' must be a file inside the workspace or RUNNER_TEMP \(after following symlinks\)/
    expect(() => read('link.yaml')).toThrow(outsideRule)
    expect(() => read('dir/secret.yaml')).toThrow(outsideRule)
    expect(() => read(join(outside, 'secret.yaml'))).toThrow(outsideRule)
    expect(() => read('../elsewhere/secret.yaml')).toThrow(outsideRule)
    // Without RUNNER_TEMP, only the workspace.
    writeFileSync(join(temp, 'generated.yaml'), DEFINITION)
    expect(() => read(join(temp, 'generated.yaml'), { RUNNER_TEMP: '' })).toThrow(
      /must be a file inside the workspace \(after/
    )
  })

  it('accepts a valid definition with more than 100 aliases', () => {
    const aliases = Array.from({ length: 150 }, (_, i) => `  /p${i}: *ops`).join('\n')
    const body = `openapi: 3.0.1\ninfo: { title: t, version: '1' }\nx-ops: &ops { get: { responses: { '200': { description: ok } } } }\npaths:\n${aliases}\n`
    writeFileSync(join(ws, 'many.yaml'), body)
    expect(read('many.yaml')?.definition.sha256).toMatch(/^[0-9a-f]{64}$/)
  })

  it('says why a file is not a definition', () => {
    writeFileSync(join(ws, 'bad.yaml'), 'just: [unclosed')
    writeFileSync(join(ws, 'bad.json'), '{"openapi": ')
    writeFileSync(join(ws, 'other.yaml'), 'name: not openapi\n')
    expect(() => read('bad.yaml')).toThrow(
      /"bad.yaml" is not valid YAML: Flow sequence .* at line 1, column \d+ \(BAD_INDENT\)/
    )
    expect(() => read('bad.json')).toThrow(/"bad.json" is not valid JSON: /)
    expect(() => read('other.yaml')).toThrow(/"other.yaml" has no openapi or swagger field/)
  })

  it('returns the parser warnings about the file instead of printing them', () => {
    writeFileSync(join(ws, 'tagged.yaml'), `${DEFINITION}x-a: !!x z\n`)
    let found: ReturnType<typeof read>
    expect(warningsOf(() => (found = read('tagged.yaml')))).toEqual([])
    expect(found!.warnings).toEqual([expect.stringMatching(/^Unresolved tag: .* at line 4/)])
  })
})

describe('what a library prints on its own', () => {
  it('reaches stderr as one line the runner cannot read as a command', () => {
    const lines: string[] = []
    const listeners: ((w: Error) => void)[] = []
    const con = {} as NonNullable<Parameters<typeof guardLibraryOutput>[1]>
    guardLibraryOutput(
      {
        stderr: { write: (s: string | Uint8Array) => lines.push(String(s)) > 0 },
        on: ((_: string, l: (w: Error) => void) => listeners.push(l)) as never,
        removeAllListeners: (() => undefined) as never
      },
      con
    )
    con.warn('Missing timestamp format:', 'x\n::add-mask::y')
    con.log('%s', '\r::stop-commands::tok')
    listeners[0]!(
      Object.assign(new Error(`Unresolved tag at line 1:\n\n${COMMAND_LINE}\n`), {
        name: 'YAMLWarning'
      })
    )
    expect(lines).toHaveLength(3)
    expect(lines.every((l) => l.endsWith('\n') && !l.slice(0, -1).includes('\n'))).toBe(true)
    expect(unintendedCommands(lines.join(''))).toEqual([])
    expect(lines[2]).toContain('YAMLWarning: Unresolved tag at line 1:')
  })
})
