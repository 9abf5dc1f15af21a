import { z } from 'zod'
import { formatDuration, parseDurationMs } from './duration.js'
import { InputError, shownValue } from './errors.js'
import { parseSteps } from './ladder.js'

export const COMMANDS = ['deploy', 'shift', 'ramp', 'promote', 'rollback', 'status'] as const
export type Command = (typeof COMMANDS)[number]

/** Everything the action was asked to do, parsed and validated before any AWS call. */
export interface Config {
  command: Command
  restApiId: string
  stage: string
  /** Requested canary traffic; undefined when not given (the command's default applies). */
  percent: number | 'next' | undefined
  steps: number[]
  bakeTimeMs: number
  pollIntervalMs: number
  alarmNames: string[]
  alarmNamePrefix: string | undefined
  insufficientData: 'ok' | 'alarm'
  onAlarm: 'rollback' | 'fail'
  rollbackOnCancel: boolean
  stageVariableOverrides: Record<string, string>
  useStageCache: boolean
  /** The user's description; undefined → generated from the workflow context. */
  description: string | undefined
  ifCanaryExists: 'fail' | 'replace'
  promoteOnSuccess: boolean
  rollbackMode: 'zero' | 'remove'
  toDeploymentId: string | undefined
  /** The canary this step may raise or promote; undefined → the one deployed from the workflow's commit. */
  expectedCanaryId: string | undefined
  region: string
  endpointUrl: string | undefined
  maxAttempts: number
  dryRun: boolean
  /** The Stage dimension of canary metrics; undefined → discovered. */
  canaryMetricsStage: string | undefined
}

/** Reads one input as the runner passes it ('' when not set). */
export type InputReader = (name: string) => string

/** The defaults action.yml declares (a test keeps the two in step). Inputs absent here have none there. */
export const INPUT_DEFAULTS = {
  steps: '5,10,25,50,100',
  'poll-interval': '15s',
  'alarm-names': '',
  'alarm-name-prefix': '',
  'insufficient-data': 'ok',
  'on-alarm': 'rollback',
  'rollback-on-cancel': 'true',
  'stage-variable-overrides': '',
  'use-stage-cache': 'false',
  description: '',
  'if-canary-exists': 'fail',
  'promote-on-success': 'false',
  'rollback-mode': 'zero',
  'to-deployment-id': '',
  'expected-canary-deployment-id': '',
  'max-attempts': '6',
  'dry-run': 'false',
  'canary-metrics-stage': ''
} as const
const RAMP_DEFAULT_BAKE = '5m'

const VAR_NAME = /^[A-Za-z0-9_]{1,64}$/
const VAR_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/

function fail(input: string, form: string, raw: string): never {
  throw new InputError(input, `Input '${input}' must be ${form}; got ${shownValue(raw)}.`)
}

/** Runs a zod schema over one raw input and turns its failure into the one-line error. */
function parseWith<T>(input: string, form: string, schema: z.ZodType<T>, raw: string): T {
  const r = schema.safeParse(raw)
  if (!r.success) fail(input, form, raw)
  return r.data
}

const BOOLEAN_FORM = 'true or false'
const booleanSchema = z
  .enum(['true', 'True', 'TRUE', 'false', 'False', 'FALSE'])
  .transform((v) => v.toLowerCase() === 'true')

function oneOf<const T extends readonly [string, ...string[]]>(values: T) {
  return { form: `one of ${values.map((v) => `'${v}'`).join(', ')}`, schema: z.enum(values) }
}

const percentNumber = z
  .string()
  .regex(/^\d+(\.\d+)?\s*%?$/)
  .transform((v) => Number(v.replace('%', '').trim()))
  .refine((n) => n >= 0 && n <= 100)

const PERCENT_FORM = "a number from 0 to 100 (decimals allowed, a trailing % accepted) or 'next'"

/** Splits a comma- or newline-separated list, trimmed, without empties or repeats. */
export function splitList(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(/[,\n]/)
        .map((s) => s.trim())
        .filter(Boolean)
    )
  ]
}

/**
 * The longest bake: a self-hosted runner's job may run 5 days (a hosted one 6
 * hours), and no one step bakes longer than its job. Also far below the
 * 2^31 ms (~24.8 days) that setTimeout can hold.
 */
export const MAX_BAKE_MS = 5 * 24 * 60 * 60 * 1000
/** The longest poll interval: an alarm must stop the canary within one interval; an hour is already lax. */
export const MAX_POLL_MS = 60 * 60 * 1000

function parseDurationInput(input: string, raw: string, minMs: number, maxMs: number): number {
  const form =
    minMs > 0
      ? `a duration from ${formatDuration(minMs)} to ${formatDuration(maxMs)} such as 15s, 1m or 90 (seconds)`
      : `a duration up to ${formatDuration(maxMs)} such as 0, 90s, 5m, 1h30m or a number of seconds`
  const ms = parseDurationMs(raw)
  if (ms === null || ms < minMs || ms > maxMs) fail(input, form, raw)
  return ms
}

