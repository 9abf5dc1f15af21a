/** API Gateway (REST APIs, v1): the data the emulator keeps and how it goes on the wire. */
import { badRequest } from './errors.js'
import { Double, epochSeconds } from '../common/wire.js'

export interface CanarySettings {
  deploymentId: string
  percentTraffic: number
  stageVariableOverrides: Record<string, string>
  useStageCache: boolean
}

export interface MethodSetting {
  [key: string]: string | number | boolean
}

export interface AccessLogSettings {
  format?: string
  destinationArn?: string
}

/** What a method setting holds once any of its fields is set (AWS answers them all). */
export const METHOD_SETTING_DEFAULTS: MethodSetting = {
  metricsEnabled: false,
  loggingLevel: 'OFF',
  dataTraceEnabled: false,
  throttlingBurstLimit: 5000,
  throttlingRateLimit: 10000,
  cachingEnabled: false,
  cacheTtlInSeconds: 300,
  cacheDataEncrypted: false,
  requireAuthorizationForCacheControl: true,
  unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER'
}

export interface EndpointConfiguration {
  types: string[]
  ipAddressType: string
  vpcEndpointIds?: string[]
}

export interface Stage {
  stageName: string
  deploymentId: string
  description?: string
  variables: Record<string, string>
  cacheClusterEnabled: boolean
  cacheClusterSize?: string
  tracingEnabled: boolean
  clientCertificateId?: string
  methodSettings: Record<string, MethodSetting>
  accessLogSettings?: AccessLogSettings
  canarySettings?: CanarySettings
  tags: Record<string, string>
  createdDate: number
  lastUpdatedDate: number
}

/** A method's integration: where API Gateway sends the method's requests. */
export interface Integration {
  type: string
  /** The integration's own HTTP method (`httpMethod` on the wire). */
  httpMethod?: string
  /** May hold `${stageVariables.name}`, resolved per request with the stage's (or canary's) variables. */
  uri?: string
  connectionType: string
  connectionId?: string
  credentials?: string
  passthroughBehavior: string
  timeoutInMillis: number
  cacheNamespace: string
  cacheKeyParameters: string[]
  requestParameters?: Record<string, string>
  requestTemplates?: Record<string, string>
}

export interface Method {
  httpMethod: string
  authorizationType: string
  apiKeyRequired: boolean
  requestParameters?: Record<string, boolean>
  integration?: Integration
}

export interface Resource {
  id: string
  /** By HTTP method (GET, POST, ..., ANY). */
  methods: Map<string, Method>
}

export interface Deployment {
  id: string
  description?: string
  createdDate: number
  /** What the deployment serves: the API's resources, methods and integrations when it was made. */
  resources: Map<string, Resource>
}

export interface RestApi {
  id: string
  name: string
  description?: string
  version?: string
  createdDate: number
  rootResourceId: string
  apiKeySource: string
  endpointConfiguration: EndpointConfiguration
  disableExecuteApiEndpoint: boolean
  tags: Record<string, string>
  /** Resources by path, with their methods and integrations. */
  resources: Map<string, Resource>
  /** Warnings of the last import (PutRestApi / ImportRestApi). */
  warnings: string[]
  deployments: Map<string, Deployment>
  stages: Map<string, Stage>
}

export const MAX_STAGES_PER_API = 10
export const MAX_STAGE_VARIABLES = 100

