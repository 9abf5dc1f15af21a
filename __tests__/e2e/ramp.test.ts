/**
 * Ramps with real (short) bakes through the bundled action: a clean ramp that
 * promotes, and one that an alarm stops mid-bake.
 */
import { describe, expect, it } from '@jest/globals'
import { errorLines, startAction } from '../../local-runner/run-action.js'
import {
  calls,
  clearCallLog,
  count,
  ERRORS_ALARM,
  freshRelease,
  getStage,
  LATENCY_ALARM,
  setAlarm,
  SHA,
  STAGE,
  step,
  trafficWrites,
  useWorld,
  waitFor
} from './fixtures.js'

const world = useWorld()

const ALARMS = `${ERRORS_ALARM}\n${LATENCY_ALARM}`
/** Every step's inputs besides rest-api-id and stage. */
const DEFAULTS = { 'alarm-names': ALARMS }

let rolledBackSummary: string | undefined

async function deployed(percent = '5') {
  const api = await freshRelease(world())
  const { r } = await step(world(), api.restApiId, { ...DEFAULTS, command: 'deploy', percent })
  expect(r.code).toBe(0)
  await clearCallLog(world())
  return { api, canary: r.outputs['canary-deployment-id']! }
}

/** The x-axis labels and line values of the summary's mermaid xychart. */
function mermaidChart(summary: string): { labels: string[]; values: number[] } {
  const block = /```mermaid\n(xychart-beta\n[\s\S]*?)```/.exec(summary)
  expect(block).not.toBeNull()
  const xAxis = /x-axis (?:"[^"]*" )?\[([^\]]*)\]/.exec(block![1]!)
  const line = /^\s*line \[([^\]]*)\]$/m.exec(block![1]!)
  expect(xAxis).not.toBeNull()
  expect(line).not.toBeNull()
  return {
    labels: [...xAxis![1]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!),
    values: line![1]!.split(',').map((v) => Number(v.trim()))
  }
}

/** The summary's table rows for one timeline event. */
function timelineRows(summary: string, event: string): string[] {
  return summary
    .split('\n')
    .filter((l) => new RegExp(`^\\| [\\d:.]+ \\| \\+\\S+ \\| ${event} \\|`).test(l))
}

