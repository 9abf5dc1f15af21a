import * as core from '@actions/core'
import type { Logger } from '../ports.js'
import { logText } from './untrusted.js'

/**
 * Logs, groups, annotations and debug lines through @actions/core. Messages
 * carry text the action did not write (names, reasons, descriptions, AWS's
 * errors), so every one, group titles and annotation titles included, goes
 * through logText() first: one physical line that the runner cannot read as a
 * workflow command, secrets redacted. @actions/core escapes only the payload
 * of the commands it writes (annotations, groups, debug); core.info() prints
 * its argument as it is.
 */
export const runnerLogger: Logger = {
  info: (m) => core.info(logText(m)),
  warning: (m, title) => core.warning(logText(m), title ? { title: logText(title) } : {}),
  error: (m, title) => core.error(logText(m), title ? { title: logText(title) } : {}),
  group: (name, fn) => core.group(logText(name), fn),
  // Shown when the run is re-run with debug logging (ACTIONS_STEP_DEBUG / RUNNER_DEBUG).
  debug: (m) => core.debug(logText(m))
}

/** Fails the step with an error annotation, its message made safe like the logger's. */
export function failStep(message: string): void {
  core.setFailed(logText(message))
}
