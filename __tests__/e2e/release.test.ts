/**
 * Whole releases through the bundled action (dist/index.js), one process per
 * step, against the emulator: what a workflow of several jobs would do.
 */
import { describe, expect, it } from '@jest/globals'
import { errorLines, type ActionResult } from '../../local-runner/run-action.js'
import {
  count,
  ERRORS_ALARM,
  freshRelease,
  getStage,
  LATENCY_ALARM,
  operations,
  REPO,
  setAlarm,
  SHA,
  STAGE,
  step,
  trafficWrites,
  useWorld
} from './fixtures.js'

const world = useWorld()

const ALARMS = `${ERRORS_ALARM}\n${LATENCY_ALARM}`

/** Every step's inputs besides rest-api-id and stage. */
const DEFAULTS = { 'alarm-names': ALARMS }

function expectOk(r: ActionResult) {
  if (r.code !== 0) throw new Error(`step failed (${r.code}):\n${r.stdout}\n${r.stderr}`)
  expect(errorLines(r.stdout)).toEqual([])
}

describe('a release: deploy 5% → shift next → shift 50% → promote', () => {
  it('ends with the canary as the stage deployment and the overrides merged', async () => {
    const api = await freshRelease(world(), {
      variables: { backend: 'orders-v1', logLevel: 'info' }
    })
    const stable = api.stableDeploymentId

    // deploy
    const d = await step(world(), api.restApiId, {
      ...DEFAULTS,
      command: 'deploy',
      percent: '5',
      'stage-variable-overrides': 'backend=orders-v2\nfeatureFlag=on'
    })
    expectOk(d.r)
    const canary = d.r.outputs['canary-deployment-id']!
    expect(canary).toMatch(/^[a-z0-9]+$/)
    expect(canary).not.toBe(stable)
    expect(d.r.outputs).toMatchObject({
      status: 'canary',
      percent: '5',
      'previous-percent': '0',
      'next-percent': '10',
      'stable-deployment-id': stable,
      'previous-stable-deployment-id': '',
      'canary-commit': SHA,
      'alarm-state': 'OK',
      'abort-reason': ''
    })
    const alarms = JSON.parse(d.r.outputs.alarms!) as { name: string; state: string }[]
    expect(alarms.map((a) => [a.name, a.state])).toEqual([
      [ERRORS_ALARM, 'OK'],
      [LATENCY_ALARM, 'OK']
    ])
    const report = JSON.parse(d.r.outputs.report!) as Record<string, unknown>
    expect(report).toMatchObject({ command: 'deploy', stage: STAGE, status: 'canary' })
    // the gate is read before anything is created; exactly one deployment
    expect(count(d.log, 'CreateDeployment')).toBe(1)
    expect(count(d.log, 'UpdateStage')).toBe(0)
    const ops = operations(d.log)
    expect(ops.indexOf('DescribeAlarms')).toBeGreaterThanOrEqual(0)
    expect(ops.indexOf('DescribeAlarms')).toBeLessThan(ops.indexOf('CreateDeployment'))
    const created = d.log.find((c) => c.operation === 'CreateDeployment')!
    expect(created.input).toMatchObject({
      stageName: STAGE,
      canarySettings: {
        percentTraffic: 5,
        stageVariableOverrides: { backend: 'orders-v2', featureFlag: 'on' }
      }
    })
    expect(String(created.input.description)).toContain(`${REPO}@${SHA}`)
    // the summary: stage table, alarms table, what changed, timeline
    expect(d.r.summary).toContain('`deploy`')
    expect(d.r.summary).toContain('🟡 canary')
    expect(d.r.summary).toContain(`| Stable deployment | \`${stable}\``)
    expect(d.r.summary).toContain(`| Canary deployment | \`${canary}\` |`)
    expect(d.r.summary).toContain('| Canary traffic | 5% (was 0%) |')
    expect(d.r.summary).toContain(`| Commit | \`${SHA}\` |`)
    expect(d.r.summary).toContain('### Alarms — worst state OK')
    expect(d.r.summary).toMatch(new RegExp(`\\| \`${ERRORS_ALARM}\` \\| metric \\| ✅ OK \\|`))
    expect(d.r.summary).toContain('### What changed')
    expect(d.r.summary).toContain('- `CreateDeployment`')
    expect(d.r.summary).toMatch(/\| deploy \| 5% \| canary deployment \w+ created at 5% \|/)
    let s = await getStage(world(), api.restApiId)
    expect(s.deploymentId).toBe(stable)
    expect(s.canarySettings).toMatchObject({ deploymentId: canary, percentTraffic: 5 })

    // shift percent: next → the next rung of the default steps
    const n = await step(world(), api.restApiId, { ...DEFAULTS, command: 'shift', percent: 'next' })
    expectOk(n.r)
    expect(n.r.outputs).toMatchObject({
      status: 'canary',
      percent: '10',
      'previous-percent': '5',
      'next-percent': '25',
      'canary-deployment-id': canary,
      'stable-deployment-id': stable,
      'alarm-state': 'OK'
    })
    expect(count(n.log, 'CreateDeployment')).toBe(0)
    expect(trafficWrites(n.log).map((t) => t.value)).toEqual(['10.0'])
    expect(operations(n.log).indexOf('DescribeAlarms')).toBeLessThan(
      operations(n.log).indexOf('UpdateStage')
    )
    expect(n.r.summary).toContain('| Canary traffic | 10% (was 5%) |')
    expect(n.r.summary).toMatch(/\| shift \| 10% \|/)
    expect(n.r.summary).toContain('/canarySettings/percentTraffic')

    // shift 50
    const f = await step(world(), api.restApiId, { ...DEFAULTS, command: 'shift', percent: '50%' })
    expectOk(f.r)
    expect(f.r.outputs).toMatchObject({
      status: 'canary',
      percent: '50',
      'previous-percent': '10',
      'next-percent': '100'
    })
    expect(trafficWrites(f.log).map((t) => t.value)).toEqual(['50.0'])
    s = await getStage(world(), api.restApiId)
    expect(s.canarySettings?.percentTraffic).toBe(50)

    // promote
    const p = await step(world(), api.restApiId, { ...DEFAULTS, command: 'promote' })
    expectOk(p.r)
    expect(p.r.outputs).toMatchObject({
      status: 'promoted',
      percent: '0',
      'previous-percent': '50',
      'next-percent': '',
      'canary-deployment-id': '',
      'stable-deployment-id': canary,
      'previous-stable-deployment-id': stable,
      'canary-commit': SHA,
      'alarm-state': 'OK',
      'abort-reason': ''
    })
    const updates = p.log.filter((c) => c.operation === 'UpdateStage')
    expect(updates.map((c) => c.input.patchOperations)).toEqual([
      [
        { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
        { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
        { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
      ],
      [{ op: 'remove', path: '/canarySettings' }]
    ])
    expect(count(p.log, 'CreateDeployment')).toBe(0)
    expect(operations(p.log).indexOf('DescribeAlarms')).toBeLessThan(
      operations(p.log).indexOf('UpdateStage')
    )
    expect(p.r.summary).toContain('🟢 promoted')
    expect(p.r.summary).toContain(`| Stable deployment | \`${canary}\` (was \`${stable}\`) |`)
    expect(p.r.summary).toContain('| Canary deployment | — |')
    expect(p.r.summary).toMatch(/\| promote \| 0% \|/)
    s = await getStage(world(), api.restApiId)
    expect(s.deploymentId).toBe(canary)
    expect(s.canarySettings).toBeUndefined()
    expect(s.variables).toEqual({ backend: 'orders-v2', logLevel: 'info', featureFlag: 'on' })

    // and the undo of that promotion: point the stage back at the old stable deployment
    const u = await step(world(), api.restApiId, {
      ...DEFAULTS,
      command: 'rollback',
      'to-deployment-id': stable
    })
    expectOk(u.r)
    expect(u.r.outputs).toMatchObject({
      status: 'rolled-back',
      percent: '0',
      'canary-deployment-id': '',
      'stable-deployment-id': stable,
      'previous-stable-deployment-id': canary
    })
    expect(
      u.log.filter((c) => c.operation === 'UpdateStage').map((c) => c.input.patchOperations)
    ).toEqual([[{ op: 'replace', path: '/deploymentId', value: stable }]])
    expect((await getStage(world(), api.restApiId)).deploymentId).toBe(stable)
  })
})

describe('canary-commit', () => {
  it('is reported by deploy, status and an increase (which checks it is its own); a decrease leaves it unread', async () => {
    const api = await freshRelease(world())
    const d = await step(world(), api.restApiId, { ...DEFAULTS, command: 'deploy', percent: '5' })
    expectOk(d.r)
    expect(d.r.outputs['canary-commit']).toBe(SHA)
    const sh = await step(world(), api.restApiId, { ...DEFAULTS, command: 'shift', percent: '10' })
    expectOk(sh.r)
    // An increase reads whose canary it is before it gates and writes.
    expect(sh.log.map((c) => c.operation)).toEqual([
      'GetStage',
      'GetDeployment',
      'DescribeAlarms',
      'UpdateStage'
    ])
    expect(sh.r.outputs['canary-commit']).toBe(SHA)
    const down = await step(world(), api.restApiId, { ...DEFAULTS, command: 'shift', percent: '5' })
    expectOk(down.r)
    expect(down.log.map((c) => c.operation)).toEqual(['GetStage', 'UpdateStage', 'DescribeAlarms'])
    expect(down.r.outputs['canary-commit']).toBe('')
    expect(down.r.summary).toContain('| Commit | — (a decrease does not read it; status does) |')
    const st = await step(world(), api.restApiId, { ...DEFAULTS, command: 'status' })
    expect(st.r.outputs['canary-commit']).toBe(SHA)
  })
})

describe('a release stopped by an alarm', () => {
  it('refuses the shift, rolls back, and a second rollback has nothing to do', async () => {
    const api = await freshRelease(world())
    const d = await step(world(), api.restApiId, { ...DEFAULTS, command: 'deploy', percent: '5' })
    expectOk(d.r)
    const canary = d.r.outputs['canary-deployment-id']!

    const reason =
      'Threshold Crossed: 1 datapoint [12.0 (26/11/26 08:31:00)] was greater than the threshold (5.0).'
    await setAlarm(world(), ERRORS_ALARM, 'ALARM', reason)

    // shift is refused by the gate: nothing changes
    const sh = await step(world(), api.restApiId, {
      ...DEFAULTS,
      command: 'shift',
      percent: 'next'
    })
    expect(sh.r.code).toBe(1)
    expect(sh.r.outputs['abort-reason']).toContain(ERRORS_ALARM)
    expect(sh.r.outputs['abort-reason']).toContain('ALARM')
    expect(sh.r.outputs).toMatchObject({
      status: 'canary',
      percent: '5',
      'previous-percent': '5',
      'canary-deployment-id': canary,
      'alarm-state': 'ALARM'
    })
    expect(count(sh.log, 'UpdateStage')).toBe(0)
    expect(count(sh.log, 'CreateDeployment')).toBe(0)
    expect(count(sh.log, 'DescribeAlarms')).toBeGreaterThanOrEqual(1)
    const errors = errorLines(sh.r.stdout)
    expect(errors.some((l) => l.includes(ERRORS_ALARM))).toBe(true)
    expect(sh.r.summary).toContain('> [!CAUTION]')
    expect(sh.r.summary).toContain('### Alarms — worst state ALARM')
    expect(sh.r.summary).toMatch(new RegExp(`\\| \`${ERRORS_ALARM}\` \\| metric \\| 🚨 ALARM \\|`))
    expect(sh.r.summary).toContain('Nothing: no call changed the stage.')
    expect((await getStage(world(), api.restApiId)).canarySettings?.percentTraffic).toBe(5)

    // rollback is never gated: canary to 0 %
    const rb = await step(world(), api.restApiId, { ...DEFAULTS, command: 'rollback' })
    expectOk(rb.r)
    expect(rb.r.outputs).toMatchObject({
      status: 'rolled-back',
      percent: '0',
      'previous-percent': '5',
      'canary-deployment-id': canary,
      'stable-deployment-id': api.stableDeploymentId,
      'abort-reason': ''
    })
    expect(trafficWrites(rb.log).map((t) => t.value)).toEqual(['0.0'])
    expect(count(rb.log, 'UpdateStage')).toBe(1)
    expect(rb.r.summary).toContain('🔴 rolled back')
    expect(rb.r.summary).toContain('| Canary traffic | 0% (was 5%) |')
    expect(rb.r.summary).toMatch(/\| rollback \| 0% \|/)
    const s = await getStage(world(), api.restApiId)
    expect(s.deploymentId).toBe(api.stableDeploymentId)
    expect(s.canarySettings).toMatchObject({ deploymentId: canary, percentTraffic: 0 })

    // a second rollback: nothing to do, and it says so
    const again = await step(world(), api.restApiId, { ...DEFAULTS, command: 'rollback' })
    expectOk(again.r)
    expect(again.r.outputs).toMatchObject({ percent: '0', 'previous-percent': '0' })
    expect(['rolled-back', 'canary']).toContain(again.r.outputs.status)
    expect(count(again.log, 'UpdateStage')).toBe(0)
    expect(again.r.stdout).toMatch(/Nothing to roll back/)
    expect(again.r.summary).toContain('Nothing: no call changed the stage.')
  })

  it('a rollback with alarms configured reports their state, not "no alarms configured"', async () => {
    const api = await freshRelease(world())
    expectOk(
      (await step(world(), api.restApiId, { ...DEFAULTS, command: 'deploy', percent: '5' })).r
    )
    await setAlarm(world(), ERRORS_ALARM, 'ALARM', 'Threshold Crossed: 1 datapoint [9.0] > 5.0')
    const rb = await step(world(), api.restApiId, { ...DEFAULTS, command: 'rollback' })
    expectOk(rb.r)
    // The rollback itself is never gated, but the user configured alarm-names: the
    // summary must not claim none are configured, and alarm-state must not be NONE.
    expect(rb.r.summary).not.toContain('No alarms configured')
    expect(rb.r.outputs['alarm-state']).toBe('ALARM')
  })
})
