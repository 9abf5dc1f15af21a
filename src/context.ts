import type { AlarmReader } from './aws/alarms.js'
import type { MetricsReader } from './aws/metrics.js'
import type { StageApi } from './aws/stage-api.js'
import type { Provenance } from './core/description.js'
import type { Config } from './github/inputs.js'
import type { Report, TimelineEvent } from './core/report.js'

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number
}

/** Waits `ms`; rejects with the signal's reason as soon as `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>

export interface Logger {
  info(message: string): void
  warning(message: string, title?: string): void
  error(message: string, title?: string): void
  group<T>(name: string, fn: () => Promise<T>): Promise<T>
}

/** What a command runs with: all I/O is here, so tests can swap any of it. */
export interface RunContext {
  cfg: Config
  api: StageApi
  /** undefined when no alarms are configured. */
  readAlarms: AlarmReader | undefined
  /** API Gateway metrics of both sides; undefined to skip the comparison. */
  readMetrics?: MetricsReader
  provenance: Provenance
  /** Random per step: makes this step's deployment description its own. */
  stepId: string
  clock: Clock
  sleep: Sleep
  /** Aborts when the runner cancels the job. */
  signal: AbortSignal
  log: Logger
  report: Report
}

export const realClock: Clock = { now: () => Date.now() }

/** setTimeout fires at once for a delay above 2^31 - 1 ms: longer waits are slept in parts. */
const MAX_TIMER_MS = 2 ** 31 - 1

export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason)
    let timer: NodeJS.Timeout
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal!.reason)
    }
    const wait = (left: number) => {
      timer = setTimeout(
        () => {
          if (left > MAX_TIMER_MS) return wait(left - MAX_TIMER_MS)
          signal?.removeEventListener('abort', onAbort)
          resolve()
        },
        Math.max(0, Math.min(left, MAX_TIMER_MS))
      )
    }
    signal?.addEventListener('abort', onAbort, { once: true })
    wait(Number.isFinite(ms) ? ms : MAX_TIMER_MS)
  })

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
    detail
  })
}
