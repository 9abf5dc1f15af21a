/**
 * Runs the bundled action (dist/index.js) as a GitHub runner does, and streams
 * its log to the terminal as it happens, each line prefixed with the step, the
 * workflow commands (::group::, ::error::, ...) turned into readable marks.
 */
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Styler } from './style.js'

export const ACTION_ENTRY = resolve(dirname(fileURLToPath(import.meta.url)), '../dist/index.js')

export interface StepResult {
  code: number | null
  outputs: Record<string, string>
  summary: string
  ms: number
}

/** Parses the GITHUB_OUTPUT file format (`name<<DELIMITER\nvalue\nDELIMITER`). */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {}
  const re = /^(.+?)<<(.+)\n([\s\S]*?)\n\2$/gm
  for (const m of text.matchAll(re)) out[m[1]!] = m[3]!
  return out
}

/** Undoes the escaping of workflow command data (%25, %0D, %0A). */
function unescapeData(s: string): string {
  return s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%')
}

/** One line of the action's stdout as a person would like to read it; undefined to skip it. */
export function readableLine(line: string, s: Styler): string | undefined {
  const cmd = /^::([a-z-]+)(?: ([^:]*))?::(.*)$/.exec(line)
  if (!cmd) return line
  const [, name, , data] = cmd
  const text = unescapeData(data ?? '')
  switch (name) {
    case 'group':
      return s.bold(`▸ ${text}`)
    case 'endgroup':
    case 'debug':
    case 'add-mask':
      return undefined
    case 'error':
      return s.red(`✖ error: ${text}`)
    case 'warning':
      return s.yellow(`⚠ warning: ${text}`)
    case 'notice':
      return s.cyan(`ℹ notice: ${text}`)
    default:
      return line
  }
}

export interface RunStepOptions {
  endpoint: string
  inputs: Record<string, string>
  /** GITHUB_SHA of the commit being released. */
  sha: string
  /** The label before each streamed line. */
  label: string
  s: Styler
  write: (text: string) => void
  /** Called with each raw stdout line as it arrives. */
  onLine?: (line: string) => void
  /** Kill the action after this long (it should never take it). */
  timeoutMs?: number
}

/** Runs one step; resolves when the action has exited. */
export function runStep(opts: RunStepOptions): Promise<StepResult> {
  if (!existsSync(ACTION_ENTRY)) {
    throw new Error(`${ACTION_ENTRY} is missing: run npm run bundle first`)
  }
  const dir = mkdtempSync(join(tmpdir(), 'apigw-canary-demo-'))
  const files = { output: join(dir, 'output'), summary: join(dir, 'summary') }
  writeFileSync(files.output, '')
  writeFileSync(files.summary, '')
  const env: NodeJS.ProcessEnv = {}
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(INPUT_|AWS_|GITHUB_|RUNNER_)/.test(k) || k === 'NODE_OPTIONS') continue
    env[k] = v
  }
  Object.assign(env, {
    AWS_ENDPOINT_URL: opts.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: 'AKIADEMODEMODEMO0000',
    AWS_SECRET_ACCESS_KEY: 'demo-not-a-secret',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_REPOSITORY: 'acme/orders-api',
    GITHUB_SHA: opts.sha,
    GITHUB_RUN_ID: '7311840562',
    GITHUB_RUN_ATTEMPT: '1',
    GITHUB_ACTOR: 'octocat'
  })
  for (const [name, value] of Object.entries(opts.inputs))
    env[`INPUT_${name.toUpperCase()}`] = value

  const t0 = Date.now()
  const child = spawn(process.execPath, [ACTION_ENTRY], { env, stdio: ['ignore', 'pipe', 'pipe'] })
  const prefix = opts.s.dim(`  ${opts.label} │ `)
  const stream = (chunkSource: NodeJS.ReadableStream, isErr: boolean) => {
    let pending = ''
    const flush = (line: string) => {
      opts.onLine?.(line)
      const shown = isErr ? opts.s.red(line) : readableLine(line, opts.s)
      if (shown !== undefined) opts.write(`${prefix}${shown}\n`)
    }
    chunkSource.setEncoding('utf8')
    chunkSource.on('data', (chunk: string) => {
      pending += chunk
      let nl: number
      while ((nl = pending.indexOf('\n')) >= 0) {
        flush(pending.slice(0, nl))
        pending = pending.slice(nl + 1)
      }
    })
    chunkSource.on('end', () => {
      if (pending !== '') flush(pending)
    })
  }
  stream(child.stdout, false)
  stream(child.stderr, true)
  const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 45_000)
  return new Promise<StepResult>((resolveStep, reject) => {
    child.once('error', (e) => {
      clearTimeout(timer)
      reject(e)
    })
    child.once('close', (code) => {
      clearTimeout(timer)
      try {
        resolveStep({
          code,
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
}
