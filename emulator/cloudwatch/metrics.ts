/** CloudWatch metric storage: PutMetricData, GetMetricData, ListMetrics. */
import { createHash } from 'node:crypto'

import {
  invalidNextToken,
  invalidParameterCombination,
  invalidParameterValue,
  missingParameter,
  validationError
} from './errors.js'
import {
  type Datapoint,
  type Dimension,
  type Series,
  parseDimensions,
  parseTimestamp,
  seriesKey,
  statistic
} from './metric-data.js'
import { generateScenario, type ScenarioResult } from './metrics-scenario.js'
import { epochSeconds, isRecord } from '../common/wire.js'

const MAX_QUERIES = 500
const LIST_PAGE = 500
/** GetMetricData's default MaxDatapoints. */
const MAX_DATAPOINTS = 100_800

interface QueryResult {
  Id: string
  Label: string
  Timestamps: number[]
  Values: number[]
  StatusCode: string
  Messages?: unknown[]
}

export class MetricStore {
  private readonly series = new Map<string, Series>()
  /** The datapoints the current scenario put in (a new scenario replaces them). */
  private scripted = new Set<Datapoint>()

  constructor(private readonly now: () => number = Date.now) {}

  reset(): void {
    this.series.clear()
    this.scripted.clear()
  }

  /** Replaces the scripted API Gateway traffic (metrics-scenario.ts); a string is why it was refused. */
  /** Stores a scenario's datapoints; answers the rest of it (summary, requests to log), or why it was refused. */
  applyScenario(body: unknown): Omit<ScenarioResult, 'points'> | string {
    const result = generateScenario(body, this.now())
    if (typeof result === 'string') return result
    for (const s of this.series.values()) s.points = s.points.filter((p) => !this.scripted.has(p))
    this.scripted = new Set(result.points.map((p) => p.point))
    for (const p of result.points)
      this.seriesFor('AWS/ApiGateway', p.metricName, p.dimensions).points.push(p.point)
    const { points: _points, ...rest } = result
    return rest
  }

  private seriesFor(namespace: string, metricName: string, dimensions: Dimension[]): Series {
    const key = seriesKey(namespace, metricName, dimensions)
    let s = this.series.get(key)
    if (!s) {
      s = { namespace, metricName, dimensions, points: [] }
      this.series.set(key, s)
    }
    return s
  }

  putMetricData(input: Record<string, unknown>): Record<string, unknown> {
    const namespace = input.Namespace
    if (typeof namespace !== 'string' || namespace === '') {
      throw missingParameter('The parameter Namespace is required.')
    }
    const data = input.MetricData
    if (!Array.isArray(data) || data.length === 0) {
      throw missingParameter('The parameter MetricData is required.')
    }
    if (data.length > 1000) {
      throw validationError(
        "1 validation error detected: Value at 'metricData' failed to satisfy constraint: Member must have length less than or equal to 1000"
      )
    }
    const parsed = data.map((raw, idx) => {
      if (!isRecord(raw) || typeof raw.MetricName !== 'string' || raw.MetricName === '') {
        throw missingParameter(`The parameter MetricData.member.${idx + 1}.MetricName is required.`)
      }
      const dims = parseDimensions(raw.Dimensions)
      const timestamp =
        raw.Timestamp === undefined ? this.now() : parseTimestamp(raw.Timestamp, 'Timestamp')
      const unit = typeof raw.Unit === 'string' ? raw.Unit : 'None'
      let samples: Array<[number, number]> = []
      let sum = 0
      let count = 0
      let min = Infinity
      let max = -Infinity
      if (Array.isArray(raw.Values)) {
        const counts = Array.isArray(raw.Counts) ? raw.Counts : []
        if (counts.length > 0 && counts.length !== raw.Values.length) {
          throw invalidParameterValue(
            `The parameters MetricData.member.${idx + 1}.Values and MetricData.member.${idx + 1}.Counts must be of the same size.`
          )
        }
        samples = raw.Values.map((v, j) => [Number(v), counts.length > 0 ? Number(counts[j]) : 1])
      } else if (isRecord(raw.StatisticValues)) {
        const sv = raw.StatisticValues
        sum = Number(sv.Sum)
        count = Number(sv.SampleCount)
        min = Number(sv.Minimum)
        max = Number(sv.Maximum)
        if (![sum, count, min, max].every(Number.isFinite)) {
          throw missingParameter(
            `The parameter MetricData.member.${idx + 1}.StatisticValues must have SampleCount, Sum, Minimum and Maximum.`
          )
        }
      } else if (raw.Value !== undefined) {
        samples = [[Number(raw.Value), 1]]
      } else {
        throw invalidParameterCombination(
          `At least one of the parameters MetricData.member.${idx + 1}.Value, MetricData.member.${idx + 1}.StatisticValues or MetricData.member.${idx + 1}.Values must be specified.`
        )
      }
      for (const [v, c] of samples) {
        if (!Number.isFinite(v) || !Number.isFinite(c)) {
          throw invalidParameterValue(
            `The value for parameter MetricData.member.${idx + 1}.Value is not a valid number.`
          )
        }
        sum += v * c
        count += c
        min = Math.min(min, v)
        max = Math.max(max, v)
      }
      return {
        name: raw.MetricName,
        dims,
        point: { timestamp, unit, samples, sum, count, min, max }
      }
    })
    for (const p of parsed) this.seriesFor(namespace, p.name, p.dims).points.push(p.point)
    return {}
  }

