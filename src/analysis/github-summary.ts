import type { ChartPoint } from './window.js'
import type { RungMetric as MetricJudgement } from './rung-judge.js'
import { blastRadiusText } from './blast-radius.js'
import { formatInUnit } from './units.js'
import type { Report } from '../core/report.js'
import { mdCode, mdText } from '../github/untrusted.js'

const VERDICT = { pass: '✅ pass', fail: '❌ fail', inconclusive: '❔ inconclusive' } as const

/** A figure as its metric is shown (a KPI in its declared unit): never guessed from the metric's name. */
function value(m: MetricJudgement, v: number | undefined, signed = false): string {
  if (v === undefined || !Number.isFinite(v)) return '—'
  if (m.shownAs === 'ratio') return formatInUnit('ratio', v, signed)
  // Latency: the share of requests slower than the top threshold (× the allowance for the canary).
  if (m.shownAs === 'slow-share') return `${formatInUnit('ratio', v, signed)} slow`
  return `${formatInUnit(m.shownAs.unit, v, signed)} per ${m.shownAs.per}`
}

/** An e-value: how many times the evidence has multiplied the bet. */
const evidence = (e: number) =>
  !Number.isFinite(e) ? '∞' : e >= 1e6 ? e.toExponential(1) : e >= 100 ? e.toFixed(0) : e.toFixed(2)

const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16)

/** Carries the last known value over minutes without data (mermaid lines need a number per label). */
function line(points: ChartPoint[], pick: (p: ChartPoint) => number | undefined): string {
  let last = 0
  const values = points.map((p) => {
    const v = pick(p)
    if (v !== undefined && Number.isFinite(v)) last = Math.round(v * 100) / 100
    return last
  })
  return `[${values.join(', ')}]`
}

/** Canary against stable per minute of the bake, as mermaid xycharts GitHub renders. */
export function analysisCharts(points: ChartPoint[]): string {
  const labels = `[${points.map((p) => `"${hhmm(p.time)}"`).join(', ')}]`
  const chart = (title: string, axis: string, stable: string, canary: string) =>
    [
      '```mermaid',
      'xychart-beta',
      `  title "${title}"`,
      `  x-axis "minute (UTC)" ${labels}`,
      `  y-axis "${axis}"`,
      `  line ${stable}`,
      `  line ${canary}`,
      '```'
    ].join('\n')
  return [
    chart(
      '5XX rate (%): stable, then canary',
      '5XX %',
      line(points, (p) => p.stable5xx),
      line(points, (p) => p.canary5xx)
    ),
    chart(
      'Latency p99 (ms): stable, then canary',
      'ms',
      line(points, (p) => p.stableP99),
      line(points, (p) => p.canaryP99)
    )
  ].join('\n\n')
}

/** The summary's canary analysis: the verdict per metric, its charts, and the metrics its reads cost. */
function analysisSection(report: Report): string[] {
  const a = report.analysis
  if (!a) return []
  const v = a.verdict
  const rows = v.metrics.map(
    (m) =>
      `| ${mdText(m.metric)} | ${value(m, m.stable)} | ${value(m, m.canary)} | ${value(m, m.difference, true)} | ${evidence(m.eValue)} of ${evidence(1 / m.alpha)} | ${evidence(m.eNotWorse)} | ${VERDICT[m.outcome]} | ${mdText(m.why)} |`
  )
  const gate =
    a.mode === 'gate'
      ? `Gating (\`analysis: gate\`${a.advanceOnEvidence ? ', `advance-on-evidence`' : ''}): ${a.decision === 'fail' ? 'the canary failed it and was treated like an alarm' : a.decision === 'extend' ? 'inconclusive, the bake was extended' : a.advanceOnEvidence && a.verdict.evidence ? 'the canary was shown within every allowance, the bake ended on that evidence' : 'it did not stop the canary'}.`
      : 'Informational (`analysis: report`): it does not gate.'
  const reads = a.bakes
    .map((b) => `${b.percent}%: ${b.reads} reads, ${b.billedMetrics} metrics`)
    .join('; ')
  return [
    [
      `### Canary analysis: ${VERDICT[a.outcome]}`,
      `${mdText(v.why)}. ${v.canaryRequests} canary requests over ${v.minutes} minutes of the step (last bake ${a.window.start.slice(11, 16)}–${a.window.end.slice(11, 16)} UTC), Stage ${mdCode(a.canaryStage)} beside ${mdCode(report.stage)} of ${mdCode(a.apiName)}; anytime-valid tests, a healthy canary is rolled back by chance with probability at most ${Math.round((100 - a.confidence) * 100) / 100}% over the whole release. ${gate}`,
      '',
      `Blast radius: ${blastRadiusText(a.blastRadius.release)}${a.blastRadius.rungs.length > 1 ? `; ${a.blastRadius.rungs.map((r) => `${r.percent}%: ${blastRadiusText(r)}`).join('; ')}` : ''}.`,
      '',
      '| Metric | Stable | Canary | Difference | Evidence of worse (fails at) | Evidence of within | Verdict | Why |',
      '| --- | --- | --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
      `GetMetricData metrics billed: ${a.billedMetrics} (${reads}).`
    ].join('\n'),
    ...(a.chart.length > 1 ? [`### Canary vs stable per minute\n${analysisCharts(a.chart)}`] : [])
  ]
}

/** After a rollback or a failed step with a canary: where to look, and how to deploy a fix. */
function investigationSection(report: Report): string[] {
  const i = report.investigation
  if (!i) return []
  const link = (text: string, url: string) => `[${text}](<${url}>)`
  return [
    [
      '### Investigate',
      `- ${link('Execution logs', i.executionLogs)} of the canary (${mdCode(i.logGroup)})`,
      `- ${link('Logs Insights: failed requests during the bake', i.logsInsights)}`,
      `- ${link('X-Ray traces', i.traces)} of the stage during the bake`,
      ...i.alarms.map((a) => `- Alarm ${link(mdText(a.name), a.url)}`),
      '',
      'The query:',
      '```',
      i.logsInsightsQuery,
      '```',
      `Deploy a fix as a new canary: ${mdText(i.fixHint)}`
    ].join('\n')
  ]
}

/** The canary analysis and investigation sections of the job summary (summary.ts). */
export function analysisSummary(report: Report): string[] {
  return [...analysisSection(report), ...investigationSection(report)]
}
