/**
 * UpdateStage patch operations, with the canary semantics and error messages
 * observed on real API Gateway (docs/aws-behaviour.md#updatestage-patch-operations).
 * Operations apply in order to a copy of the stage; the caller commits the
 * copy only when all succeed. The one implementation of these rules in the
 * repository: tests that fake a stage apply patches with it too.
 */
import { badRequest } from './errors.js'
import {
  type CanarySettings,
  type RestApi,
  type Stage,
  checkVariableCount,
  stageVariableProblem
} from './model.js'
import type { AwsError } from '../common/errors.js'

/** What a patch needs to know of the API: which deployments exist. */
export type DeploymentIds = { deployments: Pick<RestApi['deployments'], 'has'> }

export interface PatchOperation {
  op?: string
  path?: string
  value?: string
  from?: string
}

/** The list AWS prints after "Must be one of:" (its odd punctuation included). */
export const STAGE_PATCHABLE_PATHS =
  '[/deploymentId, /description, /cacheClusterEnabled, /cacheClusterSize, /clientCertificateId, ' +
  '/accessLogSettings, /accessLogSettings/destinationArn, /accessLogSettings/format, ' +
  '/{resourcePath}/{httpMethod}/metrics/enabled, /{resourcePath}/{httpMethod}/logging/dataTrace, ' +
  '/{resourcePath}/{httpMethod}/logging/loglevel, ' +
  '/{resourcePath}/{httpMethod}/throttling/burstLimit/{resourcePath}/{httpMethod}/throttling/rateLimit' +
  '/{resourcePath}/{httpMethod}/caching/ttlInSeconds, /{resourcePath}/{httpMethod}/caching/enabled, ' +
  '/{resourcePath}/{httpMethod}/caching/dataEncrypted, ' +
  '/{resourcePath}/{httpMethod}/caching/requireAuthorizationForCacheControl, ' +
  '/{resourcePath}/{httpMethod}/caching/unauthorizedCacheControlHeaderStrategy, ' +
  '/*/*/metrics/enabled, /*/*/logging/dataTrace, /*/*/logging/loglevel, ' +
  '/*/*/throttling/burstLimit /*/*/throttling/rateLimit /*/*/caching/ttlInSeconds, ' +
  '/*/*/caching/enabled, /*/*/caching/dataEncrypted, ' +
  '/*/*/caching/requireAuthorizationForCacheControl, ' +
  '/*/*/caching/unauthorizedCacheControlHeaderStrategy, /variables/{variable_name}, /tracingEnabled]'

const VALID_OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test']

const invalidPath = (path: string): AwsError =>
  badRequest(`Invalid method setting path: ${path}. Must be one of: ${STAGE_PATCHABLE_PATHS}`)

const cannotRemove = (path: string): AwsError =>
  badRequest(
    `Cannot remove method setting ${path.replace(/^\//, '')} because there is no method setting for this method `
  )

const OVERRIDE_PREFIX = '/canarySettings/stageVariableOverrides/'
const VARIABLE_PREFIX = '/variables/'

/** A JSON-pointer path segment: `~1` is `/`, `~0` is `~`. */
const unescapeSegment = (s: string): string => s.replace(/~1/g, '/').replace(/~0/g, '~')

/** Method-setting leaves, as `/{resourcePath}/{httpMethod}/{leaf}` paths name them. */
const METHOD_SETTING_LEAVES: Record<
  string,
  { key: string; type: 'bool' | 'int' | 'double' | 'str' }
