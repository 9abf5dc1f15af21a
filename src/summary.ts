import type { Report, TimelineEntry } from './report.js'
import { outputsOf } from './outputs.js'
import { formatDuration } from './duration.js'
import { pct, trafficOf } from './stage.js'

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ')
const code = (s: string | undefined) => (s ? `\`${cell(s)}\`` : '—')

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

/** A step chart of canary traffic over time that GitHub renders (mermaid xychart). */
export function trafficChart(report: Report): string {
  const points: { label: string; value: number }[] = []
  const start = Date.parse(report.startedAt)
  let last = trafficOf(report.before)
  points.push({ label: '0s', value: last })
  const minutes = (t: string) => {
    const ms = Math.max(0, Date.parse(t) - start)
    return ms < 120_000 ? `${Math.round(ms / 1000)}s` : `${Math.round(ms / 6000) / 10}m`
  }
  for (const e of report.timeline) {
    const label = minutes(e.time)
    if (e.percent !== last) points.push({ label, value: last }) // the step's corner
    points.push({ label, value: e.percent })
    last = e.percent
  }
  if (report.finishedAt) points.push({ label: minutes(report.finishedAt), value: last })
  return [
    '```mermaid',
    'xychart-beta',
    '  title "Canary traffic (%) over time"',
    `  x-axis "time since the step started" [${points.map((p) => `"${p.label}"`).join(', ')}]`,
    '  y-axis "canary traffic %" 0 --> 100',
    `  line [${points.map((p) => p.value).join(', ')}]`,
    '```'
  ].join('\n')
}

function timelineTable(report: Report, entries: TimelineEntry[]): string {
  const rows = entries.map(
    (e) =>
      `| ${e.time.slice(11, 23)} | ${elapsed(report.startedAt, e.time)} | ${e.event} | ${pct(e.percent)} | ${cell(e.detail)} |`
  )
  return [
    '| Time (UTC) | Elapsed | Event | Canary traffic | Detail |',
    '| --- | --- | --- | --- | --- |',
    ...rows
  ].join('\n')
}

/** Pure: the job summary as GitHub-flavoured markdown. */
export function renderSummary(report: Report): string {
  const o = outputsOf(report)
  const out: string[] = []
  out.push(
    `## apigw-canary · \`${report.command}\` · stage \`${cell(report.stage)}\` — ${HEADLINE[o.status!]}`
  )
  if (report.dryRun)
    out.push('> [!NOTE]\n> Dry run: the calls below were printed, not made. Nothing was changed.')
  if (report.abortReason) out.push(`> [!CAUTION]\n> ${cell(report.abortReason)}`)

  const before = report.before
  const after = report.after
  const traffic = after
    ? `${pct(trafficOf(after))}${before && trafficOf(before) !== trafficOf(after) ? ` (was ${pct(trafficOf(before))})` : ''}`
    : '—'
  out.push(
    [
      '| Stage | |',
      '| --- | --- |',
      `| REST API | ${code(report.restApiId)} |`,
      `| Stable deployment | ${code(after?.stableDeploymentId)}${o['previous-stable-deployment-id'] ? ` (was ${code(o['previous-stable-deployment-id'])})` : ''} |`,
      `| Canary deployment | ${code(after?.canary?.deploymentId)} |`,
      `| Canary traffic | ${traffic} |`,
      `| Commit | ${code(report.canaryCommit)} |`,
      `| Next rung | ${o['next-percent'] ? pct(Number(o['next-percent'])) : '—'} |`
    ].join('\n')
  )

  if (report.alarms === undefined) {
    out.push('### Alarms\nNo alarms configured: traffic changes were not gated.')
  } else {
    const icon = { OK: '✅', ALARM: '🚨', INSUFFICIENT_DATA: '❔' } as const
    out.push(
      [
        `### Alarms — worst state ${report.alarmState}`,
        '| Alarm | Type | State | Since | Reason |',
        '| --- | --- | --- | --- | --- |',
        ...report.alarms.map(
          (a) =>
            `| ${code(a.name)} | ${a.type === 'CompositeAlarm' ? 'composite' : 'metric'} | ${icon[a.state]} ${a.state} | ${a.updated || '—'} | ${cell(a.reason) || '—'} |`
        )
      ].join('\n')
    )
  }

  if (report.changes.length > 0) {
    out.push(
      [
        report.dryRun ? '### Calls that would be made' : '### What changed',
        ...report.changes.map((c) => `- \`${c.operation}\` \`${cell(JSON.stringify(c.input))}\``)
      ].join('\n')
    )
  } else {
    out.push(`### What changed\nNothing: no call changed the stage.`)
  }

  if (report.timeline.length > 0) {
    out.push(`### Timeline\n${timelineTable(report, report.timeline)}`)
    if (
      report.timeline.some((e) => e.event === 'bake-start' || e.event === 'shift') ||
      report.command === 'ramp'
    ) {
      out.push(`### Traffic over time\n${trafficChart(report)}`)
    }
  }
  if (report.notes.length > 0) out.push(report.notes.map((n) => `- ${cell(n)}`).join('\n'))
  return out.join('\n\n') + '\n'
}
