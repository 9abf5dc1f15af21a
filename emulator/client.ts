/**
 * Helpers for tests and the demo to drive the emulator's `/_emulator/*` hooks
 * (the `/_emulator/github/*` ones included) over HTTP (fetch), wherever the
 * emulator runs.
 */
import type { CallRecord } from './common/calls.js'
import type { FaultConfig } from './common/faults.js'
import type { MetricScenario } from './cloudwatch/metrics-scenario.js'
import type { GitHubFailure, GitHubRequestRecord, Permission } from './github/api.js'
import type { Deployment } from './github/model.js'

export type { CallRecord } from './common/calls.js'
export type { FaultConfig } from './common/faults.js'
export type { MetricScenario } from './cloudwatch/metrics-scenario.js'
export type { GitHubFailure, GitHubRequestRecord, Permission } from './github/api.js'
export type { Deployment } from './github/model.js'
export { EMULATOR_GITHUB_TOKEN } from './github/api.js'

async function hook(url: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) {
  const res = await fetch(new URL(path, url.endsWith('/') ? url : `${url}/`), {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body)
  })
  const text = await res.text()
  if (!res.ok) throw new Error(`emulator ${method} ${path}: HTTP ${res.status} ${text}`)
  return text === '' ? undefined : (JSON.parse(text) as unknown)
}

/** Every AWS call the emulator served, in order. */
export async function getCalls(url: string): Promise<CallRecord[]> {
  return (await hook(url, 'GET', '_emulator/calls')) as CallRecord[]
}

/** Forgets the call log only. */
export async function clearCalls(url: string): Promise<void> {
  await hook(url, 'DELETE', '_emulator/calls')
}

/** Sets the fault injection; `{}` clears it. */
export async function setFaults(url: string, faults: FaultConfig): Promise<void> {
  await hook(url, 'POST', '_emulator/faults', faults)
}

export async function clearFaults(url: string): Promise<void> {
  await setFaults(url, {})
}

/** Turns API Gateway's account quotas (10 rps burst 40; CreateDeployment 1 per 5 s) on or off. */
export async function setQuotas(url: string, enabled: boolean): Promise<void> {
  await hook(url, 'POST', '_emulator/quotas', { enabled })
}

/**
 * Denies the caller these operations (`GetPolicy`, or `logs:StartQuery` with the
 * service as the call log names it): they answer the service's AccessDenied error.
 * `[]` allows everything again.
 */
export async function setAccessDenied(url: string, operations: string[]): Promise<void> {
  await hook(url, 'POST', '_emulator/access-denied', operations.length > 0 ? { operations } : {})
}

/** Logs Insights queries stay `Running` (until StopQuery) while `keepRunning`; reset ends it. */
export async function setQueriesKeepRunning(url: string, keepRunning: boolean): Promise<void> {
  await hook(url, 'POST', '_emulator/logs/queries', { keepRunning })
}

/** Forgets everything: APIs, alarms, metrics, calls, faults, quotas, denied operations. */
export async function reset(url: string): Promise<void> {
  await hook(url, 'POST', '_emulator/reset')
}

/** Replaces the scripted API Gateway metrics (stage and canary, per minute); answers the requests drawn. */
export async function setMetricScenario(
  url: string,
  scenario: MetricScenario
): Promise<{
  start: string
  minutes: number
  stable: { requests: number }
  canary?: { requests: number }
}> {
  return (await hook(url, 'POST', '_emulator/metrics/scenario', scenario)) as Awaited<
    ReturnType<typeof setMetricScenario>
  >
}

/** Every deployment of the fake GitHub API, with its statuses, oldest first. */
export async function getGitHubDeployments(url: string): Promise<Deployment[]> {
  return (await hook(url, 'GET', '_emulator/github/deployments')) as Deployment[]
}

/** Every request the fake GitHub API served, in order. */
export async function getGitHubRequests(url: string): Promise<GitHubRequestRecord[]> {
  return (await hook(url, 'GET', '_emulator/github/requests')) as GitHubRequestRecord[]
}

/** Adds a GitHub token, or changes its `deployments` permission. */
export async function setGitHubToken(
  url: string,
  token: string,
  deployments: Permission
): Promise<void> {
  await hook(url, 'POST', '_emulator/github/tokens', { token, deployments })
}

/** Sets a token's primary rate limit (`remaining: 0`: its next request is refused). */
export async function setGitHubRateLimit(
  url: string,
  limit: { token: string; remaining: number; resetInSeconds?: number; status?: 403 | 429 }
): Promise<void> {
  await hook(url, 'POST', '_emulator/github/rate-limit', limit)
}

/** Injects a failure into the next `count` GitHub requests; undefined clears it. */
export async function setGitHubFailure(url: string, f: GitHubFailure | undefined): Promise<void> {
  await hook(url, 'POST', '_emulator/github/failures', f ?? {})
}

/** Sets a custom domain name's `domainNameStatus` (and `domainNameStatusMessage`). */
export async function setDomainStatus(
  url: string,
  domainName: string,
  status: string,
  message?: string
): Promise<void> {
  await hook(url, 'POST', '_emulator/domain-status', { domainName, status, message })
}
