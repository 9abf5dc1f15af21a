/**
 * The action's commands (the `command` input) and what each needs, said once.
 * Pure, and imports nothing: every layer may read it. Code outside
 * src/commands/ asks a command's traits here (`traitsOf(cfg.command).bakes`),
 * never compares its name (__tests__/architecture.test.ts checks).
 *
 * A new command: a file in src/commands/ (read -> decide -> act), an entry
 * here, and its loader in src/commands/index.ts.
 */
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

export interface CommandTraits {
  /** `release` changes the stage (and is recorded); `read-only` changes nothing. */
  kind: 'release' | 'read-only'
  /**
   * Preflight's plan: the rungs it checks. `first-rung`: the `percent` input
   * then the rungs above it (deploy, which bakes once: no job-length check);
   * `above-canary`: the rungs above an existing canary (ramp); `ladder`: all of
   * `steps` (the preflight command). Absent: no preflight.
   */
  preflight?: 'first-rung' | 'above-canary' | 'ladder'
  /** Runs preflight (per the `preflight` input) before any change. */
  preflightFirst: boolean
  /** Drives a canary another commit deployed when `expected-canary-deployment-id` names it. */
  drivesExpectedCanary: boolean
  /** Bakes: watches the alarms and the canary analysis after raising traffic. */
  bakes: boolean
  /**
   * What it does to canary traffic, for the refusal of an ungated change
   * before any AWS call: `raises` (ramp), `promotes`, `to-percent` (deploy:
   * raises unless `percent` is 0), `maybe` (shift: known at the increase, whose
   * gate refuses then), `none` (lowers it or reads).
   */
  raises: 'raises' | 'promotes' | 'to-percent' | 'maybe' | 'none'
  /** Deploys from `openapi-file`: the file is read and checked with the inputs, before any AWS call. */
  importsDefinition: boolean
  /** Walks the rungs of `steps` in one step (ramp); others bake once. */
  walksLadder: boolean
  /**
   * The canary's stage-variable overrides the backend check resolves:
   * `creates` (deploy creates the canary with the input's), `when-given` (the
   * preflight command: the input's when set, else the existing canary's),
   * `none` (the existing canary's).
   */
  overrides: 'creates' | 'when-given' | 'none'
  /**
   * The `percent` input: `required` (shift: a number or `next`), `number`
   * (deploy: optional, `next` refused), or absent (not read).
   */
  percent?: 'required' | 'number'
  /** A decrease does not read the canary's commit (the summary says so). */
  decreasesUnread: boolean
  /**
   * The canary-vs-stable metrics: `after` the step over its bakes, `during`
   * its reads over the last minutes (status), or `none`.
   */
  metrics: 'after' | 'during' | 'none'
  /** Leaves investigation links after a rollback or a failure with a canary. */
  investigates: boolean
  /**
   * Its GitHub Deployments record: `create` (find the release's deployment,
   * else create it), `find` (the one deploy created, else create it), `none`.
   */
  githubDeployment: 'create' | 'find' | 'none'
  /** A rolled-back stage after it is a rollback by hand (GitHub: inactive), not a failure. */
  rollsBackByHand: boolean
}

const RELEASE = {
  kind: 'release',
  preflightFirst: false,
  drivesExpectedCanary: false,
  bakes: false,
  raises: 'none',
  importsDefinition: false,
  walksLadder: false,
  overrides: 'none',
  decreasesUnread: false,
  metrics: 'after',
  investigates: true,
  githubDeployment: 'find',
  rollsBackByHand: false
} as const satisfies CommandTraits

const READ_ONLY = {
  kind: 'read-only',
  preflightFirst: false,
  drivesExpectedCanary: false,
  bakes: false,
  raises: 'none',
  importsDefinition: false,
  walksLadder: false,
  overrides: 'none',
  decreasesUnread: false,
  metrics: 'none',
  investigates: false,
  githubDeployment: 'none',
  rollsBackByHand: false
} as const satisfies CommandTraits

export const COMMAND_TRAITS: Readonly<Record<Command, CommandTraits>> = {
  deploy: {
    ...RELEASE,
    preflight: 'first-rung',
    preflightFirst: true,
    bakes: true,
    raises: 'to-percent',
    importsDefinition: true,
    overrides: 'creates',
    percent: 'number',
    githubDeployment: 'create'
  },
  shift: { ...RELEASE, bakes: true, raises: 'maybe', percent: 'required', decreasesUnread: true },
  ramp: {
    ...RELEASE,
    preflight: 'above-canary',
    preflightFirst: true,
    drivesExpectedCanary: true,
    bakes: true,
    raises: 'raises',
    walksLadder: true
  },
  promote: { ...RELEASE, raises: 'promotes' },
  rollback: { ...RELEASE, rollsBackByHand: true },
  status: { ...READ_ONLY, metrics: 'during' },
  preflight: { ...READ_ONLY, preflight: 'ladder', overrides: 'when-given', investigates: true }
}

/** What `command` needs. */
export const traitsOf = (command: Command): CommandTraits => COMMAND_TRAITS[command]

/** The commands with a trait, in the table's order (an input's `usedBy`). */
export const commandsWhere = (test: (t: CommandTraits) => boolean): Command[] =>
  COMMANDS.filter((c) => test(COMMAND_TRAITS[c]))
