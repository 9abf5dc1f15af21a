/**
 * What the runner reads from a step, as the action writes it through
 * @actions/core (src/github/logger.ts, step-report.ts, secrets.ts): one line
 * per message, annotations and groups, debug lines, masks, outputs and the
 * job summary.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { summary } from '@actions/core'
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { parseOutputFile } from '../local-runner/run-action.js'
import { REPO, REST_API_ID, STAGE } from '../local-runner/fixtures.js'
import { newReport } from '../src/core/report.js'
import { failStep, runnerLogger } from '../src/github/logger.js'
import { withoutUserinfo } from '../src/core/endpoint-url.js'
import { forgetSecrets, maskSecret } from '../src/github/secrets.js'
import { finishStep } from '../src/github/step-report.js'
import { logText } from '../src/github/untrusted.js'
import { whyFailed } from '../src/deployment-record/github-errors.js'

const saved = { ...process.env }
afterEach(() => {
  process.env = { ...saved }
  process.exitCode = undefined
  forgetSecrets()
  // core.summary keeps the first file it wrote to: a runner process runs one step, this one many.
  ;(summary as unknown as { _filePath?: string })._filePath = undefined
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

function runnerFiles(): { output: string; summary: string } {
  const dir = mkdtempSync(join(tmpdir(), 'runner-'))
  process.env.GITHUB_OUTPUT = join(dir, 'out')
  process.env.GITHUB_STEP_SUMMARY = join(dir, 'summary')
  writeFileSync(process.env.GITHUB_OUTPUT, '')
  writeFileSync(process.env.GITHUB_STEP_SUMMARY, '# before\n')
  return { output: process.env.GITHUB_OUTPUT, summary: process.env.GITHUB_STEP_SUMMARY }
}

describe('the logger on @actions/core', () => {
  it('prints annotations (titles escaped) and groups one line each', async () => {
    const out = captureStdout()
    runnerLogger.warning('careful', 'Title: a, b')
    await runnerLogger.group('Read stage', async () => runnerLogger.info('inside'))
    expect(out.join('')).toBe(
      '::warning title=Title%3A a%2C b::careful\n::group::Read stage\ninside\n::endgroup::\n'
    )
  })

  it('writes debug lines as ::debug:: commands, made safe like every other line', () => {
    const out = captureStdout()
    runnerLogger.debug('AWS GetStage: 200 in 12 ms\n::add-mask::x')
    expect(out.join('')).toBe('::debug::AWS GetStage: 200 in 12 ms⏎::add-mask::x\n')
  })

  it('failStep sets exit code 1 and prints one error annotation', () => {
    const out = captureStdout()
    failStep('gate refused\n::stop-commands::x')
    expect(process.exitCode).toBe(1)
    expect(out.join('')).toBe('::error::gate refused⏎::stop-commands::x\n')
  })
})

describe('secrets', () => {
  it('masks each line of a secret (trimmed) and redacts it from all the action writes', () => {
    const out = captureStdout()
    maskSecret('ghp_firstLINEofTOKEN\r\n  second-line-of-token \n')
    expect(out.join('')).toBe(
      '::add-mask::ghp_firstLINEofTOKEN\n::add-mask::second-line-of-token\n'
    )
    expect(logText('Authorization: token ghp_firstLINEofTOKEN\nsecond-line-of-token')).toBe(
      'Authorization: token ***⏎***'
    )
  })

  it('redacts a secret of any length without echoing a huge one (a 100 KB token once made the redaction pattern too large to compile, and its add-mask line echoed it)', () => {
    const out = captureStdout()
    const huge = 'ghp_' + 'x'.repeat(100_000)
    maskSecret(huge)
    maskSecret('another-secret-value')
    expect(logText(`token ${huge} and another-secret-value`)).toBe('token *** and ***')
    // Asking the runner to mask it would echo it whole on stdout (an ::add-mask:: line): no token is that long.
    expect(out.join('')).toBe('::add-mask::another-secret-value\n')
  })

  it('shows an endpoint-url without its userinfo', () => {
    expect(withoutUserinfo('http://user:p%40ss@localhost:4566/x')).toBe(
      'http://***@localhost:4566/x'
    )
    expect(withoutUserinfo('https://apigateway.eu-west-1.amazonaws.com')).toBe(
      'https://apigateway.eu-west-1.amazonaws.com'
    )
  })
})

describe("GitHub's errors", () => {
  it('never quote a request header, even for a token the action was not told is secret', () => {
    const err = new TypeError(
      'Headers.append: "token ghp_notMaskedHere\nsecond" is an invalid header value.'
    )
    const why = whyFailed(err, REPO)
    expect(why).not.toContain('ghp_notMaskedHere')
    expect(why).toContain('a request header value is invalid (not shown)')
  })

  it('cut a response header they echo', () => {
    const why = whyFailed(
      {
        status: 403,
        message: 'Resource not accessible by integration',
        response: {
          headers: { 'x-accepted-github-permissions': `deployments=write${'x'.repeat(500)}` }
        }
      },
      REPO
    )
    expect(why).toContain('deployments=write')
    expect(why).not.toContain('x'.repeat(100))
  })
})

describe('the end of a step', () => {
  it('writes outputs as delimited blocks the runner parses back, and appends the summary', async () => {
    const files = runnerFiles()
    captureStdout()
    const report = newReport(
      { command: 'status', restApiId: REST_API_ID, stage: STAGE, dryRun: false, steps: [] },
      new Date()
    )
    await finishStep(report, undefined, runnerLogger)
    const text = readFileSync(files.output, 'utf8')
    expect(text).toMatch(/^status<<ghadelimiter_[0-9a-f-]{36}\n/)
    expect(parseOutputFile(text)['abort-reason']).toBe('')
    const summary = readFileSync(files.summary, 'utf8')
    expect(summary.startsWith('# before\n')).toBe(true)
    expect(summary).toContain(STAGE)
  })

  it('says so in the log when the runner gave no summary file, and a later summary holds only its own step', async () => {
    const files = runnerFiles()
    delete process.env.GITHUB_STEP_SUMMARY
    const out = captureStdout()
    const report = newReport(
      { command: 'status', restApiId: 'first1', stage: 'one', dryRun: false, steps: [] },
      new Date()
    )
    await finishStep(report, undefined, runnerLogger)
    expect(out.join('')).toContain('(no job summary written: Unable to find environment variable')
    process.env.GITHUB_STEP_SUMMARY = files.summary
    const second = newReport(
      { command: 'status', restApiId: 'second2', stage: 'two', dryRun: false, steps: [] },
      new Date()
    )
    await finishStep(second, undefined, runnerLogger)
    const summary = readFileSync(files.summary, 'utf8')
    expect(summary).toContain('second2')
    expect(summary).not.toContain('first1')
  })
})
