import { afterEach, describe, expect, it } from '@jest/globals'
import { GetStageCommand } from '@aws-sdk/client-api-gateway'
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch'
import { shift } from '../src/commands/shift.js'
import { shiftTarget } from '../src/core/plan.js'
import { renderSummary } from '../src/github/summary.js'
import { ERRORS_ALARM } from '../local-runner/fixtures.js'
import { errorsAlarm, type AlarmOptions } from '../local-runner/world-state.js'
import { API, harness, mockScenario, SHA, stage, STAGE } from './helpers/harness.js'

let h: ReturnType<typeof harness>
afterEach(() => h.restore())

/** The world a shift finds: this commit's canary at `percent`, the errors alarm (OK unless told). */
const canaryAt = (percent: number, alarm: AlarmOptions = {}) =>
  mockScenario(h, { canary: { percent, commit: SHA }, alarms: [errorsAlarm(alarm)] })

const patch = (value: string) => ({
  restApiId: API,
  stageName: STAGE,
  patchOperations: [{ op: 'replace', path: '/canarySettings/percentTraffic', value }]
})

describe('shift', () => {
  it('warns at the start, before any call, when its bake is longer than a 6-hour job', async () => {
    h = harness({ command: 'shift', percent: '25', 'bake-time': '7h' })
    h.apigw.on(GetStageCommand).rejects(new Error('stop here'))
    await expect(shift(h.ctx)).rejects.toThrow('stop here')
    expect(h.log.warnings).toEqual([
      expect.stringMatching(
        /^A bake of 7h is longer than a 6-hour job allows: .*Shorten bake-time, or bake over several jobs/
      )
    ])
  })

  it('says nothing of the job length when the bake fits', async () => {
    h = harness({ command: 'shift', percent: '25', 'bake-time': '5h' })
    h.apigw.on(GetStageCommand).rejects(new Error('stop here'))
    await expect(shift(h.ctx)).rejects.toThrow('stop here')
    expect(h.log.warnings).toEqual([])
  })

  it('checks whose canary it is, gates an increase on the alarms, then sets the traffic: four calls', async () => {
    h = harness({ command: 'shift', percent: '25', 'alarm-names': ERRORS_ALARM })
    const world = canaryAt(10)
    await shift(h.ctx)
    expect(h.calls()).toEqual([
      ['GetStage', { restApiId: API, stageName: STAGE }],
      // whose canary it is: an increase drives only this release's
      ['GetDeployment', { restApiId: API, deploymentId: 'can001' }],
      [
        'DescribeAlarms',
        {
          AlarmNames: [ERRORS_ALARM],
          AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
          NextToken: undefined
        }
      ],
      ['UpdateStage', patch('25.0')]
    ])
    expect(h.report.timeline).toEqual([
      expect.objectContaining({
        event: 'shift',
        percent: 25,
        detail: 'traffic increased (10% → 25%)'
      })
    ])
    expect(world.get().canarySettings?.percentTraffic).toBe(25)
  })

  it('refuses an increase while an alarm is in ALARM and changes nothing', async () => {
    h = harness({ command: 'shift', percent: '25', 'alarm-names': ERRORS_ALARM })
    const world = canaryAt(10, { state: 'ALARM', reason: 'Threshold Crossed: 3 datapoints' })
    await expect(shift(h.ctx)).rejects.toThrow(
      `gate refused the increase to 25%: ${ERRORS_ALARM} is ALARM: Threshold Crossed: 3 datapoints`
    )
    expect(h.mutations()).toEqual([])
    expect(world.get().canarySettings?.percentTraffic).toBe(10)
  })

  it('never gates a decrease, even with an alarm firing', async () => {
    h = harness({ command: 'shift', percent: '5', 'alarm-names': ERRORS_ALARM })
    canaryAt(25, { state: 'ALARM' })
    await shift(h.ctx)
    expect(h.calls()).toEqual([
      ['GetStage', { restApiId: API, stageName: STAGE }],
      ['UpdateStage', patch('5.0')],
      // after the change, for the report only
      ['DescribeAlarms', expect.objectContaining({ AlarmNames: [ERRORS_ALARM] })]
    ])
    expect(h.report.alarmState).toBe('ALARM')
  })

  it('a decrease goes through even when the alarms cannot be read', async () => {
    h = harness({ command: 'shift', percent: '0', 'alarm-names': ERRORS_ALARM })
    canaryAt(25)
    h.cw
      .on(DescribeAlarmsCommand)
      .rejects(Object.assign(new Error('Rate exceeded'), { name: 'Throttling' }))
    await shift(h.ctx)
    expect(h.mutations()).toEqual([['UpdateStage', patch('0.0')]])
    expect(h.log.warnings).toEqual([
      'Could not read the alarms for the report: Throttling: Rate exceeded'
    ])
  })

  it('is a no-op at the same percentage', async () => {
    h = harness({ command: 'shift', percent: '10%', 'alarm-names': ERRORS_ALARM })
    canaryAt(10)
    await shift(h.ctx)
    expect(h.ops()).toEqual(['GetStage', 'DescribeAlarms'])
    expect(h.mutations()).toEqual([])
    expect(h.log.lines.join('\n')).toMatch(/already at 10%: nothing to change/)
  })

  it('next goes to the smallest rung above the current traffic', async () => {
    h = harness({ command: 'shift', percent: 'next', steps: '5,10,25,50,100' })
    canaryAt(12)
    await shift(h.ctx)
    expect(h.calls()[2]).toEqual(['UpdateStage', patch('25.0')])
  })

  it('next at the top of steps fails and says to promote', async () => {
    h = harness({ command: 'shift', percent: 'next' })
    canaryAt(100)
    await expect(shift(h.ctx)).rejects.toThrow(/at 100%, the top of steps.*promote it/)
    expect(h.mutations()).toEqual([])
  })

  it('needs a canary; the settings a promotion leaves behind are no canary', async () => {
    h = harness({ command: 'shift', percent: '10' })
    h.apigw.on(GetStageCommand).resolves(stage({ stable: 'same01', canary: 'same01', percent: 0 }))
    await expect(shift(h.ctx)).rejects.toThrow(
      "Stage 'prod' has no canary, only the settings an unfinished promotion left behind: run promote to finish it, or deploy a new canary."
    )
    expect(h.mutations()).toEqual([])
  })

  it('a bake too short for three reads, whose reads all fail, is not clean: it reads on and ends unhealthy', async () => {
    h = harness({
      command: 'shift',
      percent: '25',
      'bake-time': '10s',
      'alarm-names': ERRORS_ALARM
    })
    const world = canaryAt(10)
    const throttled = Object.assign(new Error('Rate exceeded'), { name: 'Throttling' })
    // the gate reads OK; every read of the bake (10 s at the default 15 s poll: two) is throttled
    h.cw.on(DescribeAlarmsCommand).callsFakeOnce(world.describeAlarms).rejects(throttled)
    await expect(shift(h.ctx)).rejects.toThrow(
      'unhealthy: the alarms could not be read 3 times in a row'
    )
    expect(h.ops().filter((o) => o === 'DescribeAlarms')).toHaveLength(4)
    expect(h.mutations().map(([, i]) => i)).toEqual([patch('25.0'), patch('0.0')])
    expect(h.report.timeline.map((e) => e.event)).toEqual([
      'shift',
      'bake-start',
      'unhealthy',
      'rollback'
    ])
    expect(world.get().canarySettings?.percentTraffic).toBe(0)
  })

  it('sends decimal percentages as AWS expects them', async () => {
    h = harness({ command: 'shift', percent: '2.5' })
    canaryAt(1)
    await shift(h.ctx)
    expect(h.calls()[2]).toEqual(['UpdateStage', patch('2.5')])
  })
})

