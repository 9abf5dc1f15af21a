/** When triage runs: after a rollback only, never failing the step, within its own budget. */
import { afterEach, describe, expect, it } from '@jest/globals'
import { harness } from '../helpers/harness.js'
import { runTriage } from '../../src/triage/step.js'
import type { TriageQuery, TriageReport } from '../../src/triage/decide.js'
import { renderSummary } from '../../src/github/summary.js'

let h: ReturnType<typeof harness>
afterEach(() => h.restore())

const found: TriageReport = {
  window: { start: '2026-11-26T08:59:00.000Z', end: '2026-11-26T09:05:00.000Z' },
  sections: [
    {
      source: 'execution-logs',
      status: 'found',
      top: [{ text: 'Lambda execution failed: <b>|boom|</b>', count: 41, example: 'r-1' }]
    },
    {
      source: 'access-logs',
      status: 'denied',
      note: 'not read: allow logs:StartQuery and logs:GetQueryResults to see it here',
      top: []
    },
    { source: 'x-ray', status: 'off', note: 'tracing is off on the stage', top: [] }
  ]
}

function rolledBack(inputs: Record<string, string> = {}) {
  h = harness({ command: 'deploy', ...inputs })
  h.report.timeline.push({
    time: '2026-11-26T09:00:00.000Z',
    event: 'bake-start',
    percent: 10,
    detail: ''
  })
  h.report.outcome = 'rolled-back'
  const asked: TriageQuery[] = []
  h.ctx.readTriage = async (q) => {
    asked.push(q)
    return found
  }
  return asked
}

describe('runTriage', () => {
  it('reads the bake window after a rollback, logs one line and puts the top errors in the summary, neutralised', async () => {
    const asked = rolledBack()
    h.time.advance(300_000)
    // runTriage returns what it found; the command runner (main.ts) puts it in the report.
    h.report.triage = await runTriage(h.ctx)
    expect(h.report.triage).toEqual(found)
    expect(asked[0]!.window).toEqual({
      start: new Date('2026-11-26T08:59:00.000Z'),
      end: new Date('2026-11-26T09:05:00.000Z')
    })
    expect(h.log.lines).toEqual([
      'Triage of the canary, 08:59:00–09:05:00 UTC: execution logs: 41× Lambda execution failed: <b>|boom|</b> (e.g. r-1); access logs: not read: allow logs:StartQuery and logs:GetQueryResults to see it here; X-Ray: tracing is off on the stage'
    ])
    const md = renderSummary(h.report)
    expect(md).toContain('| 41 | Lambda execution failed: \\<b\\>\\|boom\\|\\</b\\> | `r-1` |')
    expect(md).toContain('- **access logs**: not read: allow logs:StartQuery')
    expect(md.indexOf('### Triage')).toBeLessThan(md.indexOf('### What changed'))
  })

  it('after the rollback command, which did not bake, reads the last 15 minutes', async () => {
    const asked = rolledBack({ command: 'rollback' })
    h.report.timeline = []
    await runTriage(h.ctx)
    expect(asked[0]!.window).toEqual({
      start: new Date('2026-11-26T08:45:00.000Z'),
      end: new Date('2026-11-26T09:00:00.000Z')
    })
  })

  it('does not run without a rollback, with triage: false, or in a dry run', async () => {
    const cases: Record<string, string>[] = [{ triage: 'false' }, { 'dry-run': 'true' }]
    for (const inputs of cases) {
      const asked = rolledBack(inputs)
      expect(await runTriage(h.ctx)).toBeUndefined()
      expect(asked).toEqual([])
      h.restore()
    }
    const asked = rolledBack()
    h.report.outcome = undefined
    expect(await runTriage(h.ctx)).toBeUndefined()
    expect(asked).toEqual([])
  })

  it('never fails the step: a failed triage is one line', async () => {
    rolledBack()
    h.ctx.readTriage = async () => {
      throw new Error('socket hang up')
    }
    expect(await runTriage(h.ctx)).toBeUndefined()
    expect(h.log.lines).toEqual(['Triage of the canary: not done (socket hang up).'])
  })
})