> = {
  'metrics/enabled': { key: 'metricsEnabled', type: 'bool' },
  'logging/dataTrace': { key: 'dataTraceEnabled', type: 'bool' },
  'logging/loglevel': { key: 'loggingLevel', type: 'str' },
  'throttling/burstLimit': { key: 'throttlingBurstLimit', type: 'int' },
  'throttling/rateLimit': { key: 'throttlingRateLimit', type: 'double' },
  'caching/ttlInSeconds': { key: 'cacheTtlInSeconds', type: 'int' },
  'caching/enabled': { key: 'cachingEnabled', type: 'bool' },
  'caching/dataEncrypted': { key: 'cacheDataEncrypted', type: 'bool' },
  'caching/requireAuthorizationForCacheControl': {
    key: 'requireAuthorizationForCacheControl',
    type: 'bool'
  },
  'caching/unauthorizedCacheControlHeaderStrategy': {
    key: 'unauthorizedCacheControlHeaderStrategy',
    type: 'str'
  }
}

const METHOD_SETTING_RE = new RegExp(
  `^/(.+)/([A-Z*]+)/(${Object.keys(METHOD_SETTING_LEAVES).join('|')})$`
)

function parseBool(value: string | undefined, path: string): boolean {
  if (value === 'true') return true
  if (value === 'false') return false
  throw badRequest(`Invalid boolean value '${String(value)}' for path ${path}`)
}

function parsePercent(value: string | undefined): number {
  const n = value === undefined || value.trim() === '' ? NaN : Number(value)
  if (!Number.isFinite(n)) {
    throw badRequest(`Invalid percentTraffic value '${String(value)}'. Must be a number.`)
  }
  if (n < 0 || n > 100) {
    throw badRequest('Canary traffic percentage must be between 0.0 and 100.0')
  }
  return n
}

function requireDeployment(api: DeploymentIds, id: string | undefined): string {
  if (id === undefined || !api.deployments.has(id)) {
    throw badRequest('Deployment id does not exist')
  }
  return id
}

function ensureCanary(stage: Stage): CanarySettings {
  stage.canarySettings ??= {
    deploymentId: stage.deploymentId,
    percentTraffic: 0,
    stageVariableOverrides: {},
    useStageCache: false
  }
  return stage.canarySettings
}

function checkVariable(name: string, value: string | undefined): string {
  if (value === undefined) throw badRequest(`Invalid value for stage variable ${name}: null`)
  const problem = stageVariableProblem(name, value)
  if (problem) throw badRequest(problem)
  return value
}

function applyCanaryOp(stage: Stage, api: DeploymentIds, p: PatchOperation, path: string): void {
  const op = p.op
  if (op === 'add') throw badRequest(`Invalid add operation with path: ${path}`)
  if (op === 'replace') {
    if (path === '/canarySettings/percentTraffic') {
      const percent = parsePercent(p.value)
      ensureCanary(stage).percentTraffic = percent
    } else if (path === '/canarySettings/deploymentId') {
      const id = requireDeployment(api, p.value)
      ensureCanary(stage).deploymentId = id
    } else if (path === '/canarySettings/useStageCache') {
      const b = parseBool(p.value, path)
      ensureCanary(stage).useStageCache = b
    } else if (path.startsWith(OVERRIDE_PREFIX) && path.length > OVERRIDE_PREFIX.length) {
      const name = unescapeSegment(path.slice(OVERRIDE_PREFIX.length))
      const value = checkVariable(name, p.value)
      ensureCanary(stage).stageVariableOverrides[name] = value
    } else {
      throw invalidPath(path)
    }
    return
  }
  if (op === 'remove') {
    if (path === '/canarySettings') {
      delete stage.canarySettings
    } else if (path.startsWith(OVERRIDE_PREFIX) && path.length > OVERRIDE_PREFIX.length) {
      const name = unescapeSegment(path.slice(OVERRIDE_PREFIX.length))
      if (stage.canarySettings) delete stage.canarySettings.stageVariableOverrides[name]
    } else {
      throw cannotRemove(path)
    }
    return
  }
  // move / test on canary paths
  throw badRequest(`Invalid ${String(op)} operation with path: ${path}`)
}

