/**
 * The outputs a workflow reads are documented: every field of the `report`
 * output (and of its `metrics`) in docs/outputs.md, and who sets
 * previous-stable-deployment-id in the output table.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { newReport } from '../src/core/report.js'
import { OUTPUTS } from '../src/github/output-table.js'
import { outputsOf } from '../src/github/outputs.js'
import { API_NAME, CANARY_STAGE, REST_API_ID, STAGE } from '../local-runner/fixtures.js'

const doc = readFileSync(new URL('../docs/outputs.md', import.meta.url), 'utf8')

describe('docs/outputs.md', () => {
  const report = newReport(
    { command: 'ramp', restApiId: REST_API_ID, stage: STAGE, dryRun: false, steps: [10, 50] },
    new Date('2026-11-30T10:00:00Z')
  )
  report.metrics = {
    start: '2026-11-30T09:50:00.000Z',
    end: '2026-11-30T10:00:00.000Z',
    apiName: API_NAME,
    canaryStage: CANARY_STAGE,
    canaryStageSource: 'discovered',
    stable: { requests: 1, errors5xx: 0, errors4xx: 0, latencyP99: 1, latencyAvg: 1 },
    canary: { requests: 1, errors5xx: 0, errors4xx: 0, latencyP99: 1, latencyAvg: 1 },
    rows: [{ metric: 'Requests', stable: '1', canary: '1', verdict: 'ok' }]
  }
  const full = JSON.parse(outputsOf(report).report!) as Record<string, unknown>
  const undocumented = (keys: string[]) => keys.filter((k) => !doc.includes(`\`${k}\``))

  it('says report.metrics is absent when the canary analysis ran (defect 5: it said only "when the step did not bake")', () => {
    const row = doc.split('\n').find((l) => l.startsWith('| `metrics`'))!
    expect(row).toMatch(/absent when[^|]*canary analysis ran/)
  })

  it('names every field of the report output', () => {
    expect(undocumented(Object.keys(full))).toEqual([])
  })

  it('names every field of report.metrics, and of each side and row', () => {
    const m = full.metrics as Record<string, unknown>
    expect(undocumented(Object.keys(m))).toEqual([])
    expect(undocumented(Object.keys(m.stable as object))).toEqual([])
    expect(undocumented(Object.keys((m.rows as object[])[0]!))).toEqual([])
  })

  it("the report output's description points at it and names metrics", () => {
    const d = OUTPUTS.find((o) => o.name === 'report')!.description
    expect(d).toContain('`metrics`')
    expect(d).toContain('docs/outputs.md')
  })

  it('previous-stable-deployment-id says ramp with promote-on-success sets it', () => {
    const d = OUTPUTS.find((o) => o.name === 'previous-stable-deployment-id')!.description
    expect(d).toMatch(/`ramp` with `promote-on-success`/)
    expect(doc).toMatch(/`ramp` with `promote-on-success: true`/)
  })
})

describe('what the README says the action reads', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const usage = readFileSync(new URL('../docs/usage.md', import.meta.url), 'utf8')
  it('does not claim "no secrets" now that github-token is one, and names it', () => {
    for (const text of [readme, usage]) {
      expect(text).not.toMatch(/takes no secrets/i)
      expect(text).toMatch(/no AWS secrets[\s\S]{0,400}`github-token`/)
    }
  })
})
