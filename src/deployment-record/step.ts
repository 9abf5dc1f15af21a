/**
 * The step's record in GitHub's Deployments: after the command and after
 * recovery, so it never runs before, nor delays, a rollback. Find the
 * release's GitHub deployment (environment + commit + the canary's id in its
 * payload), else create it, then post the status of this step. GitHub is a
 * record, not the release: any failure is one warning, never a failed step.
 *
 * The adapter (Octokit and its plugins) is imported only when it is used.
 */
import { GITHUB_DEPLOYMENT_ID } from '../core/aws-ids.js'
import type { RunContext } from '../ports.js'
import {
  deploymentDescription,
  environmentName,
  releaseCommit,
  statusFor,
  type StepOutcome
} from './record.js'
import type { Report } from '../core/report.js'
import { trafficOf } from '../core/stage.js'
import { logText } from '../github/untrusted.js'
import { MAX_MASKED } from '../github/secrets.js'
import { traitsOf } from '../commands/catalog.js'

/**
 * Under a cancel the rollback has run and the runner kills the process a few
 * seconds later (SIGINT, then SIGTERM 7.5 s on, then SIGKILL): the record gets
 * this much in all, then gives up with its warning. Posting it is worth a try:
 * it is what tells the Deployments page that the release was rolled back.
 */
export const CANCEL_BUDGET_MS = 3_000

/**
 * Otherwise the record gets this long in all (finding or creating the
 * deployment, then its status): a GitHub that does not answer costs a step at
 * most this, and every request is aborted (its connection closed) at the end.
 */
export const RECORD_BUDGET_MS = 20_000

/** The step's outcome as its outputs say it. */
export function outcomeOf(report: Report, failed: boolean): StepOutcome {
  const after = report.after
  return {
    command: report.command,
    status: report.outcome ?? (after ? (after.canary ? 'canary' : 'no-canary') : ''),
    percent: after ? trafficOf(after) : undefined,
    failed,
    abortReason: report.abortReason,
    dryRun: report.dryRun
  }
}

/**
 * The canary the release is: the one this step drove, else (not for deploy,
 * whose release is the canary it created) the one found before the step
 * (promote and rollback leave none), else the one after it.
 */
export function releaseCanaryId(report: Report): string | undefined {
  if (report.drivenCanaryId) return report.drivenCanaryId
  if (traitsOf(report.command).githubDeployment === 'create') return undefined
  return report.before?.canary?.deploymentId ?? report.after?.canary?.deploymentId
}

/** The workflow run's page: `${server}/${repo}/actions/runs/${id}[/attempts/${n}]`. */
export function runUrl(env: NodeJS.ProcessEnv): string | undefined {
  const { GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id, GITHUB_RUN_ATTEMPT: attempt } = env
  if (!repo || !id) return undefined
  const server = (env.GITHUB_SERVER_URL || 'https://github.com').replace(/\/+$/, '')
  return `${server}/${repo}/actions/runs/${id}${attempt ? `/attempts/${attempt}` : ''}`
}

/**
 * Records the step in GitHub's Deployments when `github-deployment` is true,
 * a token is set, and the step is neither `status` nor a dry run. Returns
 * the GitHub deployment's id (for the report) once it is found or created.
 * Never throws.
 */
export async function recordOnGitHub(
  ctx: RunContext,
  failure: unknown,
  env: NodeJS.ProcessEnv
): Promise<string | undefined> {
  const { cfg, report, log } = ctx
  if (!cfg.githubDeployment || cfg.dryRun || traitsOf(cfg.command).githubDeployment === 'none')
    return
  let id: string | undefined
  const warn = (why: string) => {
    log.warning(logText(`GitHub deployment not recorded: ${why}`), 'GitHub Deployments')
    return id
  }
  if (!cfg.githubToken) {
    log.info('github-deployment: no github-token, so the release is not recorded on GitHub.')
    return
  }
  // A token is one word: a line break or control character would break the Authorization header.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  if (/[\s\u0000-\u001f\u007f]/.test(cfg.githubToken.trim()))
    return warn(
      'github-token holds a line break, space or control character, so it is no token (its value is masked and not shown).'
    )
  if (cfg.githubToken.trim().length > MAX_MASKED)
    return warn(
      `github-token is longer than ${MAX_MASKED} characters, longer than any GitHub token, so it is no token (its value is not shown).`
    )
  const repository = env.GITHUB_REPOSITORY
  if (!repository) {
    log.info('github-deployment: no GITHUB_REPOSITORY, so the release is not recorded on GitHub.')
    return
  }
  const state = statusFor(outcomeOf(report, failure !== undefined))
  const canaryDeploymentId = releaseCanaryId(report)
  if (!state || !canaryDeploymentId) return
  try {
    const cancelled = ctx.signal.aborted
    const { createDeploymentsClient } = await import('./github-client.js')
    const client = createDeploymentsClient({
      token: cfg.githubToken,
      repository,
      debug: (m) => log.debug(`GitHub: ${m}`),
      ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
      ...(cancelled
        ? { budgetMs: CANCEL_BUDGET_MS, signal: AbortSignal.timeout(CANCEL_BUDGET_MS) }
        : { totalMs: RECORD_BUDGET_MS })
    })
    const release = {
      restApiId: cfg.restApiId,
      stage: cfg.stage,
      region: cfg.region,
      canaryDeploymentId
    }
    const found = await client.ensureDeployment({
      sha: releaseCommit(report.canaryCommit, env.GITHUB_SHA ?? ''),
      environment: environmentName(cfg.environment, cfg.stage, cfg.region),
      productionEnvironment: true,
      description: deploymentDescription(release),
      release
    })
    if (!found.ok) return warn(found.why)
    // An output a later step may use: GitHub's ids are integers, anything else is not GitHub's.
    if (!GITHUB_DEPLOYMENT_ID.test(String(found.value.id)))
      return warn('GitHub answered a deployment id that is not an integer: refused, and not shown.')
    id = String(found.value.id)
    const logUrl = runUrl(env)
    const posted = await client.postStatus({
      deploymentId: found.value.id,
      state: state.state,
      description: state.description,
      autoInactive: state.autoInactive,
      ...(logUrl ? { logUrl } : {}),
      ...(cfg.environmentUrl ? { environmentUrl: cfg.environmentUrl } : {})
    })
    if (!posted.ok) return warn(posted.why)
    log.info(`GitHub deployment ${found.value.id}: ${state.state} (${state.description})`)
    return id
  } catch (err) {
    return warn(err instanceof Error ? err.message : String(err))
  }
}
