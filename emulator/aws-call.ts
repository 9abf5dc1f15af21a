/**
 * One AWS call through the emulator: identify the operation, refuse it when
 * access to it is denied, roll the fault dice and check the quotas, run it, log it. The server writes the answer
 * (or drops the connection) after the configured latency.
 */
import type { CallRecord } from './common/calls.js'
import { asAwsError } from './common/errors.js'
import type { FaultKind } from './common/faults.js'
import type { Answer, Request } from './common/protocol.js'
import { DEFAULT_REGION, regionFromAuthorization } from './common/wire.js'
import type { EmulatorState } from './state.js'

/** What to do with the connection: write an answer, or drop it (a reset fault). */
export type Outcome = { kind: 'answer'; answer: Answer } | { kind: 'drop' }

export function serveAwsCall(state: EmulatorState, req: Request): Outcome {
  const time = new Date().toISOString()
  const protocol = state.protocolFor(req)
  const region = regionFromAuthorization(req.headers.authorization)
  const call = protocol.identify(req)
  const { operation, input } = call
  const record: CallRecord = {
    service: protocol.service,
    operation,
    time,
    status: 0,
    input: structuredClone(input)
  }
  const fail = (e: unknown): Answer => {
    const err = asAwsError(e)
    record.error = err.code
    return protocol.error(err)
  }

  let answer: Answer | undefined
  let fault: FaultKind | 'quota' | undefined
  const denied = call.refused
    ? undefined
    : state.access.check(protocol.service, operation, req.method, region ?? DEFAULT_REGION)
  if (call.refused) {
    answer = fail(call.refused)
  } else if (denied) {
    answer = fail(denied)
  } else {
    fault = state.faults.decide(operation)
    if (!fault && protocol.quotas && !state.quotas.admit(operation)) fault = 'quota'
    if (fault === 'throttle' || fault === 'quota') answer = fail(protocol.throttled())
    else if (fault === 'error') answer = fail(protocol.unavailable())
    if (!fault || (fault === 'reset' && state.faults.resetAfterApply)) {
      try {
        answer = protocol.execute(call, region)
      } catch (e) {
        answer = fail(e)
      }
    }
  }
  if (fault) record.fault = fault

  if (fault === 'reset') {
    state.calls.add(record)
    return { kind: 'drop' }
  }
  const a = answer ?? fail('no answer')
  record.status = a.status
  state.calls.add(record)
  return { kind: 'answer', answer: a }
}
