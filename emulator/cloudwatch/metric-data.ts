/**
 * CloudWatch metric data as the emulator keeps it: series of datapoints, the
 * wire formats of timestamps and dimensions, and the statistics over a period.
 */
import { invalidParameterValue, validationError } from './errors.js'
import { isRecord } from '../common/wire.js'

export interface Dimension {
  Name: string
  Value: string
}

/** One PutMetricData entry, reduced to a distribution. */
export interface Datapoint {
  timestamp: number
  unit: string
  /** [value, count] pairs when raw values are known. */
  samples: Array<[number, number]>
  sum: number
  count: number
  min: number
  max: number
  /** Emulator clock time from which GetMetricData returns it (publication delay); always when absent. */
  visibleAt?: number
}

export interface Series {
  namespace: string
  metricName: string
  dimensions: Dimension[]
  points: Datapoint[]
}

/** Parses a wire timestamp: epoch seconds (JSON 1.0) or an ISO-8601 string. */
export function parseTimestamp(v: unknown, field: string): number {
  if (typeof v === 'number' && Number.isFinite(v)) return v * 1000
  if (typeof v === 'string') {
    const asNum = Number(v)
    if (v.trim() !== '' && Number.isFinite(asNum)) return asNum * 1000
    const t = Date.parse(v)
    if (Number.isFinite(t)) return t
  }
  throw invalidParameterValue(`The parameter ${field} must be a valid timestamp.`)
}

export function parseDimensions(v: unknown): Dimension[] {
  if (v === undefined || v === null) return []
  if (!Array.isArray(v)) throw invalidParameterValue('The parameter Dimensions must be a list.')
  if (v.length > 30) {
    throw validationError(
      "1 validation error detected: Value at 'dimensions' failed to satisfy constraint: Member must have length less than or equal to 30"
    )
  }
  return v.map((d) => {
    if (!isRecord(d) || typeof d.Name !== 'string' || typeof d.Value !== 'string') {
      throw invalidParameterValue('Each dimension must have a Name and a Value.')
    }
    return { Name: d.Name, Value: d.Value }
  })
}

const dimKey = (dims: Dimension[]): string =>
  JSON.stringify(
    [...dims].sort((a, b) => a.Name.localeCompare(b.Name)).map((d) => [d.Name, d.Value])
  )

export const seriesKey = (ns: string, name: string, dims: Dimension[]): string =>
  JSON.stringify([ns, name, dimKey(dims)])

/** The period's values as sorted [value, count] pairs (statistic sets count as their average). */
function sortedSamples(p: Datapoint[]): Array<[number, number]> {
  const samples: Array<[number, number]> = []
  for (const d of p) {
    if (d.samples.length > 0) samples.push(...d.samples)
    else if (d.count > 0) samples.push([d.sum / d.count, d.count])
  }
  return samples.sort((a, b) => a[0] - b[0])
}

function percentile(p: Datapoint[], q: number): number | undefined {
  const samples = sortedSamples(p)
  if (samples.length === 0) return undefined
  const total = samples.reduce((s, [, c]) => s + c, 0)
  const rank = Math.max(1, Math.ceil((q / 100) * total))
  let seen = 0
  for (const [v, c] of samples) {
    seen += c
    if (seen >= rank) return v
  }
  return samples[samples.length - 1]?.[0]
}

/**
 * The extended statistics over a range of the period's values
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html):
 * TM (trimmed mean), WM (winsorized mean), TC (trimmed count), TS (trimmed
 * sum), PR (percentile rank: percent of values in the range), as
 * `XX(low:high)` with either bound left out, bounds absolute values or (not
 * for PR) percentages; `tm90` is `TM(:90%)`, IQM is `TM(25%:75%)`. A range
 * excludes its lower bound and includes its upper one.
 */
const EXTENDED = /^(TM|WM|TC|TS|PR)\((\d+(?:\.\d+)?%?)?:(\d+(?:\.\d+)?%?)?\)$/i
const SHORT = /^(tm|wm|tc|ts)(\d{1,2}(?:\.\d+)?)$/i

function extended(stat: string, points: Datapoint[]): number | undefined | null {
  let kind: string
  let low: string | undefined
  let high: string | undefined
  const m = EXTENDED.exec(stat)
  const short = SHORT.exec(stat)
  if (stat === 'IQM') [kind, low, high] = ['TM', '25%', '75%']
  else if (m) [kind, low, high] = [m[1]!.toUpperCase(), m[2], m[3]]
  else if (short) [kind, low, high] = [short[1]!.toUpperCase(), undefined, `${short[2]}%`]
  else return null
  if (kind === 'PR' && (low?.endsWith('%') || high?.endsWith('%'))) return null
  const samples = sortedSamples(points)
  const total = samples.reduce((s, [, c]) => s + c, 0)
  if (total === 0) return undefined
  // Each bound as a value: a percentage becomes the value at that rank.
  const bound = (b: string | undefined, side: 'low' | 'high') => {
    if (b === undefined) return side === 'low' ? -Infinity : Infinity
    return b.endsWith('%') ? (percentile(points, Number(b.slice(0, -1))) ?? NaN) : Number(b)
  }
  const lo = bound(low, 'low')
  const hi = bound(high, 'high')
  let count = 0
  let sum = 0
  let wsum = 0
  for (const [v, c] of samples) {
    if (v > lo && v <= hi) {
      count += c
      sum += v * c
    }
    wsum += Math.min(hi, Math.max(lo === -Infinity ? v : lo, v)) * c
  }
  switch (kind) {
    case 'TC':
      return count
    case 'TS':
      return sum
    case 'PR':
      return (count / total) * 100
    case 'WM':
      return wsum / total
    default:
      return count > 0 ? sum / count : undefined
  }
}

/** One statistic over the datapoints of a period; undefined when there is no data. */
export function statistic(stat: string, points: Datapoint[]): number | undefined {
  if (points.length === 0) return undefined
  const count = points.reduce((s, d) => s + d.count, 0)
  const sum = points.reduce((s, d) => s + d.sum, 0)
  switch (stat) {
    case 'Sum':
      return sum
    case 'SampleCount':
      return count
    case 'Average':
      return count > 0 ? sum / count : undefined
    case 'Minimum':
      return Math.min(...points.map((d) => d.min))
    case 'Maximum':
      return Math.max(...points.map((d) => d.max))
  }
  const m = /^p(\d{1,2}(?:\.\d+)?|100)$/.exec(stat)
  if (m) return percentile(points, Number(m[1]))
  const x = extended(stat, points)
  if (x !== null) return x
  throw invalidParameterValue(`The value ${stat} for parameter MetricStat.Stat is not supported.`)
}