const VAR_NAME_RE = /^[A-Za-z0-9_]+$/
const VAR_VALUE_RE = /^[A-Za-z0-9\-._~:/?#&=,]+$/

/** Throws when `vars` holds more stage variables than a stage may have. */
export function checkVariableCount(vars: Record<string, string>): void {
  if (Object.keys(vars).length > MAX_STAGE_VARIABLES) {
    throw badRequest(`A stage may have at most ${MAX_STAGE_VARIABLES} stage variables`)
  }
}

/** Why a stage variable (or canary override) is invalid, or undefined when it is fine. */
export function stageVariableProblem(name: string, value: string): string | undefined {
  if (!VAR_NAME_RE.test(name) || name.length > 64) {
    return `Stage variable name ${name} must only contain alphanumeric characters and underscores and be at most 64 characters long`
  }
  if (!VAR_VALUE_RE.test(value) || value.length > 512) {
    return `Stage variable value ${value} for variable ${name} must match the regular expression [A-Za-z0-9-._~:/?#&=,]+ and be at most 512 characters long`
  }
  return undefined
}

export function canaryToWire(c: CanarySettings): Record<string, unknown> {
  const out: Record<string, unknown> = {
    deploymentId: c.deploymentId,
    percentTraffic: new Double(c.percentTraffic),
    useStageCache: c.useStageCache
  }
  if (Object.keys(c.stageVariableOverrides).length > 0) {
    out.stageVariableOverrides = { ...c.stageVariableOverrides }
  }
  return out
}

export function stageToWire(s: Stage): Record<string, unknown> {
  const out: Record<string, unknown> = {
    deploymentId: s.deploymentId,
    stageName: s.stageName
  }
  if (s.description !== undefined) out.description = s.description
  if (s.clientCertificateId !== undefined) out.clientCertificateId = s.clientCertificateId
  out.cacheClusterEnabled = s.cacheClusterEnabled
  if (s.cacheClusterSize !== undefined) out.cacheClusterSize = s.cacheClusterSize
  out.cacheClusterStatus = s.cacheClusterEnabled ? 'AVAILABLE' : 'NOT_AVAILABLE'
  out.methodSettings = Object.fromEntries(
    Object.entries(s.methodSettings).map(([k, v]) => [k, methodSettingToWire(v)])
  )
  if (s.accessLogSettings) out.accessLogSettings = { ...s.accessLogSettings }
  if (Object.keys(s.variables).length > 0) out.variables = { ...s.variables }
  if (s.canarySettings) out.canarySettings = canaryToWire(s.canarySettings)
  out.tracingEnabled = s.tracingEnabled
  if (Object.keys(s.tags).length > 0) out.tags = { ...s.tags }
  out.createdDate = Math.floor(epochSeconds(s.createdDate))
  out.lastUpdatedDate = Math.floor(epochSeconds(s.lastUpdatedDate))
  return out
}

function methodSettingToWire(m: MethodSetting): Record<string, unknown> {
  const out: Record<string, unknown> = { ...METHOD_SETTING_DEFAULTS, ...m }
  out.throttlingRateLimit = new Double(Number(out.throttlingRateLimit))
  return out
}

export function endpointToWire(e: EndpointConfiguration): Record<string, unknown> {
  const out: Record<string, unknown> = { types: [...e.types], ipAddressType: e.ipAddressType }
  if (e.vpcEndpointIds) out.vpcEndpointIds = [...e.vpcEndpointIds]
  return out
}

export function deploymentToWire(d: Deployment, apiSummary = false): Record<string, unknown> {
  const out: Record<string, unknown> = { id: d.id }
  if (d.description !== undefined) out.description = d.description
  out.createdDate = Math.floor(epochSeconds(d.createdDate))
  if (apiSummary) {
    const summary: Record<string, Record<string, unknown>> = {}
    for (const [path, r] of d.resources) {
      if (r.methods.size === 0) continue
      summary[path] = Object.fromEntries(
        [...r.methods.values()].map((m) => [
          m.httpMethod,
          { authorizationType: m.authorizationType, apiKeyRequired: m.apiKeyRequired }
        ])
      )
    }
    out.apiSummary = summary
  }
  return out
}

export function integrationToWire(i: Integration): Record<string, unknown> {
  return structuredClone({ ...i })
}

export function methodToWire(m: Method): Record<string, unknown> {
  const out: Record<string, unknown> = {
    httpMethod: m.httpMethod,
    authorizationType: m.authorizationType,
    apiKeyRequired: m.apiKeyRequired
  }
  if (m.requestParameters) out.requestParameters = { ...m.requestParameters }
  if (m.integration) out.methodIntegration = integrationToWire(m.integration)
  return out
}

export function restApiToWire(a: RestApi): Record<string, unknown> {
  const out: Record<string, unknown> = { id: a.id, name: a.name }
  if (a.description !== undefined) out.description = a.description
  out.createdDate = Math.floor(epochSeconds(a.createdDate))
  if (a.version !== undefined) out.version = a.version
  out.apiKeySource = a.apiKeySource
  if (a.warnings.length > 0) out.warnings = [...a.warnings]
  out.endpointConfiguration = endpointToWire(a.endpointConfiguration)
  if (Object.keys(a.tags).length > 0) out.tags = { ...a.tags }
  out.disableExecuteApiEndpoint = a.disableExecuteApiEndpoint
  out.rootResourceId = a.rootResourceId
  return out
}

export function cloneStage(s: Stage): Stage {
  return structuredClone(s)
}

/** The account-wide settings (GetAccount, UpdateAccount). */
export interface Account {
  cloudwatchRoleArn?: string
}

/** A custom domain name and its base path mappings. */
export interface BasePathMapping {
  basePath: string
  restApiId: string
  stage?: string
}

export interface DomainName {
  domainName: string
  certificateArn?: string
  regionalCertificateArn?: string
  endpointConfiguration: EndpointConfiguration
  regionalDomainName?: string
  regionalHostedZoneId?: string
  distributionDomainName?: string
  domainNameStatus: string
  domainNameStatusMessage?: string
  securityPolicy: string
  tags: Record<string, string>
  mappings: BasePathMapping[]
}
