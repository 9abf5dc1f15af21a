import { formatDuration, parseDurationMs } from '../core/duration.js'
import { InputError, shownValue } from '../errors.js'

/** The one-line error for a bad input: its name, the form it accepts, what it got. */
export function fail(input: string, form: string, raw: string): never {
  throw new InputError(input, `Input '${input}' must be ${form}; got ${shownValue(raw)}.`)
}

/** The parsed value, or (undefined: it did not parse) the one-line error. */
function accept<T>(input: string, form: string, raw: string, value: T | undefined): T {
  if (value === undefined) fail(input, form, raw)
  return value
}

/** A value matching `re` whole, else the one-line error. */
export function parseMatching(input: string, form: string, re: RegExp, raw: string): string {
  return accept(input, form, raw, re.test(raw) ? raw : undefined)
}

const BOOLEANS: Record<string, boolean> = {
  true: true,
  True: true,
  TRUE: true,
  false: false,
  False: false,
  FALSE: false
}

/** The YAML 1.2 core booleans, as the runner's own getBooleanInput takes them. */
export function parseBoolean(input: string, raw: string): boolean {
  return accept(
    input,
    'true or false',
    raw,
    Object.hasOwn(BOOLEANS, raw) ? BOOLEANS[raw] : undefined
  )
}

/** One of `values`, exactly. */
export function parseOneOf<const T extends readonly [string, ...string[]]>(
  input: string,
  values: T,
  raw: string
): T[number] {
  const form = `one of ${values.map((v) => `'${v}'`).join(', ')}`
  return accept(
    input,
    form,
    raw,
    values.find((v) => v === raw)
  )
}

export const PERCENT_FORM =
  "a number from 0 to 100 (decimals allowed, a trailing % accepted) or 'next'"

/** A percentage (`12.5`, `10%`) or `next`, any case. */
export function parsePercent(input: string, raw: string): number | 'next' {
  if (raw.toLowerCase() === 'next') return 'next'
  const n = /^\d+(\.\d+)?\s*%?$/.test(raw) ? Number(raw.replace('%', '').trim()) : NaN
  return accept(input, PERCENT_FORM, raw, n >= 0 && n <= 100 ? n : undefined)
}

/** A whole number from `min` to `max`. */
export function parseWhole(input: string, min: number, max: number, raw: string): number {
  const n = /^\d+$/.test(raw) ? Number(raw) : NaN
  return accept(
    input,
    `a whole number from ${min} to ${max}`,
    raw,
    n >= min && n <= max ? n : undefined
  )
}

/** At most `max` characters, as given. */
export function parseText(input: string, form: string, max: number, raw: string): string {
  if (raw.length > max) fail(input, form, raw)
  return raw
}

/** An http:// or https:// URL with a host. */
export function parseUrl(input: string, raw: string): string {
  let ok = false
  try {
    const u = new URL(raw)
    ok = (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== ''
  } catch {
    ok = false
  }
  return accept(
    input,
    'an http:// or https:// URL such as http://127.0.0.1:4566',
    raw,
    ok ? raw : undefined
  )
}

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

/** CloudWatch alarm names, comma- or newline-separated. */
export function parseAlarmNames(input: string, raw: string): string[] {
  const names = splitList(raw)
  for (const n of names) {
    if (n.length > 255 || [...n].some((ch) => ch.charCodeAt(0) < 32))
      fail(input, 'CloudWatch alarm names (1-255 characters each), comma- or newline-separated', n)
  }
  return names
}

/**
 * The longest bake: a self-hosted runner's job may run 5 days (a hosted one 6
 * hours), and no one step bakes longer than its job. Also far below the
 * 2^31 ms (~24.8 days) that setTimeout can hold.
 */
export const MAX_BAKE_MS = 5 * 24 * 60 * 60 * 1000
/** The longest poll interval: an alarm must stop the canary within one interval; an hour is already lax. */
export const MAX_POLL_MS = 60 * 60 * 1000

/** A duration in ms from `minMs` to `maxMs` (`90s`, `5m`, `1h30m`, or seconds). */
export function parseDurationInput(
  input: string,
  raw: string,
  minMs: number,
  maxMs: number
): number {
  const form =
    minMs > 0
      ? `a duration from ${formatDuration(minMs)} to ${formatDuration(maxMs)} such as 15s, 1m or 90 (seconds)`
      : `a duration up to ${formatDuration(maxMs)} such as 0, 90s, 5m, 1h30m or a number of seconds`
  const ms = parseDurationMs(raw)
  if (ms === null || ms < minMs || ms > maxMs) fail(input, form, raw)
  return ms
}

const VAR_NAME = /^[A-Za-z0-9_]{1,64}$/
const VAR_VALUE = /^[A-Za-z0-9\-._~:/?#&=,]{1,512}$/

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

export const requiredError = (name: string, form: string) =>
  new InputError(name, `Input '${name}' is required: ${form}.`)

/** A required input matching `re`. */
export function requiredMatching(form: string, re: RegExp) {
  return {
    required: true as const,
    empty: (name: string): never => {
      throw requiredError(name, form)
    },
    ...matching(form, re)
  }
}

/** An input matching `re` whole (undefined when empty, unless `empty` says otherwise). */
export function matching(form: string, re: RegExp) {
  return { parse: (raw: string, name: string) => parseMatching(name, form, re, raw) }
}
