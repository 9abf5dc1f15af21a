/**
 * Runs the bundled action exactly as a GitHub runner does: `node dist/index.js`
 * (the Node running this code), inputs as INPUT_<NAME> variables (upper-cased,
 * hyphens kept), outputs and the job summary in temp files, the GitHub context
 * of a workflow run, and an emulator as the AWS endpoint. The child inherits
 * none of the parent's INPUT_*, AWS_*, GITHUB_* or RUNNER_* variables, nor
 * NODE_OPTIONS.
 *
 * dist/ is run as a black box: nothing here imports the action's source. The
 * end-to-end tests, the demo and the bench all run the action through this.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import type { Readable } from 'node:stream'
import { fileURLToPath } from 'node:url'
import { REPO, SHA } from './fixtures.js'

export const ACTION_ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/index.js')

/** Action inputs by their action.yml names, e.g. `{ command: 'shift', 'rest-api-id': 'abc' }`. */
export type Inputs = Record<string, string>

/** The workflow run a step belongs to, as GITHUB_* variables tell the action. */
export interface GitHubContext {
  /** GITHUB_REPOSITORY */
  repository: string
  /** GITHUB_SHA: the commit being released. */
  sha: string
  /** GITHUB_RUN_ID */
  runId: string
  /** GITHUB_RUN_ATTEMPT */
  runAttempt: string
  /** GITHUB_ACTOR */
  actor: string
}

/** The GitHub context of every run unless told otherwise. */
export const GITHUB_DEFAULTS: Readonly<GitHubContext> = {
  repository: REPO,
  sha: SHA,
  runId: '9876543210',
  runAttempt: '1',
  actor: 'octocat'
}

/** Parses the GITHUB_OUTPUT file format (`name<<DELIMITER\nvalue\nDELIMITER`). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!
  return out
}

/** The `::error::` lines of a run's stdout (workflow commands, as the runner reads them). */
export function errorLines(stdout: string): string[] {
  return stdout.split('\n').filter((l) => l.startsWith('::error'))
}

/**
 * This process's environment without what a runner sets per step (INPUT_*,
 * AWS_*, GITHUB_*, RUNNER_*), without NODE_OPTIONS, and without the names in `drop`.
 */
export function inheritedEnv(drop: readonly string[] = []): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(INPUT_|AWS_|GITHUB_|RUNNER_)/.test(k) || k === 'NODE_OPTIONS' || drop.includes(k))
      continue
    env[k] = v
  }
  return env
}

/** Dummy credentials and a region for an emulator at `endpoint`, for the SDK and the AWS CLI alike. */
export function awsEnv(endpoint: string): NodeJS.ProcessEnv {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIAE2ETESTEXAMPLE00',
    AWS_SECRET_ACCESS_KEY: 'e2e-dummy-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    // Keep a stray ~/.aws out of the run.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null'
  }
}

export interface ProcessOptions {
  /** Called with each line of the child's stdout or stderr as it arrives, without its newline. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void
  /** Kill the child (SIGKILL) after this long; default never. */
  timeoutMs?: number
}

export interface ActionOptions extends ProcessOptions {
  /** The emulator's URL, as AWS_ENDPOINT_URL. */
  endpoint: string
  /** Overrides of GITHUB_DEFAULTS. */
  github?: Partial<GitHubContext>
  /** The environment the child starts from; default inheritedEnv(). */
  baseEnv?: NodeJS.ProcessEnv
  /** Extra environment (wins over the defaults). */
  env?: NodeJS.ProcessEnv
}

export interface ProcessResult {
  /** Exit code; null when killed by a signal. */
  code: number | null
  signal: NodeJS.Signals | null
  stdout: string
  stderr: string
  /** Wall time in milliseconds, from just before spawn() to the child's 'exit' event. */
  ms: number
  /** Epoch ms just before spawn(), for lining the run up with the emulator's call log. */
  startedAt: number
}

export interface ActionResult extends ProcessResult {
  /** GITHUB_OUTPUT, parsed. */
  outputs: Record<string, string>
  /** GITHUB_STEP_SUMMARY as written. */
  summary: string
}

export interface Started<T> {
  child: ChildProcess
  /** Everything written to stdout so far. */
  stdoutSoFar(): string
  /** Settles once the child has exited and its output was read. */
  done: Promise<T>
}