/** `key=value` lines (or commas) or a JSON object of strings. */
export function parseStageVariables(input: string, raw: string): Record<string, string> {
  const form =
    'key=value lines or a JSON object, names of letters, digits and _ (up to 64), values of letters, digits and -._~:/?#&=, (up to 512)'
  const text = raw.trim()
  if (text === '') return {}
  let entries: [string, string][]
  if (text.startsWith('{')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      fail(input, form, raw)
    }
    // Own entries of what JSON.parse made: a schema's copy would drop a `__proto__` key.
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      fail(input, form, raw)
    entries = Object.entries(parsed).map(([k, v]) => {
      if (!['string', 'number', 'boolean'].includes(typeof v)) fail(input, form, raw)
      return [k, String(v)]
    })
  } else {
    entries = text
      .split(/\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'))
      .map((l) => {
        const eq = l.indexOf('=')
        if (eq <= 0) fail(input, form, l)
        return [l.slice(0, eq).trim(), l.slice(eq + 1).trim()]
      })
  }
  // No prototype: names such as constructor or __proto__ are plain keys here.
  const out: Record<string, string> = Object.create(null)
  for (const [k, v] of entries) {
    if (!VAR_NAME.test(k)) fail(input, form, k)
    if (!VAR_VALUE.test(v)) fail(input, form, `${k}=${v}`)
    if (Object.hasOwn(out, k))
      throw new InputError(input, `Input '${input}' names the variable '${k}' twice.`)
    out[k] = v
  }
  if (Object.keys(out).length > 100)
    throw new InputError(
      input,
      `Input '${input}' has more than 100 variables, API Gateway's limit per stage.`
    )
  return out
}

/**
 * Parses and validates every input into one Config. Throws InputError (one line
 * naming the input and the form it accepts) on the first bad one.
 */