describe('ramp', () => {
  it('walks 10% and 20% with clean bakes, then promotes', async () => {
    const { api, canary } = await deployed()
    const { r, log } = await step(world(), api.restApiId, {
      ...DEFAULTS,
      command: 'ramp',
      steps: '10,20',
      'bake-time': '2s',
      'poll-interval': '1s',
      'promote-on-success': 'true'
    })
    if (r.code !== 0) throw new Error(r.stdout)
    expect(errorLines(r.stdout)).toEqual([])
    expect(r.outputs).toMatchObject({
      status: 'promoted',
      percent: '0',
      'previous-percent': '5',
      'canary-deployment-id': '',
      'stable-deployment-id': canary,
      'previous-stable-deployment-id': api.stableDeploymentId,
      'canary-commit': SHA,
      'alarm-state': 'OK',
      'abort-reason': ''
    })
    const report = JSON.parse(r.outputs.report!) as { timeline: { event: string }[] }
    expect(report.timeline.map((e) => e.event)).toEqual([
      'shift',
      'bake-start',
      'bake-clean',
      'shift',
      'bake-start',
      'bake-clean',
      'promote',
      'cleanup'
    ])

    // one poll line per poll, each with elapsed, remaining and states
    expect(r.stdout).toMatch(
      new RegExp(`\\[poll 2\\] \\S+ elapsed, \\S+ left, canary 10%: ${ERRORS_ALARM}=OK`)
    )

    expect(trafficWrites(log).map((t) => t.value)).toEqual(['10.0', '20.0', '0.0'])
    expect(count(log, 'UpdateStage')).toBe(4) // 10, 20, promotion, removal
    expect(count(log, 'CreateDeployment')).toBe(0)
    // bakes of 2 s polled every 1 s: at least 3 reads each
    expect(count(log, 'DescribeAlarms')).toBeGreaterThanOrEqual(6)

    const s = await getStage(world(), api.restApiId)
    expect(s.deploymentId).toBe(canary)
    expect(s.canarySettings).toBeUndefined()

    expect(r.summary).toContain('`ramp`')
    expect(r.summary).toContain('🟢 promoted')
    expect(r.summary).toContain('### Timeline')
    expect(timelineRows(r.summary, 'shift')).toHaveLength(2)
    expect(timelineRows(r.summary, 'bake-clean')).toHaveLength(2)
    expect(timelineRows(r.summary, 'promote')).toHaveLength(1)
    expect(r.summary).toMatch(/```mermaid\nxychart-beta\n/)
    const chart = mermaidChart(r.summary)
    expect(chart.values).toContain(10)
    expect(chart.values).toContain(20)
    expect(chart.values.every((v) => v <= 20)).toBe(true)
    expect(chart.labels).toHaveLength(chart.values.length)
  })

  it('draws a chart whose x-axis categories are distinct (mermaid merges equal ones)', async () => {
    // A 4-second ramp: mermaid's xychart puts categories on a d3 band scale, whose
    // domain drops repeated values, so repeated labels stack points on one x.
    const { api } = await deployed()
    const { r } = await step(world(), api.restApiId, {
      ...DEFAULTS,
      command: 'ramp',
      steps: '10,20',
      'bake-time': '1s',
      'poll-interval': '1s'
    })
    expect(r.code).toBe(0)
    const chart = mermaidChart(r.summary)
    expect(chart.labels).toHaveLength(chart.values.length)
    expect(new Set(chart.labels).size).toBe(chart.labels.length)
  })

  it('rolls back to 0% within one poll interval when an alarm fires mid-bake', async () => {
    const { api, canary } = await deployed()
    const run = startAction(
      {
        ...DEFAULTS,
        command: 'ramp',
        'rest-api-id': api.restApiId,
        stage: STAGE,
        steps: '10,20,50',
        'bake-time': '3s',
        'poll-interval': '1s'
      },
      { endpoint: world().url }
    )
    // once the ramp has raised traffic to the second rung, the canary starts failing
    await waitFor('the raise to 20%', async () =>
      trafficWrites(await calls(world())).some((t) => t.value === '20.0')
    )
    await new Promise((r) => setTimeout(r, 300))
    const reason =
      'Threshold Crossed: 1 out of the last 1 datapoints [23.0 (26/11/26 09:14:00)] was greater than the threshold (5.0) (minimum 1 datapoint for OK -> ALARM transition).'
    await setAlarm(world(), ERRORS_ALARM, 'ALARM', reason)
    const r = await run.done

    expect(r.code).toBe(1)
    expect(r.outputs).toMatchObject({
      status: 'rolled-back',
      percent: '0',
      'previous-percent': '5',
      'canary-deployment-id': canary,
      'stable-deployment-id': api.stableDeploymentId,
      'alarm-state': 'ALARM'
    })
    expect(r.outputs['abort-reason']).toContain(ERRORS_ALARM)
    expect(r.outputs['abort-reason']).toContain('Threshold Crossed')
    expect(errorLines(r.stdout).some((l) => l.includes(ERRORS_ALARM))).toBe(true)

    const log = await calls(world())
    const writes = trafficWrites(log)
    expect(writes.map((t) => t.value)).toEqual(['10.0', '20.0', '0.0'])
    const fired = log.find((c) => c.operation === 'SetAlarmState')!
    const zero = writes[2]!
    const ms = Date.parse(zero.time) - Date.parse(fired.time)
    expect(ms).toBeGreaterThan(0)
    // Poll interval + one API call, with room for a loaded 2-core CI machine; npm run bench measures it.
    expect(ms).toBeLessThanOrEqual(1000 + 1500)

    const s = await getStage(world(), api.restApiId)
    expect(s.deploymentId).toBe(api.stableDeploymentId)
    expect(s.canarySettings).toMatchObject({ deploymentId: canary, percentTraffic: 0 })

    expect(r.summary).toContain('🔴 rolled back')
    expect(r.summary).toContain('> [!CAUTION]')
    expect(r.summary).toMatch(new RegExp(`\\| \`${ERRORS_ALARM}\` \\| metric \\| 🚨 ALARM \\|`))
    expect(timelineRows(r.summary, 'alarm')).toHaveLength(1)
    expect(timelineRows(r.summary, 'rollback')).toHaveLength(1)
    expect(r.summary).toContain('```mermaid')
    rolledBackSummary = r.summary
  })

  it("that rolled-back ramp's chart ends at 0%, where the timeline ends", () => {
    // The chart shows the highest traffic of each time bucket; the rollback lands in
    // the last bucket, so the chart ends at the peak and never shows the rollback.
    expect(rolledBackSummary).toBeDefined()
    const chart = mermaidChart(rolledBackSummary!)
    expect(chart.values).toContain(20)
    expect(chart.values.at(-1)).toBe(0)
  })
})
