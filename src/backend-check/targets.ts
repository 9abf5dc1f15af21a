/**
 * Pure: where each integration sends its requests, with the stage's variables
 * (the stable side) and with the canary's overrides laid over them (the
 * canary side), grouped per distinct backend.
 * https://docs.aws.amazon.com/apigateway/latest/developerguide/stage-variables.html
 */

/** One method's integration, as GetResources (embed=methods) answers it. */
export interface IntegrationInfo {
  /** The resource path, e.g. `/pets/{id}`. */
  path: string
  /** The HTTP method, or ANY. */
  method: string
  /** AWS, AWS_PROXY, HTTP, HTTP_PROXY, MOCK. */
  type: string
  uri?: string
  /** INTERNET or VPC_LINK. */
  connectionType?: string
  connectionId?: string
  /** The role API Gateway invokes the backend with; then no resource policy is needed. */
  credentials?: string
}

/** A Lambda function as an integration names it: `function:NAME[:QUALIFIER]`. */
export interface LambdaTarget {
  kind: 'lambda'
  partition: string
  region: string
  account: string
  functionName: string
  /** An alias name or a version number; undefined: $LATEST. */
  qualifier?: string
  /** The ARN API Gateway invokes (qualified when there is a qualifier). */
  arn: string
}

export type Target =
  | LambdaTarget
  | { kind: 'http'; url: string; vpcLink?: string }
  | { kind: 'other'; text: string }
  | { kind: 'unresolved'; text: string; variables: string[] }

const VARIABLE = /\$\{stageVariables\.([A-Za-z0-9_]+)\}/g

/** A URI with `${stageVariables.x}` replaced; the names no variable gives a value to. */
export function resolveVariables(
  text: string,
  vars: Record<string, string>
): { text: string; unresolved: string[] } {
  const unresolved = new Set<string>()
  const out = text.replace(VARIABLE, (whole, name: string) => {
    const v = vars[name]
    if (v === undefined || v === '') {
      unresolved.add(name)
      return whole
    }
    return v
  })
  return { text: out, unresolved: [...unresolved] }
}

const LAMBDA_URI =
  /^arn:([^:]+):apigateway:([^:]+):lambda:path\/[^/]+\/functions\/(.+)\/invocations$/
const FUNCTION_ARN = /^arn:([^:]+):lambda:([^:]+):([^:]*):function:([^:]+)(?::([^:]+))?$/

/** Pure: where one side of an integration sends its requests. */
export function targetOf(i: IntegrationInfo, vars: Record<string, string>): Target {
  const uri = resolveVariables(i.uri ?? '', vars)
  const link =
    i.connectionType === 'VPC_LINK' ? resolveVariables(i.connectionId ?? '', vars) : undefined
  const unresolved = [...new Set([...uri.unresolved, ...(link?.unresolved ?? [])])]
  if (unresolved.length > 0) {
    const text = link ? `${uri.text} via VPC link ${link.text}` : uri.text
    return { kind: 'unresolved', text, variables: unresolved }
  }
  if (i.type === 'HTTP' || i.type === 'HTTP_PROXY')
    return { kind: 'http', url: uri.text, ...(link ? { vpcLink: link.text } : {}) }
  const lambda = LAMBDA_URI.exec(uri.text)
  const fn = lambda ? FUNCTION_ARN.exec(lambda[3]!) : null
  if (fn) {
    const [, partition, region, account, functionName, qualifier] = fn
    return {
      kind: 'lambda',
      partition: partition!,
      region: region!,
      account: account!,
      functionName: functionName!,
      ...(qualifier ? { qualifier } : {}),
      arn: lambda![3]!
    }
  }
  return { kind: 'other', text: uri.text || i.type }
}

/** How a target shows in the table and the log. */
export function targetText(t: Target): string {
  switch (t.kind) {
    case 'lambda':
      return `Lambda ${t.functionName}${t.qualifier ? `:${t.qualifier}` : ''}`
    case 'http':
      return t.vpcLink ? `${t.url} via VPC link ${t.vpcLink}` : t.url
    case 'other':
      return t.text
    case 'unresolved':
      return `${t.text} (unresolved: ${t.variables.map((v) => `\${stageVariables.${v}}`).join(', ')})`
  }
}

/** One distinct backend: an integration URI (as written) and the methods that use it. */
export interface Backend {
  integration: IntegrationInfo
  methods: Array<{ path: string; method: string }>
  stable: Target
  canary: Target
}

/** Pure: the API's integrations grouped per distinct backend, each side resolved. */
export function backendsOf(
  integrations: IntegrationInfo[],
  stageVars: Record<string, string>,
  overrides: Record<string, string>
): Backend[] {
  const canaryVars = { ...stageVars, ...overrides }
  const byKey = new Map<string, Backend>()
  for (const i of integrations) {
    if (i.type === 'MOCK' || !i.uri) continue
    const key = `${i.type} ${i.uri} ${i.connectionType ?? ''} ${i.connectionId ?? ''}`
    const b = byKey.get(key)
    if (b) b.methods.push({ path: i.path, method: i.method })
    else
      byKey.set(key, {
        integration: i,
        methods: [{ path: i.path, method: i.method }],
        stable: targetOf(i, stageVars),
        canary: targetOf(i, canaryVars)
      })
  }
  return [...byKey.values()]
}