function applyCopy(stage: Stage, p: PatchOperation, path: string): void {
  const from = p.from ?? ''
  const pairOk =
    (path === '/deploymentId' && from === '/canarySettings/deploymentId') ||
    (path === '/variables' && from === '/canarySettings/stageVariableOverrides')
  if (!pairOk) {
    throw badRequest(
      `Invalid copy operation with path: ${path} and from ${from}. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]`
    )
  }
  const canary = stage.canarySettings
  if (!canary) throw badRequest('Promotion not available. Canary does not exist.')
  if (path === '/deploymentId') {
    stage.deploymentId = canary.deploymentId
  } else {
    stage.variables = { ...stage.variables, ...canary.stageVariableOverrides }
    checkVariableCount(stage.variables)
  }
}

const LOGGING_LEVELS = ['OFF', 'ERROR', 'INFO']

/** What a patch needs to know of the account: whether API Gateway may write CloudWatch Logs. */
export interface AccountLogging {
  cloudwatchRoleArn?: string
}

export const NO_LOGS_ROLE =
  'CloudWatch Logs role ARN must be set in account settings to enable logging'

/**
 * A method setting's new value from a patch value. Logging (level ERROR or
 * INFO, or data trace) needs the account's CloudWatch Logs role.
 */
function methodSettingValue(
  leaf: { key: string; type: 'bool' | 'int' | 'double' | 'str' },
  p: PatchOperation,
  path: string,
  account: AccountLogging | undefined
): string | number | boolean {
  let value: string | number | boolean
  if (leaf.type === 'bool') value = parseBool(p.value, path)
  else if (leaf.type === 'str') value = p.value ?? ''
  else {
    const n = Number(p.value)
    if (!Number.isFinite(n)) throw badRequest(`Invalid value '${String(p.value)}' for ${path}`)
    value = leaf.type === 'int' ? Math.trunc(n) : n
  }
  if (leaf.key === 'loggingLevel' && !LOGGING_LEVELS.includes(String(value))) {
    throw badRequest(`Invalid logging level ${String(value)}. Must be one of: [OFF, ERROR, INFO]`)
  }
  const logs =
    (leaf.key === 'loggingLevel' && value !== 'OFF') ||
    (leaf.key === 'dataTraceEnabled' && value === true)
  if (logs && account && !account.cloudwatchRoleArn) throw badRequest(NO_LOGS_ROLE)
  return value
}

