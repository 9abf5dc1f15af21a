/**
 * Pure: whether a Lambda function's resource policy lets API Gateway invoke
 * it for a request of this API, as IAM evaluates the policy's conditions.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-apigateway.html#apigateway-permissions
 */
/** The parts of a resource-policy statement the check reads. */
export interface PolicyStatement {
  Sid?: string
  Effect?: string
  Principal?: unknown
  Action?: unknown
  Resource?: unknown
  Condition?: Record<string, Record<string, unknown>>
}

/**
 * IAM's ArnLike (and ArnEquals): the ARN's six colon-separated parts compared
 * one by one, case-sensitively, each with `*` (any run) and `?` (one
 * character) inside that part only; the sixth part is everything after the
 * fifth colon. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
 */
export function arnLike(pattern: string, arn: string): boolean {
  const parts = (s: string) => {
    const p = s.split(':')
    return p.length < 6 ? p : [...p.slice(0, 5), p.slice(5).join(':')]
  }
  const pp = parts(pattern)
  const ap = parts(arn)
  if (pp.length !== ap.length) return false
  return pp.every((p, i) => {
    const re = p
      .replace(/[.+^${}()|[\]\\]/g, '\\$&')
      .replace(/\*/g, '.*')
      .replace(/\?/g, '.')
    return new RegExp(`^${re}$`, 's').test(ap[i]!)
  })
}

const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : v === undefined ? [] : [String(v)]

/** A condition's values under a key, whatever case the key was written in. */
function conditionValues(
  c: PolicyStatement['Condition'],
  operators: string[],
  key: string
): string[] | undefined {
  let found: string[] | undefined
  for (const [op, byKey] of Object.entries(c ?? {})) {
    if (!operators.includes(op)) continue
    for (const [k, v] of Object.entries(byKey ?? {}))
      if (k.toLowerCase() === key.toLowerCase()) found = [...(found ?? []), ...list(v)]
  }
  return found
}

/** Whether one statement lets API Gateway invoke `functionArn` for a request from `sourceArn`. */
export function allows(
  s: PolicyStatement,
  functionArn: string,
  sourceArn: string,
  account: string
): boolean {
  if (s.Effect !== 'Allow') return false
  const principal = s.Principal as { Service?: unknown } | string | undefined
  const services = typeof principal === 'string' ? [principal] : list(principal?.Service)
  if (!services.some((p) => p === 'apigateway.amazonaws.com' || p === '*')) return false
  if (!list(s.Action).some((a) => ['lambda:InvokeFunction', 'lambda:*', '*'].includes(a)))
    return false
  if (!list(s.Resource).some((r) => arnLike(r, functionArn))) return false
  const sources = conditionValues(s.Condition, ['ArnLike', 'ArnEquals'], 'AWS:SourceArn')
  if (sources && !sources.some((p) => arnLike(p, sourceArn))) return false
  const accounts = conditionValues(s.Condition, ['StringEquals', 'StringLike'], 'AWS:SourceAccount')
  if (accounts && !accounts.includes(account)) return false
  return true
}

/** The methods API Gateway may send with ANY: each must be allowed. */
const ANY_METHODS = ['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT']

/** The execute-api ARNs API Gateway invokes a function with, for a method of this stage. */
export function sourceArns(
  api: { partition: string; region: string; account: string; restApiId: string; stage: string },
  m: { path: string; method: string }
): string[] {
  const methods = m.method === 'ANY' ? ANY_METHODS : [m.method]
  return methods.map(
    (method) =>
      `arn:${api.partition}:execute-api:${api.region}:${api.account}:${api.restApiId}/${api.stage}/${method}${m.path}`
  )
}

/** A POSIX shell word: bare when safe, else single-quoted. */
const shellWord = (s: string) =>
  /^[A-Za-z0-9_./=:,@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`

/**
 * The `aws lambda add-permission` that lets this API invoke the function (its
 * alias or version) from any of its stages, for the methods that use it:
 * one method's own ARN, or every method's when several share the backend.
 * Path parameters (`{id}`, `{proxy+}`) become `*`.
 */
export function addPermissionCommand(
  fn: { region: string; functionName: string; qualifier?: string },
  api: { partition: string; region: string; account: string; restApiId: string },
  methods: Array<{ path: string; method: string }>
): string {
  const one = methods.length === 1 ? methods[0]! : undefined
  const scope = one
    ? `${one.method === 'ANY' ? '*' : one.method}${one.path.replace(/\{[^}]*\}/g, '*')}`
    : '*/*'
  const source = `arn:${api.partition}:execute-api:${api.region}:${api.account}:${api.restApiId}/*/${scope}`
  const sid = `apigw-canary-${api.restApiId}-${fn.qualifier ?? 'latest'}`
    .replace(/[^A-Za-z0-9_-]/g, '-')
    .slice(0, 100)
  return [
    'aws lambda add-permission',
    `--region ${shellWord(fn.region)}`,
    `--function-name ${shellWord(fn.functionName)}`,
    ...(fn.qualifier ? [`--qualifier ${shellWord(fn.qualifier)}`] : []),
    `--statement-id ${shellWord(sid)}`,
    '--action lambda:InvokeFunction',
    '--principal apigateway.amazonaws.com',
    `--source-arn ${shellWord(source)}`
  ].join(' ')
}
