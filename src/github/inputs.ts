import { closest } from 'fastest-levenshtein'
import { fail, PERCENT_FORM } from './input-parsers.js'
import { ungatedRefusal } from '../core/gate.js'
import { newReport, type Report } from '../core/report.js'
import { cutText, errorMessage, InputError, shownValue } from '../errors.js'
import type { Config } from '../config.js'
import { traitsOf } from '../commands/catalog.js'
import {
  COMMANDS,
  INPUTS,
  usedBy,
  type Command,
  type InputName,
  type InputSpec
} from './input-table.js'

export { COMMANDS, type Command, type InputName } from './input-table.js'
export { MAX_BAKE_MS, MAX_POLL_MS, parseStageVariables, splitList } from './input-parsers.js'

export type { Config } from '../config.js'

/** Reads one input as the runner passes it ('' when not set). */
export type InputReader = (name: InputName) => string

const SPECS: readonly InputSpec<InputName>[] = INPUTS

/** The defaults action.yml declares, from the input table. Inputs absent here have none there. */
export const INPUT_DEFAULTS: Record<string, string> = Object.fromEntries(
  SPECS.flatMap((spec) => (spec.default === undefined ? [] : [[spec.name, spec.default]]))
)

/**
 * Rules across inputs, each run right after the input it is keyed by (so the
 * first bad input, in table order, is the one reported).
 */
const CROSS_FIELD: Partial<Record<InputName, (cfg: Partial<Config>, raw: string) => void>> = {
  percent: ({ command, percent }, raw) => {
    const wants = command && traitsOf(command).percent
    if (wants === 'required' && percent === undefined)
      throw new InputError(
        'percent',
        `Input 'percent' is required for ${command}: ${PERCENT_FORM}.`
      )
    if (wants === 'number' && percent === 'next')
      fail('percent', `a number from 0 to 100 for ${command} (next is for shift)`, raw)
  }
}

/** The variable the runner sets for an input: INPUT_ + the name upper-cased, spaces as `_`. */
const inputVariable = (name: string) => `INPUT_${name.replace(/ /g, '_').toUpperCase()}`
const KNOWN = new Set(SPECS.map((spec) => inputVariable(spec.name)))

/**
 * The `with:` keys this action does not declare, as the runner passed them
 * (INPUT_* variables, upper-cased: shown lower-cased). The runner only warns
 * about them, so a typo (`alarm-name:`) would otherwise run as if unset.
 */
export function unknownInputs(env: NodeJS.ProcessEnv): string[] {
  return Object.keys(env)
    .filter((k) => k.startsWith('INPUT_') && !KNOWN.has(k))
    .map((k) => k.slice('INPUT_'.length).toLowerCase())
    .sort()
}

/** The one-line refusal of unknown inputs, naming the closest declared input of each. */
function refuseUnknown(unknown: string[]): never {
  const names = SPECS.map((spec) => spec.name)
  const [first, ...more] = unknown.map((u) => ({ u, near: closest(u, names) }))
  const also = more.map(({ u, near }) => `${shownValue(u, 40)} (${near}?)`).join(', ')
  throw new InputError(
    first!.u,
    `Input ${shownValue(first!.u, 40)} is not an input of this action: did you mean '${first!.near}'?` +
      (also ? ` Also unknown: ${cutText(also, 200)}.` : '') +
      ' The runner passes an unknown key on with only a warning; this step stops instead of running without it.'
  )
}

/**
 * Parses and validates every input into one Config. Throws InputError (one line
 * naming the input and the form it accepts) on the first bad one, and first of
 * all on an input name the action does not declare.
 */
export function parseInputs(read: InputReader, env: NodeJS.ProcessEnv = process.env): Config {
  const unknown = unknownInputs(env)
  if (unknown.length > 0) refuseUnknown(unknown)
  const cfg: Partial<Record<keyof Config, unknown>> = {}
  for (const spec of SPECS) {
    const given = read(spec.name)
    let raw = spec.untrimmed ? given : given.trim()
    if (given.trim() === '') {
      const { perCommand } = spec
      const command = cfg.command as Command | undefined
      raw =
        spec.env?.map((v) => env[v]?.trim()).find(Boolean) ||
        (perCommand && command ? (perCommand.values[command] ?? perCommand.otherwise) : '') ||
        (spec.default ?? '')
    }
    cfg[spec.key] = raw === '' ? spec.empty?.(spec.name) : spec.parse(raw, spec.name)
    CROSS_FIELD[spec.name]?.(cfg as Partial<Config>, raw)
  }
  // Every input is valid: last, whether together they leave a release ungated.
  const ungated = ungatedRefusal(cfg as Config)
  if (ungated) throw new InputError('allow-ungated', ungated)
  return cfg as Config
}

/**
 * Inputs set (to other than their action.yml default, which the runner passes
 * along) that this command does not use, so that the run can say so.
 */
export function ignoredInputs(cfg: Config, read: InputReader): InputName[] {
  return SPECS.filter((spec) => {
    const v = read(spec.name).trim()
    return v !== '' && v !== (spec.default ?? '') && !usedBy(spec).includes(cfg.command)
  }).map((spec) => spec.name)
}

const cut = (s: string) => cutText(s, 128)

/**
 * The report of a step whose inputs did not parse: what was typed for the
 * stage and alarms (cut: a bad input can be huge), so that the outputs and
 * the summary still say which stage it was and that the alarms were not read.
 */
export function badInputsReport(read: InputReader, err: unknown, now: Date): Report {
  const command = read('command').trim()
  const typed = {
    command: (COMMANDS.includes(command as Command) ? command : 'status') as Command,
    restApiId: cut(read('rest-api-id').trim()),
    stage: cut(read('stage').trim()),
    dryRun: false,
    steps: [],
    alarmNames: read('alarm-names').trim() ? [cut(read('alarm-names'))] : [],
    alarmNamePrefix: cut(read('alarm-name-prefix').trim()) || undefined
  }
  return {
    ...newReport(typed, now),
    abortReason: err instanceof InputError ? err.message : errorMessage(err),
    finishedAt: now.toISOString()
  }
}
