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

function percentile(p: Datapoint[], q: number): number | undefined {
  const samples: Array<[number, number]> = []
  for (const d of p) {
    if (d.samples.length > 0) samples.push(...d.samples)
    else if (d.count > 0) samples.push([d.sum / d.count, d.count])
  }
  if (samples.length === 0) return undefined
  samples.sort((a, b) => a[0] - b[0])
  const total = samples.reduce((s, [, c]) => s + c, 0)
  const rank = Math.max(1, Math.ceil((q / 100) * total))
  let seen = 0
  for (const [v, c] of samples) {
    seen += c
    if (seen >= rank) return v
  }
  return samples[samples.length - 1]?.[0]
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
  throw invalidParameterValue(`The value ${stat} for parameter MetricStat.Stat is not supported.`)
}
