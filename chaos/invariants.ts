/**
 * The invariants checked after every run of the action. Each check returns
 * the violations it found; a violation names its scenario, the seed and the
 * run, so `npm run chaos -- --seed N --only <scenario>` replays it.
 */
import type { Deployment, Stage } from '@aws-sdk/client-api-gateway'
import { errorLines, type ActionResult } from '../local-runner/run-action.js'
import { REPO, type World } from './world.js'

/** Distinctive fake credentials given to every run; none may appear in what it prints. */
export const SECRET_ACCESS_KEY = 'chaosSecretKEY/do-not-print+7Qz9wXvB3nT5'
export const SESSION_TOKEN = 'chaosSessionTOKEN//do-not-print//Fq8Lr2Kd6Hs1Mn4Pv0'
export const CREDENTIAL_ENV = {
  AWS_SECRET_ACCESS_KEY: SECRET_ACCESS_KEY,
  AWS_SESSION_TOKEN: SESSION_TOKEN
}

export interface Violation {
  scenario: string
  seed: number
  run: string
  kind: string
  details: string
}

/** What a scenario knows about one run when it checks it. */
export interface RunContext {
  scenario: string
  seed: number
  run: string
  /** GITHUB_SHA of the run. */
  sha: string
  command: string
  restApiId: string
  /** The stage just before the run started (undefined when it could not be read). */
  before: Stage | undefined
}

export const short = (s: string, n = 160) =>
  JSON.stringify(s.length > n ? `${s.slice(0, n)}… (${s.length} chars)` : s)

/**
 * The commit a deployment's description records, lower-cased: the last
 * `apigw-canary: repo@sha` mark, which is where the action puts it (a
 * generated description is the mark; a custom one ends with it), so a mark
 * inside a user's own words does not count.
 */
export function commitOf(description: string | undefined): string | undefined {
  const all = [...(description ?? '').matchAll(/apigw-canary: (\S+)@([0-9a-fA-F]{7,64})\b/g)]
  return all.at(-1)?.[2]?.toLowerCase()
}

export const traffic = (s: Stage | undefined) =>
  s?.canarySettings && s.canarySettings.deploymentId !== s.deploymentId
    ? (s.canarySettings.percentTraffic ?? 0)
    : 0

/** Workflow commands the action prints on a clean run (see `npm run chaos` on a seeded stage). */
const ALLOWED_COMMANDS = new Set(['group', 'endgroup', 'error', 'warning', 'notice', 'debug'])
/** Properties the runner accepts on annotations. */
const ANNOTATION_PROPS = new Set(['title', 'file', 'line', 'endLine', 'col', 'endColumn'])

/**
 * Every line the runner would read as a workflow command and the action does
 * not mean: a command outside the allowed list, `##[` lines, and annotations
 * whose properties another string broke into (an unknown key or a bare value).
 * The runner splits its output on CR, LF and CRLF alike. The action's own
 * `::add-mask::` lines (its secrets) come first, before anything else.
 */
export function injectedCommands(stdout: string): string[] {
  const bad: string[] = []
  const lines = stdout.split(/\r\n|\r|\n/)
  let masks = 0
  while (masks < lines.length && lines[masks]!.startsWith('::add-mask::')) masks++
  for (const raw of lines.slice(masks)) {
    const line = raw.trimStart()
    if (line.startsWith('##[')) {
      bad.push(line)
      continue
    }
    if (!line.startsWith('::')) continue
    const end = line.indexOf('::', 2)
    if (end < 0) continue // not a command to the runner
    const info = line.slice(2, end)
    const space = info.indexOf(' ')
    const name = space < 0 ? info : info.slice(0, space)
    if (!ALLOWED_COMMANDS.has(name)) {
      bad.push(line)
      continue
    }
    if (space < 0) continue
    const props = info.slice(space + 1).split(',')
    if (props.some((p) => !ANNOTATION_PROPS.has(p.split('=')[0]!) || !p.includes('='))) {
      bad.push(line)
    }
  }
  return bad
}

/**
 * The lines of stderr the runner would read as a workflow command: the
 * action writes none there (its commands go to stdout), so every one is
 * injected: a library printing a value, a crash quoting one.
 */
export function stderrCommands(stderr: string): string[] {
  return stderr
    .split(/\r\n|\r|\n/)
    .map((l) => l.trimStart())
    .filter((l) => l.includes('##[') || (l.startsWith('::') && l.indexOf('::', 2) > 0))
}

/** The checks that need only the run's own output. */
export function checkOutput(ctx: RunContext, r: ActionResult): Violation[] {
  const out: Violation[] = []
  const v = (kind: string, details: string) =>
    out.push({ scenario: ctx.scenario, seed: ctx.seed, run: ctx.run, kind, details })
  for (const line of injectedCommands(r.stdout)) v('injected-workflow-command', short(line))
  for (const line of stderrCommands(r.stderr))
    v('injected-workflow-command', `stderr: ${short(line)}`)
  const texts = {
    stdout: r.stdout,
    stderr: r.stderr,
    summary: r.summary,
    outputs: JSON.stringify(r.outputs)
  }
  for (const [where, text] of Object.entries(texts)) {
    for (const secret of [SECRET_ACCESS_KEY, SESSION_TOKEN]) {
      if (text.includes(secret)) v('credential-leak', `${where} holds ${secret.slice(0, 12)}…`)
    }
  }
  return out
}

