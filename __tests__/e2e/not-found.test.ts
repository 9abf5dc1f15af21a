/**
 * A wrong rest-api-id or stage through the bundled action: the error names
 * the API id, the stage and the region, lists the stages that exist and the
 * one probably meant, and never advises creating the typo; preflight (before
 * deploy) says the same.
 */
import { describe, expect, it } from '@jest/globals'
import { ERRORS_ALARM, freshRelease, STAGE, step, useWorld } from './fixtures.js'

const world = useWorld()
const typo = `${STAGE}d`

describe('not found', () => {
  it.each([['status'], ['deploy']])(
    '%s on a stage with a typo names the stages there are and the one meant',
    async (command) => {
      const w = world()
      const api = await freshRelease(w)
      const { r } = await step(w, api.restApiId, {
        command,
        stage: typo,
        'alarm-names': ERRORS_ALARM,
        ...(command === 'deploy' ? { percent: '5' } : {})
      })
      expect(r.code).toBe(1)
      const reason = r.outputs['abort-reason']!
      expect(reason).toContain(`'${typo}'`)
      expect(reason).toContain(api.restApiId)
      expect(reason).toContain('us-east-1')
      expect(reason).toContain(`Did you mean '${STAGE}'?`)
      expect([r.stdout, r.summary].join('\n')).not.toMatch(new RegExp(`[Cc]reate ${typo}`))
    }
  )

  it.each([['status'], ['deploy']])(
    '%s on a REST API that does not exist names the id and the region',
    async (command) => {
      const w = world()
      await freshRelease(w)
      const { r } = await step(w, 'zz9zz9zz9z', {
        command,
        'alarm-names': ERRORS_ALARM,
        ...(command === 'deploy' ? { percent: '5' } : {})
      })
      expect(r.code).toBe(1)
      expect(r.outputs['abort-reason']).toContain(
        "REST API 'zz9zz9zz9z' was not found in us-east-1: check rest-api-id"
      )
    }
  )
})
