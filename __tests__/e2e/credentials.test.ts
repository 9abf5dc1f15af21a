/**
 * No credential ever appears in logs, outputs or the summary: a whole release,
 * a failing step and a dry run, with distinctive credentials in the
 * environment, and every byte the action wrote searched for them.
 */
import { describe, expect, it } from '@jest/globals'
import { ERRORS_ALARM, freshRelease, setAlarm, step, useWorld } from './fixtures.js'

const world = useWorld()
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYzz9SecretCanary'
const TOKEN = 'IQoJb3JpZ2luX2VjEXAMPLEsessionTOKENzz9Canary'
const KEY_ID = 'AKIAZZ9CANARYKEYID00'
const env = { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET, AWS_SESSION_TOKEN: TOKEN }

describe('credentials', () => {
  it('never appear in stdout, stderr, outputs or the summary, on success, failure and dry run', async () => {
    const w = world()
    const api = await freshRelease(w)
    const inputs = { 'alarm-names': ERRORS_ALARM }
    const runs = [
      await step(w, api.restApiId, { ...inputs, command: 'deploy', percent: '5' }, { env }),
      await step(
        w,
        api.restApiId,
        { ...inputs, command: 'shift', percent: 'next', 'bake-time': '1s', 'poll-interval': '1s' },
        { env }
      ),
      await step(w, api.restApiId, { ...inputs, command: 'promote', 'dry-run': 'true' }, { env })
    ]
    await setAlarm(w, ERRORS_ALARM, 'ALARM', 'Threshold Crossed')
    runs.push(await step(w, api.restApiId, { ...inputs, command: 'shift', percent: '50' }, { env }))
    runs.push(await step(w, api.restApiId, { ...inputs, command: 'status' }, { env }))
    expect(runs.map(({ r }) => r.code)).toEqual([0, 0, 0, 1, 0])
    for (const { r } of runs) {
      const written = [r.stdout, r.stderr, r.summary, JSON.stringify(r.outputs)].join('\n')
      expect(written.length).toBeGreaterThan(200)
      for (const secret of [SECRET, TOKEN, KEY_ID]) expect(written).not.toContain(secret)
    }
  })
})
