import { describe, expect, it } from '@jest/globals'
import { outputsOf } from '../src/github/outputs.js'
import { newReport, type Report } from '../src/core/report.js'
import { stageStateOf } from '../src/core/stage.js'
import { renderSummary, trafficChart } from '../src/github/summary.js'
import { API, SHA, stage, STAGE } from './helpers/harness.js'

function rampReport(): Report {
  const r = newReport(
    {
      command: 'ramp',
      restApiId: API,
      stage: STAGE,
      dryRun: false,
      steps: [5, 10, 25, 50, 100]
    },
    new Date('2026-11-26T09:00:00.000Z')
  )
  r.before = stageStateOf(stage({ canary: 'can001', percent: 5 }))
  r.after = stageStateOf(stage({ canary: 'can001', percent: 0 }))
  r.canaryCommit = SHA
  r.alarms = [
    {
      name: 'api-5xx',
      type: 'MetricAlarm',
      state: 'ALARM',
      reason: 'Threshold Crossed | 1 datapoint',
      updated: '2026-11-26T09:05:10.000Z'
    }
  ]
  r.alarmState = 'ALARM'
  r.outcome = 'rolled-back'
  r.abortReason = 'alarm during bake at 10%: api-5xx is ALARM: Threshold Crossed'
  r.timeline = [
    {
      time: '2026-11-26T09:00:00.500Z',
      event: 'shift',
      percent: 10,
      detail: 'rung 1/4 (5% → 10%)'
    },
    {
      time: '2026-11-26T09:00:00.600Z',
      event: 'bake-start',
      percent: 10,
      detail: 'bake 5m at 10%'
    },
    { time: '2026-11-26T09:05:10.000Z', event: 'alarm', percent: 10, detail: 'alarm during bake' },
    { time: '2026-11-26T09:05:10.200Z', event: 'rollback', percent: 0, detail: 'rolled back' }
  ]
  r.changes = [
    {
      operation: 'UpdateStage',
      input: {
        restApiId: API,
        stageName: STAGE,
        patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value: '10.0' }]
      }
    }
  ]
  r.finishedAt = '2026-11-26T09:05:10.300Z'
  return r
}

describe('outputs', () => {
  it('are derived from the stage after the step and the run', () => {
    const o = outputsOf(rampReport())
    expect(o).toMatchObject({
      status: 'rolled-back',
      percent: '0',
      'previous-percent': '5',
      'next-percent': '5',
      'canary-deployment-id': 'can001',
      'stable-deployment-id': 'stable1',
      'previous-stable-deployment-id': '',
      'canary-commit': SHA,
      'alarm-state': 'ALARM',
      'abort-reason': 'alarm during bake at 10%: api-5xx is ALARM: Threshold Crossed'
    })
    expect(JSON.parse(o.alarms!)).toEqual([
      {
        name: 'api-5xx',
        state: 'ALARM',
        reason: 'Threshold Crossed | 1 datapoint',
        updated: '2026-11-26T09:05:10.000Z'
      }
    ])
    const report = JSON.parse(o.report!)
    expect(report.timeline).toHaveLength(4)
    expect(report.status).toBe('rolled-back')
  })

  it('say no-canary and leave next-percent empty without a canary', () => {
    const r = newReport(
      { command: 'status', restApiId: API, stage: STAGE, dryRun: false, steps: [5, 100] },
      new Date()
    )
    r.before = r.after = stageStateOf(stage())
    expect(outputsOf(r)).toMatchObject({
      status: 'no-canary',
      percent: '0',
      'next-percent': '',
      'canary-deployment-id': '',
      'alarm-state': 'NONE',
      alarms: '[]'
    })
  })
})

describe('job summary', () => {
  it('shows the stage, the alarms, what changed, the timeline and a traffic chart', () => {
    const md = renderSummary(rampReport())
    expect(md).toContain('## apigw-canary · `ramp` · stage `prod` — 🔴 rolled back')
    expect(md).toContain(
      '> [!CAUTION]\n> alarm during bake at 10%: api-5xx is ALARM: Threshold Crossed'
    )
    expect(md).toContain('| Canary traffic | 0% (was 5%) |')
    expect(md).toContain(`| Commit | \`${SHA}\` |`)
    // A pipe in an alarm reason must not break the table.
    expect(md).toContain(
      '| `api-5xx` | metric | 🚨 ALARM | 2026-11-26T09:05:10.000Z | Threshold Crossed \\| 1 datapoint |'
    )
    expect(md).toContain('| 09:05:10.200 | +5m10s | rollback | 0% | rolled back |')
    expect(md).toContain('```mermaid\nxychart-beta')
  })

  it('draws traffic as steps over time', () => {
    const chart = trafficChart(rampReport())
    // 310.3 s in 24 buckets of ~12.9 s: 5 % then 10 % from 0.5 s; the rollback lands in the last bucket.
    const labels = JSON.parse(chart.match(/x-axis "[^"]+" (\[.*\])/)![1]!)
    const values = JSON.parse(chart.match(/line (\[.*\])/)![1]!)
    // 24 buckets and the end: distinct labels (mermaid merges equal ones), ending at the rollback's 0 %.
    expect(labels).toHaveLength(25)
    expect(new Set(labels).size).toBe(25)
    expect(labels.slice(0, 3)).toEqual(['0s', '13s', '26s'])
    expect(labels.at(-1)).toBe('5m10s')
    expect(values).toEqual([...Array(24).fill(10), 0])
  })

  it('shows a short exposure before a rollback', () => {
    const r = rampReport()
    r.timeline = [
      { time: '2026-11-26T09:00:00.000Z', event: 'shift', percent: 5, detail: '' },
      { time: '2026-11-26T09:04:00.000Z', event: 'shift', percent: 50, detail: '' },
      { time: '2026-11-26T09:04:00.300Z', event: 'rollback', percent: 0, detail: '' }
    ]
    r.finishedAt = '2026-11-26T09:08:00.000Z'
    const values = JSON.parse(trafficChart(r).match(/line (\[.*\])/)![1]!)
    expect(values.slice(0, 12)).toEqual(Array(12).fill(5))
    expect(values[12]).toBe(50)
    expect(values.slice(13)).toEqual(Array(12).fill(0))
  })

  it('keeps labels distinct for a step of a few seconds', () => {
    const r = rampReport()
    r.timeline = [{ time: '2026-11-26T09:00:00.100Z', event: 'bake-start', percent: 5, detail: '' }]
    r.finishedAt = '2026-11-26T09:00:02.400Z'
    const labels = JSON.parse(trafficChart(r).match(/x-axis "[^"]+" (\[.*\])/)![1]!)
    expect(new Set(labels).size).toBe(25)
    expect(labels.slice(0, 3)).toEqual(['0.0s', '0.1s', '0.2s'])
    expect(labels.at(-1)).toBe('2.4s')
  })

  it('says when nothing is gated and when it was a dry run', () => {
    const r = newReport(
      { command: 'deploy', restApiId: API, stage: STAGE, dryRun: true, steps: [5] },
      new Date()
    )
    r.before = r.after = stageStateOf(stage())
    const md = renderSummary(r)
    expect(md).toContain('Dry run')
    expect(md).toContain('No alarms configured: traffic changes were not gated.')
    expect(md).toContain('Nothing: no call changed the stage.')
  })
})
