/**
 * How the bench runs the action: through local-runner/run-action.ts (as the
 * runner does), from an environment without Node's own knobs, in a workflow
 * run of its own. Wall time is from just before spawn() to the child's 'exit'
 * event.
 */
import { inheritedEnv, type ActionOptions, type GitHubContext } from '../local-runner/run-action.js'
import { REPO, SHA } from '../local-runner/fixtures.js'

/** The bench's workflow run. */
export const BENCH_RUN: GitHubContext = {
  repository: REPO,
  sha: SHA,
  runId: '4242',
  runAttempt: '1',
  actor: 'bench'
}

/** What the bench's children inherit: this environment without inputs, AWS or GitHub settings. */
export function baseEnv(): NodeJS.ProcessEnv {
  // Node's own knobs would change what is measured (the action manages its compile cache itself).
  return inheritedEnv(['NODE_COMPILE_CACHE', 'NODE_DISABLE_COMPILE_CACHE'])
}

/** The options of runAction/startAction for a bench step against the emulator at `endpoint`. */
export function benchStep(endpoint: string, extraEnv: NodeJS.ProcessEnv = {}): ActionOptions {
  return { endpoint, github: BENCH_RUN, baseEnv: baseEnv(), env: extraEnv }
}

/** The description deploy writes for the bench's commit, so that its steps drive the canary as their own. */
export const BENCH_CANARY_DESCRIPTION = `apigw-canary: ${BENCH_RUN.repository}@${BENCH_RUN.sha} run ${BENCH_RUN.runId} by ${BENCH_RUN.actor}, step 0be4c400`
