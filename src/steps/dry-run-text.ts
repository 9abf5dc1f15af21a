/**
 * A dry run changes nothing, so none of its lines may read as if it did: a
 * line that reports a change says "would" under dry-run. Log lines use
 * `said` (the done form, or the would form); timeline details of changes get
 * WOULD_BE in front (timeline.ts).
 */
import type { TimelineEvent } from '../core/report.js'

/** Timeline events that record a change to the stage. */
const CHANGES: ReadonlySet<TimelineEvent> = new Set([
  'deploy',
  'shift',
  'rollback',
  'restore',
  'promote',
  'cleanup'
])

export const WOULD_BE = '[dry-run] would be: '

/** `done` in a real run; `[dry-run] ${would}` in a dry run. */
export function said(dryRun: boolean, done: string, would: string): string {
  return dryRun ? `[dry-run] ${would}` : done
}

/** A timeline detail as a dry run states it. */
export function timelineDetail(dryRun: boolean, event: TimelineEvent, detail: string): string {
  return dryRun && CHANGES.has(event) ? `${WOULD_BE}${detail}` : detail
}
