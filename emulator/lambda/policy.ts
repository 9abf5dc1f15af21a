/**
 * AddPermission, RemovePermission and GetPolicy: one resource-based policy
 * per qualifier (the unqualified function, a version, an alias), written as
 * the JSON policy document Lambda answers, e.g. for API Gateway:
 * `{"Sid": ..., "Effect": "Allow", "Principal": {"Service": "apigateway.amazonaws.com"},
 * "Action": "lambda:InvokeFunction", "Resource": "arn:...:function:f:live",
 * "Condition": {"ArnLike": {"AWS:SourceArn": "arn:aws:execute-api:..."}}}`.
 */
import { randomUUID } from 'node:crypto'

import { preconditionFailed, resourceConflict, resourceNotFound, validation } from './errors.js'
import { type LambdaFunction, type Statement, functionArn, functionRef } from './model.js'
import type { LambdaInput, LambdaResult, LambdaService } from './service.js'

const ACTION_RE = /^(lambda:[*]|lambda:[a-zA-Z]+|[*])$/
const SID_RE = /^([a-zA-Z0-9-_.]+)$/

const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)

/** The policy key of a qualifier: `$LATEST` and none share the function's own policy. */
const keyOf = (qualifier: string | undefined): string =>
  qualifier === undefined || qualifier === '$LATEST' ? '' : qualifier

function principalOf(p: string): Statement['Principal'] {
  if (p === '*') return '*'
  if (/^\d{12}$/.test(p)) return { AWS: `arn:aws:iam::${p}:root` }
  if (p.startsWith('arn:')) return { AWS: p }
  return { Service: p }
}

/** The function named by the request, with its qualifier checked to exist. */
function target(svc: LambdaService, i: LambdaInput, region: string) {
  const ref = functionRef(i.FunctionName, i.Qualifier)
  const f = svc.fn(ref, region)
  if (ref.qualifier !== undefined) svc.resolve(f, ref.qualifier)
  return { f, qualifier: ref.qualifier }
}

function checkRevision(f: LambdaFunction, revision: unknown): void {
  if (typeof revision === 'string' && revision !== '' && revision !== f.policyRevision) {
    throw preconditionFailed(
      'The Revision Id provided does not match the latest Revision Id. Call the GetPolicy API to retrieve the latest Revision Id'
    )
  }
}

export function addPermission(svc: LambdaService, i: LambdaInput, region: string): LambdaResult {
  const { f, qualifier } = target(svc, i, region)
  const sid = str(i.StatementId) ?? ''
  if (!SID_RE.test(sid) || sid.length > 100) {
    throw validation(
      sid,
      'statementId',
      'Member must satisfy regular expression pattern: ([a-zA-Z0-9-_.]+)'
    )
  }
  const action = str(i.Action) ?? ''
  if (!ACTION_RE.test(action)) {
    throw validation(
      action,
      'action',
      'Member must satisfy regular expression pattern: (lambda:[*]|lambda:[a-zA-Z]+|[*])'
    )
  }
  const principal = str(i.Principal)
  if (principal === undefined) {
    throw validation('null', 'principal', 'Member must not be null')
  }
  checkRevision(f, i.RevisionId)
  const key = keyOf(qualifier)
  const statements = f.policies.get(key) ?? []
  if (statements.some((s) => s.Sid === sid)) {
    throw resourceConflict(
      `The statement id (${sid}) provided already exists. Please provide a new statement id, or remove the existing statement.`
    )
  }
  const statement: Statement = {
    Sid: sid,
    Effect: 'Allow',
    Principal: principalOf(principal),
    Action: action,
    Resource: functionArn(region, f.name, qualifier)
  }
  const condition: Record<string, Record<string, string>> = {}
  const sourceAccount = str(i.SourceAccount)
  if (sourceAccount) condition.StringEquals = { 'AWS:SourceAccount': sourceAccount }
  const org = str(i.PrincipalOrgID)
  if (org) condition.StringEquals = { ...condition.StringEquals, 'aws:PrincipalOrgID': org }
  const sourceArn = str(i.SourceArn)
  if (sourceArn) condition.ArnLike = { 'AWS:SourceArn': sourceArn }
  if (Object.keys(condition).length > 0) statement.Condition = condition
  f.policies.set(key, [...statements, statement])
  f.policyRevision = randomUUID()
  return { status: 201, body: { Statement: JSON.stringify(statement) } }
}

export function removePermission(svc: LambdaService, i: LambdaInput, region: string): LambdaResult {
  const { f, qualifier } = target(svc, i, region)
  checkRevision(f, i.RevisionId)
  const key = keyOf(qualifier)
  const sid = String(i.StatementId ?? '')
  const statements = f.policies.get(key) ?? []
  if (!statements.some((s) => s.Sid === sid)) {
    throw resourceNotFound(`Statement ${sid} is not found in resource policy.`)
  }
  const rest = statements.filter((s) => s.Sid !== sid)
  if (rest.length > 0) f.policies.set(key, rest)
  else f.policies.delete(key)
  f.policyRevision = randomUUID()
  return { status: 204 }
}

export function getPolicy(svc: LambdaService, i: LambdaInput, region: string): LambdaResult {
  const { f, qualifier } = target(svc, i, region)
  const statements = f.policies.get(keyOf(qualifier))
  if (!statements) throw resourceNotFound('The resource you requested does not exist.')
  const policy = { Version: '2012-10-17', Id: 'default', Statement: statements }
  return { status: 200, body: { Policy: JSON.stringify(policy), RevisionId: f.policyRevision } }
}
