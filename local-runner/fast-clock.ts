/**
 * A clock that runs `factor` times faster than the wall clock from now on,
 * shared by the emulator (startWorld's `now`) and the spawned action (the
 * preload in fast-clock-preload.mjs, through `env`). For end-to-end tests of
 * behaviour over minutes of CloudWatch metrics that must take seconds.
 */
import { dirname, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const PRELOAD = resolve(dirname(fileURLToPath(import.meta.url)), 'fast-clock-preload.mjs')

export interface FastClock {
  now: () => number
  /** The spawned action's environment for the same clock. */
  env: NodeJS.ProcessEnv
}

export function fastClock(factor: number, origin = Date.now()): FastClock {
  return {
    now: () => origin + (Date.now() - origin) * factor,
    env: {
      NODE_OPTIONS: `--import=${pathToFileURL(PRELOAD).href}`,
      FAST_CLOCK_ORIGIN: String(origin),
      FAST_CLOCK_FACTOR: String(factor)
    }
  }
}
