/**
 * Which gating alarms can see the canary, and how much failure it takes at
 * each rung: whole-stage dilution, the canary's own dimension, percentiles,
 * Sum counts, composite AND/OR.
 */
import { describe, expect, it } from '@jest/globals'

import { parseAlarmRule, ruleAlarms } from '../../src/preflight/alarm-rule.js'
import {
  type AlarmInfo,
  type MetricAlarmInfo,
  type SensitivityContext,
  alarmSensitivity,
  metricAlarmSensitivity
} from '../../src/preflight/alarm-sensitivity.js'
import { API_NAME, CANARY_STAGE, STAGE } from '../../local-runner/fixtures.js'

const ctx: SensitivityContext = {
  apiName: API_NAME,
  stage: STAGE,
  canaryStage: CANARY_STAGE,
  rungs: [5, 10, 25, 50, 100]
}

const alarm = (over: Partial<MetricAlarmInfo> & { stage?: string }): MetricAlarmInfo => {
  const { stage = 'prod', ...rest } = over
  return {
    type: 'metric',
    name: 'a',
    namespace: 'AWS/ApiGateway',
    metricName: '5XXError',
    statistic: 'Average',
    dimensions: [
      { name: 'ApiName', value: API_NAME },
      { name: 'Stage', value: stage }
    ],
    periodSeconds: 60,
    evaluationPeriods: 1,
    threshold: 0.05,
    comparisonOperator: 'GreaterThanThreshold',
    ...rest
  }
}

const at = (s: ReturnType<typeof metricAlarmSensitivity>, percent: number) =>
  s.rungs.find((r) => r.percent === percent)

describe('a whole-stage 5XXError Average > 0.05 alarm', () => {
  const s = metricAlarmSensitivity(alarm({}), { ...ctx, rungs: [5, 10, 25] })

  it('cannot trip at 5 %: even a canary failing every request shows as 5 %, not more', () => {
    expect(at(s, 5)).toEqual({
      percent: 5,
      canTrip: false,
      factor: Infinity,
      needed: 'more than 100 % of canary requests failing: impossible'
    })
    expect(s.status).toBe('fail')
  })

  it('needs half the canary failing at 10 % and a fifth at 25 %', () => {
    expect(at(s, 10)).toMatchObject({
      canTrip: true,
      factor: 10,
      needed: 'more than 50 % of canary requests failing'
    })
    expect(at(s, 25)).toMatchObject({
      canTrip: true,
      factor: 4,
      needed: 'more than 20 % of canary requests failing'
    })
    expect(s.scope).toBe('stage')
    expect(s.summary).toContain(
      'at 10 %: more than 50 % of canary requests failing (10× what a canary alarm needs)'
    )
  })

  it('with ≥ 0.05 it can just trip at 5 % (a canary failing every request), 20× blunter than a canary alarm', () => {
    const ge = metricAlarmSensitivity(
      alarm({ comparisonOperator: 'GreaterThanOrEqualToThreshold' }),
      ctx
    )
    expect(at(ge, 5)).toMatchObject({ canTrip: true, factor: 20 })
    expect(ge.status).toBe('warn')
  })
})

describe('scopes', () => {
  it('an alarm on the canary’s own Stage dimension trips when the canary crosses its threshold', () => {
    const s = metricAlarmSensitivity(alarm({ stage: 'prod/Canary' }), ctx)
    expect(s.scope).toBe('canary')
    expect(s.rungs.every((r) => r.canTrip && r.factor === 1)).toBe(true)
    expect(at(s, 5)?.needed).toBe('more than 5 % of canary requests failing')
    expect(s.status).toBe('pass')
  })

  it('a whole-stage alarm at a rung above the threshold passes only when within 3× of a canary alarm', () => {
    const s = metricAlarmSensitivity(alarm({ threshold: 0.01 }), { ...ctx, rungs: [50, 100] })
    expect(at(s, 50)).toMatchObject({ canTrip: true, factor: 2 })
    expect(s.status).toBe('pass')
  })

  it.each([
    [
      {
        dimensions: [
          { name: 'ApiName', value: 'other' },
          { name: 'Stage', value: 'prod' }
        ]
      },
      'other-api'
    ],
    [{ stage: 'dev' }, 'other-stage'],
    [{ namespace: 'AWS/Lambda', metricName: 'Errors' }, 'not-api-gateway'],
    [{ metricMath: true }, 'metric-math']
  ])('an alarm it cannot relate to the canary warns: %j', (over, scope) => {
    const s = metricAlarmSensitivity(alarm(over as Partial<MetricAlarmInfo>), ctx)
    expect(s).toMatchObject({ scope, status: 'warn', rungs: [] })
  })

  it('an alarm without a Stage dimension watches the whole API: diluted at least as much', () => {
    const s = metricAlarmSensitivity(
      alarm({ dimensions: [{ name: 'ApiName', value: API_NAME }] }),
      ctx
    )
    expect(s.scope).toBe('api')
    expect(s.status).toBe('fail')
  })

  it('a LessThan alarm fires on low values, not on a failing canary', () => {
    const s = metricAlarmSensitivity(
      alarm({ metricName: 'Count', statistic: 'Sum', comparisonOperator: 'LessThanThreshold' }),
      ctx
    )
    expect(s).toMatchObject({ signal: 'other', status: 'warn' })
  })
})

