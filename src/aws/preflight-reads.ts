/**
 * The reads behind preflight (docs/preflight.md): few, paged, in parallel
 * where independent, and never a write. A read the role may not make becomes
 * the check's `skipped`, naming the IAM action; other errors fail the step as
 * any failed read does.
 */
import {
  type APIGatewayClient,
  GetAccountCommand,
  GetBasePathMappingsCommand,
  GetDeploymentCommand,
  GetDomainNameCommand,
  GetDomainNamesCommand,
  GetRestApiCommand,
  GetStageCommand,
  type DomainName,
  type GetStageCommandOutput
} from '@aws-sdk/client-api-gateway'
import { type CloudWatchClient, ListMetricsCommand } from '@aws-sdk/client-cloudwatch'
import {
  ListHostedZonesByNameCommand,
  ListResourceRecordSetsCommand,
  type Route53Client
} from '@aws-sdk/client-route-53'
import { commitOf } from '../core/description.js'
import type {
  BasePathMappingInfo,
  Denied,
  DomainInfo,
  RecordInfo,
  StageSettings
} from '../core/preflight.js'
import type { PreflightFacts, PreflightQuery } from '../core/preflight-run.js'
import { readAlarmDetails } from './preflight-alarms.js'

const MAX_PAGES = 50

export const isAccessDenied = (err: unknown): boolean => {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number } }
  return (
    e?.name === 'AccessDenied' ||
    e?.name === 'AccessDeniedException' ||
    e?.$metadata?.httpStatusCode === 403
  )
}

/** The read's answer, or Denied naming the IAM action when the role may not make it. */
export async function orDenied<T>(action: string, read: () => Promise<T>): Promise<T | Denied> {
  try {
    return await read()
  } catch (err) {
    if (isAccessDenied(err)) return { denied: action }
    throw err
  }
}

const isNotFound = (err: unknown) => (err as { name?: string })?.name === 'NotFoundException'

export interface PreflightClients {
  apigateway: APIGatewayClient
  cloudwatch: CloudWatchClient
  /** Absent: the DNS check is skipped. */
  route53?: Route53Client | undefined
}

function settingsOf(s: GetStageCommandOutput): StageSettings {
  const methodSettings: StageSettings['methodSettings'] = {}
  for (const [k, v] of Object.entries(s.methodSettings ?? {})) {
    methodSettings[k] = {
      ...(v.loggingLevel !== undefined ? { loggingLevel: v.loggingLevel } : {}),
      ...(v.metricsEnabled !== undefined ? { metricsEnabled: v.metricsEnabled } : {}),
      ...(v.dataTraceEnabled !== undefined ? { dataTraceEnabled: v.dataTraceEnabled } : {})
    }
  }
  const a = s.accessLogSettings
  return {
    methodSettings,
    ...(a ? { accessLogSettings: { format: a.format, destinationArn: a.destinationArn } } : {}),
    tracingEnabled: s.tracingEnabled === true
  }
}

async function mappingsOf(c: APIGatewayClient, domainName: string): Promise<BasePathMappingInfo[]> {
  const out: BasePathMappingInfo[] = []
  let position: string | undefined
  for (let page = 0; page < MAX_PAGES; page++) {
    const r =
      (await c.send(new GetBasePathMappingsCommand({ domainName, position, limit: 500 }))) ?? {}
    for (const m of r.items ?? []) {
      out.push({
        basePath: m.basePath ?? '(none)',
        restApiId: m.restApiId ?? '',
        ...(m.stage !== undefined ? { stage: m.stage } : {})
      })
    }
    position = r.position
    if (!position) break
  }
  return out
}

const domainOf = (d: DomainName, mappings: BasePathMappingInfo[]): DomainInfo => ({
  domainName: d.domainName ?? '',
  endpointType: d.endpointConfiguration?.types?.[0] ?? 'EDGE',
  domainNameStatus: d.domainNameStatus ?? 'AVAILABLE',
  ...(d.domainNameStatusMessage ? { domainNameStatusMessage: d.domainNameStatusMessage } : {}),
  ...(d.regionalDomainName ? { regionalDomainName: d.regionalDomainName } : {}),
  ...(d.regionalHostedZoneId ? { regionalHostedZoneId: d.regionalHostedZoneId } : {}),
  ...(d.distributionDomainName ? { distributionDomainName: d.distributionDomainName } : {}),
  mappings
})

