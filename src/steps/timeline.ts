import type { RunContext } from '../ports.js'
import type { TimelineEvent } from '../core/report.js'
import { timelineDetail } from './dry-run-text.js'

/** Appends to the timeline with the clock's time and the stage's current traffic. */
export function mark(
  ctx: RunContext,
  event: TimelineEvent,
  detail: string,
  percent?: number
): void {
  ctx.report.timeline.push({
    time: new Date(ctx.clock.now()).toISOString(),
    event,
    percent: percent ?? ctx.report.after?.canary?.percent ?? 0,
    detail: timelineDetail(ctx.cfg.dryRun, event, detail)
  })
}