describe('latency', () => {
  it('a whole-stage p99 needs more than (1 − 0.99) / p of the canary slower than the threshold', () => {
    const s = metricAlarmSensitivity(
      alarm({
        metricName: 'Latency',
        statistic: undefined,
        extendedStatistic: 'p99',
        threshold: 1000
      }),
      ctx
    )
    expect(at(s, 5)).toMatchObject({
      canTrip: true,
      factor: 20,
      needed: 'more than 20 % of canary requests slower than 1000 ms'
    })
    expect(at(s, 50)?.needed).toBe('more than 2 % of canary requests slower than 1000 ms')
    expect(s.status).toBe('warn')
  })

  it('a whole-stage p50 cannot see a canary below half the traffic', () => {
    const s = metricAlarmSensitivity(
      alarm({
        metricName: 'Latency',
        statistic: undefined,
        extendedStatistic: 'p50',
        threshold: 500
      }),
      ctx
    )
    expect(s.rungs.map((r) => r.canTrip)).toEqual([false, false, false, false, true])
    expect(s.status).toBe('fail')
  })

  it('a whole-stage Average needs the canary above (t − (1 − p) × stable) / p, and fails beyond the 29 s timeout', () => {
    const s = metricAlarmSensitivity(alarm({ metricName: 'Latency', threshold: 2000 }), {
      ...ctx,
      stableLatencyMs: 1500,
      rungs: [1, 5, 25]
    })
    // at 1 %: (2000 - 0.99 × 1500) / 0.01 = 51 500 ms > 29 000 ms
    expect(s.rungs[0]).toMatchObject({ canTrip: false })
    // at 5 %: (2000 - 0.95 × 1500) / 0.05 = 11 500 ms
    expect(s.rungs[1]).toMatchObject({ canTrip: true, needed: 'canary average above 11500 ms' })
    expect(s.rungs[1]?.factor).toBeCloseTo(5.75)
    expect(s.status).toBe('fail')
    expect(s.summary).toContain('stable latency 1500 ms')
  })
})

describe('Sum alarms', () => {
  const sum = alarm({ statistic: 'Sum', threshold: 10, stage: 'prod/Canary', periodSeconds: 300 })

  it('without traffic figures: a count of failing requests per period, judged as depending on volume', () => {
    const s = metricAlarmSensitivity(sum, ctx)
    expect(at(s, 5)?.needed).toBe('more than 10 failing canary requests in 5 min')
    expect(s.status).toBe('warn')
    expect(s.summary).toContain('depends on traffic')
  })

  it('with the stage’s request rate: the canary cannot reach 10 errors when it gets fewer than 10 requests a period', () => {
    const s = metricAlarmSensitivity(sum, { ...ctx, requestsPerMinute: 20 })
    // at 5 %: 20 × 5 min × 5 % = 5 canary requests a period
    expect(at(s, 5)).toMatchObject({
      canTrip: false,
      needed: '10 of about 5 canary requests a period failing (200 %): impossible'
    })
    expect(at(s, 25)).toMatchObject({
      canTrip: true,
      needed: '10 of about 25 canary requests a period failing (40 %)'
    })
    expect(s.status).toBe('fail')
  })

  it('a whole-stage Sum counts the stable’s errors too: a warning even when it can trip', () => {
    const s = metricAlarmSensitivity(
      {
        ...sum,
        dimensions: [
          { name: 'ApiName', value: API_NAME },
          { name: 'Stage', value: 'prod' }
        ]
      },
      { ...ctx, requestsPerMinute: 10_000 }
    )
    expect(s.rungs.every((r) => r.canTrip)).toBe(true)
    expect(s.status).toBe('warn')
    expect(s.summary).toContain('stable deployment’s errors too')
  })
})

