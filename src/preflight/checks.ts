/**
 * Pure: every preflight check from what the reads found (src/preflight/aws-reads.ts),
 * and which failures stop the step in each `preflight` mode.
 */
import type { AlarmInfo } from './alarm-sensitivity.js'
import { type CheckResult, type Denied } from './types.js'
import {
  type DomainInfo,
  type RecordInfo,
  checkCustomDomain,
  checkRegionalApi,
  checkRoute53Alias
} from './dns-checks.js'
import {
  type StageReadyInput,
  type StageSettings,
  checkAlarms,
  checkLoggingAndMetrics,
  checkStageReady
} from './stage-checks.js'
import { checkInfrastructureAsCode } from './iac-checks.js'
import { type BackendFacts, checkBackends } from '../backend-check/decide.js'

/** What the preflight reads found. */
export interface PreflightFacts {
  api: { name: string; endpointTypes: string[] }
  /** Undefined when the stage does not exist. */
  settings: StageSettings | undefined
  current: StageReadyInput['current']
  /** The API's stages, read only when the stage does not exist. */
  stageNames?: string[]
  account: { cloudwatchRoleArn?: string } | Denied
  domains: DomainInfo[] | Denied
  /** Per checked domain name: its records for that name; undefined when no zone holds it. */
  records: Record<string, RecordInfo[] | Denied | undefined>
  /** The gating alarms by name (after a prefix was expanded). */
  gatingAlarms: string[]
  alarms: AlarmInfo[] | Denied
  canaryStage: string
  /** The integrations and their Lambda functions; undefined when not read (no Lambda client). */
  backends?: BackendFacts | undefined
}

/** What the step is about to do, as preflight needs it. */
export interface PreflightPlan {
  restApiId: string
  stage: string
  region: string
  domainName: string | undefined
  /** The commit this run releases, when it releases one. */
  commit: string | undefined
  rungs: number[]
  bakeTimeMs: number
  rampTooLong?: string
}

/** The domains whose DNS preflight checks: the named one, else those mapped to this stage. */
export function domainsToCheck(
  domains: DomainInfo[],
  restApiId: string,
  stage: string,
  named: string | undefined
): DomainInfo[] {
  if (named !== undefined)
    return domains.filter((d) => d.domainName.toLowerCase() === named.toLowerCase())
  return domains.filter((d) =>
    d.mappings.some((m) => m.restApiId === restApiId && (!m.stage || m.stage === stage))
  )
}

export function preflightChecks(f: PreflightFacts, p: PreflightPlan): CheckResult[] {
  const checks: CheckResult[] = [checkRegionalApi(f.api)]
  checks.push(
    checkCustomDomain({
      restApiId: p.restApiId,
      stage: p.stage,
      region: p.region,
      domains: f.domains,
      ...(p.domainName !== undefined ? { domainName: p.domainName } : {})
    })
  )
  const dns = Array.isArray(f.domains)
    ? domainsToCheck(f.domains, p.restApiId, p.stage, p.domainName)
    : []
  if (dns.length === 0) {
    checks.push({
      id: 'route53-alias',
      title: 'Route 53 alias to the custom domain',
      status: 'skipped',
      found: 'No custom domain to check: customers call the execute-api URL.'
    })
  }
  for (const d of dns)
    checks.push(checkRoute53Alias({ domain: d, records: f.records[d.domainName] }))
  if (f.settings) {
    checks.push(
      checkLoggingAndMetrics({
        restApiId: p.restApiId,
        stage: p.stage,
        settings: f.settings,
        account: f.account
      })
    )
  }
  const { alarms: _perAlarm, ...alarms } = checkAlarms({
    apiName: f.api.name,
    stage: p.stage,
    canaryStage: f.canaryStage,
    rungs: p.rungs,
    gatingAlarms: f.gatingAlarms,
    alarms: f.alarms,
    bakeTimeMs: p.bakeTimeMs
  })
  checks.push(alarms)
  checks.push(
    checkStageReady({
      stage: p.stage,
      where: { restApiId: p.restApiId, stage: p.stage, region: p.region },
      ...(f.stageNames ? { stages: f.stageNames } : {}),
      ...(f.current ? { current: f.current } : {}),
      ...(p.commit !== undefined ? { commit: p.commit } : {}),
      ...(p.rampTooLong ? { rampTooLong: p.rampTooLong } : {})
    })
  )
  if (f.backends)
    checks.push(
      ...checkBackends(f.backends, { region: p.region, restApiId: p.restApiId, stage: p.stage })
    )
  const iac = f.settings && checkInfrastructureAsCode(f.settings.tags ?? {}, p.stage)
  if (iac) checks.push(iac)
  return checks
}

/**
 * The failures that stop the step. `fail`: every ❌. `warn`: only those that
 * make the release unsafe: a gating alarm missing or unable to fire, a stage
 * that does not exist, a named custom domain that does not reach the stage.
 * With no alarm configured, the release is ungated on purpose: the command's
 * own warning says so.
 */
export function blockingChecks(
  checks: CheckResult[],
  mode: 'fail' | 'warn',
  f: Pick<PreflightFacts, 'gatingAlarms' | 'current'>
): CheckResult[] {
  const failed = checks.filter((c) => c.status === 'fail')
  if (mode === 'fail') return failed
  return failed.filter(
    (c) =>
      (c.id === 'alarms' && f.gatingAlarms.length > 0) ||
      (c.id === 'stage-ready' && f.current === undefined) ||
      c.id === 'custom-domain' ||
      // Every canary request would fail: a backend missing, or one API Gateway may not call.
      c.id === 'backend'
  )
}

export const CHECK_ICON = { pass: '✅', warn: '⚠️', fail: '❌', skipped: '⏭️' } as const

/** What preflight reads about: this stage, its domain and zone, its gating alarms. */
export interface PreflightQuery {
  restApiId: string
  stage: string
  domainName: string | undefined
  hostedZoneId: string | undefined
  alarmNames: string[]
  alarmNamePrefix: string | undefined
  canaryMetricsStage: string | undefined
  /** The canary's stage variable overrides; undefined: the existing canary's (backend check). */
  overrides: Record<string, string> | undefined
}
