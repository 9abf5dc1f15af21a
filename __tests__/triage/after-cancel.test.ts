/**
 * Triage after the runner's cancel: only in what is left of the grace (over
 * 5 s after SIGINT, none after a first SIGTERM), and the runner's second
 * signal ends it at once, the report as it was.
 */
import { EventEmitter } from 'node:events'
import { afterEach, describe, expect, it } from '@jest/globals'
import { harness, recordingLogger } from '../helpers/harness.js'
import { listenForCancel } from '../../src/cancellation.js'
import { CancelledError } from '../../src/errors.js'
import { cancelTriageBudget } from '../../src/triage/budget.js'
import type { TriageReport } from '../../src/triage/decide.js'
import { triageAfterCancel } from '../../src/triage/step.js'

const found: TriageReport = {
  window: { start: '2026-11-26T08:59:00.000Z', end: '2026-11-26T09:00:00.000Z' },
  sections: [
    {
      source: 'execution-logs',
      status: 'found',
      top: [{ text: 'Method completed with status: 502', count: 7, example: 'r-1' }]
    }
  ]
}

describe('cancelTriageBudget', () => {
  it('after SIGINT, reads until 4.5 s after it and leaves half a second to stop a query', () => {
    expect(cancelTriageBudget('SIGINT', 300)).toEqual({ readMs: 4_200, stopQueryMs: 500 })
  })

  it('skips, saying why, when less than a second of reads is left or the cancel came as SIGTERM', () => {
    expect(cancelTriageBudget('SIGINT', 3_700)).toEqual({
      skip: "only 0.8 s of the cancel's grace left for it (it ends 5.0 s after SIGINT)"
    })
    expect(cancelTriageBudget('SIGINT', 9_000)).toEqual({
      skip: "only 0.0 s of the cancel's grace left for it (it ends 5.0 s after SIGINT)"
    })
    expect(cancelTriageBudget('SIGTERM', 0)).toEqual({
      skip: 'the cancel came as SIGTERM, not SIGINT, and the runner kills 2.5 s after SIGTERM'
    })
  })
})

describe('listenForCancel', () => {
  it('cancels on the first signal and terminates on the second', () => {
    const signals = new EventEmitter()
    const c = listenForCancel(signals, recordingLogger())
    signals.emit('SIGINT')
    expect(c.signal.reason).toMatchObject({ by: 'SIGINT' })
    expect(c.terminate.aborted).toBe(false)
    signals.emit('SIGTERM')
    expect(c.terminate.reason).toMatchObject({ by: 'SIGTERM' })
    c.stop()
  })
})

let h: ReturnType<typeof harness>

/** A rolled-back step cancelled by `by`; the runner's second signal on `terminate`. */
function cancelled(by: 'SIGINT' | 'SIGTERM', read: () => Promise<TriageReport>) {
  h = harness({ command: 'shift', percent: '10' })
  h.report.outcome = 'rolled-back'
  const terminate = new AbortController()
  h.ctx.terminate = terminate.signal
  let reads = 0
  h.ctx.readTriage = async () => {
    reads++
    return read()
  }
  h.cancel.abort(new CancelledError(`cancelled: the runner sent ${by}`, by))
  return { terminate, reads: () => reads }
}

describe('triageAfterCancel', () => {
  afterEach(() => h.restore())

  it("after SIGINT's rollback, returns the top errors for the report, and the outputs to be written again", async () => {
    cancelled('SIGINT', async () => found)
    expect(await triageAfterCancel(h.ctx)).toEqual(found)
    expect(h.log.lines).toEqual([
      'Triage of the canary, 08:59:00–09:00:00 UTC: execution logs: 7× Method completed with status: 502 (e.g. r-1)'
    ])
  })

  it('after a first SIGTERM, does not read and says so in one line', async () => {
    const c = cancelled('SIGTERM', async () => found)
    expect(await triageAfterCancel(h.ctx)).toBeUndefined()
    expect(c.reads()).toBe(0)
    expect(h.log.lines).toEqual([
      'Triage of the canary: skipped after the cancel (the cancel came as SIGTERM, not SIGINT, and the runner kills 2.5 s after SIGTERM).'
    ])
  })

  it('ends at once on the second signal, even with a read that never answers, the report as it was', async () => {
    const c = cancelled('SIGINT', () => new Promise<TriageReport>(() => undefined))
    const done = triageAfterCancel(h.ctx)
    c.terminate.abort(new CancelledError('cancelled: the runner sent SIGTERM', 'SIGTERM'))
    expect(await done).toBeUndefined()
    expect(h.log.lines).toEqual([
      'Triage of the canary: stopped (cancelled: the runner sent SIGTERM); the outputs and summary stand as written before it.'
    ])
  })

  it('does not run without a rollback or with triage: false', async () => {
    const c = cancelled('SIGINT', async () => found)
    h.report.outcome = undefined
    expect(await triageAfterCancel(h.ctx)).toBeUndefined()
    expect(c.reads()).toBe(0)
    h.restore()
    h = harness({ command: 'shift', percent: '10', triage: 'false' })
    h.report.outcome = 'rolled-back'
    h.ctx.readTriage = async () => found
    h.cancel.abort(new CancelledError('cancelled: the runner sent SIGINT', 'SIGINT'))
    expect(await triageAfterCancel(h.ctx)).toBeUndefined()
  })
})
