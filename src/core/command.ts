/** The action's commands (the `command` input). */
export const COMMANDS = [
  'deploy',
  'shift',
  'ramp',
  'promote',
  'rollback',
  'status',
  'preflight'
] as const
export type Command = (typeof COMMANDS)[number]
