/**
 * Runs the bundled action (dist/index.js) as a GitHub runner does (see
 * local-runner/), and streams its log to the terminal as it happens, each line
 * prefixed with the step, the workflow commands (::group::, ::error::, ...)
 * turned into readable marks.
 */
import { runAction, type ActionResult } from '../local-runner/run-action.js'
import type { Styler } from './style.js'

/** The demo's workflow run (GITHUB_RUN_ID). */
const DEMO_RUN_ID = '7311840562'

export type StepResult = ActionResult

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
  /** Called with each raw line of its log (stdout and stderr) as it arrives. */
  onLine?: (line: string) => void
  /** Kill the action after this long (it should never take it). */
  timeoutMs?: number
  /** More environment for the action (e.g. GITHUB_WORKSPACE). */
  env?: NodeJS.ProcessEnv
}

/** Runs one step, its log streamed as it happens; resolves when the action has exited. */
export function runStep(opts: RunStepOptions): Promise<StepResult> {
  const prefix = opts.s.dim(`  ${opts.label} │ `)
  return runAction(opts.inputs, {
    endpoint: opts.endpoint,
    github: { sha: opts.sha, runId: DEMO_RUN_ID },
    timeoutMs: opts.timeoutMs ?? 45_000,
    ...(opts.env ? { env: opts.env } : {}),
    onLine: (line, stream) => {
      opts.onLine?.(line)
      const shown = stream === 'stderr' ? opts.s.red(line) : readableLine(line, opts.s)
      if (shown !== undefined) opts.write(`${prefix}${shown}\n`)
    }
  })
}
