/**
 * Step 0 preflight: pure checks of what was read from API Gateway, Route 53
 * and CloudWatch, each answering one question about whether a canary release
 * of this stage will work and be watched. docs/preflight.md describes each
 * check, what it reads and what to do about a warning or a failure.
 */
import {
  type CheckStatus,
  type CheckResult,
  type Denied,
  isDenied,
  skippedFor,
  worst,
  type BasePathMappingInfo,
  type DomainInfo
} from './preflight-common.js'

export * from './preflight-common.js'
export * from './preflight-dns.js'
export * from './preflight-stage.js'
export * from './preflight-alarms.js'

// ---- 1. regional API ----------------------------------------------------------

export function checkRegionalApi(api: { endpointTypes: string[] }): CheckResult {
  const base = { id: 'regional-api', title: 'Regional API' }
  const type = api.endpointTypes[0] ?? 'EDGE'
  if (type === 'REGIONAL') {
    return { ...base, status: 'pass', found: 'The REST API has a REGIONAL endpoint.' }
  }
  if (type === 'PRIVATE') {
    return {
      ...base,
      status: 'warn',
      found:
        'The REST API is PRIVATE: it is reached only through interface VPC endpoints. The canary works the same, but only the traffic of those VPCs reaches it, and public custom domains and Route 53 aliases do not apply.',
      todo: 'Make sure enough traffic flows through the VPC endpoints for the canary alarms to see it at the first rung.'
    }
  }
  return {
    ...base,
    status: 'warn',
    found:
      'The REST API is EDGE-optimized: requests pass through a CloudFront distribution that API Gateway manages. The canary split happens at the stage as usual, but Latency includes the edge hop (noisier latency alarms) and a custom domain aliases the distribution (hosted zone Z2FDTNDATAQYW2), not a regional name.',
    todo: 'Prefer a REGIONAL endpoint (UpdateRestApi /endpointConfiguration/types) with a regional custom domain; put CloudFront in front yourself if you need it.'
  }
}

// ---- 2. custom domain -----------------------------------------------------------

export interface DomainCheckInput {
  restApiId: string
  stage: string
  region: string
  /** The domain the user named, if any. */
  domainName?: string
  /** The account's domain names with their mappings; or the IAM action that was denied. */
  domains: DomainInfo[] | Denied
}

const mapsTo = (m: BasePathMappingInfo, api: string, stage: string): boolean =>
  m.restApiId === api && (m.stage === undefined || m.stage === '' || m.stage === stage)

function domainProblems(
  d: DomainInfo,
  api: string,
  stage: string
): { status: CheckStatus; text: string[] } {
  const text: string[] = []
  const statuses: CheckStatus[] = []
  if (d.domainNameStatus === 'UPDATING') {
    statuses.push('warn')
    text.push(`${d.domainName} is UPDATING`)
  } else if (d.domainNameStatus !== 'AVAILABLE') {
    statuses.push('fail')
    text.push(
      `${d.domainName} is ${d.domainNameStatus}${d.domainNameStatusMessage ? ` (${d.domainNameStatusMessage})` : ''}`
    )
  }
  if (d.endpointType !== 'REGIONAL') {
    statuses.push('warn')
    text.push(`${d.domainName} is ${d.endpointType}, not REGIONAL`)
  }
  const mine = d.mappings.filter((m) => mapsTo(m, api, stage))
  if (mine.length === 0) {
    statuses.push('fail')
    text.push(`${d.domainName} has no base path mapping to ${api}/${stage}`)
  } else if (mine.every((m) => !m.stage)) {
    statuses.push('warn')
    text.push(
      `${d.domainName} maps ${mine.map((m) => m.basePath).join(', ')} to ${api} without a stage: callers pick the stage in the path`
    )
  }
  return { status: worst(statuses), text }
}

export function checkCustomDomain(i: DomainCheckInput): CheckResult {
  const base = { id: 'custom-domain', title: 'Custom domain mapped to this API and stage' }
  if (isDenied(i.domains))
    return skippedFor(base.id, base.title, i.domains, 'the custom domain names')
  const execute = `https://${i.restApiId}.execute-api.${i.region}.amazonaws.com/${i.stage}`
  if (i.domainName !== undefined) {
    const d = i.domains.find((x) => x.domainName.toLowerCase() === i.domainName?.toLowerCase())
    if (!d) {
      return {
        ...base,
        status: 'fail',
        found: `The custom domain ${i.domainName} does not exist in this account and region.`,
        todo: 'Check the domain name and the region, or leave the domain out to check the execute-api URL.'
      }
    }
    const p = domainProblems(d, i.restApiId, i.stage)
    return p.status === 'pass'
      ? {
          ...base,
          status: 'pass',
          found: `${d.domainName} is AVAILABLE, REGIONAL and maps to ${i.restApiId}/${i.stage}.`
        }
      : {
          ...base,
          status: p.status,
          found: `${p.text.join('; ')}.`,
          todo: 'Wait for the domain to be AVAILABLE (re-import or validate its certificate if it says so) and map a base path to this API and stage (CreateBasePathMapping).'
        }
  }
  const mapped = i.domains.filter((d) => d.mappings.some((m) => mapsTo(m, i.restApiId, i.stage)))
  if (mapped.length === 0) {
    return {
      ...base,
      status: 'warn',
      found: `No custom domain maps to ${i.restApiId}/${i.stage}: customers call the execute-api URL ${execute}. The canary works there too.`,
      todo: 'If customers use a custom domain, name it so preflight checks its mapping and DNS.'
    }
  }
  const problems = mapped.map((d) => domainProblems(d, i.restApiId, i.stage))
  const status = worst(problems.map((p) => p.status))
  const names = mapped.map((d) => d.domainName).join(', ')
  return status === 'pass'
    ? { ...base, status, found: `Mapped on ${names}.` }
    : {
        ...base,
        status,
        found: `Mapped on ${names}; ${problems.flatMap((p) => p.text).join('; ')}.`,
        todo: 'Fix the domain named above: it must be AVAILABLE and REGIONAL.'
      }
}
