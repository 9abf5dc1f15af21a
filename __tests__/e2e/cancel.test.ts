/**
 * A cancelled job: the runner sends SIGINT (then SIGTERM) to the action while
 * it bakes. The canary must be at 0 % before the process exits, quickly, with
 * outputs and a summary written.
 */
import { describe, expect, it } from '@jest/globals'
import { runAction, startAction } from '../../local-runner/run-action.js'
import {
  calls,
  clearCallLog,
  ERRORS_ALARM,
  freshRelease,
  getStage,
  STAGE,
  trafficWrites,
  useWorld,
  waitFor
} from './fixtures.js'

const world = useWorld()

const cases: {
  signal: NodeJS.Signals
  command: 'shift' | 'ramp'
  inputs: Record<string, string>
  raisedTo: string
}[] = [
  { signal: 'SIGTERM', command: 'shift', inputs: { percent: '10' }, raisedTo: '10.0' },
  { signal: 'SIGINT', command: 'ramp', inputs: { steps: '10,20' }, raisedTo: '10.0' }
]

describe.each(cases)(
  'cancel with $signal during a $command bake',
  ({ signal, command, inputs, raisedTo }) => {
    it('sets the canary to 0% and exits non-zero within ~3 s, outputs and summary written', async () => {
      const api = await freshRelease(world())
      const base = { 'rest-api-id': api.restApiId, stage: STAGE, 'alarm-names': ERRORS_ALARM }
      const d = await runAction(
        { ...base, command: 'deploy', percent: '5' },
        { endpoint: world().url }
      )
      expect(d.code).toBe(0)
      const canary = d.outputs['canary-deployment-id']!
      await clearCallLog(world())

      const run = startAction(
        { ...base, command, ...inputs, 'bake-time': '60s', 'poll-interval': '1s' },
        { endpoint: world().url }
      )
      await waitFor(`the raise to ${raisedTo}%`, async () =>
        trafficWrites(await calls(world())).some((t) => t.value === raisedTo)
      )
      // into the bake: a poll or two
      await new Promise((r) => setTimeout(r, 700))
      const sentAt = Date.now()
      run.child.kill(signal)
      const r = await run.done
      const took = Date.now() - sentAt

      expect(r.signal).toBeNull() // it handled the signal and exited by itself
      expect(r.code).not.toBe(0)
      // Inside the runner's 7.5 s before SIGTERM, with room for a loaded CI machine.
      expect(took).toBeLessThan(5000)

      const s = await getStage(world(), api.restApiId)
      expect(s.canarySettings).toMatchObject({ deploymentId: canary, percentTraffic: 0 })
      expect(s.deploymentId).toBe(api.stableDeploymentId)
      const writes = trafficWrites(await calls(world())).map((t) => t.value)
      expect(writes.at(-1)).toBe('0.0')
      expect(writes).not.toContain('20.0')

      expect(r.outputs['abort-reason']).toContain('cancelled')
      expect(r.outputs['abort-reason']).toContain(signal)
      expect(r.outputs).toMatchObject({
        status: 'rolled-back',
        percent: '0',
        'previous-percent': '5',
        'canary-deployment-id': canary
      })
      expect(r.stdout).toContain(`Received ${signal}`)
      expect(r.summary).toContain(`\`${command}\``)
      expect(r.summary).toContain('🔴 rolled back')
      expect(r.summary).toContain('cancelled')
      expect(r.summary).toMatch(/\| cancel \|/)
    })
  }
)