describe('shiftTarget', () => {
  it('resolves next between and on rungs', () => {
    expect(shiftTarget('next', 0, [5, 10])).toBe(5)
    expect(shiftTarget('next', 5, [5, 10])).toBe(10)
    expect(shiftTarget('next', 7, [5, 10])).toBe(10)
    expect(shiftTarget(42, 7, [5, 10])).toBe(42)
    expect(() => shiftTarget('next', 10, [5, 10])).toThrow(/no next rung/)
  })
})

describe('shift with no gate', () => {
  const setUp = (inputs: Record<string, string>) => {
    h = harness({ command: 'shift', ...inputs })
    canaryAt(10)
  }
  const updates = () => h.calls().filter(([op]) => op === 'UpdateStage')

  it('refuses an increase unless allow-ungated is true, before it changes anything', async () => {
    setUp({ percent: '25', 'allow-ungated': 'false' })
    await expect(shift(h.ctx)).rejects.toThrow(
      /^Input 'allow-ungated' is false and shift would make the increase to 25% with nothing to stop a failing canary/
    )
    expect(updates()).toEqual([])
  })

  it('lowers traffic without a gate, as a decrease never needs one', async () => {
    setUp({ percent: '5', 'allow-ungated': 'false' })
    await shift(h.ctx)
    expect(updates()).toHaveLength(1)
  })

  it('says in the log and the summary that an allowed increase was ungated', async () => {
    setUp({ percent: '25', 'allow-ungated': 'true' })
    await shift(h.ctx)
    expect(updates()).toHaveLength(1)
    expect(h.log.warnings).toContainEqual(
      expect.stringContaining('allow-ungated: true: the increase to 25% is not gated on anything')
    )
    expect(renderSummary(h.report)).toContain('Ungated release (`allow-ungated: true`)')
  })
})
