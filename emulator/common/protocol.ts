/** What the server needs of a service to serve its calls: the service's wire protocol. */
import type { IncomingHttpHeaders } from 'node:http'

import type { CallRecord } from './calls.js'
import type { AwsError } from './errors.js'

/** An HTTP answer. */
export interface Answer {
  status: number
  headers: Record<string, string>
  body: string
}

/** One AWS call: its operation and its input. */
export interface Call {
  operation: string
  input: Record<string, unknown>
}

/** A call as a request names it, and the error to answer with when it cannot be served. */
export interface Identified extends Call {
  refused?: AwsError
}

export interface Request {
  method: string
  url: URL
  headers: IncomingHttpHeaders
  body: string
}

export interface ServiceProtocol {
  readonly service: CallRecord['service']
  /** Whether API Gateway's account quotas apply to this service's calls. */
  readonly quotas: boolean
  /** The operation and input of a request, `refused` when it cannot be served. */
  identify(req: Request): Identified
  /** Runs a call that `identify` returned; throws an AwsError when the operation fails. */
  execute(call: Call, region: string | undefined): Answer
  /** An error as this service puts it on the wire. */
  error(e: AwsError): Answer
  /** The errors the fault injection answers with. */
  throttled(): AwsError
  unavailable(): AwsError
}
