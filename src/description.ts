/** Who and what a deployment was made for: read from the runner's environment. */
export interface Provenance {
  repository: string | undefined
  sha: string | undefined
  runId: string | undefined
  runAttempt: string | undefined
  actor: string | undefined
}

export function provenanceFromEnv(env: NodeJS.ProcessEnv = process.env): Provenance {
  const v = (k: string) => env[k]?.trim() || undefined
  return {
    repository: v('GITHUB_REPOSITORY'),
    sha: v('GITHUB_SHA'),
    runId: v('GITHUB_RUN_ID'),
    runAttempt: v('GITHUB_RUN_ATTEMPT'),
    actor: v('GITHUB_ACTOR')
  }
}

const MARK = 'apigw-canary:'
const COMMIT_RE = /apigw-canary: (\S+)@([0-9a-fA-F]{7,64})\b/

/**
 * The deployment's description. The default records repository, commit, run
 * and attempt, and actor. A user's own description is kept and the
 * `apigw-canary: repo@sha` mark is appended, so that re-running the job still
 * recognises its canary and never creates a second deployment. `stepId`,
 * random per step, makes the description this step's alone: after a lost
 * CreateDeployment answer, only a deployment this step made is adopted.
 */
export function buildDescription(
  custom: string | undefined,
  p: Provenance,
  stepId: string
): string {
  const commit = p.repository && p.sha ? `${p.repository}@${p.sha}` : undefined
  const step = `step ${stepId}`
  if (custom !== undefined) return `${custom} (${MARK}${commit ? ` ${commit},` : ''} ${step})`
  if (!commit) return `${MARK} manual deployment${p.actor ? ` by ${p.actor}` : ''}, ${step}`
  const run = p.runId ? ` run ${p.runId}${p.runAttempt ? ` attempt ${p.runAttempt}` : ''}` : ''
  return `${MARK} ${commit}${run}${p.actor ? ` by ${p.actor}` : ''}, ${step}`
}

/** The repository and commit recorded by buildDescription, if any. */
export function commitOf(
  description: string | undefined
): { repository: string; sha: string } | undefined {
  const m = description ? COMMIT_RE.exec(description) : null
  return m ? { repository: m[1]!, sha: m[2]! } : undefined
}

/** Whether a deployment description records the same repository and commit as this run. */
export function sameCommit(description: string | undefined, p: Provenance): boolean {
  const c = commitOf(description)
  return (
    c !== undefined && c.repository === p.repository && c.sha.toLowerCase() === p.sha?.toLowerCase()
  )
}
