import * as core from '@actions/core'
import type { Logger } from '../ports.js'
import { logText } from './untrusted.js'

/**
 * Logs, groups and annotations through @actions/core. Messages carry text the
 * action did not write (names, reasons, descriptions, AWS's errors), so every
 * one, group titles and annotation titles included, goes through logText():
 * one physical line that the runner cannot read as a workflow command.
 */
export const coreLogger: Logger = {
  info: (m) => core.info(logText(m)),
  warning: (m, title) => core.warning(logText(m), title ? { title: logText(title) } : {}),
  error: (m, title) => core.error(logText(m), title ? { title: logText(title) } : {}),
  group: (name, fn) => core.group(logText(name), fn)
}

/** Fails the step with an error annotation, its message made safe like the logger's. */
export function failStep(message: string): void {
  core.setFailed(logText(message))
}
