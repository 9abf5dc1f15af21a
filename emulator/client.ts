/**
 * Helpers for tests and the demo to drive the emulator's `/_emulator/*` hooks
 * over HTTP (fetch), wherever the emulator runs.
 */
import type { CallRecord } from './common/calls.js'
import type { FaultConfig } from './common/faults.js'

export type { CallRecord } from './common/calls.js'
export type { FaultConfig } from './common/faults.js'

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

/** Forgets everything: APIs, alarms, metrics, calls, faults, quotas. */
export async function reset(url: string): Promise<void> {
  await hook(url, 'POST', '_emulator/reset')
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
