/**
 * Each command's code, loaded when it runs: a step pays start-up time only
 * for its own command. What a command needs is in catalog.ts.
 */
import type { RunContext } from '../ports.js'
import type { Command } from './catalog.js'

export type CommandFn = (ctx: RunContext) => Promise<void>

const LOADERS: Record<Command, () => Promise<CommandFn>> = {
  deploy: async () => (await import('./deploy.js')).deploy,
  shift: async () => (await import('./shift.js')).shift,
  ramp: async () => (await import('./ramp.js')).ramp,
  promote: async () => (await import('./promote.js')).promote,
  rollback: async () => (await import('./rollback.js')).rollback,
  status: async () => (await import('./status.js')).status,
  preflight: async () => (await import('./preflight.js')).preflight
}

/** The command's function. */
export const loadCommand = (command: Command): Promise<CommandFn> => LOADERS[command]()
