/**
 * The `/_emulator/*` test hooks (see README.md): call log, faults, quotas,
 * metric scenarios, reset, health, and the fake GitHub API's `/_emulator/github/*`.
 */
import { DOMAIN_STATUSES } from './apigateway/domain-names.js'
import { parseFaultConfig } from './common/faults.js'
import { isRecord } from './common/wire.js'
import { writeRequestLogs } from './request-logs.js'
import { GITHUB_HOOKS } from './github/hooks.js'
import type { EmulatorState } from './state.js'

export interface HookAnswer {
  status: number
  body: unknown
}

const ok = (body: unknown): HookAnswer => ({ status: 200, body })
const bad = (message: string): HookAnswer => ({ status: 400, body: { message } })

type Hook = (state: EmulatorState, body: unknown) => HookAnswer

const HOOKS: Record<string, Hook> = {
  'GET /_emulator/calls': (s) => ok(s.calls.all()),
  'DELETE /_emulator/calls': (s) => {
    s.calls.clear()
    return ok({})
  },
  'GET /_emulator/faults': (s) => ok(s.faults.get()),
  'POST /_emulator/faults': (s, body) => {
    const parsed = parseFaultConfig(body)
    if (typeof parsed === 'string') return bad(parsed)
    s.faults.set(parsed)
    return ok(s.faults.get())
  },
  'GET /_emulator/quotas': (s) => ok({ enabled: s.quotas.enabled }),
  'POST /_emulator/quotas': (s, body) => {
    if (!isRecord(body) || typeof body.enabled !== 'boolean') {
      return bad('quotas body must be {"enabled": true|false}')
    }
    s.quotas.setEnabled(body.enabled)
    return ok({ enabled: s.quotas.enabled })
  },
  'POST /_emulator/metrics/scenario': (s, body) => {
    const result = s.cloudwatch.metrics.applyScenario(body)
    if (typeof result === 'string') return bad(result)
    if (result.requestLogs) writeRequestLogs(s, result.requestLogs, result.requests)
    return ok(result.summary)
  },
  'POST /_emulator/domain-status': (s, body) => {
    const statuses: readonly string[] = DOMAIN_STATUSES
    if (
      !isRecord(body) ||
      typeof body.domainName !== 'string' ||
      !statuses.includes(String(body.status))
    ) {
      return bad(
        `domain-status body must be {"domainName": "...", "status": ${statuses.join('|')}, "message"?: "..."}`
      )
    }
    const d = s.apigateway.domainNames.get(body.domainName.toLowerCase())
    if (!d) return { status: 404, body: { message: `no domain name ${body.domainName}` } }
    d.domainNameStatus = String(body.status)
    d.domainNameStatusMessage = typeof body.message === 'string' ? body.message : undefined
    return ok({ domainName: d.domainName, domainNameStatus: d.domainNameStatus })
  },
  'POST /_emulator/logs/queries': (s, body) => {
    if (!isRecord(body) || typeof body.keepRunning !== 'boolean')
      return bad('logs/queries body must be {"keepRunning": true|false}')
    s.logs.queries.keepRunning = body.keepRunning
    return ok({ keepRunning: body.keepRunning })
  },
  'GET /_emulator/access-denied': (s) => ok(s.access.get()),
  'POST /_emulator/access-denied': (s, body) => {
    const problem = s.access.set(body)
    return problem ? bad(problem) : ok(s.access.get())
  },
  'POST /_emulator/reset': (s) => {
    s.reset()
    return ok({})
  },
  'GET /_emulator/health': () => ok({ ok: true }),
  ...Object.fromEntries(
    Object.entries(GITHUB_HOOKS).map(([route, h]): [string, Hook] => [
      route,
      (s, b) => h(s.github, b)
    ])
  )
}

export function serveHook(state: EmulatorState, method: string, url: URL, raw: string): HookAnswer {
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`
  let body: unknown = {}
  if (raw.trim() !== '') {
    try {
      body = JSON.parse(raw)
    } catch {
      return bad('body must be JSON')
    }
  }
  const hook = Object.hasOwn(HOOKS, route) ? HOOKS[route] : undefined
  return hook ? hook(state, body) : { status: 404, body: { message: `no emulator hook ${route}` } }
}
