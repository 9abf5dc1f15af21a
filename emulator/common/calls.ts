/** The log behind `GET /_emulator/calls`: every AWS call served, in order. */
import type { FaultKind } from './faults.js'

export interface CallRecord {
  service: 'apigateway' | 'cloudwatch' | 'route53' | 'lambda' | 'logs' | 'xray'
  operation: string
  /** When the request arrived, ISO-8601 with milliseconds. */
  time: string
  /** HTTP status answered; 0 when the connection was dropped. */
  status: number
  /** REST-JSON: path params + query + body; CloudWatch: the JSON body; Route 53: path, query and XML body as fields. */
  input: Record<string, unknown>
  /** The error code answered, when the call failed. */
  error?: string
  /** Set when the answer was injected: a fault, or `quota` for an account-quota 429. */
  fault?: FaultKind | 'quota'
}

export class CallLog {
  private readonly records: CallRecord[] = []

  add(r: CallRecord): void {
    this.records.push(r)
  }

  all(): CallRecord[] {
    return this.records.map((r) => structuredClone(r))
  }

  clear(): void {
    this.records.length = 0
  }
}
