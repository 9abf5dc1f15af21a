/**
 * GetAccount and UpdateAccount: the account's CloudWatch Logs role (which
 * stage execution and access logging need) and its throttle limits.
 */
import { badRequest } from './errors.js'
import { str, type Input } from './input.js'
import type { Account } from './model.js'
import type { ApiGatewayService, OperationResult } from './service.js'
import { Double, isRecord } from '../common/wire.js'

const ROLE_ARN_RE = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/

function accountToWire(a: Account): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (a.cloudwatchRoleArn) out.cloudwatchRoleArn = a.cloudwatchRoleArn
  out.throttleSettings = { burstLimit: 5000, rateLimit: new Double(10000) }
  out.features = ['UsagePlans']
  out.apiKeyVersion = '4'
  return out
}

export function getAccount(svc: ApiGatewayService): OperationResult {
  return { status: 200, body: accountToWire(svc.account) }
}

export function updateAccount(svc: ApiGatewayService, i: Input): OperationResult {
  const ops = Array.isArray(i.patchOperations) ? i.patchOperations : []
  const next: Account = { ...svc.account }
  for (const o of ops) {
    const op = isRecord(o) ? str(o.op) : undefined
    const path = isRecord(o) ? str(o.path) : undefined
    const value = isRecord(o) ? str(o.value) : undefined
    if (path !== '/cloudwatchRoleArn' || (op !== 'replace' && op !== 'remove')) {
      throw badRequest(`Invalid patch path ${String(path)} for operation ${String(op)}`)
    }
    if (op === 'remove' || value === undefined || value === '') {
      delete next.cloudwatchRoleArn
    } else if (!ROLE_ARN_RE.test(value)) {
      throw badRequest('The role ARN does not have required permissions set to API Gateway')
    } else {
      next.cloudwatchRoleArn = value
    }
  }
  svc.account = next
  return { status: 200, body: accountToWire(next) }
}
