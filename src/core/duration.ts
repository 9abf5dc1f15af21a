import parseDuration from 'parse-duration'

const BARE_SECONDS = /^\d+(\.\d+)?$/
// One or more <number><unit> groups (90s, 5m, 1h30m, 1h 30m); the unit words are
// parse-duration's (s, sec, m, min, h, hr, ...). Anything else is refused rather
// than half-read.
const UNIT_GROUPS = /^(\d+(\.\d+)?\s*[a-zµμ]+\s*)+$/i

/** Milliseconds for `90s`, `5m`, `1h30m` or a bare number of seconds; null when unreadable. */
export function parseDurationMs(text: string): number | null {
  const s = text.trim()
  if (s === '') return null
  if (BARE_SECONDS.test(s)) return Math.round(Number(s) * 1000)
  if (!UNIT_GROUPS.test(s)) return null
  // parse-duration skips a unit it does not know when there are several groups
  // ("1h30mn" would be 1h): every unit must be one it reads on its own.
  for (const [, unit] of s.matchAll(/\d+(?:\.\d+)?\s*([a-zµμ]+)/gi)) {
    const one = parseDuration(`1${unit}`)
    if (one === null || one === undefined || !(one > 0)) return null
  }
  const ms = parseDuration(s)
  return ms === null || ms === undefined || !Number.isFinite(ms) || ms < 0 ? null : Math.round(ms)
}

/** `1h30m`, `5m`, `90s` → `1h30m`, `5m`, `1m30s`; sub-second values as `250ms`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`
  let s = Math.round(ms / 1000)
  const h = Math.floor(s / 3600)
  s -= h * 3600
  const m = Math.floor(s / 60)
  s -= m * 60
  return [h ? `${h}h` : '', m ? `${m}m` : '', s || (!h && !m) ? `${s}s` : ''].join('')
}
