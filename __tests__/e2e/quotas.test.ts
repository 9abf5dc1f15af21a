/**
 * API Gateway's account quotas, enforced by the emulator: CreateDeployment at
 * most once per 5 s. A deploy that meets the quota waits it out and creates
 * exactly one deployment.
 */
import { describe, expect, it } from '@jest/globals'
import { CreateDeploymentCommand } from '@aws-sdk/client-api-gateway'
import { setQuotas } from '../../emulator/client.js'
import { deployments, ERRORS_ALARM, freshRelease, SHA, step, useWorld } from './fixtures.js'

const world = useWorld()

describe('quotas', () => {
  it('a deploy throttled by the CreateDeployment quota waits it out at random intervals and creates one deployment', async () => {
    const w = world()
    const api = await freshRelease(w)
    await setQuotas(w.url, true)
    try {
      // Someone else's deployment in the same account a moment earlier uses up the quota.
      const quotaUsedAt = Date.now()
      await w.apigw.send(
        new CreateDeploymentCommand({ restApiId: api.restApiId, description: 'other team' })
      )
      const { r, log } = await step(w, api.restApiId, {
        command: 'deploy',
        percent: '5',
        'alarm-names': ERRORS_ALARM
      })
      expect(r.code).toBe(0)
      const creates = log.filter((c) => c.operation === 'CreateDeployment')
      // Refused until the quota's 5 s are up, then made once.
      expect(creates.at(-1)!.status).toBe(201)
      expect(creates.slice(0, -1).every((c) => c.status === 429)).toBe(true)
      expect(creates.length).toBeGreaterThanOrEqual(2)
      // The quota's 5 s count from the other team's deployment.
      expect(Date.parse(creates.at(-1)!.time) - quotaUsedAt).toBeGreaterThanOrEqual(4_900)
      // One refused, one made: this commit has exactly one deployment.
      const mine = (await deployments(w, api.restApiId)).filter((d) => d.description?.includes(SHA))
      expect(mine.map((d) => d.id)).toEqual([r.outputs['canary-deployment-id']])
      expect(r.stdout).toMatch(
        /CreateDeployment throttled by the account's deployment quota \(1 so far\).*trying again in [1-5]s/
      )
      expect(r.outputs).toMatchObject({ status: 'canary', percent: '5' })
    } finally {
      await setQuotas(w.url, false)
    }
  }, 30_000)
})
