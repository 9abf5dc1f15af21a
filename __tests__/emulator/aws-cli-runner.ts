/**
 * Running the AWS CLI (`aws`, v1 as Debian's `awscli` ships it) against an
 * emulator: whether it is installed, at most MAX_CLI processes at once, one
 * attempt per call, no user configuration. Shared by the CLI test files.
 */
import { execFile, spawnSync } from 'node:child_process'

export const hasAws = (() => {
  try {
    return spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0
  } catch {
    return false
  }
})()

// ---- running the CLI ---------------------------------------------------------

const MAX_CLI = 4
/**
 * Every case starts in `beforeAll` and they share the MAX_CLI slots in turn,
 * so one test may wait for most of the batch (about 27 s on 2 idle cores,
 * 40 s and more on a loaded machine), not just for its own calls.
 */
export const BATCH_TIMEOUT_MS = 240_000
let running = 0
const waiting: Array<() => void> = []

/** Runs `fn` when fewer than MAX_CLI CLI processes are running. */
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running < MAX_CLI) running++
  else await new Promise<void>((resolve) => waiting.push(resolve)) // the slot is handed over
  try {
    return await fn()
  } finally {
    const next = waiting.shift()
    if (next) next()
    else running--
  }
}

const env: NodeJS.ProcessEnv = {
  ...process.env,
  AWS_ACCESS_KEY_ID: 'x',
  AWS_SECRET_ACCESS_KEY: 'y',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  // one attempt: a 429 or 5xx is reported, not retried
  AWS_MAX_ATTEMPTS: '1'
}
for (const k of ['AWS_PROFILE', 'AWS_SESSION_TOKEN', 'AWS_RETRY_MODE', 'AWS_ENDPOINT_URL']) {
  delete env[k]
}

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** `aws ARGS` against the emulator at `url`; resolves with the exit code, whatever it is. */
export function aws(url: string, args: string[]): Promise<CliResult> {
  const argv = [
    ...args,
    '--endpoint-url',
    url,
    '--region',
    'us-east-1',
    '--output',
    'json',
    '--cli-read-timeout',
    '10'
  ]
  return slot(
    () =>
      new Promise<CliResult>((resolve, reject) => {
        execFile('aws', argv, { env, timeout: 30_000 }, (err, stdout, stderr) => {
          if (!err) return resolve({ code: 0, stdout, stderr })
          const code = (err as { code?: unknown }).code
          if (typeof code === 'number') return resolve({ code, stdout, stderr })
          reject(new Error(`aws ${args.join(' ')}: ${err.message}\n${stderr}`))
        })
      })
  )
}

/** A command that must succeed: the JSON it printed (undefined when it printed nothing). */
export async function ok<T = Record<string, unknown>>(url: string, ...args: string[]): Promise<T> {
  const r = await aws(url, args)
  if (r.code !== 0) throw new Error(`aws ${args.join(' ')} exited ${r.code}:\n${r.stderr}`)
  return (r.stdout.trim() === '' ? undefined : JSON.parse(r.stdout)) as T
}
