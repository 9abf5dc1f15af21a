import { fail, PERCENT_FORM } from './input-parsers.js'
import { newReport, type Report } from '../core/report.js'
import { cutText, errorMessage, InputError } from '../errors.js'
import type { Config } from '../config.js'
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
    if (command === 'shift' && percent === undefined)
      throw new InputError('percent', `Input 'percent' is required for shift: ${PERCENT_FORM}.`)
    if (command === 'deploy' && percent === 'next')
      fail('percent', 'a number from 0 to 100 for deploy (next is for shift)', raw)
  }
}

/**
 * Parses and validates every input into one Config. Throws InputError (one line
 * naming the input and the form it accepts) on the first bad one.
 */
export function parseInputs(read: InputReader, env: NodeJS.ProcessEnv = process.env): Config {
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
  const report = newReport(
    {
      command: (COMMANDS.includes(command as Command) ? command : 'status') as Command,
      restApiId: cut(read('rest-api-id').trim()),
      stage: cut(read('stage').trim()),
      dryRun: false,
      steps: [],
      alarmNames: read('alarm-names').trim() ? [cut(read('alarm-names'))] : [],
      alarmNamePrefix: cut(read('alarm-name-prefix').trim()) || undefined
    },
    now
  )
  report.abortReason = err instanceof InputError ? err.message : errorMessage(err)
  report.finishedAt = now.toISOString()
  return report
}
