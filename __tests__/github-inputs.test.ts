/** The inputs of the GitHub Deployments record: defaults, values, errors. */
import { describe, expect, it } from '@jest/globals'

import { INPUT_DEFAULTS, ignoredInputs, parseInputs } from '../src/github/inputs.js'
import { API, config, STAGE } from './helpers/harness.js'

describe('GitHub deployment inputs', () => {
  it('by default: recorded, environment derived later, the runner-evaluated token used', () => {
    const withDefaults = (n: string) =>
      ({
        ...INPUT_DEFAULTS,
        command: 'deploy',
        'rest-api-id': API,
        stage: STAGE,
        'alarm-names': 'a'
      })[n] ?? ''
    const cfg = parseInputs(withDefaults, { AWS_REGION: 'us-east-1' })
    expect(cfg).toMatchObject({
      githubDeployment: true,
      // the literal default: the runner had not evaluated it (a local run)
      githubToken: undefined,
      environment: undefined,
      environmentUrl: undefined
    })
    expect(config({ command: 'deploy', 'github-token': 'ghs_abc' }).githubToken).toBe('ghs_abc')
  })

  it('takes a named environment, its URL, and false', () => {
    expect(
      config({
        command: 'ramp',
        'github-deployment': 'false',
        environment: 'api-prod-canary',
        'environment-url': 'https://api.example.com/prod'
      })
    ).toMatchObject({
      githubDeployment: false,
      environment: 'api-prod-canary',
      environmentUrl: 'https://api.example.com/prod'
    })
  })

  it('refuses a URL that is not one, and an environment name over 255', () => {
    expect(() => config({ command: 'deploy', 'environment-url': 'api.example.com' })).toThrow(
      /Input 'environment-url' must be an http:\/\/ or https:\/\/ URL/
    )
    expect(() => config({ command: 'deploy', environment: 'e'.repeat(256) })).toThrow(
      /Input 'environment' must be an environment name of up to 255 characters/
    )
  })

  it('status records nothing: setting the environment there is reported ignored, the token never', () => {
    const set: Record<string, string> = { environment: 'x', 'github-token': 'ghs_evaluated' }
    const cfg = config({ command: 'status' })
    expect(ignoredInputs(cfg, (n) => set[n] ?? '')).toEqual(['environment'])
  })
})
