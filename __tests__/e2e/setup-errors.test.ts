/**
 * Setup mistakes through the bundle: no credentials, a closed port, a host
 * that does not resolve, AWS answering 503 after every retry. Each ends in one
 * line naming the call, where it went, the traffic left, and what to do,
 * instead of the SDK's own text.
 */
import { describe, expect, it } from '@jest/globals'
import { clearFaults, setFaults } from '../../emulator/client.js'
import { errorLines, runAction } from '../../local-runner/run-action.js'
import { ERRORS_ALARM, freshRelease, getStage, STAGE, step, useWorld } from './fixtures.js'

const world = useWorld()

describe('setup mistakes say what failed, where, and what to do', () => {
  const base = { command: 'shift', 'rest-api-id': 'abc123', stage: STAGE, percent: '10' }

  const cases: [string, Record<string, string>, Record<string, string>, RegExp][] = [
    [
      'no credentials',
      {},
      { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' },
      /^GetStage failed in us-east-1 at endpoint-url http:\/\/127\.0\.0\.1:\d+\. No AWS credentials reached the action: add aws-actions\/configure-aws-credentials .* Nothing was changed: the stage was never read\. \(CredentialsProviderError: Could not load credentials from any providers\)$/
    ],
    [
      'a closed port',
      { 'endpoint-url': 'http://127.0.0.1:9' },
      {},
      /^GetStage failed in us-east-1 at endpoint-url http:\/\/127\.0\.0\.1:9\. Nothing answered there: check endpoint-url .* Nothing was changed/
    ],
    [
      'a host that does not resolve',
      { 'endpoint-url': 'http://apigw.nonexistent.invalid', 'aws-region': 'eu-west-1' },
      {},
      /^GetStage failed in eu-west-1 at endpoint-url http:\/\/apigw\.nonexistent\.invalid\. The host could not be resolved: check endpoint-url .* and aws-region\. Nothing was changed/
    ]
  ]

  it.each(cases)('%s', async (_, inputs, env, expected) => {
    const r = await runAction(
      { ...base, 'max-attempts': '2', ...inputs },
      { endpoint: world().url, env }
    )
    expect(r.code).toBe(1)
    expect(r.outputs['abort-reason']).toMatch(expected)
    const errors = errorLines(r.stdout)
    expect(errors).toHaveLength(1)
    expect(errors[0]).toContain(r.outputs['abort-reason'])
  })

  it('AWS answering 503 after every retry: re-run, and the traffic the stage was left at', async () => {
    const api = await freshRelease(world())
    const d = await step(world(), api.restApiId, {
      command: 'deploy',
      percent: '5',
      'alarm-names': ERRORS_ALARM
    })
    expect(d.r.code).toBe(0)
    await setFaults(world().url, { errorRate: 1, operations: ['UpdateStage'] })
    try {
      const { r } = await step(world(), api.restApiId, {
        command: 'shift',
        percent: '10',
        'max-attempts': '2',
        'alarm-names': ERRORS_ALARM
      })
      expect(r.code).toBe(1)
      expect(r.outputs['abort-reason']).toMatch(
        /^UpdateStage failed in us-east-1 at endpoint-url .*AWS kept answering 503 after 2 attempts: re-run the job later, or raise max-attempts\. The stage was left at 5 % canary traffic\. \(ServiceUnavailable/
      )
    } finally {
      await clearFaults(world().url)
    }
    expect((await getStage(world(), api.restApiId)).canarySettings?.percentTraffic).toBe(5)
  })
})
