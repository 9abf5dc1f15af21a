import type { RunContext } from '../ports.js'
import { investigationLinks, type InvestigationLinks } from './investigation.js'
import { traitsOf } from '../commands/catalog.js'

/**
 * After a rollback, or a failed step that had a canary: where to look (the
 * canary's execution logs, a Logs Insights query over the bake, X-Ray traces,
 * the alarms) and how to release a fix through the action, in the log, and
 * returned for the report (the summary shows them). Built from what the step
 * already knows: no AWS call, and only once the rollback is done.
 */
export function noteInvestigation(
  ctx: RunContext,
  failed: boolean
): InvestigationLinks | undefined {
  const { report, cfg, log } = ctx
  const hadCanary = report.before?.canary ?? report.after?.canary ?? report.drivenCanaryId
  if (report.dryRun || !hadCanary || (report.outcome !== 'rolled-back' && !failed)) return
  if (!traitsOf(report.command).investigates) return
  const firstBake = report.timeline.find((e) => e.event === 'bake-start')
  const end = ctx.clock.now()
  const start = firstBake ? Date.parse(firstBake.time) : Date.parse(report.startedAt)
  const alarmNames = [...new Set([...(report.alarms ?? []).map((a) => a.name), ...cfg.alarmNames])]
  const links = investigationLinks({
    region: cfg.region,
    restApiId: cfg.restApiId,
    stage: cfg.stage,
    ...(report.analysis ? { apiName: report.analysis.apiName } : {}),
    // A minute before the bake: the requests that tipped the canary over began before the read that saw them.
    window: { start: new Date(Math.min(start, end) - 60_000), end: new Date(end) },
    alarmNames,
    firstStepPercent: cfg.steps[0] ?? 5
  })
  const lines = [
    'Investigate the canary:',
    `  execution logs (${links.logGroup}): ${links.executionLogs}`,
    `  Logs Insights, failed requests in the bake: ${links.logsInsights}`,
    `  X-Ray traces: ${links.traces}`,
    ...links.alarms.map((a) => `  alarm ${a.name}: ${a.url}`),
    `  deploy a fix as a new canary: ${links.fixHint}`
  ]
  for (const line of lines) log.info(line)
  return links
}
