import { nextRung } from '../core/ladder.js'
import type { Report } from '../core/report.js'
import { trafficOf } from '../core/stage.js'
import { logJson, logText } from './untrusted.js'

export type StatusOutput = 'no-canary' | 'canary' | 'promoted' | 'rolled-back' | ''

/**
 * Pure: every output of action.yml from the report. Written on every path,
 * failures included. A later step may print any of them, and they carry text
 * the action did not write (alarm names and reasons, AWS's errors): the
 * single-line ones pass through logText(), the JSON ones through logJson().
 */
export function outputsOf(report: Report): Record<string, string> {
  const after = report.after
  const percent = trafficOf(after)
  const status: StatusOutput =
    report.outcome ?? (after ? (after.canary ? 'canary' : 'no-canary') : '')
  const next = after?.canary ? nextRung(report.steps, percent) : undefined
  const alarms = (report.alarms ?? []).map((a) => ({
    name: a.name,
    state: a.state,
    reason: a.reason,
    updated: a.updated
  }))
  const lines = {
    status,
    percent: after ? String(percent) : '',
    'previous-percent': report.before ? String(trafficOf(report.before)) : '',
    'next-percent': next === undefined ? '' : String(next),
    'canary-deployment-id': after?.canary?.deploymentId ?? '',
    'stable-deployment-id': after?.stableDeploymentId ?? '',
    'previous-stable-deployment-id': report.previousStableDeploymentId ?? '',
    'canary-commit': report.canaryCommit ?? '',
    // Empty when alarms are configured but the step ended before reading them.
    'alarm-state': report.alarmsConfigured && report.alarms === undefined ? '' : report.alarmState,
    alarms: logJson(alarms),
    'abort-reason': report.abortReason ?? '',
    'github-deployment-id': report.githubDeploymentId ?? '',
    analysis: report.analysis?.outcome ?? '',
    'blast-radius': report.analysis ? logJson(report.analysis.blastRadius) : '',
    preflight: logJson(report.preflightChecks ?? [])
  }
  const outputs: Record<string, string> = {}
  for (const [k, v] of Object.entries(lines))
    outputs[k] = k === 'alarms' || k === 'preflight' || k === 'blast-radius' ? v : logText(v)
  const full = {
    ...outputs,
    command: report.command,
    restApiId: report.restApiId,
    stage: report.stage,
    dryRun: report.dryRun,
    metrics: report.metrics,
    analysis: report.analysis,
    triage: report.triage,
    investigation: report.investigation,
    alarms,
    preflight: report.preflightChecks ?? [],
    timeline: report.timeline,
    changes: report.changes,
    startedAt: report.startedAt,
    finishedAt: report.finishedAt ?? ''
  }
  return { ...outputs, report: logJson(full) }
}
