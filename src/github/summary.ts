import { analysisSummary } from '../analysis/github-summary.js'
import { blastRadiusText } from '../analysis/blast-radius.js'
import type { Report, TimelineEntry } from '../core/report.js'
import { preflightSection } from '../preflight/github-summary.js'
import { triageSection } from '../triage/github-summary.js'
import { outputsOf } from './outputs.js'
import { formatDuration } from '../core/duration.js'
import { pct, trafficOf } from '../core/stage.js'
import { mdCode, mdText } from './untrusted.js'
import { traitsOf } from '../commands/catalog.js'

/** A code span in a table cell. */
const cellCode = (s: string | undefined) => mdCode(s, true)

const HEADLINE: Record<string, string> = {
  canary: '🟡 canary',
  'no-canary': '⚪ no canary',
  promoted: '🟢 promoted',
  'rolled-back': '🔴 rolled back',
  '': '⚪ unknown'
}

function elapsed(startedAt: string, time: string): string {
  return `+${formatDuration(Math.max(0, Date.parse(time) - Date.parse(startedAt)))}`
}

/** Pure: canary traffic at every moment of the step, as (time, percent) changes from the timeline. */
function trafficSteps(report: Report): { at: number; percent: number }[] {
  const steps = [{ at: Date.parse(report.startedAt), percent: trafficOf(report.before) }]
  for (const e of report.timeline) steps.push({ at: Date.parse(e.time), percent: e.percent })
  return steps
}

const CHART_BUCKETS = 24

/** Axis labels that stay distinct at any bucket width (mermaid merges equal categories). */
export function axisLabel(ms: number, bucketMs: number): string {
  if (bucketMs >= 1000) return formatDuration(Math.round(ms / 1000) * 1000).replace(/^0ms$/, '0s')
  const decimals = Math.min(3, Math.ceil(-Math.log10(bucketMs / 1000)))
  return `${(ms / 1000).toFixed(decimals)}s`
}

/**
 * Canary traffic over time as a mermaid xychart that GitHub renders. The step
 * is cut into equal time buckets, each showing the highest traffic it had (so
 * a short exposure still shows), and a last point gives the traffic the step
 * ended with (so a rollback or promotion at the end shows too).
 */
export function trafficChart(report: Report): string {
  const steps = trafficSteps(report)
  const start = steps[0]!.at
  const end = Math.max(
    report.finishedAt ? Date.parse(report.finishedAt) : steps.at(-1)!.at,
    start + 1
  )
  const width = (end - start) / CHART_BUCKETS
  const labels: string[] = []
  const values: number[] = []
  for (let b = 0; b < CHART_BUCKETS; b++) {
    const from = start + b * width
    const to = from + width
    // Traffic in force at the bucket's start, and every change inside it.
    const atStart = steps.filter((s) => s.at <= from).at(-1)?.percent ?? steps[0]!.percent
    const inside = steps.filter((s) => s.at > from && s.at < to).map((s) => s.percent)
    values.push(Math.max(atStart, ...inside))
    labels.push(axisLabel(b * width, width))
  }
  labels.push(axisLabel(end - start, width))
  values.push(steps.at(-1)!.percent)
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Canary traffic (%) over time"',
    `  x-axis "time since the step started" [${labels.map((l) => `"${l}"`).join(', ')}]`,
    '  y-axis "canary traffic %" 0 --> 100',
    `  line [${values.join(', ')}]`,
    '```'
  ].join('\n')
}

function timelineTable(report: Report, entries: TimelineEntry[]): string {
  const rows = entries.map(
    (e) =>
      `| ${e.time.slice(11, 23)} | ${elapsed(report.startedAt, e.time)} | ${e.event} | ${pct(e.percent)} | ${mdText(e.detail)} |`
  )
  return [
    '| Time (UTC) | Elapsed | Event | Canary traffic | Detail |',
    '| --- | --- | --- | --- | --- |',
    ...rows
  ].join('\n')
}

/**
 * Pure: the job summary as GitHub-flavoured markdown. Every value the action
 * did not write itself goes through mdText() or mdCode().
 */
