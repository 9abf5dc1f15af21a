import { randomInt } from 'node:crypto'

/** The account every emulated resource lives in. */
export const ACCOUNT_ID = '123456789012'
export const DEFAULT_REGION = 'us-east-1'

const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789'

/** A random id like AWS's: lower-case letters and digits. */
export function randomId(length: number): string {
  let out = ''
  for (let i = 0; i < length; i++) out += ID_ALPHABET[randomInt(ID_ALPHABET.length)]
  return out
}

/** Epoch seconds, as REST-JSON and AWS JSON 1.0 put timestamps on the wire. */
export const epochSeconds = (ms: number): number => ms / 1000

/**
 * A number that must be written as a JSON double (`50.0`, not `50`), the way
 * AWS writes `percentTraffic` and `Threshold`.
 */
export class Double {
  constructor(readonly value: number) {}
  toJSON(): string {
    return `${DOUBLE_MARK}${this.value}`
  }
}

const DOUBLE_MARK = '@@emulator-double@@'
const DOUBLE_RE = new RegExp(`"${DOUBLE_MARK}([^"]*)"`, 'g')

/** JSON.stringify, writing {@link Double}s as doubles. */
export function toWireJson(value: unknown): string {
  return JSON.stringify(value).replace(DOUBLE_RE, (_m, n: string) => {
    const num = Number(n)
    return Number.isInteger(num) ? num.toFixed(1) : String(num)
  })
}

/** The region in a SigV4 `Authorization` header's credential scope, if any. */
export function regionFromAuthorization(auth: string | undefined): string | undefined {
  const m = /Credential=[^/]+\/\d{8}\/([^/]+)\//.exec(auth ?? '')
  return m?.[1]
}

export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Deterministic PRNG (mulberry32): the same seed gives the same fault pattern. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
