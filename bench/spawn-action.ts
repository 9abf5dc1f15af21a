/**
 * Runs processes the way the bench measures them: spawn → exit, wall time
 * from just before spawn() to the child's 'exit' event. The action itself is
 * run as the runner runs it: `node dist/index.js` with INPUT_* variables and
 * GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'

export const ACTION_ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/index.js')

export interface ProcessRun {
  /** Exit code; null when killed by a signal. */
  code: number | null
  signal: NodeJS.Signals | null
  /** Wall time, spawn to exit, in milliseconds. */
  ms: number
  /** Epoch ms just before spawn(), for lining the run up with the emulator's call log. */
  startedAt: number
  stdout: string
  stderr: string
}

export interface ActionRun extends ProcessRun {
  /** What the step wrote to GITHUB_OUTPUT. */
  outputs: Record<string, string>
}

/** What the bench's children inherit: this environment without inputs, AWS or GitHub settings. */
export function baseEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(INPUT_|AWS_|GITHUB_|RUNNER_)/.test(k)) continue
    // Node's own knobs would change what is measured (the action manages its compile cache itself).
    if (['NODE_OPTIONS', 'NODE_COMPILE_CACHE', 'NODE_DISABLE_COMPILE_CACHE'].includes(k)) continue
    env[k] = v
  }
  return env
}

/** Dummy credentials and a region for the emulator, for the SDK and the AWS CLI alike. */
export function awsEnv(endpoint: string): NodeJS.ProcessEnv {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIDBENCHBENCHBENCH0',
    AWS_SECRET_ACCESS_KEY: 'bench-secret-not-a-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    // Keep a stray ~/.aws out of the measurement.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null'
  }
}

export interface Started<T> {
  pid: number | undefined
  done: Promise<T>
}

/** Spawns a process; `done` settles when it has exited and its output is drained. */
export function startProcess(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv
): Started<ProcessRun> {
  const startedAt = Date.now()
  const t0 = performance.now()
  const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] })
  let exitedAt: number | undefined
  const out: Buffer[] = []
  const err: Buffer[] = []
  child.stdout.on('data', (c: Buffer) => out.push(c))
  child.stderr.on('data', (c: Buffer) => err.push(c))
  child.once('exit', () => (exitedAt = performance.now()))
  const done = new Promise<ProcessRun>((resolvePromise, reject) => {
    child.once('error', reject)
    child.once('close', (code, signal) => {
      resolvePromise({
        code,
        signal,
        ms: (exitedAt ?? performance.now()) - t0,
        startedAt,
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8')
      })
    })
  })
  return { pid: child.pid, done }
}

export async function timeProcess(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv
): Promise<ProcessRun> {
  return startProcess(command, args, env).done
}

/** Parses the GITHUB_OUTPUT file format (`name<<DELIMITER\nvalue\nDELIMITER`). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!
  return out
}

/** Action inputs by their action.yml names, e.g. `{ command: 'shift', 'rest-api-id': 'abc' }`. */
export type Inputs = Record<string, string>

export function actionEnv(endpoint: string, inputs: Inputs, dir: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...baseEnv(),
    ...awsEnv(endpoint),
    GITHUB_OUTPUT: join(dir, 'output'),
    GITHUB_STEP_SUMMARY: join(dir, 'summary'),
    GITHUB_REPOSITORY: 'octo-org/bench-api',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    GITHUB_RUN_ID: '4242',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'bench'
  }
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value
  return env
}

/** Starts `node dist/index.js` as the runner would; `done` has its exit code, wall time and outputs. */
export function startAction(
  endpoint: string,
  inputs: Inputs,
  extraEnv: NodeJS.ProcessEnv = {}
): Started<ActionRun> {
  const dir = mkdtempSync(join(tmpdir(), 'apigw-canary-bench-'))
  const env = { ...actionEnv(endpoint, inputs, dir), ...extraEnv }
  writeFileSync(env.GITHUB_OUTPUT!, '')
  writeFileSync(env.GITHUB_STEP_SUMMARY!, '')
  const started = startProcess(process.execPath, [ACTION_ENTRY], env)
  const done = started.done
    .then((run) => ({ ...run, outputs: parseOutputFile(readFileSync(env.GITHUB_OUTPUT!, 'utf8')) }))
    .finally(() => rmSync(dir, { recursive: true, force: true }))
  return { pid: started.pid, done }
}

export async function runAction(
  endpoint: string,
  inputs: Inputs,
  extraEnv: NodeJS.ProcessEnv = {}
): Promise<ActionRun> {
  return startAction(endpoint, inputs, extraEnv).done
}
