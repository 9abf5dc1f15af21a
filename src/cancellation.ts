import { CancelledError } from './errors.js'
import type { Logger } from './ports.js'
import { CANCEL_WRITE_GRACE_MS } from './steps/recovery.js'

export interface Cancellation {
  /** Aborts, with a CancelledError, when the runner sends SIGINT or SIGTERM. */
  signal: AbortSignal
  /** Aborts CANCEL_WRITE_GRACE_MS after `signal`: how long a traffic write in flight may still take. */
  writeGrace: AbortSignal
  /** Aborts on a second signal after the cancel (the runner's SIGTERM): the kill is near, stop what is left. */
  terminate: AbortSignal
  /** Stops listening. */
  stop(): void
}

/**
 * Listens for the runner's cancel: SIGINT, then SIGTERM 7.5 s later, then a
 * kill (docs/aws-behaviour.md#the-github-runner). The first signal cancels the run;
 * a second one ends what is still running after the rollback (triage).
 */
export function listenForCancel(
  signals: Pick<NodeJS.EventEmitter, 'on' | 'off'>,
  log: Logger
): Cancellation {
  const cancel = new AbortController()
  const writeGrace = new AbortController()
  const terminate = new AbortController()
  let graceTimer: NodeJS.Timeout | undefined
  const onSignal = (name: 'SIGINT' | 'SIGTERM') => {
    if (cancel.signal.aborted) {
      if (terminate.signal.aborted) return
      log.warning(
        `Received ${name}: the rollback and the outputs go on; triage, if running, stops.`
      )
      terminate.abort(new CancelledError(`cancelled: the runner sent ${name}`, name))
      return
    }
    log.warning(`Received ${name}: cancelling.`)
    cancel.abort(new CancelledError(`cancelled: the runner sent ${name}`, name))
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
    terminate: terminate.signal,
    stop() {
      clearTimeout(graceTimer)
      signals.off('SIGINT', onInt)
      signals.off('SIGTERM', onTerm)
    }
  }
}