const LOG_GROUP_ARN_RE = /^arn:aws[a-z-]*:logs:[a-z0-9-]+:\d{12}:log-group:[\w./#-]+(:\*)?$/
const FIREHOSE_ARN_RE =
  /^arn:aws[a-z-]*:firehose:[a-z0-9-]+:\d{12}:deliverystream\/amazon-apigateway-[\w.-]+$/

/** `replace /accessLogSettings/{destinationArn|format}`, `remove /accessLogSettings`. */
function applyAccessLog(
  stage: Stage,
  p: PatchOperation,
  path: string,
  account: AccountLogging | undefined
): void {
  if (p.op === 'remove' && path === '/accessLogSettings') {
    delete stage.accessLogSettings
    return
  }
  const value = p.value ?? ''
  if (p.op !== 'replace') throw invalidPath(path)
  if (path === '/accessLogSettings/destinationArn') {
    const logs = LOG_GROUP_ARN_RE.test(value)
    if (!logs && !FIREHOSE_ARN_RE.test(value)) {
      throw badRequest(
        `Invalid ARN specified in the request: ${value}. Access logs go to a CloudWatch Logs log group or to a Firehose stream whose name begins with amazon-apigateway-`
      )
    }
    if (logs && account && !account.cloudwatchRoleArn) throw badRequest(NO_LOGS_ROLE)
    stage.accessLogSettings = { ...stage.accessLogSettings, destinationArn: value }
  } else if (path === '/accessLogSettings/format') {
    if (!value.includes('$context.requestId')) {
      throw badRequest('Access Log format must contain $context.requestId')
    }
    stage.accessLogSettings = { ...stage.accessLogSettings, format: value }
  } else {
    throw invalidPath(path)
  }
}

function applyMethodSetting(
  stage: Stage,
  p: PatchOperation,
  path: string,
  account?: AccountLogging
): boolean {
  const m = METHOD_SETTING_RE.exec(path)
  if (!m) return false
  const [, resourcePath = '', httpMethod = '', leafName = ''] = m
  const leaf = METHOD_SETTING_LEAVES[leafName]
  if (!leaf) return false
  const key = `${unescapeSegment(resourcePath)}/${httpMethod}`
  if (p.op === 'remove') {
    if (!stage.methodSettings[key]) throw cannotRemove(key)
    delete stage.methodSettings[key]
    return true
  }
  if (p.op !== 'replace') throw invalidPath(path)
  const value = methodSettingValue(leaf, p, path, account)
  stage.methodSettings[key] = { ...stage.methodSettings[key], [leaf.key]: value }
  return true
}

/** `replace` on the stage's own fields, by path. */
type FieldSetter = (s: Stage, value: string | undefined, api: DeploymentIds) => void
const STAGE_FIELDS = new Map<string, FieldSetter>([
  ['/deploymentId', (s, v, api) => void (s.deploymentId = requireDeployment(api, v))],
  ['/description', (s, v) => void (s.description = v ?? '')],
  [
    '/cacheClusterEnabled',
    (s, v) => void (s.cacheClusterEnabled = parseBool(v, '/cacheClusterEnabled'))
  ],
  ['/cacheClusterSize', (s, v) => void (s.cacheClusterSize = v ?? '')],
  ['/tracingEnabled', (s, v) => void (s.tracingEnabled = parseBool(v, '/tracingEnabled'))],
  ['/clientCertificateId', (s, v) => void (s.clientCertificateId = v ?? '')]
])

function applyOne(
  stage: Stage,
  api: DeploymentIds,
  p: PatchOperation,
  account: AccountLogging | undefined
): void {
  const op = p.op
  const path = p.path ?? ''
  if (op === undefined || !VALID_OPS.includes(op)) {
    throw badRequest(
      `Invalid patch operation specified. Must be one of: [add, remove, replace, move, copy, test]`
    )
  }
  if (!path.startsWith('/')) throw invalidPath(path)

  if (op === 'copy') return applyCopy(stage, p, path)
  if (path === '/canarySettings' || path.startsWith('/canarySettings/')) {
    return applyCanaryOp(stage, api, p, path)
  }

  if (path === '/accessLogSettings' || path.startsWith('/accessLogSettings/')) {
    return applyAccessLog(stage, p, path, account)
  }

  if (path.startsWith(VARIABLE_PREFIX) && path.length > VARIABLE_PREFIX.length) {
    const name = unescapeSegment(path.slice(VARIABLE_PREFIX.length))
    if (op === 'remove') {
      delete stage.variables[name]
      return
    }
    if (op === 'replace' || op === 'add') {
      stage.variables[name] = checkVariable(name, p.value)
      checkVariableCount(stage.variables)
      return
    }
    throw invalidPath(path)
  }

  if (op === 'remove') {
    if (path === '/description') {
      delete stage.description
      return
    }
    if (applyMethodSetting(stage, p, path, account)) return
    throw cannotRemove(path)
  }
  if (op !== 'replace') throw invalidPath(path)

  const set = STAGE_FIELDS.get(path)
  if (set) return set(stage, p.value, api)
  if (applyMethodSetting(stage, p, path, account)) return
  throw invalidPath(path)
}

/**
 * Applies `ops` in order to `stage` (mutated). Throws the first failure. With
 * `account`, enabling execution or CloudWatch access logging needs its role.
 */
export function applyStagePatch(
  stage: Stage,
  api: DeploymentIds,
  ops: readonly PatchOperation[],
  account?: AccountLogging
): void {
  for (const p of ops) applyOne(stage, api, p, account)
}