export function renderSummary(report: Report): string {
  const o = outputsOf(report)
  const out: string[] = []
  out.push(
    `## apigw-canary · ${mdCode(report.command)} · stage ${mdCode(report.stage)} — ${HEADLINE[o.status!]}`
  )
  if (report.dryRun)
    out.push('> [!NOTE]\n> Dry run: the calls below were printed, not made. Nothing was changed.')
  if (report.abortReason) out.push(`> [!CAUTION]\n> ${mdText(report.abortReason)}`)
  if (report.ungated)
    out.push(
      "> [!WARNING]\n> Ungated release (`allow-ungated: true`): no alarm and no gating canary analysis watched this step's traffic changes."
    )
  if (report.analysis)
    out.push(`**Blast radius:** ${blastRadiusText(report.analysis.blastRadius.release)}.`)

  const checks = preflightSection(report)
  if (checks) out.push(checks)

  const before = report.before
  const after = report.after
  const traffic = after
    ? `${pct(trafficOf(after))}${before && trafficOf(before) !== trafficOf(after) ? ` (was ${pct(trafficOf(before))})` : ''}`
    : '—'
  out.push(
    [
      '| Stage | |',
      '| --- | --- |',
      `| REST API | ${cellCode(report.restApiId)} |`,
      `| Stable deployment | ${cellCode(after?.stableDeploymentId)}${o['previous-stable-deployment-id'] ? ` (was ${cellCode(o['previous-stable-deployment-id'])})` : ''} |`,
      `| Canary deployment | ${cellCode(after?.canary?.deploymentId)} |`,
      `| Canary traffic | ${traffic} |`,
      `| Commit | ${report.canaryCommit ? cellCode(report.canaryCommit) : traitsOf(report.command).decreasesUnread ? '— (a decrease does not read it; status does)' : '—'} |`,
      `| Next rung | ${o['next-percent'] ? pct(Number(o['next-percent'])) : '—'} |`
    ].join('\n')
  )

  if (report.alarms === undefined) {
    out.push(
      report.alarmsConfigured
        ? '### Alarms\nNot read: the step ended before reading them.'
        : '### Alarms\nNo alarms configured: traffic changes were not gated.'
    )
  } else {
    const icon = { OK: '✅', ALARM: '🚨', INSUFFICIENT_DATA: '❔' } as const
    out.push(
      [
        `### Alarms — worst state ${report.alarmState}`,
        '| Alarm | Type | State | Since | Reason |',
        '| --- | --- | --- | --- | --- |',
        ...report.alarms.map(
          (a) =>
            `| ${cellCode(a.name)} | ${a.type === 'CompositeAlarm' ? 'composite' : 'metric'} | ${a.state in icon ? `${icon[a.state]} ${a.state}` : mdText(a.state)} | ${a.updated || '—'} | ${mdText(a.reason) || '—'} |`
        )
      ].join('\n')
    )
  }

  if (report.metrics) {
    const m = report.metrics
    const mark = { worse: '⚠️ worse', ok: '✅', 'no data': '—' } as const
    out.push(
      [
        `### Canary vs stable`,
        `CloudWatch \`AWS/ApiGateway\` for ${mdCode(m.apiName)}, ${m.start.slice(11, 19)}–${m.end.slice(11, 19)} UTC: Stage ${mdCode(m.canaryStage)} (canary, ${m.canaryStageSource}) beside ${mdCode(report.stage)} (stable). Informational: the alarms gate.`,
        '',
        '| Metric | Stable | Canary | |',
        '| --- | --- | --- | --- |',
        ...m.rows.map((r) => `| ${r.metric} | ${r.stable} | ${r.canary} | ${mark[r.verdict]} |`)
      ].join('\n')
    )
  }

  // The canary's top errors, above the analysis and the investigation links.
  out.push(...triageSection(report))
  out.push(...analysisSummary(report))

  if (report.changes.length > 0) {
    out.push(
      [
        report.dryRun ? '### Calls that would be made' : '### What changed',
        ...report.changes.map((c) => `- \`${c.operation}\` ${mdCode(JSON.stringify(c.input))}`)
      ].join('\n')
    )
  } else {
    out.push(`### What changed\nNothing: no call changed the stage.`)
  }

  if (report.timeline.length > 0) {
    out.push(`### Timeline\n${timelineTable(report, report.timeline)}`)
    // A chart where traffic was watched over time; a lone change is a table row.
    if (report.timeline.some((e) => e.event === 'bake-start')) {
      out.push(`### Traffic over time\n${trafficChart(report)}`)
    }
  }
  return out.join('\n\n') + '\n'
}
