/**
 * Pure: how long triage may take (docs/triage.md#time-budget). After an alarm,
 * the judge or the `rollback` command nothing is racing it: 10 s of reads,
 * then a second for StopQuery. After the runner's cancel (SIGINT, SIGTERM
 * 7.5 s later, the kill 2.5 s after that) it gets only what the rollback and
 * the outputs left of the grace, and is over 5 s after SIGINT.
 */

/** Every triage read together gets this long after an alarm, the judge or the rollback command. */
export const TRIAGE_BUDGET_MS = 10_000
/** Then a query still running is stopped (Logs Insights bills per GB scanned), waiting this long at most. */
export const STOP_QUERY_MS = 1_000
/** After a cancel, triage is over (StopQuery included) this long after SIGINT: 2.5 s before SIGTERM. */
export const CANCEL_TRIAGE_END_MS = 5_000
/** Of which StopQuery gets the last part. */
export const CANCEL_STOP_QUERY_MS = 500
/** With less than this left for the reads, triage after a cancel is skipped (a query needs a few polls). */
export const MIN_CANCEL_READS_MS = 1_000

/** How a query still running at the deadline is stopped. */
export interface StopQueryLimit {
  /** How long StopQuery may take once the reads' deadline came. */
  withinMs: number
  /** Aborts StopQuery too, or keeps it from being sent (the runner's second signal). */
  unless?: AbortSignal
}

/** How long the reads may take, then StopQuery. */
export interface TriageTime {
  readMs: number
  stopQueryMs: number
}

export type TriageBudget = TriageTime | { skip: string }

/** After an alarm, the judge or the rollback command. */
export const ROLLBACK_TRIAGE: TriageTime = {
  readMs: TRIAGE_BUDGET_MS,
  stopQueryMs: STOP_QUERY_MS
}

const seconds = (ms: number) => `${(Math.max(0, ms) / 1000).toFixed(1)} s`

/**
 * Pure: triage's budget after the runner's cancel, `sinceSignalMs` after the
 * signal that cancelled the run, once the rollback has returned and the
 * outputs are written. A first signal other than SIGINT may be the last
 * warning before the kill: no triage then.
 */
export function cancelTriageBudget(
  signal: 'SIGINT' | 'SIGTERM' | undefined,
  sinceSignalMs: number
): TriageBudget {
  if (signal !== 'SIGINT')
    return {
      skip: `the cancel came as ${signal ?? 'an unknown signal'}, not SIGINT, and the runner kills 2.5 s after SIGTERM`
    }
  const readMs = Math.round(CANCEL_TRIAGE_END_MS - CANCEL_STOP_QUERY_MS - sinceSignalMs)
  if (readMs < MIN_CANCEL_READS_MS)
    return {
      skip: `only ${seconds(readMs)} of the cancel's grace left for it (it ends ${seconds(CANCEL_TRIAGE_END_MS)} after SIGINT)`
    }
  return { readMs, stopQueryMs: CANCEL_STOP_QUERY_MS }
}
