/**
 * The canary analysis's inputs (docs/canary-analysis.md): whether the judge
 * runs and gates, its allowances, and custom KPIs. Spread into INPUTS
 * (input-table.ts), so action.yml and the README list them like the others.
 */
import { parse as parseYaml } from 'yaml'
import { z } from 'zod'
import type { KpiMetric } from '../core/metric-queries.js'
import { MAX_BAKE_MS, fail, parseDurationInput, parseOneOf } from './input-parsers.js'
import { input } from './input-spec.js'

/** The commands that bake. */
const BAKING = ['deploy', 'shift', 'ramp'] as const

/** A number from `min` to `max` (decimals allowed), else the one-line error. */
function parseNumber(name: string, min: number, max: number, raw: string, unit = ''): number {
  const n = /^\d+(\.\d+)?$/.test(raw.replace(/%$/, '').trim()) ? Number(raw.replace(/%$/, '')) : NaN
  if (!(n >= min && n <= max)) fail(name, `a number from ${min} to ${max}${unit}`, raw)
  return n
}

const dimension = z.strictObject({
  name: z.string().min(1).max(255),
  value: z.string().min(1).max(1024)
})
const dimensions = z.union([
  z.array(dimension).max(30),
  z.record(z.string().min(1).max(255), z.string().min(1).max(1024))
])
const kpi = z.strictObject({
  name: z.string().min(1).max(100),
  namespace: z.string().min(1).max(255),
  metric: z.string().min(1).max(255),
  statistic: z.string().regex(/^(Sum|Average|Minimum|Maximum|SampleCount|p\d{1,2}(\.\d+)?)$/),
  direction: z.enum(['higher-is-worse', 'lower-is-worse']),
  'max-change': z.number().min(0).max(10_000).optional(),
  'canary-dimensions': dimensions,
  'stable-dimensions': dimensions
})

const KPI_FORM =
  'a JSON or YAML list of {name, namespace, metric, statistic (Sum, Average, p99...), direction (higher-is-worse or lower-is-worse), canary-dimensions, stable-dimensions, optional max-change (percent)}'

const asDimensions = (d: z.infer<typeof dimensions>) =>
  Array.isArray(d)
    ? d.map((x) => ({ Name: x.name, Value: x.value }))
    : Object.entries(d).map(([Name, Value]) => ({ Name, Value }))

/** `analysis-metrics`: custom KPIs read for both sides and judged like latencies. */
export function parseAnalysisMetrics(name: string, raw: string): KpiMetric[] {
  let doc: unknown
  try {
    doc = parseYaml(raw)
  } catch {
    fail(name, KPI_FORM, raw)
  }
  const r = z.array(kpi).min(1).max(20).safeParse(doc)
  if (!r.success) {
    const issue = r.error.issues[0]
    const where = issue ? ` (${issue.path.join('.') || 'list'}: ${issue.message})` : ''
    fail(name, `${KPI_FORM}${where}`, raw)
  }
  return r.data.map((k) => ({
    name: k.name,
    direction: k.direction,
    ...(k['max-change'] !== undefined ? { maxChangePercent: k['max-change'] } : {}),
    namespace: k.namespace,
    metricName: k.metric,
    stat: k.statistic,
    stableDimensions: asDimensions(k['stable-dimensions']),
    canaryDimensions: asDimensions(k['canary-dimensions'])
  }))
}

export const ANALYSIS_INPUTS = [
  input({
    name: 'analysis',
    key: 'analysisMode',
    description:
      "Canary analysis during each bake (docs/canary-analysis.md): `off`; `report` puts the judge's verdict per metric in the log, the summary and the `analysis` output; `gate` also treats a failing verdict like an alarm (per `on-alarm`).",
    default: 'report',
    usedBy: BAKING,
    parse: (raw, name) => parseOneOf(name, ['off', 'report', 'gate'], raw)
  }),
  input({
    name: 'max-5xx-increase',
    key: 'max5xxIncrease',
    description:
      "How many percentage points the canary's 5XX rate may exceed the stable side's before the analysis fails it.",
    default: '0.5',
    usedBy: BAKING,
    parse: (raw, name) => parseNumber(name, 0, 100, raw, ' (percentage points)')
  }),
  input({
    name: 'max-4xx-increase',
    key: 'max4xxIncrease',
    description: 'The same for the 4XX rate, in percentage points.',
    default: '1',
    usedBy: BAKING,
    parse: (raw, name) => parseNumber(name, 0, 100, raw, ' (percentage points)')
  }),
  input({
    name: 'analysis-confidence',
    key: 'analysisConfidence',
    description:
      'How sure each statistical test must be that the canary is worse beyond its allowance, in percent.',
    default: '95',
    usedBy: BAKING,
    parse: (raw, name) => parseNumber(name, 50, 99.99, raw, ' (percent)')
  }),
  input({
    name: 'max-latency-increase',
    key: 'maxLatencyIncrease',
    description:
      "How much the canary's median per-minute latency (p50, p95, p99, integration p99) may exceed the stable side's, in percent.",
    default: '20',
    usedBy: BAKING,
    parse: (raw, name) => parseNumber(name, 0, 10_000, raw, ' (percent)')
  }),
  input({
    name: 'min-canary-requests',
    key: 'minCanaryRequests',
    description:
      'Fewer canary requests than this in a bake and the verdict is `inconclusive` (see `on-inconclusive`).',
    default: '200',
    usedBy: BAKING,
    parse: (raw, name) => parseNumber(name, 0, 1_000_000_000, raw)
  }),
  input({
    name: 'on-inconclusive',
    key: 'onInconclusive',
    description:
      'With `analysis: gate`, what an inconclusive verdict at the end of a bake does: `pass`, `fail` (like an alarm), or `extend` (bake on, judging every minute, up to `max-bake-time`, then fail).',
    default: 'pass',
    usedBy: BAKING,
    parse: (raw, name) => parseOneOf(name, ['pass', 'fail', 'extend'], raw)
  }),
  input({
    name: 'max-bake-time',
    key: 'maxBakeTimeMs',
    description:
      'With `on-inconclusive: extend`, the longest a bake may last in all (a duration such as `30m`).',
    default: '',
    defaultDoc: 'twice `bake-time`',
    usedBy: BAKING,
    parse: (raw, name) => parseDurationInput(name, raw, 1000, MAX_BAKE_MS)
  }),
  input({
    name: 'analysis-metrics',
    key: 'analysisMetrics',
    description:
      'Custom KPIs the analysis judges too: a JSON or YAML list of `{name, namespace, metric, statistic, direction, canary-dimensions, stable-dimensions}` (`direction`: `higher-is-worse` or `lower-is-worse`; optional `max-change`, percent, default 10). See docs/canary-analysis.md.',
    default: '',
    usedBy: BAKING,
    empty: () => [],
    parse: (raw, name) => parseAnalysisMetrics(name, raw)
  })
] as const
