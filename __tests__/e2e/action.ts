/**
 * Runs the bundled action exactly as a GitHub runner does: `node dist/index.js`
 * (the Node that runs the tests, Node 24 under `npm test`), inputs as
 * INPUT_<NAME> variables (upper-cased, hyphens kept), outputs and the job
 * summary in temp files, the emulator as the AWS endpoint. The child inherits
 * none of the parent's INPUT_*, AWS_*, GITHUB_* or RUNNER_* variables.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

export const ACTION_ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), '../../dist/index.js')

/** The commit every run deploys unless told otherwise. */
export const SHA = '8f3c2a1b9d4e5f60718293a4b5c6d7e8f9a0b1c2'
export const OTHER_SHA = '1111111111222222222233333333334444444444'
export const REPOSITORY = 'acme/orders-api'

/** Parses the GITHUB_OUTPUT file format (`name<<DELIMITER\nvalue\nDELIMITER`). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!
  return out
}

export interface ActionOptions {
  /** The emulator's URL, as AWS_ENDPOINT_URL. */
  endpoint: string
  /** GITHUB_SHA; default SHA. */
  sha?: string
  /** Extra environment (wins over the defaults). */
  env?: Record<string, string>
}

export interface ActionResult {
  /** Exit code; null when killed by a signal. */
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** GITHUB_OUTPUT, parsed. */
  outputs: Record<string, string>
  /** GITHUB_STEP_SUMMARY as written. */
  summary: string
  /** Wall time, spawn to exit. */
  ms: number
}

export interface StartedAction {
  child: ChildProcess
  /** Everything written to stdout so far. */
  stdoutSoFar(): string
  done: Promise<ActionResult>
}

/** The environment the child gets: the parent's, minus inputs, AWS, GitHub and runner settings. */
export function actionEnv(
  inputs: Record<string, string>,
  opts: ActionOptions,
  files: { output: string; summary: string }
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(INPUT_|AWS_|GITHUB_|RUNNER_)/.test(k) || k === 'NODE_OPTIONS') continue
    env[k] = v
  }
  Object.assign(env, {
    AWS_ENDPOINT_URL: opts.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAE2ETESTEXAMPLE00',
    AWS_SECRET_ACCESS_KEY: 'e2e-dummy-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: REPOSITORY,
    GITHUB_SHA: opts.sha ?? SHA,
    GITHUB_RUN_ID: '9876543210',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat',
    ...opts.env
  })
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  return env
}

/** Starts the action; `done` settles once it exited and its output was read. */
export function startAction(inputs: Record<string, string>, opts: ActionOptions): StartedAction {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-canary-e2e-'))
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary') }
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  const t0 = Date.now()
  const child = spawn(process.execPath, [ACTION_ENTRY], {
    env: actionEnv(inputs, opts, files),
    stdio: ['ignore', 'pipe', 'pipe']
  })
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout!.on('data', (c: Buffer) => out.push(c))
  child.stderr!.on('data', (c: Buffer) => err.push(c))
  const done = new Promise<ActionResult>((resolveDone, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => {
      try {
        resolveDone({
          code,
          signal,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(err).toString('utf8'),
          outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
          summary: readFileSync(files.summary, 'utf8'),
          ms: Date.now() - t0
        })
      } catch (e) {
        reject(e)
      } finally {
        rmSync(dir, { recursive: true, force: true })
      }
    })
  })
  return { child, stdoutSoFar: () => Buffer.concat(out).toString('utf8'), done }
}

/** Runs the action to its end. */
export function runAction(
  inputs: Record<string, string>,
  opts: ActionOptions
): Promise<ActionResult> {
  return startAction(inputs, opts).done
}

/** The `::error::` lines of a run's stdout (workflow commands, as the runner reads them). */
export function errorLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith('::error'))
}
