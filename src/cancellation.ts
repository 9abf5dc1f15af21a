import { CancelledError } from './errors.js'
import type { Logger } from './ports.js'
import { CANCEL_WRITE_GRACE_MS } from './steps/recovery.js'

export interface Cancellation {
  /** Aborts, with a CancelledError, when the runner sends SIGINT or SIGTERM. */
  signal: AbortSignal
  /** Aborts CANCEL_WRITE_GRACE_MS after `signal`: how long a traffic write in flight may still take. */
  writeGrace: AbortSignal
  /** Stops listening. */
  stop(): void
}

/**
 * Listens for the runner's cancel: SIGINT, then SIGTERM 7.5 s later, then a
 * kill (docs/aws-behaviour.md#the-github-runner). The first signal cancels the run.
 */
export function listenForCancel(
  signals: Pick<NodeJS.EventEmitter, 'on' | 'off'>,
  log: Logger
): Cancellation {
  const cancel = new AbortController()
  const writeGrace = new AbortController()
  let graceTimer: NodeJS.Timeout | undefined
  const onSignal = (name: string) => {
    if (cancel.signal.aborted) return
    log.warning(`Received ${name}: cancelling.`)
    cancel.abort(new CancelledError(`cancelled: the runner sent ${name}`))
    graceTimer = setTimeout(() => writeGrace.abort(cancel.signal.reason), CANCEL_WRITE_GRACE_MS)
    graceTimer.unref()
  }
  const onInt = () => onSignal('SIGINT')
  const onTerm = () => onSignal('SIGTERM')
  signals.on('SIGINT', onInt)
  signals.on('SIGTERM', onTerm)
  return {
    signal: cancel.signal,
    writeGrace: writeGrace.signal,
    stop() {
      clearTimeout(graceTimer)
      signals.off('SIGINT', onInt)
      signals.off('SIGTERM', onTerm)
    }
  }
}
