/**
 * Pure: the backend check (docs/preflight.md#7-backends). Per distinct
 * backend (targets.ts), whether it exists and whether API Gateway may call it
 * (policy.ts), as one preflight row: stable target, canary target, verdict,
 * what to do.
 */
import {
  type CheckResult,
  type CheckStatus,
  type Denied,
  isDenied,
  worst
} from '../preflight/types.js'
import { type PolicyStatement, addPermissionCommand, allows, sourceArns } from './policy.js'
import {
  type Backend,
  type IntegrationInfo,
  type LambdaTarget,
  type Target,
  backendsOf,
  targetText
} from './targets.js'

/** What the Lambda reads found for one qualified function. */
export interface LambdaFacts {
  /** The function's own ARN as GetFunction answers it (account and partition); missing or denied. */
  fn: { arn: string } | 'missing' | Denied
  /** The alias or version: found, missing, denied; undefined without a qualifier. */
  qualifier?: 'found' | 'missing' | Denied
  /** The resource policy's statements of the qualified function; [] when it has none. */
  policy: PolicyStatement[] | Denied
}

/** The API and stage the backends serve. */
export interface BackendScope {
  region: string
  restApiId: string
  stage: string
}

/** A preflight row for one backend: the check's result with both sides' targets. */
export interface BackendCheck extends CheckResult {
  backend: { stable: string; canary: string }
}

interface SideVerdict {
  status: CheckStatus
  found: string
  todo?: string
}

const qualifierText = (t: LambdaTarget) =>
  t.qualifier === undefined
    ? '$LATEST'
    : /^\d+$/.test(t.qualifier)
      ? `version ${t.qualifier}`
      : `alias ${t.qualifier}`

function lambdaVerdict(
  t: LambdaTarget,
  f: LambdaFacts | undefined,
  scope: BackendScope,
  methods: Backend['methods'],
  role: string | undefined
): SideVerdict {
  const name = targetText(t)
  const skip = (d: Denied, what: string): SideVerdict => ({
    status: 'skipped',
    found: `Could not read ${what} of ${name}: access denied.`,
    todo: `Allow ${d.denied} to the role the action runs as, to have this checked.`
  })
  if (!f || f.fn === 'missing')
    return {
      status: 'fail',
      found: `${name}: function ${t.functionName} does not exist in ${t.region}.`,
      todo: `Function ${t.functionName} does not exist in ${t.region}: create it, or correct the integration URI or the stage variable that names it.`
    }
  if (isDenied(f.fn)) return skip(f.fn, 'the function')
  if (f.qualifier === 'missing')
    return {
      status: 'fail',
      found: `${name}: ${qualifierText(t)} of ${t.functionName} does not exist.`,
      todo: /^\d+$/.test(t.qualifier ?? '')
        ? `Version ${t.qualifier} of ${t.functionName} does not exist: publish it (aws lambda publish-version) or correct the stage variable.`
        : `Alias ${t.qualifier} of ${t.functionName} does not exist: create it (aws lambda create-alias --function-name ${t.functionName} --name ${t.qualifier} --function-version N) or correct the stage variable.`
    }
  if (isDenied(f.qualifier)) return skip(f.qualifier, `the ${qualifierText(t)}`)
  if (role)
    return {
      status: 'pass',
      found: `${name}: exists; API Gateway invokes it with the integration's role ${role}, so no resource policy is needed (the role's own policy is not checked).`
    }
  if (isDenied(f.policy)) return skip(f.policy, 'the resource policy')
  const fnArn = /^arn:([^:]+):lambda:([^:]+):([^:]+):/.exec(f.fn.arn)
  const partition = fnArn?.[1] ?? t.partition
  const account = fnArn?.[3] ?? t.account
  const api = { partition, account, ...scope }
  const unqualified = f.fn.arn.split(':').slice(0, 7).join(':')
  const invoked = t.qualifier ? `${unqualified}:${t.qualifier}` : unqualified
  const policy = f.policy
  const refused = methods.filter((m) =>
    sourceArns(api, m).some(
      (src) =>
        !policy.some((s) => allows(s, invoked, src, account) || allows(s, t.arn, src, account))
    )
  )
  if (refused.length === 0)
    return { status: 'pass', found: `${name}: exists, and API Gateway may invoke it.` }
  const shown = refused.map((m) => `${m.method} ${m.path}`).join(', ')
  return {
    status: 'fail',
    found: `${name}: its resource policy does not let API Gateway invoke ${qualifierText(t)} for ${shown}: every such request would answer 500 (Invalid permissions on Lambda function).`,
    todo: `API Gateway may not invoke ${name}. Run: ${addPermissionCommand(t, api, refused)}`
  }
}

