/**
 * `POST /_emulator/access-denied`: operations the caller's IAM identity may
 * not call, answered with the service's AccessDenied error and IAM's message
 * (`User: ... is not authorized to perform: {action} on resource: ... because
 * no identity-based policy allows the {action} action`), before the call
 * takes effect. Names are an operation (`GetPolicy`) or `service:Operation`
 * (`logs:StartQuery`) with the service as the call log names it.
 */
import type { CallRecord } from './calls.js'
import { AwsError } from './errors.js'
import { ACCOUNT_ID, isRecord } from './wire.js'

/** The role the emulator's caller is, in the messages. */
const CALLER = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/apigw-canary-deployer/emulator`

/** IAM's action prefix of each service (API Gateway's actions are HTTP methods). */
const PREFIX: Record<CallRecord['service'], string> = {
  apigateway: 'apigateway',
  cloudwatch: 'cloudwatch',
  route53: 'route53',
  lambda: 'lambda',
  logs: 'logs',
  xray: 'xray'
}

export class AccessPolicy {
  private denied = new Set<string>()

  /** Parses and applies a hook body; an error message for an invalid one. */
  set(body: unknown): string | undefined {
    const ops = isRecord(body) ? body.operations : undefined
    if (isRecord(body) && Object.keys(body).length === 0) {
      this.denied.clear()
      return undefined
    }
    if (!Array.isArray(ops) || !ops.every((o) => typeof o === 'string' && o !== '')) {
      return 'access-denied body must be {"operations": ["GetPolicy", "logs:StartQuery", ...]} or {}'
    }
    this.denied = new Set(ops)
    return undefined
  }

  get(): { operations: string[] } {
    return { operations: [...this.denied] }
  }

  clear(): void {
    this.denied.clear()
  }

  /** The error a denied call is answered with, or undefined when it is allowed. */
  check(
    service: CallRecord['service'],
    operation: string,
    method: string,
    region: string
  ): AwsError | undefined {
    if (!this.denied.has(operation) && !this.denied.has(`${service}:${operation}`)) return undefined
    const action =
      service === 'apigateway' ? `apigateway:${method}` : `${PREFIX[service]}:${operation}`
    const resource =
      service === 'apigateway'
        ? `arn:aws:apigateway:${region}::/*`
        : `arn:aws:${PREFIX[service]}:${region}:${ACCOUNT_ID}:*`
    const message = `User: ${CALLER} is not authorized to perform: ${action} on resource: ${resource} because no identity-based policy allows the ${action} action`
    if (service === 'cloudwatch')
      return new AwsError('AccessDenied', 403, message, 'AccessDeniedException')
    if (service === 'logs') return new AwsError('AccessDeniedException', 400, message)
    return new AwsError('AccessDeniedException', 403, message)
  }
}