/** The named domain (none when it does not exist), or every domain of the account, with their mappings. */
async function readDomains(c: APIGatewayClient, named: string | undefined): Promise<DomainInfo[]> {
  let found: DomainName[] = []
  if (named !== undefined) {
    try {
      const d = await c.send(new GetDomainNameCommand({ domainName: named }))
      if (d) found = [d]
    } catch (err) {
      if (!isNotFound(err)) throw err
    }
  } else {
    let position: string | undefined
    for (let page = 0; page < MAX_PAGES; page++) {
      const r = (await c.send(new GetDomainNamesCommand({ position, limit: 500 }))) ?? {}
      found.push(...(r.items ?? []))
      position = r.position
      if (!position) break
    }
  }
  return Promise.all(
    found
      .filter((d) => d.domainName)
      .map(async (d) => domainOf(d, await mappingsOf(c, d.domainName!)))
  )
}

const bare = (name: string) => name.toLowerCase().replace(/\.$/, '')

/** The public hosted zone that holds `domain`: the longest suffix with a zone of its own. */
async function zoneOf(r53: Route53Client, domain: string): Promise<string | undefined> {
  const labels = bare(domain).split('.')
  const suffixes = labels.slice(0, -1).map((_, i) => labels.slice(i).join('.'))
  const zones = await Promise.all(
    suffixes.map(async (s) => {
      const r =
        (await r53.send(new ListHostedZonesByNameCommand({ DNSName: s, MaxItems: 1 }))) ?? {}
      const z = r.HostedZones?.[0]
      return z && bare(z.Name ?? '') === s && !z.Config?.PrivateZone ? z.Id : undefined
    })
  )
  return zones.find((z) => z !== undefined)?.replace(/^\/hostedzone\//, '')
}

/** The records named `domain` in the zone, every page. */
async function recordsOf(
  r53: Route53Client,
  zoneId: string,
  domain: string
): Promise<RecordInfo[]> {
  const out: RecordInfo[] = []
  let next: { name?: string; type?: string; id?: string } = { name: domain }
  for (let page = 0; page < MAX_PAGES; page++) {
    const r =
      (await r53.send(
        new ListResourceRecordSetsCommand({
          HostedZoneId: zoneId,
          StartRecordName: next.name,
          StartRecordType: next.type as never,
          StartRecordIdentifier: next.id
        })
      )) ?? {}
    const sets = r.ResourceRecordSets ?? []
    for (const s of sets) {
      if (bare(s.Name ?? '') !== bare(domain)) continue
      out.push({
        name: s.Name ?? '',
        type: s.Type ?? '',
        ...(s.SetIdentifier !== undefined ? { setIdentifier: s.SetIdentifier } : {}),
        ...(s.Weight !== undefined ? { weight: s.Weight } : {}),
        ...(s.TTL !== undefined ? { ttl: s.TTL } : {}),
        ...(s.ResourceRecords ? { values: s.ResourceRecords.map((v) => v.Value ?? '') } : {}),
        ...(s.AliasTarget
          ? {
              aliasTarget: {
                hostedZoneId: s.AliasTarget.HostedZoneId ?? '',
                dnsName: s.AliasTarget.DNSName ?? ''
              }
            }
          : {})
      })
    }
    const last = sets.at(-1)
    if (!r.IsTruncated || (last && bare(last.Name ?? '') !== bare(domain))) break
    next = { name: r.NextRecordName, type: r.NextRecordType, id: r.NextRecordIdentifier }
  }
  return out
}

async function readRecords(
  r53: Route53Client | undefined,
  zoneInput: string | undefined,
  domain: string
): Promise<RecordInfo[] | Denied | undefined> {
  if (!r53) return undefined
  const zone = zoneInput
    ? zoneInput.replace(/^\/hostedzone\//, '')
    : await orDenied('route53:ListHostedZonesByName', () => zoneOf(r53, domain))
  if (zone === undefined || typeof zone !== 'string') return zone
  return orDenied('route53:ListResourceRecordSets', () => recordsOf(r53, zone, domain))
}

/** The canary's Stage dimension: the input, else found with ListMetrics, else `{stage}/Canary`. */
async function canaryStageOf(cw: CloudWatchClient, apiName: string, q: PreflightQuery) {
  if (q.canaryMetricsStage) return q.canaryMetricsStage
  const listed =
    (await cw.send(
      new ListMetricsCommand({
        Namespace: 'AWS/ApiGateway',
        MetricName: 'Count',
        Dimensions: [{ Name: 'ApiName', Value: apiName }]
      })
    )) ?? {}
  const stages = (listed.Metrics ?? [])
    .map((m) => m.Dimensions?.find((d) => d.Name === 'Stage')?.Value)
    .filter((v): v is string => v !== undefined && v.startsWith(`${q.stage}/`))
  return (
    stages.find((v) => v.toLowerCase() === `${q.stage}/canary`) ?? stages[0] ?? `${q.stage}/Canary`
  )
}

/** Every read preflight needs, as the checks take them. */
export async function readPreflight(
  c: PreflightClients,
  q: PreflightQuery
): Promise<PreflightFacts> {
  const { apigateway: gw, cloudwatch: cw } = c
  const ids = { restApiId: q.restApiId }
  const [api, stage, account, domains, alarms] = await Promise.all([
    gw.send(new GetRestApiCommand(ids)).then((r) => r ?? {}),
    gw.send(new GetStageCommand({ ...ids, stageName: q.stage })).then(
      (r) => r,
      (err: unknown) => {
        if (isNotFound(err)) return undefined
        throw err
      }
    ),
    orDenied('apigateway:GET on /account', async () => {
      const a = (await gw.send(new GetAccountCommand({}))) ?? {}
      return a.cloudwatchRoleArn ? { cloudwatchRoleArn: a.cloudwatchRoleArn } : {}
    }),
    orDenied('apigateway:GET on /domainnames', () => readDomains(gw, q.domainName)),
    orDenied('cloudwatch:DescribeAlarms', () => readAlarmDetails(cw, q))
  ])
  const apiName = api.name ?? q.restApiId
  const checked = Array.isArray(domains)
    ? domains.filter(
        (d) =>
          (q.domainName !== undefined && bare(d.domainName) === bare(q.domainName)) ||
          (q.domainName === undefined &&
            d.mappings.some(
              (m) => m.restApiId === q.restApiId && (!m.stage || m.stage === q.stage)
            ))
      )
    : []
  const [records, canaryStage, canaryDescription] = await Promise.all([
    Promise.all(checked.map((d) => readRecords(c.route53, q.hostedZoneId, d.domainName))),
    canaryStageOf(cw, apiName, q),
    stage?.canarySettings?.deploymentId
      ? gw
          .send(
            new GetDeploymentCommand({ ...ids, deploymentId: stage.canarySettings.deploymentId })
          )
          .then((d) => d?.description)
      : undefined
  ])
  const canary = stage?.canarySettings
  const commit = commitOf(canaryDescription)?.sha
  return {
    api: { name: apiName, endpointTypes: api.endpointConfiguration?.types ?? ['EDGE'] },
    settings: stage ? settingsOf(stage) : undefined,
    current: stage
      ? {
          deploymentId: stage.deploymentId ?? '',
          ...(canary?.deploymentId
            ? {
                canary: {
                  deploymentId: canary.deploymentId,
                  percent: canary.percentTraffic ?? 0,
                  ...(commit ? { commit } : {})
                }
              }
            : {})
        }
      : undefined,
    account,
    domains,
    records: Object.fromEntries(checked.map((d, i) => [d.domainName, records[i]])),
    gatingAlarms: 'denied' in alarms ? q.alarmNames : alarms.gating,
    alarms: 'denied' in alarms ? alarms : alarms.all,
    canaryStage
  }
}
