import * as runner from './runner.js'
import type { Logger } from '../ports.js'
import { logText } from './untrusted.js'

/**
 * Logs, groups and annotations through the runner's protocol (runner.ts). Messages carry text the
 * action did not write (names, reasons, descriptions, AWS's errors), so every
 * one, group titles and annotation titles included, goes through logText():
 * one physical line that the runner cannot read as a workflow command.
 */
export const runnerLogger: Logger = {
  info: (m) => runner.info(logText(m)),
  warning: (m, title) => runner.warning(logText(m), title ? logText(title) : undefined),
  error: (m, title) => runner.error(logText(m), title ? logText(title) : undefined),
  group: (name, fn) => runner.group(logText(name), fn)
}

/** Fails the step with an error annotation, its message made safe like the logger's. */
export function failStep(message: string): void {
  runner.setFailed(logText(message))
}
