/** Fault injection (`POST /_emulator/faults`). */
import { isRecord, seededRandom } from './wire.js'

export type FaultKind = 'throttle' | 'error' | 'reset'

export interface FaultConfig {
  /** Share of matching calls answered with a throttling error (0-1). */
  throttleRate?: number
  /** Share answered with 503 ServiceUnavailable (0-1). */
  errorRate?: number
  /** Share whose connection is dropped without an answer (0-1). */
  resetRate?: number
  /** Delay before every AWS answer, in ms. */
  latencyMs?: number
  /** Operations the rates apply to; all when omitted. Latency applies to all. */
  operations?: string[]
  /** Seed for the fault dice: the same seed gives the same sequence of faults. */
  seed?: number
  /** Inject at most this many faults, then behave normally. */
  limit?: number
  /** Drop the connection after the call took effect instead of before (an ambiguous failure). */
  resetAfterApply?: boolean
}

const RATE_KEYS = ['throttleRate', 'errorRate', 'resetRate'] as const

/** Parses a faults body; returns an error message for an invalid one. */
export function parseFaultConfig(body: unknown): FaultConfig | string {
  if (!isRecord(body)) return 'faults must be a JSON object'
  const known = new Set<string>([
    ...RATE_KEYS,
    'latencyMs',
    'operations',
    'seed',
    'limit',
    'resetAfterApply'
  ])
  for (const k of Object.keys(body)) if (!known.has(k)) return `unknown field: ${k}`
  const out: FaultConfig = {}
  for (const k of RATE_KEYS) {
    const v = body[k]
    if (v === undefined) continue
    if (typeof v !== 'number' || !(v >= 0 && v <= 1)) return `${k} must be a number from 0 to 1`
    out[k] = v
  }
  const sum = (out.throttleRate ?? 0) + (out.errorRate ?? 0) + (out.resetRate ?? 0)
  if (sum > 1 + 1e-9) return 'throttleRate + errorRate + resetRate must not exceed 1'
  if (body.latencyMs !== undefined) {
    if (typeof body.latencyMs !== 'number' || !(body.latencyMs >= 0)) {
      return 'latencyMs must be a non-negative number'
    }
    out.latencyMs = body.latencyMs
  }
  if (body.operations !== undefined) {
    if (!Array.isArray(body.operations) || !body.operations.every((o) => typeof o === 'string')) {
      return 'operations must be an array of operation names'
    }
    out.operations = [...(body.operations as string[])]
  }
  if (body.seed !== undefined) {
    if (typeof body.seed !== 'number' || !Number.isInteger(body.seed))
      return 'seed must be an integer'
    out.seed = body.seed
  }
  if (body.limit !== undefined) {
    if (typeof body.limit !== 'number' || !Number.isInteger(body.limit) || body.limit < 0) {
      return 'limit must be a non-negative integer'
    }
    out.limit = body.limit
  }
  if (body.resetAfterApply !== undefined) {
    if (typeof body.resetAfterApply !== 'boolean') return 'resetAfterApply must be a boolean'
    out.resetAfterApply = body.resetAfterApply
  }
  return out
}

export class Faults {
  private config: FaultConfig = {}
  private random: () => number = Math.random
  private injected = 0

  set(config: FaultConfig): void {
    this.config = config
    this.injected = 0
    this.random =
      config.seed !== undefined
        ? seededRandom(config.seed)
        : seededRandom(Math.floor(Math.random() * 2 ** 31))
  }

  get(): FaultConfig & { injected: number } {
    return { ...this.config, injected: this.injected }
  }

  clear(): void {
    this.set({})
  }

  get latencyMs(): number {
    return this.config.latencyMs ?? 0
  }

  get resetAfterApply(): boolean {
    return this.config.resetAfterApply === true
  }

  /** Rolls the dice for one call of `operation`. */
  decide(operation: string): FaultKind | undefined {
    const c = this.config
    if (c.operations && !c.operations.includes(operation)) return undefined
    const t = c.throttleRate ?? 0
    const e = c.errorRate ?? 0
    const r = c.resetRate ?? 0
    if (t + e + r <= 0) return undefined
    if (c.limit !== undefined && this.injected >= c.limit) return undefined
    const roll = this.random()
    let kind: FaultKind | undefined
    if (roll < t) kind = 'throttle'
    else if (roll < t + e) kind = 'error'
    else if (roll < t + e + r) kind = 'reset'
    if (kind) this.injected++
    return kind
  }
}
