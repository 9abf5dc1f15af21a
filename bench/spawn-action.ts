/**
 * The action as the bench runs it: as the runner does (local-runner/), from an
 * environment without Node's own knobs, in a workflow run of its own. Wall
 * time is from just before spawn() to the child's 'exit' event.
 */
import {
  inheritedEnv,
  startAction as startStep,
  type ActionResult,
  type GitHubContext,
  type Inputs,
  type Started
} from '../local-runner/run-action.js'

/** The bench's workflow run. */
const BENCH_RUN: GitHubContext = {
  repository: 'octo-org/bench-api',
  sha: '0123456789abcdef0123456789abcdef01234567',
  runId: '4242',
  runAttempt: '1',
  actor: 'bench'
}

/** What the bench's children inherit: this environment without inputs, AWS or GitHub settings. */
export function baseEnv(): NodeJS.ProcessEnv {
  // Node's own knobs would change what is measured (the action manages its compile cache itself).
  return inheritedEnv(['NODE_COMPILE_CACHE', 'NODE_DISABLE_COMPILE_CACHE'])
}

/** Starts `node dist/index.js` as the runner would; `done` has its exit code, wall time and outputs. */
export function startAction(
  endpoint: string,
  inputs: Inputs,
  extraEnv: NodeJS.ProcessEnv = {}
): Started<ActionResult> {
  return startStep(inputs, { endpoint, github: BENCH_RUN, baseEnv: baseEnv(), env: extraEnv })
}

export async function runAction(
  endpoint: string,
  inputs: Inputs,
  extraEnv: NodeJS.ProcessEnv = {}
): Promise<ActionResult> {
  return startAction(endpoint, inputs, extraEnv).done
}
