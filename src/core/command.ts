/** The action's commands (the `command` input). */
export const COMMANDS = ['deploy', 'shift', 'ramp', 'promote', 'rollback', 'status'] as const
export type Command = (typeof COMMANDS)[number]