describe('composite alarms', () => {
  const canary5xx = alarm({ name: 'canary-5xx', stage: 'prod/Canary' })
  const stage5xx = alarm({ name: 'stage-5xx' })
  const stageP99 = alarm({
    name: 'stage-p99',
    metricName: 'Latency',
    statistic: undefined,
    extendedStatistic: 'p99',
    threshold: 800
  })
  const all = new Map<string, AlarmInfo>(
    [canary5xx, stage5xx, stageP99].map((a) => [a.name, a] as [string, AlarmInfo])
  )
  const composite = (rule: string): AlarmInfo => ({ type: 'composite', name: 'gate', rule })

  it('OR trips with its most sensitive member', () => {
    const s = alarmSensitivity(composite('ALARM("stage-5xx") OR ALARM(canary-5xx)'), all, ctx)
    expect(s.rungs[0]).toMatchObject({ canTrip: true, factor: 1 })
    expect(s.status).toBe('pass')
    expect(s.watches).toEqual(['5XXError'])
  })

  it('AND trips only when every member can: a member blind at 5 % makes the whole rule blind there', () => {
    const s = alarmSensitivity(composite('ALARM("stage-5xx") AND ALARM("canary-5xx")'), all, ctx)
    expect(s.rungs.map((r) => r.canTrip)).toEqual([false, true, true, true, true])
    expect(s.rungs[1]?.factor).toBe(10)
    expect(s.status).toBe('fail')
  })

  it('AND of two whole-stage alarms is as blunt as the blunter; OK() and NOT terms carry no canary signal', () => {
    const s = alarmSensitivity(
      composite('(ALARM(stage-p99) AND NOT ALARM("canary-5xx")) AND OK(stage-5xx)'),
      all,
      ctx
    )
    expect(s.rungs[0]).toMatchObject({ canTrip: true, factor: 20 })
    expect(s.status).toBe('warn')
  })

  it('a rule with no ALARM() term, a missing member or a cycle is reported, not trusted', () => {
    expect(alarmSensitivity(composite('OK(canary-5xx)'), all, ctx)).toMatchObject({
      status: 'warn',
      rungs: []
    })
    const missing = alarmSensitivity(composite('ALARM(nope)'), all, ctx)
    expect(missing.summary).toContain('nope: not found')
    const loop = new Map(all)
    loop.set('x', { type: 'composite', name: 'x', rule: 'ALARM(y) OR ALARM(canary-5xx)' })
    loop.set('y', { type: 'composite', name: 'y', rule: 'ALARM(x)' })
    const s = alarmSensitivity(loop.get('x')!, loop, ctx)
    expect(s.status).toBe('pass')
    expect(s.summary).toContain('a cycle in the rules')
    expect(alarmSensitivity(composite('ALARM(x'), all, ctx).summary).toMatch(
      /^composite rule not understood/
    )
  })

  it('parses rules with AND tighter than OR, quoted names and ARNs', () => {
    expect(
      parseAlarmRule(
        'ALARM(a) OR ALARM("b") AND NOT OK(arn:aws:cloudwatch:us-east-1:123456789012:alarm:c)'
      )
    ).toEqual({
      kind: 'or',
      terms: [
        { kind: 'state', state: 'ALARM', alarm: 'a' },
        {
          kind: 'and',
          terms: [
            { kind: 'state', state: 'ALARM', alarm: 'b' },
            { kind: 'not', term: { kind: 'state', state: 'OK', alarm: 'c' } }
          ]
        }
      ]
    })
    expect(ruleAlarms(parseAlarmRule('ALARM(a) OR (OK(a) AND FALSE)'))).toEqual(['a'])
    expect(() => parseAlarmRule('ALARM(a) OR')).toThrow('alarm rule ends too early')
  })
})
