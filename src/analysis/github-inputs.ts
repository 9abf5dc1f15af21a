/**
 * The canary analysis's inputs (docs/canary-analysis.md): whether the judge
 * runs and gates, its allowances, and custom KPIs. Spread into INPUTS
 * (input-table.ts), so action.yml and the README list them like the others.
 */
import { yamlValue } from '../core/yaml-text.js'
import type { KpiMetric } from './metric-queries.js'
import { KPI_UNITS, type KpiUnit } from './units.js'
import {
  MAX_BAKE_MS,
  fail,
  parseBoolean,
  parseDurationInput,
  parseOneOf
} from '../github/input-parsers.js'
import { input } from '../github/input-spec.js'
import { commandsWhere } from '../commands/catalog.js'

/** The commands that bake. */
const BAKING = commandsWhere((t) => t.bakes)

/** A number from `min` to `max` (decimals allowed), else the one-line error. */
function parseNumber(name: string, min: number, max: number, raw: string, unit = ''): number {
  const n = /^\d+(\.\d+)?$/.test(raw.replace(/%$/, '').trim()) ? Number(raw.replace(/%$/, '')) : NaN
  if (!(n >= min && n <= max)) fail(name, `a number from ${min} to ${max}${unit}`, raw)
  return n
}

const KPI_FORM =
  'a JSON or YAML list of {name, namespace, metric, statistic (Sum or Average), direction (higher-is-worse or lower-is-worse), canary-dimensions, stable-dimensions, optional max-change (percent), optional unit (a CloudWatch unit such as Seconds or Percent)}'

const KPI_KEYS = new Set([
  'name',
  'namespace',
  'metric',
  'statistic',
  'direction',
  'max-change',
  'unit',
  'canary-dimensions',
  'stable-dimensions'
])
/** Sum: events, compared per request; Average: events per sample (Sum / SampleCount). docs/canary-analysis.md#custom-kpis */
const STATISTIC = /^(Sum|Average)$/

const isText = (v: unknown, max: number): v is string =>
  typeof v === 'string' && v.length >= 1 && v.length <= max
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** CloudWatch dimensions as a list of {name, value} or a map; undefined when neither. */
function dimensionsOf(d: unknown): { Name: string; Value: string }[] | undefined {
  const pairs: [unknown, unknown][] = Array.isArray(d)
    ? d.map((x) => (isObject(x) && Object.keys(x).length === 2 ? [x.name, x.value] : [0, 0]))
    : isObject(d)
      ? Object.entries(d)
      : []
  if ((!Array.isArray(d) && !isObject(d)) || pairs.length > 30) return undefined
  if (!pairs.every(([n, v]) => isText(n, 255) && isText(v, 1024))) return undefined
  return pairs.map(([Name, Value]) => ({ Name: Name as string, Value: Value as string }))
}

/** One KPI, or why it is not one (the field at fault). */
function kpiOf(k: unknown, at: number): KpiMetric | string {
  if (!isObject(k)) return `${at}: not an object`
  const extra = Object.keys(k).find((key) => !KPI_KEYS.has(key))
  if (extra) return `${at}.${extra}: not a field`
  if (!isText(k.name, 100)) return `${at}.name: required, 1-100 characters`
  for (const f of ['namespace', 'metric'] as const)
    if (!isText(k[f], 255)) return `${at}.${f}: required, 1-255 characters`
  if (typeof k.statistic !== 'string' || !STATISTIC.test(k.statistic))
    return `${at}.statistic: Sum (events, compared per request) or Average (events per sample)`
  if (k.direction !== 'higher-is-worse' && k.direction !== 'lower-is-worse')
    return `${at}.direction: higher-is-worse or lower-is-worse`
  const change = k['max-change']
  if (change !== undefined && !(typeof change === 'number' && change >= 0 && change <= 10_000))
    return `${at}.max-change: a number from 0 to 10000`
  const unit = k.unit
  if (unit !== undefined && !KPI_UNITS.includes(unit as KpiUnit))
    return `${at}.unit: a CloudWatch unit (${KPI_UNITS.join(', ')})`
  const canary = dimensionsOf(k['canary-dimensions'])
  const stable = dimensionsOf(k['stable-dimensions'])
  if (!canary) return `${at}.canary-dimensions: a list of {name, value} or a map (at most 30)`
  if (!stable) return `${at}.stable-dimensions: a list of {name, value} or a map (at most 30)`
  return {
    name: k.name,
    ...(unit !== undefined ? { unit: unit as KpiUnit } : {}),
    direction: k.direction,
    ...(change !== undefined ? { maxChangePercent: change } : {}),
    namespace: k.namespace as string,
    metricName: k.metric as string,
    stat: k.statistic as 'Sum' | 'Average',
    stableDimensions: stable,
    canaryDimensions: canary
  }
}

/** `analysis-metrics`: custom KPIs read for both sides and judged like latencies. */
export function parseAnalysisMetrics(name: string, raw: string): KpiMetric[] {
  // Parsed without printing: the library's own warnings would quote the value on stderr.
  const parsed = yamlValue(raw)
  if (!parsed.ok) fail(name, `${KPI_FORM} (YAML: ${parsed.problem})`, raw)
  const doc = parsed.value
  if (!Array.isArray(doc) || doc.length < 1 || doc.length > 20)
    fail(name, `${KPI_FORM} (list: 1 to 20 metrics)`, raw)
  return doc.map((k, at) => {
    const kpi = kpiOf(k, at)
    if (typeof kpi === 'string') fail(name, `${KPI_FORM} (${kpi})`, raw)
    return kpi
  })
}