  getMetricData(input: Record<string, unknown>): Record<string, unknown> {
    const queries = input.MetricDataQueries
    if (!Array.isArray(queries) || queries.length === 0) {
      throw missingParameter('The parameter MetricDataQueries is required.')
    }
    if (queries.length > MAX_QUERIES) {
      throw validationError(
        `1 validation error detected: Value at 'metricDataQueries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_QUERIES}`
      )
    }
    if (input.StartTime === undefined)
      throw missingParameter('The parameter StartTime is required.')
    if (input.EndTime === undefined) throw missingParameter('The parameter EndTime is required.')
    const start = parseTimestamp(input.StartTime, 'StartTime')
    const end = parseTimestamp(input.EndTime, 'EndTime')
    if (end <= start) {
      throw validationError('The parameter StartTime must be less than the parameter EndTime.')
    }
    const ascending = input.ScanBy === 'TimestampAscending'
    const ids = new Set<string>()
    const results = queries.map((q) => {
      if (!isRecord(q) || typeof q.Id !== 'string') {
        throw missingParameter('The parameter MetricDataQueries.member.Id is required.')
      }
      if (!/^[a-z][a-zA-Z0-9_]*$/.test(q.Id)) {
        throw validationError(
          `The value ${q.Id} for parameter MetricDataQueries.member.Id is invalid. It must start with a lowercase letter and contain only letters, digits and underscores.`
        )
      }
      if (ids.has(q.Id)) {
        throw validationError(
          `The value ${q.Id} for parameter MetricDataQueries.member.Id is duplicated.`
        )
      }
      ids.add(q.Id)
      return { q, id: q.Id }
    })
    const maxDatapoints = input.MaxDatapoints ?? MAX_DATAPOINTS
    if (
      typeof maxDatapoints !== 'number' ||
      !Number.isInteger(maxDatapoints) ||
      maxDatapoints < 1
    ) {
      throw validationError('The parameter MaxDatapoints must be a positive integer.')
    }
    const out = results
      .filter(({ q }) => q.ReturnData !== false)
      .map(({ q, id }) => this.runQuery(q, id, start, end, ascending))
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([queries, start, end, ascending]))
      .digest('base64url')
      .slice(0, 16)
    return page(out, maxDatapoints, fingerprint, input.NextToken)
  }

  private runQuery(
    q: Record<string, unknown>,
    id: string,
    start: number,
    end: number,
    ascending: boolean
  ): QueryResult {
    const ms = q.MetricStat
    if (!isRecord(ms)) {
      return {
        Id: id,
        Label: typeof q.Label === 'string' ? q.Label : id,
        Timestamps: [],
        Values: [],
        StatusCode: 'InternalError',
        Messages: [{ Code: 'Unsupported', Value: 'The emulator supports MetricStat queries only.' }]
      }
    }
    const metric = isRecord(ms.Metric) ? ms.Metric : {}
    const ns = typeof metric.Namespace === 'string' ? metric.Namespace : ''
    const name = typeof metric.MetricName === 'string' ? metric.MetricName : ''
    const period = Number(ms.Period)
    if (!Number.isInteger(period) || period < 1) {
      throw validationError(
        'The parameter MetricDataQueries.member.MetricStat.Period must be a positive integer.'
      )
    }
    if (period >= 60 && period % 60 !== 0) {
      throw validationError(
        'The parameter MetricDataQueries.member.MetricStat.Period must be a multiple of 60 for periods of 60 seconds or more.'
      )
    }
    const stat = typeof ms.Stat === 'string' ? ms.Stat : ''
    if (stat === '')
      throw missingParameter('The parameter MetricDataQueries.member.MetricStat.Stat is required.')
    const unit = typeof ms.Unit === 'string' ? ms.Unit : undefined
    const series = this.series.get(seriesKey(ns, name, parseDimensions(metric.Dimensions)))
    const buckets = new Map<number, Datapoint[]>()
    const periodMs = period * 1000
    for (const p of series?.points ?? []) {
      if (p.timestamp < start || p.timestamp >= end) continue
      if (p.visibleAt !== undefined && p.visibleAt > this.now()) continue
      if (unit !== undefined && p.unit !== unit) continue
      // Periods start at StartTime, as CloudWatch's do for a StartTime on a period boundary.
      const b = start + Math.floor((p.timestamp - start) / periodMs) * periodMs
      const list = buckets.get(b) ?? []
      list.push(p)
      buckets.set(b, list)
    }
    const rows: Array<[number, number]> = []
    for (const [b, pts] of buckets) {
      const v = statistic(stat, pts)
      if (v !== undefined) rows.push([b, v])
    }
    rows.sort((a, b) => (ascending ? a[0] - b[0] : b[0] - a[0]))
    return {
      Id: id,
      Label: typeof q.Label === 'string' ? q.Label : name,
      Timestamps: rows.map(([t]) => t),
      Values: rows.map(([, v]) => v),
      StatusCode: 'Complete'
    }
  }

  listMetrics(input: Record<string, unknown>): Record<string, unknown> {
    const ns = typeof input.Namespace === 'string' ? input.Namespace : undefined
    const name = typeof input.MetricName === 'string' ? input.MetricName : undefined
    const filters = Array.isArray(input.Dimensions) ? input.Dimensions.filter(isRecord) : []
    const matches = [...this.series.values()].filter((s) => {
      if (ns !== undefined && s.namespace !== ns) return false
      if (name !== undefined && s.metricName !== name) return false
      return filters.every((f) =>
        s.dimensions.some(
          (d) => d.Name === f.Name && (typeof f.Value !== 'string' || d.Value === f.Value)
        )
      )
    })
    let startIdx = 0
    if (typeof input.NextToken === 'string') {
      startIdx = Number(Buffer.from(input.NextToken, 'base64url').toString('utf8'))
      if (!Number.isInteger(startIdx) || startIdx < 0) throw invalidNextToken('Invalid NextToken.')
    }
    const pageItems = matches.slice(startIdx, startIdx + LIST_PAGE)
    const out: Record<string, unknown> = {
      Metrics: pageItems.map((s) => ({
        Namespace: s.namespace,
        MetricName: s.metricName,
        Dimensions: s.dimensions.map((d) => ({ ...d }))
      }))
    }
    if (startIdx + LIST_PAGE < matches.length) {
      out.NextToken = Buffer.from(String(startIdx + LIST_PAGE), 'utf8').toString('base64url')
    }
    return out
  }
}

