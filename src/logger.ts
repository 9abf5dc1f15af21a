import * as core from '@actions/core'
import type { Logger } from './context.js'

/** Logs, groups and annotations through @actions/core. */
export const coreLogger: Logger = {
  info: (m) => core.info(m),
  warning: (m, title) => core.warning(m, title ? { title } : {}),
  error: (m, title) => core.error(m, title ? { title } : {}),
  group: (name, fn) => core.group(name, fn)
}