export function parseInputs(read: InputReader, env: NodeJS.ProcessEnv = process.env): Config {
  const get = (name: string) => read(name).trim()

  const commandRaw = get('command')
  if (commandRaw === '')
    throw new InputError('command', `Input 'command' is required: one of ${COMMANDS.join(', ')}.`)
  const command = parseWith('command', oneOf(COMMANDS).form, oneOf(COMMANDS).schema, commandRaw)

  const required = (name: string, form: string, re: RegExp) => {
    const v = get(name)
    if (v === '') throw new InputError(name, `Input '${name}' is required: ${form}.`)
    return parseWith(name, form, z.string().regex(re), v)
  }
  const restApiId = required(
    'rest-api-id',
    "the REST API's id (letters and digits, e.g. a1b2c3d4e5), not its name",
    /^[A-Za-z0-9]{1,64}$/
  )
  const stage = required(
    'stage',
    'a stage name of letters, digits, - and _ (up to 128)',
    /^[A-Za-z0-9_-]{1,128}$/
  )

  const steps = parseSteps('steps', get('steps') || INPUT_DEFAULTS.steps)

  let percent: Config['percent']
  const percentRaw = get('percent')
  if (percentRaw !== '') {
    percent =
      percentRaw.toLowerCase() === 'next'
        ? 'next'
        : parseWith('percent', PERCENT_FORM, percentNumber, percentRaw)
  }
  if (command === 'shift' && percent === undefined)
    throw new InputError('percent', `Input 'percent' is required for shift: ${PERCENT_FORM}.`)
  if (command === 'deploy' && percent === 'next')
    fail('percent', 'a number from 0 to 100 for deploy (next is for shift)', percentRaw)

  const bakeRaw = get('bake-time') || (command === 'ramp' ? RAMP_DEFAULT_BAKE : '0')
  const bakeTimeMs = parseDurationInput('bake-time', bakeRaw, 0, MAX_BAKE_MS)
  const pollIntervalMs = parseDurationInput(
    'poll-interval',
    get('poll-interval') || INPUT_DEFAULTS['poll-interval'],
    1000,
    MAX_POLL_MS
  )

  const alarmNames = splitList(read('alarm-names'))
  for (const n of alarmNames) {
    if (n.length > 255 || [...n].some((ch) => ch.charCodeAt(0) < 32))
      fail(
        'alarm-names',
        'CloudWatch alarm names (1-255 characters each), comma- or newline-separated',
        n
      )
  }
  const prefixRaw = get('alarm-name-prefix')
  if (prefixRaw.length > 255)
    fail('alarm-name-prefix', 'an alarm name prefix of up to 255 characters', prefixRaw)

  const enumInput = <const T extends readonly [string, ...string[]]>(
    name: string,
    values: T,
    dflt: T[number]
  ) => {
    const raw = get(name)
    if (raw === '') return dflt
    const { form, schema } = oneOf(values)
    return parseWith(name, form, schema, raw) as T[number]
  }
  const boolInput = (name: string, dflt: boolean) => {
    const raw = get(name)
    return raw === '' ? dflt : parseWith(name, BOOLEAN_FORM, booleanSchema, raw)
  }

  const insufficientData = enumInput('insufficient-data', ['ok', 'alarm'] as const, 'ok')
  const onAlarm = enumInput('on-alarm', ['rollback', 'fail'] as const, 'rollback')
  const rollbackOnCancel = boolInput('rollback-on-cancel', true)
  const stageVariableOverrides = parseStageVariables(
    'stage-variable-overrides',
    read('stage-variable-overrides')
  )
  const useStageCache = boolInput('use-stage-cache', false)
  const descriptionRaw = get('description')
  if (descriptionRaw.length > 1024)
    fail('description', 'a description of up to 1024 characters', descriptionRaw)
  const ifCanaryExists = enumInput('if-canary-exists', ['fail', 'replace'] as const, 'fail')
  const promoteOnSuccess = boolInput('promote-on-success', false)
  const rollbackMode = enumInput('rollback-mode', ['zero', 'remove'] as const, 'zero')
  const toRaw = get('to-deployment-id')
  const toDeploymentId =
    toRaw === ''
      ? undefined
      : parseWith(
          'to-deployment-id',
          'a deployment id (letters and digits, e.g. abc123)',
          z.string().regex(/^[A-Za-z0-9]{1,64}$/),
          toRaw
        )

  const expectedRaw = get('expected-canary-deployment-id')
  const expectedCanaryId =
    expectedRaw === ''
      ? undefined
      : parseWith(
          'expected-canary-deployment-id',
          'a deployment id (letters and digits, e.g. abc123)',
          z.string().regex(/^[A-Za-z0-9]{1,64}$/),
          expectedRaw
        )

  const regionRaw =
    get('aws-region') || env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || ''
  if (regionRaw === '')
    throw new InputError(
      'aws-region',
      "Input 'aws-region' is required when AWS_REGION and AWS_DEFAULT_REGION are not set: a region such as us-east-1."
    )
  const region = parseWith(
    'aws-region',
    'an AWS region such as us-east-1 or eu-west-2',
    z.string().regex(/^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/),
    regionRaw
  )

  const endpointRaw = get('endpoint-url') || env.AWS_ENDPOINT_URL?.trim() || ''
  const endpointUrl =
    endpointRaw === ''
      ? undefined
      : parseWith(
          'endpoint-url',
          'an http:// or https:// URL such as http://127.0.0.1:4566',
          z.string().refine((s) => {
            try {
              const u = new URL(s)
              return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== ''
            } catch {
              return false
            }
          }),
          endpointRaw
        )

  const attemptsRaw = get('max-attempts')
  const maxAttempts =
    attemptsRaw === ''
      ? Number(INPUT_DEFAULTS['max-attempts'])
      : parseWith(
          'max-attempts',
          'a whole number from 1 to 20',
          z
            .string()
            .regex(/^\d+$/)
            .transform(Number)
            .refine((n) => n >= 1 && n <= 20),
          attemptsRaw
        )
  const dryRun = boolInput('dry-run', false)
  const metricsStageRaw = get('canary-metrics-stage')
  const canaryMetricsStage =
    metricsStageRaw === ''
      ? undefined
      : parseWith(
          'canary-metrics-stage',
          'a CloudWatch Stage dimension value such as prod/Canary',
          z.string().regex(/^[A-Za-z0-9_/-]{1,256}$/),
          metricsStageRaw
        )

  return {
    command,
    restApiId,
    stage,
    percent,
    steps,
    bakeTimeMs,
    pollIntervalMs,
    alarmNames,
    alarmNamePrefix: prefixRaw === '' ? undefined : prefixRaw,
    insufficientData,
    onAlarm,
    rollbackOnCancel,
    stageVariableOverrides,
    useStageCache,
    description: descriptionRaw === '' ? undefined : descriptionRaw,
    ifCanaryExists,
    promoteOnSuccess,
    rollbackMode,
    toDeploymentId,
    expectedCanaryId,
    region,
    endpointUrl,
    maxAttempts,
    dryRun,
    canaryMetricsStage
  }
}

/**
 * Inputs set (to other than their action.yml default, which the runner passes
 * along) that this command does not use, so that the run can say so.
 */
export function ignoredInputs(cfg: Config, read: InputReader): string[] {
  const usedBy: Record<string, Command[]> = {
    percent: ['deploy', 'shift'],
    'stage-variable-overrides': ['deploy'],
    'use-stage-cache': ['deploy'],
    description: ['deploy'],
    'if-canary-exists': ['deploy'],
    'promote-on-success': ['ramp'],
    'rollback-mode': ['rollback'],
    'to-deployment-id': ['rollback'],
    'expected-canary-deployment-id': ['shift', 'ramp', 'promote']
  }
  return Object.entries(usedBy)
    .filter(([name, cmds]) => {
      const v = read(name).trim()
      const dflt = (INPUT_DEFAULTS as Record<string, string>)[name] ?? ''
      return v !== '' && v !== dflt && !cmds.includes(cfg.command)
    })
    .map(([name]) => name)
}
