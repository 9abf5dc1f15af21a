/**
 * The backend check's reads (docs/preflight.md#7-backends): the API's
 * integrations (GetResources with its methods embedded, paged with a bound),
 * then per Lambda function the integrations name, the function, its alias or
 * version, and its resource policy. Never a write. A read the role may not
 * make is Denied, naming the IAM action; a missing resource is `missing`.
 */
import { isNotFound } from '../aws/explain-error.js'
import { type APIGatewayClient, GetResourcesCommand } from '@aws-sdk/client-api-gateway'
import {
  GetAliasCommand,
  GetFunctionCommand,
  GetPolicyCommand,
  type LambdaClient
} from '@aws-sdk/client-lambda'
import { type Denied, isDenied } from '../preflight/types.js'
import { orDenied } from '../preflight/aws-dns.js'
import type { BackendFacts, BackendQuery, LambdaFacts } from './decide.js'
import type { PolicyStatement } from './policy.js'
import { type IntegrationInfo, type LambdaTarget, backendsOf } from './targets.js'
import { pages } from '../aws/pages.js'

/** GetResources pages of 500: an API has at most 300 resources by default. */
const MAX_PAGES = 20
/** Functions whose reads (3 calls each) run at once. */
const LAMBDA_READS_AT_ONCE = 4

/** Every method's integration of the API, as `deploy` snapshots it. */
export async function readIntegrations(
  gw: APIGatewayClient,
  restApiId: string,
  signal?: AbortSignal
): Promise<IntegrationInfo[]> {
  const out: IntegrationInfo[] = []
  // Through the shared bound: an API past it fails the read rather than pass on a partial check.
  await pages(
    'GetResources',
    async (position) =>
      (await gw.send(
        new GetResourcesCommand({ restApiId, embed: ['methods'], limit: 500, position }),
        signal ? { abortSignal: signal } : {}
      )) ?? {},
    (r) => r.position,
    (r) => {
      for (const res of r.items ?? []) {
        for (const [method, m] of Object.entries(res.resourceMethods ?? {})) {
          const i = m.methodIntegration
          if (!i?.type) continue
          out.push({
            path: res.path ?? '/',
            method: m.httpMethod ?? method,
            type: i.type,
            ...(i.uri ? { uri: i.uri } : {}),
            ...(i.connectionType ? { connectionType: i.connectionType } : {}),
            ...(i.connectionId ? { connectionId: i.connectionId } : {}),
            ...(i.credentials ? { credentials: i.credentials } : {})
          })
        }
      }
    },
    MAX_PAGES
  )
  return out
}

/** Found, missing or denied: one Lambda read. */
async function probe(action: string, read: () => Promise<unknown>) {
  const r = await orDenied(action, async () => {
    try {
      await read()
      return 'found' as const
    } catch (err) {
      if (isNotFound(err)) return 'missing' as const
      throw err
    }
  })
  return r
}

/** The function, its alias or version, and the qualified function's resource policy. */
export async function readLambda(lambda: LambdaClient, t: LambdaTarget): Promise<LambdaFacts> {
  const unqualified = t.arn.split(':').slice(0, 7).join(':')
  const fn = await orDenied('lambda:GetFunction', async () => {
    try {
      const r = await lambda.send(new GetFunctionCommand({ FunctionName: unqualified }))
      return { arn: r?.Configuration?.FunctionArn ?? unqualified }
    } catch (err) {
      if (isNotFound(err)) return 'missing' as const
      throw err
    }
  })
  if (fn === 'missing' || isDenied(fn)) return { fn, policy: [] }
  const q = t.qualifier
  const qualifier =
    q === undefined
      ? undefined
      : /^\d+$/.test(q)
        ? await probe('lambda:GetFunction', () =>
            lambda.send(new GetFunctionCommand({ FunctionName: unqualified, Qualifier: q }))
          )
        : await probe('lambda:GetAlias', () =>
            lambda.send(new GetAliasCommand({ FunctionName: unqualified, Name: q }))
          )
  if (qualifier === 'missing') return { fn, qualifier, policy: [] }
  const policy = await orDenied('lambda:GetPolicy', async (): Promise<PolicyStatement[]> => {
    try {
      const r = await lambda.send(
        new GetPolicyCommand({ FunctionName: unqualified, ...(q ? { Qualifier: q } : {}) })
      )
      const doc = JSON.parse(r?.Policy ?? '{}') as { Statement?: unknown }
      const st = doc.Statement
      return (Array.isArray(st) ? st : st ? [st] : []) as PolicyStatement[]
    } catch (err) {
      // No policy at all: nothing lets API Gateway in.
      if (isNotFound(err)) return []
      throw err
    }
  })
  return { fn, ...(qualifier !== undefined ? { qualifier } : {}), policy }
}

/** Every read the backend check needs; `lambdaIn(region)` gives a Lambda client for a region. */
export async function readBackends(
  gw: APIGatewayClient,
  lambdaIn: (region: string) => LambdaClient,
  q: BackendQuery
): Promise<BackendFacts> {
  const integrations: IntegrationInfo[] | Denied = await orDenied(
    'apigateway:GET on /restapis/*/resources',
    () => readIntegrations(gw, q.restApiId)
  )
  const lambdas: Record<string, LambdaFacts> = {}
  if (!isDenied(integrations)) {
    const targets = new Map<string, LambdaTarget>()
    for (const b of backendsOf(integrations, q.stageVariables, q.overrides))
      for (const t of [b.stable, b.canary]) if (t.kind === 'lambda') targets.set(t.arn, t)
    // A few functions at a time: Lambda's control-plane reads are throttled per account.
    const all = [...targets.values()]
    for (let i = 0; i < all.length; i += LAMBDA_READS_AT_ONCE) {
      const batch = all.slice(i, i + LAMBDA_READS_AT_ONCE)
      const read = await Promise.all(batch.map((t) => readLambda(lambdaIn(t.region), t)))
      batch.forEach((t, k) => (lambdas[t.arn] = read[k]!))
    }
  }
  return { integrations, stageVariables: q.stageVariables, overrides: q.overrides, lambdas }
}