/** Collects a child's output stream as text, and hands it on line by line if asked to. */
function collect(
  stream: Readable,
  name: 'stdout' | 'stderr',
  onLine: ProcessOptions['onLine']
): () => string {
  const chunks: string[] = []
  let pending = ''
  stream.setEncoding('utf8')
  stream.on('data', (chunk: string) => {
    chunks.push(chunk)
    if (!onLine) return
    pending += chunk
    let nl: number
    while ((nl = pending.indexOf('\n')) >= 0) {
      onLine(pending.slice(0, nl), name)
      pending = pending.slice(nl + 1)
    }
  })
  stream.on('end', () => {
    if (onLine && pending !== '') onLine(pending, name)
  })
  return () => chunks.join('')
}

/** Spawns a process; `done` has its exit code, its output and its wall time. */
export function startProcess(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  opts: ProcessOptions = {}
): Started<ProcessResult> {
  const startedAt = Date.now()
  const t0 = performance.now()
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let exitedAt: number | undefined
  child.once('exit', () => (exitedAt = performance.now()))
  const stdout = collect(child.stdout, 'stdout', opts.onLine)
  const stderr = collect(child.stderr, 'stderr', opts.onLine)
  const timer =
    opts.timeoutMs === undefined
      ? undefined
      : setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs)
  const done = new Promise<ProcessResult>((resolveDone, reject) => {
    child.once('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    child.once('close', (code, signal) => {
      clearTimeout(timer)
      resolveDone({
        code,
        signal,
        stdout: stdout(),
        stderr: stderr(),
        ms: (exitedAt ?? performance.now()) - t0,
        startedAt
      })
    })
  })
  return { child, stdoutSoFar: stdout, done }
}

/** Runs a process to its end. */
export function runProcess(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  opts: ProcessOptions = {}
): Promise<ProcessResult> {
  return startProcess(command, args, env, opts).done
}

/** The environment the action gets: the base environment, the emulator, the GitHub context, its inputs. */
export function actionEnv(
  inputs: Inputs,
  opts: ActionOptions,
  files: { output: string; summary: string }
): NodeJS.ProcessEnv {
  const github = { ...GITHUB_DEFAULTS, ...opts.github }
  const env: NodeJS.ProcessEnv = {
    ...(opts.baseEnv ?? inheritedEnv()),
    ...awsEnv(opts.endpoint),
    // The emulator serves GitHub's Deployments API too: a local run never reaches GitHub.
    GITHUB_API_URL: opts.endpoint,
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: github.repository,
    GITHUB_SHA: github.sha,
    GITHUB_RUN_ID: github.runId,
    GITHUB_RUN_ATTEMPT: github.runAttempt,
    GITHUB_ACTOR: github.actor,
    ...opts.env
  }
  return { ...env, ...inputEnv(inputs) }
}

/** Inputs as the runner passes them: `INPUT_` + the name upper-cased (hyphens kept). */
export function inputEnv(inputs: Inputs): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  return env
}

/** Starts the action as one step of a job; `done` settles once it exited and its files were read. */
export function startAction(inputs: Inputs, opts: ActionOptions): Started<ActionResult> {
  if (!existsSync(ACTION_ENTRY)) {
    throw new Error(`${ACTION_ENTRY} is missing: run npm run bundle first`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'apigw-canary-step-'))
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary') }
  const cleanUp = () => rmSync(dir, { recursive: true, force: true })
  let started: Started<ProcessResult>
  try {
    writeFileSync(files.output, '')
    writeFileSync(files.summary, '')
    started = startProcess(process.execPath, [ACTION_ENTRY], actionEnv(inputs, opts, files), opts)
  } catch (e) {
    cleanUp()
    throw e
  }
  const done = started.done
    .then((run) => ({
      ...run,
      outputs: parseOutputFile(readFileSync(files.output, 'utf8')),
      summary: readFileSync(files.summary, 'utf8')
    }))
    .finally(cleanUp)
  return { ...started, done }
}

/** Runs the action to its end. */
export function runAction(inputs: Inputs, opts: ActionOptions): Promise<ActionResult> {
  return startAction(inputs, opts).done
}
