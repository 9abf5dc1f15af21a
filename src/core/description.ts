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
const SHA = '[0-9a-fA-F]{7,64}'
const STEP = '[0-9a-fA-F]+'
/** The OpenAPI definition a deployment was imported from: the first 12 hex digits of its sha256. */
const DEFINITION = 'definition sha256:([0-9a-f]{12})'
/**
 * Where buildDescription puts the commit, and nowhere else: a generated
 * description is the mark alone; a custom one ends with it in parentheses. A
 * mark-like text inside the user's own words is never read as the commit.
 */
const GENERATED_RE = new RegExp(
  `^apigw-canary: (\\S+)@(${SHA})(?: run \\d+(?: attempt \\d+)?)?(?: by \\S+)?(?:, step ${STEP})?(?:, ${DEFINITION})?$`
)
const CUSTOM_SUFFIX_RE = new RegExp(
  `\\(apigw-canary: (\\S+)@(${SHA}), step ${STEP}(?:, ${DEFINITION})?\\)$`
)

/**
 * The deployment's description. The default records repository, commit, run
 * and attempt, and actor. A user's own description is kept and the
 * `apigw-canary: repo@sha` mark is appended, so that re-running the job still
 * recognises its canary and never creates a second deployment. `stepId`,
 * random per step, makes the description this step's alone: after a lost
 * CreateDeployment answer, only a deployment this step made is adopted.
 * `definitionSha256`, when deploy imported an OpenAPI file, is recorded as
 * `definition sha256:<12 hex>` after the step, so status shows what the canary serves.
 */
export function buildDescription(
  custom: string | undefined,
  p: Provenance,
  stepId: string,
  definitionSha256?: string
): string {
  const commit = p.repository && p.sha ? `${p.repository}@${p.sha}` : undefined
  const def = definitionSha256
    ? `, definition sha256:${definitionSha256.slice(0, 12).toLowerCase()}`
    : ''
  const step = `step ${stepId}${def}`
  if (custom !== undefined) return `${custom} (${MARK}${commit ? ` ${commit},` : ''} ${step})`
  if (!commit) return `${MARK} manual deployment${p.actor ? ` by ${p.actor}` : ''}, ${step}`
  const run = p.runId ? ` run ${p.runId}${p.runAttempt ? ` attempt ${p.runAttempt}` : ''}` : ''
  return `${MARK} ${commit}${run}${p.actor ? ` by ${p.actor}` : ''}, ${step}`
}

/** The repository and commit recorded by buildDescription, if any. */
export function commitOf(
  description: string | undefined
): { repository: string; sha: string } | undefined {
  const m = description
    ? (GENERATED_RE.exec(description) ?? CUSTOM_SUFFIX_RE.exec(description))
    : null
  return m ? { repository: m[1]!, sha: m[2]! } : undefined
}

/** The sha256 prefix of the OpenAPI definition buildDescription recorded, if any. */
export function definitionOf(description: string | undefined): string | undefined {
  if (!description || !commitOf(description)) {
    return description
      ? new RegExp(`^apigw-canary: manual deployment.*, ${DEFINITION}$`).exec(description)?.[1]
      : undefined
  }
  return (GENERATED_RE.exec(description) ?? CUSTOM_SUFFIX_RE.exec(description))?.[3]
}

/** Whether a deployment description records the same repository and commit as this run. */
export function sameCommit(description: string | undefined, p: Provenance): boolean {
  const c = commitOf(description)
  return (
    c !== undefined && c.repository === p.repository && c.sha.toLowerCase() === p.sha?.toLowerCase()
  )
}

/** How a commit reads in messages: `owner/repo@0123456`. */
export function shortCommit(c: { repository: string; sha: string }): string {
  return `${c.repository}@${c.sha.slice(0, 12)}`
}

/**
 * Pure: why this run must not raise or promote the canary, or undefined when
 * the canary is its own release's. By default that is the canary deployed from
 * the workflow's commit; `expected` (expected-canary-deployment-id) names the
 * one deployment a manual step may drive instead.
 */
export function ownershipProblem(
  canaryId: string,
  description: string | undefined,
  p: Provenance,
  expected: string | undefined
): string | undefined {
  const theirs = commitOf(description)
  const from = theirs ? `commit ${shortCommit(theirs)}` : 'no commit this action recorded'
  if (expected !== undefined) {
    if (expected === canaryId) return undefined
    return `the canary is deployment ${canaryId} (${from}), not expected-canary-deployment-id ${expected}: another release replaced it. Nothing was changed; check the stage (command: status) before going on.`
  }
  if (!p.repository || !p.sha) {
    return `this run has no commit to match the canary against (GITHUB_REPOSITORY and GITHUB_SHA are not set): set expected-canary-deployment-id: ${canaryId} to drive canary ${canaryId} (${from}).`
  }
  if (sameCommit(description, p)) return undefined
  return `the canary is deployment ${canaryId} from ${from}, not this workflow's commit ${shortCommit({ repository: p.repository, sha: p.sha })}: a step raises or promotes only its own release's canary. To drive that canary from this workflow on purpose, set expected-canary-deployment-id: ${canaryId}; to release this commit, deploy it first.`
}
