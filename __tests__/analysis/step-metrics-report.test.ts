import { afterEach, describe, expect, it } from '@jest/globals'
import type { StageMetrics } from '../../src/analysis/metric-verdicts.js'
import { compareStageMetrics } from '../../src/analysis/step-metrics-report.js'
import { harness } from '../helpers/harness.js'
import { API_NAME, CANARY_STAGE } from '../../local-runner/fixtures.js'

let h: ReturnType<typeof harness>
afterEach(() => h.restore())

function bakedStep(stable: StageMetrics, canary: StageMetrics) {
  h = harness({ command: 'shift', percent: '25' })
  const state = { stableDeploymentId: 'st001', variables: {}, leftover: false }
  h.ctx.run.before = { ...state, canary: { deploymentId: 'can001', percent: 10 } } as never
  h.ctx.run.timeline.push({
    time: new Date().toISOString(),
    event: 'bake-start',
    percent: 25,
    detail: ''
  })
  h.ctx.readMetrics = async () =>
    ({
      apiName: API_NAME,
      canaryStage: CANARY_STAGE,
      canaryStageSource: 'discovered',
      stable,
      canary
    }) as never
}

describe('the canary-vs-stable line', () => {
  it('with no data on either side says so once, without a row of dashes', async () => {
    bakedStep({}, {})
    await compareStageMetrics(h.ctx)
    const lines = h.log.lines.filter((l) => l.startsWith('Canary vs stable'))
    expect(lines).toEqual([
      expect.stringMatching(
        /^Canary vs stable \(orders-api, Stage=prod\/Canary vs prod\): no data yet/
      )
    ])
    expect(h.log.lines.join('\n')).not.toContain('—')
  })

  it('with data gives the rows', async () => {
    bakedStep({ requests: 1000, errors5xx: 1 }, { requests: 50, errors5xx: 0 })
    await compareStageMetrics(h.ctx)
    expect(h.log.lines.join('\n')).toMatch(/Canary vs stable .*: Requests 50 vs 1000/)
    expect(h.log.lines.join('\n')).not.toContain('no data yet')
  })
})