/** A run that finished (not killed) with exit 0 and claims a canary or a promotion. */
const claimsSuccess = (r: ActionResult) =>
  r.code === 0 && (r.outputs.status === 'canary' || r.outputs.status === 'promoted')

/**
 * The checks on AWS's side after a run: the stage is consistent, no commit
 * has two deployments, a failed run left no more traffic than it found, and a
 * successful run raised or promoted only its own commit's canary.
 * `traffic: false` skips the traffic check (runs racing each other).
 */
export async function checkStage(
  w: World,
  ctx: RunContext,
  r: ActionResult | undefined,
  opts: { traffic?: boolean } = {}
): Promise<{ violations: Violation[]; after: Stage }> {
  const out: Violation[] = []
  const v = (kind: string, details: string) =>
    out.push({ scenario: ctx.scenario, seed: ctx.seed, run: ctx.run, kind, details })
  const after = await w.getStage(ctx.restApiId)
  const deps = await w.deployments(ctx.restApiId)
  const byId = new Map(deps.map((d) => [d.id!, d]))

  // The stage is consistent.
  if (!after.deploymentId || !byId.has(after.deploymentId)) {
    v('inconsistent-stage', `stable deployment ${after.deploymentId} does not exist`)
  }
  const cs = after.canarySettings
  if (cs) {
    if (cs.deploymentId && !byId.has(cs.deploymentId)) {
      v('inconsistent-stage', `canary deployment ${cs.deploymentId} does not exist`)
    }
    const p = cs.percentTraffic ?? 0
    if (!(p >= 0 && p <= 100)) v('inconsistent-stage', `canary traffic ${p}`)
  }

  // No commit has two deployments.
  out.push(...duplicateDeployments(ctx, deps))

  // A failed run leaves no more canary traffic than it started with.
  if (opts.traffic !== false && r && r.code !== 0 && r.signal === null && ctx.before) {
    if (traffic(after) > traffic(ctx.before)) {
      v(
        'failed-run-raised-traffic',
        `${ctx.command} exited ${r.code} leaving ${traffic(after)}% (started at ${traffic(ctx.before)}%); ` +
          `its errors: ${short(errorLines(r.stdout).join(' / ') || (r.outputs['abort-reason'] ?? ''), 400)}`
      )
    }
  }

  // A successful run raised or promoted only its own commit's canary.
  if (r && claimsSuccess(r) && ctx.command !== 'status' && ctx.command !== 'rollback') {
    out.push(...otherCommit(ctx, r, byId))
  }
  return { violations: out, after }
}

/** More than one deployment whose description carries `apigw-canary: <repo>@<sha>`. */
export function duplicateDeployments(
  ctx: Pick<RunContext, 'scenario' | 'seed' | 'run'>,
  deps: Deployment[]
): Violation[] {
  const perSha = new Map<string, string[]>()
  for (const d of deps) {
    if (!d.description?.includes(`apigw-canary: ${REPO}@`)) continue
    const sha = commitOf(d.description)
    if (sha) perSha.set(sha, [...(perSha.get(sha) ?? []), d.id!])
  }
  return [...perSha]
    .filter(([, ids]) => ids.length > 1)
    .map(([sha, ids]) => ({
      ...ctx,
      kind: 'duplicate-deployment',
      details: `commit ${sha.slice(0, 8)} has ${ids.length} deployments: ${ids.join(', ')}`
    }))
}

function otherCommit(ctx: RunContext, r: ActionResult, byId: Map<string, Deployment>): Violation[] {
  const out: Violation[] = []
  const v = (details: string) =>
    out.push({
      scenario: ctx.scenario,
      seed: ctx.seed,
      run: ctx.run,
      kind: 'other-commit',
      details
    })
  const sha = ctx.sha.toLowerCase()
  const reported = r.outputs['canary-commit']
  if (reported && reported.toLowerCase() !== sha) {
    v(
      `${ctx.command} exited 0 (${r.outputs.status}) reporting canary-commit ${reported.slice(0, 8)} for GITHUB_SHA ${sha.slice(0, 8)}`
    )
  }
  // The deployment it left serving: the canary, or the stage's after a promotion.
  const id =
    r.outputs.status === 'promoted'
      ? r.outputs['stable-deployment-id']
      : r.outputs['canary-deployment-id']
  const recorded = id ? commitOf(byId.get(id)?.description) : undefined
  if (recorded && recorded !== sha) {
    v(
      `${ctx.command} exited 0 (${r.outputs.status}) on deployment ${id} of commit ${recorded.slice(0, 8)}, GITHUB_SHA ${sha.slice(0, 8)}`
    )
  }
  return out
}