export const ANALYSIS_INPUTS = [
  input({
    name: 'analysis',
    summary: 'Canary-vs-stable analysis during bakes: `off`, `report` or `gate`.',
    key: 'analysisMode',
    description:
      "Canary analysis during each bake (docs/canary-analysis.md): `off`; `report` puts the judge's verdict per metric in the log, the summary and the `analysis` output; `gate` also treats a failing verdict like an alarm (per `on-alarm`).",
    default: 'report',
    usedBy: BAKING,
    parse: (raw, name) => parseOneOf(name, ['off', 'report', 'gate'], raw)
  }),
  input({
    name: 'max-5xx-increase',
    summary: "Analysis: how far the canary's 5XX rate may exceed the stable side's.",
    key: 'max5xxIncrease',
    description:
      "How many percentage points the canary's 5XX rate may exceed the stable side's before the analysis fails it.",
    default: '0.5',
    usedBy: BAKING,
    parse: (raw, name) => parseNumber(name, 0, 100, raw, ' (percentage points)')
  }),
  input({
    name: 'max-4xx-increase',
    summary: 'Analysis: the same for the 4XX rate.',
    key: 'max4xxIncrease',
    description: 'The same for the 4XX rate, in percentage points.',
    default: '1',
    usedBy: BAKING,
    parse: (raw, name) => parseNumber(name, 0, 100, raw, ' (percentage points)')
  }),
  input({
    name: 'analysis-confidence',
    summary: 'Analysis: how sure a test must be that the canary is worse.',
    key: 'analysisConfidence',
    description:
      'The release-wide guarantee, in percent: a canary no worse than stable within the allowances is rolled back by the analysis (at any read, any metric, any rung of `steps`) with probability at most 100 − this.',
    default: '95',
    usedBy: BAKING,
    parse: (raw, name) => parseNumber(name, 50, 99.99, raw, ' (percent)')
  }),
  input({
    name: 'max-latency-increase',
    summary: "Analysis: how far the canary's latency may exceed the stable side's.",
    key: 'maxLatencyIncrease',
    description:
      "How much slower the canary's latency may be than the stable side's, in percent, at every quantile (tested at thresholds from the stable side's p50 to beyond its p99).",
    default: '20',
    usedBy: BAKING,
    parse: (raw, name) => parseNumber(name, 0, 10_000, raw, ' (percent)')
  }),
  input({
    name: 'min-canary-requests',
    summary: 'Analysis: fewer canary requests and the verdict is inconclusive.',
    key: 'minCanaryRequests',
    description:
      'Fewer canary requests than this in a bake and the verdict is `inconclusive` (see `on-inconclusive`).',
    default: '200',
    usedBy: BAKING,
    parse: (raw, name) => parseNumber(name, 0, 1_000_000_000, raw)
  }),
  input({
    name: 'on-inconclusive',
    summary: 'Analysis: what an inconclusive verdict does: `pass`, `fail` or `extend`.',
    key: 'onInconclusive',
    description:
      'With `analysis: gate`, what an inconclusive verdict at the end of a bake does: `pass`, `fail` (like an alarm), or `extend` (bake on, judging every minute, up to `max-bake-time`, then fail).',
    default: 'pass',
    usedBy: BAKING,
    parse: (raw, name) => parseOneOf(name, ['pass', 'fail', 'extend'], raw)
  }),
  input({
    name: 'max-bake-time',
    summary: 'Analysis: the longest an extended bake may last.',
    key: 'maxBakeTimeMs',
    description:
      'With `on-inconclusive: extend` or `advance-on-evidence`, the longest a bake may last in all (a duration such as `30m`).',
    default: '',
    defaultDoc: 'twice `bake-time`',
    usedBy: BAKING,
    parse: (raw, name) => parseDurationInput(name, raw, 1000, MAX_BAKE_MS)
  }),
  input({
    name: 'advance-on-evidence',
    summary: 'Analysis: end each bake as soon as the evidence says the canary is fine.',
    key: 'advanceOnEvidence',
    description:
      'With `analysis: gate`, end each bake as soon as the analysis shows the canary within every allowance at `analysis-confidence`, but never before the gating alarms can have seen the rung (their period × datapoints to alarm, plus a minute) and never after `max-bake-time` (then `on-inconclusive`; `extend` fails). `bake-time` no longer sets the bake.',
    default: 'false',
    usedBy: BAKING,
    parse: (raw, name) => parseBoolean(name, raw)
  }),
  input({
    name: 'analysis-metrics',
    summary: 'Analysis: custom KPIs to judge too.',
    key: 'analysisMetrics',
    description:
      'Custom KPIs the analysis judges too: a JSON or YAML list of `{name, namespace, metric, statistic, direction, canary-dimensions, stable-dimensions}` (`statistic`: `Sum`, events compared per request, or `Average`, events per sample; `direction`: `higher-is-worse` or `lower-is-worse`; optional `max-change`, percent, default 10; optional `unit`, a CloudWatch unit such as `Seconds`, `Milliseconds`, `Percent` or `Count`, which the summary shows the values in). See docs/canary-analysis.md.',
    default: '',
    usedBy: BAKING,
    empty: () => [],
    parse: (raw, name) => parseAnalysisMetrics(name, raw)
  })
] as const
