/**
 * The runner protocol (src/github/runner.ts): what the GitHub runner reads
 * from a step's stdout and files.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { parseOutputFile } from '../local-runner/run-action.js'
import {
  appendSummary,
  getInput,
  group,
  setFailed,
  setOutput,
  warning,
  workflowCommand
} from '../src/github/runner.js'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
  process.exitCode = undefined
  jest.restoreAllMocks()
})

function captureStdout(): string[] {
  const out: string[] = []
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    out.push(String(chunk))
    return true
  })
  return out
}

describe('the runner protocol', () => {
  it('reads INPUT_<NAME> upper-cased, hyphens kept, spaces as _', () => {
    process.env['INPUT_REST-API-ID'] = 'a1b2'
    process.env['INPUT_MY_INPUT'] = ' x '
    expect(getInput('rest-api-id')).toBe('a1b2')
    expect(getInput('my input')).toBe(' x ')
    expect(getInput('missing')).toBe('')
  })

  it('escapes command payloads and properties as the runner unescapes them', () => {
    expect(workflowCommand('warning', { title: 'a: b, c' }, '50% done\r\nnext')).toBe(
      '::warning title=a%3A b%2C c::50%25 done%0D%0Anext'
    )
    expect(workflowCommand('error', { title: undefined }, 'x')).toBe('::error::x')
  })

  it('prints annotations and groups one line each', async () => {
    const out = captureStdout()
    warning('careful', 'Title')
    await group('Read stage', async () => undefined)
    expect(out.join('')).toBe('::warning title=Title::careful\n::group::Read stage\n::endgroup::\n')
  })

  it('setFailed sets exit code 1 and prints an error annotation', () => {
    const out = captureStdout()
    setFailed('gate refused')
    expect(process.exitCode).toBe(1)
    expect(out.join('')).toBe('::error::gate refused\n')
  })

  it('writes outputs as delimited blocks the runner parses back, multi-line values included', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runner-'))
    process.env.GITHUB_OUTPUT = join(dir, 'out')
    writeFileSync(process.env.GITHUB_OUTPUT, '')
    setOutput('status', 'canary')
    setOutput('report', '{\n"a": 1\n}')
    const text = readFileSync(process.env.GITHUB_OUTPUT, 'utf8')
    expect(text).toMatch(/^status<<ghadelimiter_[0-9a-f-]{36}\ncanary\nghadelimiter_/)
    expect(parseOutputFile(text)).toEqual({ status: 'canary', report: '{\n"a": 1\n}' })
  })

  it('appends to the job summary, and says so when the runner gave no summary file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'runner-'))
    process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary')
    writeFileSync(process.env.GITHUB_STEP_SUMMARY, '# one\n')
    appendSummary('# two\n')
    expect(readFileSync(process.env.GITHUB_STEP_SUMMARY, 'utf8')).toBe('# one\n# two\n')
    delete process.env.GITHUB_STEP_SUMMARY
    expect(() => appendSummary('x')).toThrow(
      'Unable to find environment variable for $GITHUB_STEP_SUMMARY.'
    )
  })
})
