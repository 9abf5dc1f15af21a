/**
 * Debug logging (a re-run with "Enable debug logging", ACTIONS_STEP_DEBUG):
 * the action writes `::debug::` lines through @actions/core, which the runner
 * shows only then: one per AWS call, with how it ended and how long it took,
 * never its input or output.
 */
import { describe, expect, it } from '@jest/globals'
import { EMULATOR_GITHUB_TOKEN } from '../../emulator/client.js'
import { ERRORS_ALARM, freshRelease, step, useWorld } from './fixtures.js'

const world = useWorld()

describe('debug lines', () => {
  it('name every AWS call with its status, attempts and duration', async () => {
    const w = world()
    const api = await freshRelease(w)
    const { r, log } = await step(w, api.restApiId, {
      command: 'status',
      'alarm-names': ERRORS_ALARM
    })
    expect(r.code).toBe(0)
    const debug = r.stdout.split('\n').filter((l) => l.startsWith('::debug::'))
    expect(debug.length).toBe(log.length)
    expect(debug).toContainEqual(
      expect.stringMatching(
        /^::debug::AWS APIGateway GetStage: 200 in \d+ ms, 1 attempt\(s\), request \S+$/
      )
    )
    expect(debug).toContainEqual(
      expect.stringMatching(/^::debug::AWS CloudWatch DescribeAlarms: 200 in \d+ ms/)
    )
    // Inputs and answers stay out: the stage's deployment id appears in the normal log only.
    for (const line of debug) expect(line).not.toContain(api.stableDeploymentId)
  })

  it('name every GitHub request with its route, status and duration, never the token', async () => {
    const w = world()
    const api = await freshRelease(w)
    const { r } = await step(w, api.restApiId, {
      command: 'deploy',
      percent: '5',
      preflight: 'off',
      'alarm-names': ERRORS_ALARM,
      'github-token': EMULATOR_GITHUB_TOKEN
    })
    expect(r.code).toBe(0)
    const debug = r.stdout.split('\n').filter((l) => l.startsWith('::debug::GitHub: '))
    expect(debug).toContainEqual(
      expect.stringMatching(
        /^::debug::GitHub: POST \/repos\/\{owner\}\/\{repo\}\/deployments: 201 in \d+ ms$/
      )
    )
    for (const line of debug) expect(line).not.toContain(EMULATOR_GITHUB_TOKEN)
  })
})
