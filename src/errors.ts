/** A bad input: one line that names the input and the form it accepts. */
export class InputError extends Error {
  override name = 'InputError'
  constructor(
    readonly input: string,
    message: string
  ) {
    super(message)
  }
}

/** An input's value as an error line shows it: JSON-quoted, and cut so that a huge value cannot flood the log. */
export function shownValue(raw: string, max = 80): string {
  return JSON.stringify(cutText(raw, max))
}

/** At most `max` characters: a value as typed can be huge. */
export const cutText = (s: string, max: number): string =>
  s.length > max ? `${s.slice(0, max - 3)}...` : s

/** A gate refused a traffic increase or a promotion. */
export class GateError extends Error {
  override name = 'GateError'
}

/** The stage is not in a state this command can act on (no canary, canary exists, ...). */
export class StateError extends Error {
  override name = 'StateError'
}

/** Another run changed the canary while this one was ramping it. */
export class ConflictError extends Error {
  override name = 'ConflictError'
}

/** The job was cancelled (SIGINT/SIGTERM from the runner). */
export class CancelledError extends Error {
  override name = 'CancelledError'
  /** When the signal came (performance.now()): the runner's grace counts from here. */
  readonly at = performance.now()
  constructor(
    message = 'cancelled: the runner sent a termination signal',
    /** The signal that cancelled the run, when one did. */
    readonly by?: 'SIGINT' | 'SIGTERM'
  ) {
    super(message)
  }
}

const OWN = new Set([
  'InputError',
  'GateError',
  'StateError',
  'ConflictError',
  'CancelledError',
  'NoAnswerError',
  'PaginationError'
])

/**
 * Takes out of an AWS error message anything that can carry a credential: a
 * SignatureDoesNotMatch answer quotes the canonical request, whose headers
 * include the session token; query-string signing puts the key id and the
 * signature in the URL.
 */
export function redact(message: string): string {
  return message
    .replace(
      /\s*The Canonical String for this request should have been[\s\S]*$/i,
      ' (canonical request omitted)'
    )
    .replace(/(x-amz-security-token[:=]\s*)[^\s'"&,]+/gi, '$1***')
    .replace(/(X-Amz-Credential=|Credential=)[^\s'"&,]+/g, '$1***')
    .replace(/(X-Amz-Signature=|Signature=)[0-9a-f]+/gi, '$1***')
    .replace(/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, '$1***')
}

/** One line for logs and abort-reason: our own errors as they are, others with their name (AWS's error code). */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) {
    const named =
      err.name && err.name !== 'Error' && !OWN.has(err.name) && !err.message.startsWith(err.name)
    // Our own messages carry names the user gave (alarms, stages): only AWS's answers are redacted.
    const text = OWN.has(err.name)
      ? err.message
      : redact(`${named ? `${err.name}: ` : ''}${err.message}`)
    return text.replace(/\s*\n\s*/g, ' ')
  }
  return redact(String(err))
}
