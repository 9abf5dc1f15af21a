/**
 * The reads behind preflight (docs/preflight.md): few, paged, in parallel
 * where independent, and never a write. A read the role may not make becomes
 * the check's `skipped`, naming the IAM action; other errors fail the step as
 * any failed read does.
 */
import { isNotFound } from '../aws/explain-error.js'
import {
  type APIGatewayClient,
  GetAccountCommand,
  GetBasePathMappingsCommand,
  GetDeploymentCommand,
  GetDomainNameCommand,
  GetDomainNamesCommand,
  GetRestApiCommand,
  GetStageCommand,
  GetStagesCommand,
  type DomainName,
  type GetStageCommandOutput
} from '@aws-sdk/client-api-gateway'
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { canaryStageDimension } from '../aws/canary-stage-dimension.js'
import type { Route53Client } from '@aws-sdk/client-route-53'
import type { LambdaClient } from '@aws-sdk/client-lambda'
import { readBackends } from '../backend-check/aws-reads.js'
import { commitOf } from '../core/description.js'
import { apiNotFound } from '../core/not-found.js'
import { StateError } from '../errors.js'
import type { BasePathMappingInfo, DomainInfo } from './dns-checks.js'
import type { StageSettings } from './stage-checks.js'
import type { PreflightFacts, PreflightQuery } from './checks.js'
import { readAlarmDetails } from './aws-alarms.js'
import { pages } from '../aws/pages.js'
import { bare, orDenied, readRecords } from './aws-dns.js'

export interface PreflightClients {
  apigateway: APIGatewayClient
  cloudwatch: CloudWatchClient
  /** Absent: the DNS check is skipped. */
  route53?: Route53Client | undefined
  /** A Lambda client for a region; absent: the backend check is skipped. */
  lambdaIn?: ((region: string) => LambdaClient) | undefined
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
    tracingEnabled: s.tracingEnabled === true,
    tags: { ...s.tags }
  }
}

async function mappingsOf(c: APIGatewayClient, domainName: string): Promise<BasePathMappingInfo[]> {
  const out: BasePathMappingInfo[] = []
  await pages(
    'GetBasePathMappings',
    async (position) =>
      (await c.send(new GetBasePathMappingsCommand({ domainName, position, limit: 500 }))) ?? {},
    (r) => r.position,
    (r) => {
      for (const m of r.items ?? []) {
        out.push({
          basePath: m.basePath ?? '(none)',
          restApiId: m.restApiId ?? '',
          ...(m.stage !== undefined ? { stage: m.stage } : {})
        })
      }
    }
  )
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
    await pages(
      'GetDomainNames',
      async (position) => (await c.send(new GetDomainNamesCommand({ position, limit: 500 }))) ?? {},
      (r) => r.position,
      (r) => found.push(...(r.items ?? []))
    )
  }
  return Promise.all(
    found
      .filter((d) => d.domainName)
      .map(async (d) => domainOf(d, await mappingsOf(c, d.domainName!)))
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
    (async () => {
      try {
        return (await gw.send(new GetRestApiCommand(ids))) ?? {}
      } catch (err) {
        if (!isNotFound(err)) throw err
        throw new StateError(apiNotFound({ ...ids, region: await gw.config.region() }))
      }
    })(),
    (async () => {
      try {
        return await gw.send(new GetStageCommand({ ...ids, stageName: q.stage }))
      } catch (err) {
        if (isNotFound(err)) return undefined
        throw err
      }
    })(),
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
  const lambdaIn = c.lambdaIn
  const [records, canaryStage, canaryDescription, stageNames, backends] = await Promise.all([
    Promise.all(checked.map((d) => readRecords(c.route53, q.hostedZoneId, d.domainName))),
    canaryStageDimension(cw, apiName, q.stage, q.canaryMetricsStage).then((d) => d.canaryStage),
    (async () => {
      const id = stage?.canarySettings?.deploymentId
      if (!id) return undefined
      return (await gw.send(new GetDeploymentCommand({ ...ids, deploymentId: id })))?.description
    })(),
    // A missing stage: which stages there are, so that preflight can name the one meant (a role
    // that may not list them only loses the hint).
    stage
      ? undefined
      : (async () => {
          try {
            const r = await gw.send(new GetStagesCommand(ids))
            return (r?.item ?? []).flatMap((st) => (st.stageName ? [st.stageName] : []))
          } catch {
            return undefined
          }
        })(),
    lambdaIn && stage
      ? readBackends(gw, lambdaIn, {
          restApiId: q.restApiId,
          stageVariables: stage.variables ?? {},
          overrides: q.overrides ?? stage.canarySettings?.stageVariableOverrides ?? {}
        })
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
    ...(stageNames ? { stageNames } : {}),
    account,
    domains,
    records: Object.fromEntries(checked.map((d, i) => [d.domainName, records[i]])),
    gatingAlarms: 'denied' in alarms ? q.alarmNames : alarms.gating,
    alarms: 'denied' in alarms ? alarms : alarms.all,
    canaryStage,
    ...(backends ? { backends } : {})
  }
}