function sideVerdict(
  t: Target,
  lambda: (arn: string) => LambdaFacts | undefined,
  scope: BackendScope,
  methods: Backend['methods'],
  side: 'canary' | 'stable',
  role: string | undefined
): SideVerdict {
  switch (t.kind) {
    case 'lambda':
      return lambdaVerdict(t, lambda(t.arn), scope, methods, role)
    case 'unresolved':
      return {
        status: 'fail',
        found: `The ${side} leaves ${t.variables.map((v) => `\${stageVariables.${v}}`).join(', ')} unresolved: API Gateway cannot call ${t.text}.`,
        todo:
          side === 'canary'
            ? `Give ${t.variables.join(', ')} a value in stage-variable-overrides or in the stage's variables.`
            : `Set ${t.variables.join(', ')} in the stage's variables.`
      }
    case 'http':
      return { status: 'pass', found: `${targetText(t)} (not called: shown to compare).` }
    case 'other':
      return { status: 'pass', found: `${t.text} (not checked).` }
  }
}

/**
 * Pure: one preflight row for a backend. The canary side's problems fail (its
 * requests would answer errors from the first one); the stable side's warn
 * (it serves them already).
 */
export function checkBackend(
  b: Backend,
  lambda: (arn: string) => LambdaFacts | undefined,
  scope: BackendScope
): BackendCheck {
  const stable = targetText(b.stable)
  const canary = targetText(b.canary)
  const same = stable === canary
  const role = b.integration.credentials
  const c = sideVerdict(b.canary, lambda, scope, b.methods, 'canary', role)
  const s = same ? c : sideVerdict(b.stable, lambda, scope, b.methods, 'stable', role)
  const sStatus: CheckStatus = s.status === 'fail' ? 'warn' : s.status
  const statuses = same ? [c.status] : [c.status, sStatus]
  const status: CheckStatus = statuses.every((x) => x === 'skipped') ? 'skipped' : worst(statuses)
  const used = b.methods.map((m) => `${m.method} ${m.path}`).join(', ')
  const found = same
    ? `${used}: stable and canary call ${canary}. ${c.found}`
    : `${used}: canary ${canary}; stable ${stable}. Canary: ${c.found} Stable: ${s.found}`
  const todo = [c.todo, same ? undefined : s.todo].filter(Boolean).join(' ')
  return {
    id: 'backend',
    title: `Backend ${canary}`,
    status,
    found,
    ...(todo ? { todo } : {}),
    backend: { stable, canary: same ? 'same as stable' : canary }
  }
}

/** What the backend check reads about: the API, the stage's variables, the canary's overrides. */
export interface BackendQuery {
  restApiId: string
  stageVariables: Record<string, string>
  overrides: Record<string, string>
}

/** What the reads found about the backends; Denied when GetResources was refused. */
export interface BackendFacts {
  integrations: IntegrationInfo[] | Denied
  stageVariables: Record<string, string>
  overrides: Record<string, string>
  /** Per invoked function ARN (as the resolved URI names it). */
  lambdas: Record<string, LambdaFacts>
}

/** Pure: every backend row, or one skipped row when the integrations could not be read. */
export function checkBackends(f: BackendFacts, scope: BackendScope): CheckResult[] {
  const title = 'Backends'
  if (isDenied(f.integrations))
    return [
      {
        id: 'backend',
        title,
        status: 'skipped',
        found: 'Could not read the integrations: access denied.',
        todo: `Allow ${f.integrations.denied} to the role the action runs as, to have this checked.`
      }
    ]
  const backends = backendsOf(f.integrations, f.stageVariables, f.overrides)
  if (backends.length === 0)
    return [
      { id: 'backend', title, status: 'pass', found: 'No integration calls a backend (MOCK only).' }
    ]
  return backends.map((b) => checkBackend(b, (arn) => f.lambdas[arn], scope))
}

/** Pure: the checks with `rows` in place of the backend rows they had (the check after an import replaces preflight's). */
export function withBackendRows(
  checks: readonly CheckResult[] | undefined,
  rows: readonly CheckResult[]
): CheckResult[] {
  return [...(checks ?? []).filter((c) => c.id !== 'backend'), ...rows]
}