/**
 * One page of a GetMetricData answer: at most `max` datapoints over all
 * queries, in query order. Every page lists every query; one whose datapoints
 * go on in a later page is `PartialData`, and the answer carries a NextToken
 * valid for the same request only.
 */
function page(
  results: QueryResult[],
  max: number,
  fingerprint: string,
  token: unknown
): Record<string, unknown> {
  let offset = 0
  if (token !== undefined) {
    const m =
      typeof token === 'string'
        ? /^(\d+)\.(.+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'))
        : null
    if (!m || m[2] !== fingerprint)
      throw invalidNextToken('The service returned an invalid NextToken.')
    offset = Number(m[1])
  }
  const total = results.reduce((s, r) => s + r.Timestamps.length, 0)
  const endIdx = Math.min(total, offset + max)
  let seen = 0
  const out = results.map((r) => {
    const from = Math.max(0, offset - seen)
    const to = Math.max(from, Math.min(r.Timestamps.length, endIdx - seen))
    seen += r.Timestamps.length
    const status =
      r.StatusCode === 'Complete' && to < r.Timestamps.length ? 'PartialData' : r.StatusCode
    return {
      ...r,
      Timestamps: r.Timestamps.slice(from, to).map(epochSeconds),
      Values: r.Values.slice(from, to),
      StatusCode: status
    }
  })
  const answer: Record<string, unknown> = { MetricDataResults: out, Messages: [] }
  if (endIdx < total)
    answer.NextToken = Buffer.from(`${endIdx}.${fingerprint}`, 'utf8').toString('base64url')
  return answer
}
