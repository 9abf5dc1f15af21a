import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { APIGatewayClient } from '@aws-sdk/client-api-gateway'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { mockClient } from 'aws-sdk-client-mock'
import { parseDurationMs, formatDuration } from '../src/core/duration.js'
import { parseInputs, splitList } from '../src/github/inputs.js'
import { runAction } from './helpers/run-action.js'
import { REST_API_ID, STAGE } from '../local-runner/fixtures.js'

const base = {
  command: 'shift',
  'rest-api-id': REST_API_ID,
  stage: STAGE,
  percent: '10',
  'aws-region': 'us-east-1'
}
const long = (n: number) => 'x'.repeat(n)

// [input named in the error, inputs that differ from base]
const BAD: [string, Record<string, string>][] = [
  ['command', { command: '' }],
  ['command', { command: 'deploi' }],
  ['rest-api-id', { 'rest-api-id': '' }],
  ['rest-api-id', { 'rest-api-id': 'my-orders-api' }],
  ['stage', { stage: '' }],
  ['stage', { stage: 'prod stage' }],
  ['percent', { percent: 'abc' }],
  ['percent', { percent: '101' }],
  ['percent', { percent: '-5' }],
  ['percent', { percent: '5%%' }],
  ['percent', { percent: '' }],
  ['percent', { command: 'deploy', percent: 'next' }],
  ['steps', { steps: '10,5' }],
  ['steps', { steps: '0,50' }],
  ['steps', { steps: '5,5,10' }],
  ['steps', { steps: '5,150' }],
  ['steps', { steps: 'five,ten' }],
  ['bake-time', { 'bake-time': 'forever' }],
  ['bake-time', { 'bake-time': '-5m' }],
  ['bake-time', { 'bake-time': '5 parsecs' }],
  ['bake-time', { 'bake-time': '1h30mn' }], // an unknown unit after a known one is not skipped
  ['bake-time', { 'bake-time': '1h 30 mnutes' }],
  ['poll-interval', { 'poll-interval': '15s5q' }],
  ['poll-interval', { 'poll-interval': '0' }],
  ['poll-interval', { 'poll-interval': '500ms' }],
  ['poll-interval', { 'poll-interval': 'often' }],
  ['insufficient-data', { 'insufficient-data': 'maybe' }],
  ['on-alarm', { 'on-alarm': 'ignore' }],
  ['rollback-on-cancel', { 'rollback-on-cancel': 'yes' }],
  ['stage-variable-overrides', { 'stage-variable-overrides': 'novalue' }],
  ['stage-variable-overrides', { 'stage-variable-overrides': 'bad-name=1' }],
  ['stage-variable-overrides', { 'stage-variable-overrides': 'key=has space' }],
  ['stage-variable-overrides', { 'stage-variable-overrides': '{"a": {"b": 1}}' }],
  ['stage-variable-overrides', { 'stage-variable-overrides': '{not json' }],
  ['stage-variable-overrides', { 'stage-variable-overrides': 'a=1\na=2' }],
  [
    'stage-variable-overrides',
    { 'stage-variable-overrides': Array.from({ length: 101 }, (_, i) => `v${i}=1`).join('\n') }
  ],
  ['use-stage-cache', { 'use-stage-cache': 'maybe' }],
  ['if-canary-exists', { 'if-canary-exists': 'overwrite' }],
  ['promote-on-success', { 'promote-on-success': '1' }],
  ['rollback-mode', { 'rollback-mode': 'delete' }],
  ['to-deployment-id', { 'to-deployment-id': 'abc-123' }],
  ['aws-region', { 'aws-region': '' }],
  ['aws-region', { 'aws-region': 'US-EAST-1' }],
  ['endpoint-url', { 'endpoint-url': 'localhost:4566' }],
  ['endpoint-url', { 'endpoint-url': 'ftp://example.com' }],
  ['max-attempts', { 'max-attempts': '0' }],
  ['max-attempts', { 'max-attempts': '2.5' }],
  ['max-attempts', { 'max-attempts': '50' }],
  ['dry-run', { 'dry-run': 'sure' }],
  ['alarm-names', { 'alarm-names': `ok-alarm,${long(300)}` }],
  ['alarm-name-prefix', { 'alarm-name-prefix': long(300) }],
  ['description', { description: long(2000) }],
  // Durations that parse to Infinity or beyond what a job and a timer can hold
  ['bake-time', { 'bake-time': '9'.repeat(400) }],
  ['poll-interval', { 'poll-interval': '9'.repeat(400) }],
  ['bake-time', { 'bake-time': '6d' }],
  ['poll-interval', { 'poll-interval': '2h' }],
  ['poll-interval', { 'poll-interval': '25d' }],
  ['expected-canary-deployment-id', { 'expected-canary-deployment-id': 'abc 123' }]
]

describe('bad inputs', () => {
  const apigw = mockClient(APIGatewayClient)
  const cw = mockClient(CloudWatchClient)
  beforeAll(() => {
    apigw.reset()
    cw.reset()
  })
  afterAll(() => {
    apigw.restore()
    cw.restore()
  })

  it('has at least 30 cases', () => expect(BAD.length).toBeGreaterThanOrEqual(30))

  it.each(BAD)(
    "fails on '%s' with one line naming it, before any AWS call",
    async (input, change) => {
      const r = await runAction({ ...base, ...change })
      const reason = r.report.abortReason ?? ''
      expect(reason).toContain(`'${input}'`)
      expect(reason).not.toContain('\n')
      expect(r.exitCode).toBe(1)
      // Workflow commands escape % as %25.
      expect(r.stdout.replace(/%25/g, '%')).toContain(`::error::${reason}`)
      expect(r.outputs['abort-reason']).toBe(reason)
      expect(apigw.calls()).toHaveLength(0)
      expect(cw.calls()).toHaveLength(0)
    }
  )

  it.each([
    ['steps', { steps: `5,${'1'.repeat(130_000)}` }],
    ['rest-api-id', { 'rest-api-id': 'x-'.repeat(65_000) }],
    ['alarm-names', { 'alarm-names': long(130_000) }]
  ])(
    'echoes a huge bad %s cut, in the error line and abort-reason alike',
    async (input, change) => {
      const r = await runAction({ ...base, ...change })
      const reason = r.report.abortReason ?? ''
      expect(reason).toContain(`'${input}'`)
      expect(reason.length).toBeLessThan(400)
      expect(r.stdout.split('\n').every((l) => l.length < 2_000)).toBe(true)
      expect(r.outputs['abort-reason']).toBe(reason)
      expect(JSON.stringify(r.outputs).length).toBeLessThan(5_000)
    }
  )
})

describe('stage variable names that an object prototype has', () => {
  const parse = (raw: string) =>
    parseInputs(
      (n) =>
        (
          ({
            ...base,
            command: 'deploy',
            'allow-ungated': 'true',
            'stage-variable-overrides': raw
          }) as Record<string, string>
        )[n] ?? '',
      {}
    ).stageVariableOverrides
  it('takes constructor, toString and __proto__ as the plain names they are', () => {
    expect({ ...parse('constructor=x\ntoString=y') }).toEqual({ constructor: 'x', toString: 'y' })
    const json = parse('{"__proto__":"v2","lambdaAlias":"canary"}')
    expect(Object.keys(json)).toEqual(['__proto__', 'lambdaAlias'])
    expect(json['__proto__']).toBe('v2')
    expect(JSON.stringify(json)).toBe('{"__proto__":"v2","lambdaAlias":"canary"}')
  })
  it('still refuses a name given twice', () =>
    expect(() => parse('constructor=x\nconstructor=y')).toThrow(
      "Input 'stage-variable-overrides' names the variable 'constructor' twice."
    ))
})

describe('a release with no gate', () => {
  const parse = (inputs: Record<string, string>) =>
    parseInputs((n) => ({ ...base, ...inputs })[n as keyof typeof base] ?? '', {})
  const REFUSED =
    /^Input 'allow-ungated' is false and (ramp|deploy|promote) would (raise canary traffic|promote) with nothing to stop a failing canary: no alarm \('alarm-names' or 'alarm-name-prefix'\) and /

  it('is refused from the inputs, before any AWS call, for a step that raises traffic or promotes', () => {
    for (const command of ['deploy', 'ramp', 'promote'])
      expect(() => parse({ command })).toThrow(REFUSED)
    expect(() => parse({ command: 'ramp' })).toThrow("'analysis' is report, not gate")
    // analysis: gate gates only a bake, and deploy bakes for 0 s by default.
    expect(() => parse({ command: 'deploy', analysis: 'gate' })).toThrow(
      "'analysis: gate' judges only during a bake and 'bake-time' is 0"
    )
  })

  it('goes ahead with an alarm, a gating analysis that bakes, or allow-ungated: true', () => {
    expect(parse({ command: 'ramp', 'alarm-names': 'a' }).allowUngated).toBe(false)
    expect(parse({ command: 'ramp', 'alarm-name-prefix': 'orders-' }).command).toBe('ramp')
    expect(parse({ command: 'ramp', analysis: 'gate' }).analysisMode).toBe('gate')
    expect(parse({ command: 'deploy', analysis: 'gate', 'bake-time': '5m' }).command).toBe('deploy')
    expect(parse({ command: 'promote', 'allow-ungated': 'true' }).allowUngated).toBe(true)
    // A shift may be a decrease: its gate refuses at the increase. status and rollback raise nothing.
    for (const command of ['shift', 'status', 'rollback', 'preflight'])
      expect(parse({ command }).command).toBe(command)
    expect(parse({ command: 'deploy', percent: '0' }).percent).toBe(0)
  })
})

describe('import-parameters', () => {
  const parse = (value: string) =>
    parseInputs(
      (n) =>
        ({ ...base, command: 'deploy', 'alarm-names': 'a', 'import-parameters': value })[
          n as keyof typeof base
        ] ?? '',
      {}
    )
  it('takes only its own parameters: a key every object has (constructor) is bad input, not a crash', () => {
    expect(parse('basepath=split')).toMatchObject({ command: 'deploy' })
    for (const value of ['constructor=x', '__proto__=x', 'toString=x', 'hasOwnProperty=ignore'])
      expect(() => parse(value)).toThrow(
        /^Input 'import-parameters' must be comma-separated key=value pairs/
      )
  })
})

describe('an input name the action does not declare', () => {
  const parse = (env: Record<string, string>) =>
    parseInputs((n) => ({ ...base, 'alarm-names': 'a' })[n as keyof typeof base] ?? '', env)

  it('is refused first, naming the closest declared input', () => {
    expect(() => parse({ 'INPUT_ALARM-NAME': 'orders-5xx' })).toThrow(
      /^Input "alarm-name" is not an input of this action: did you mean 'alarm-names'\?/
    )
    expect(() => parse({ INPUT_PERCENTAGE: '10', 'INPUT_BAKE-TIMES': '5m' })).toThrow(
      /^Input "bake-times" is not .* did you mean 'bake-time'\? Also unknown: "percentage" \(percent\?\)/
    )
    // Other variables are not inputs.
    expect(parse({ INPUTS: 'x', AWS_REGION: 'eu-west-1' }).command).toBe('shift')
  })
})

describe('parseInputs', () => {
  const parse = (inputs: Record<string, string>, env: Record<string, string> = {}) =>
    parseInputs((n) => ({ ...base, ...inputs })[n as keyof typeof base] ?? '', env)

  it('applies the documented defaults', () => {
    const cfg = parse({})
    expect(cfg).toMatchObject({
      steps: [5, 10, 25, 50, 100],
      bakeTimeMs: 0,
      pollIntervalMs: 15000,
      insufficientData: 'ok',
      onAlarm: 'rollback',
      rollbackOnCancel: true,
      ifCanaryExists: 'fail',
      rollbackMode: 'zero',
      maxAttempts: 6,
      dryRun: false,
      alarmNames: [],
      alarmNamePrefix: undefined
    })
    expect(parse({ command: 'ramp', 'allow-ungated': 'true' }).bakeTimeMs).toBe(300000)
  })

  it('reads percent forms, lists and durations', () => {
    expect(parse({ percent: '12.5%' }).percent).toBe(12.5)
    expect(parse({ percent: 'NEXT' }).percent).toBe('next')
    expect(parse({ 'bake-time': '1h30m' }).bakeTimeMs).toBe(5_400_000)
    expect(parse({ 'bake-time': '90' }).bakeTimeMs).toBe(90_000)
    expect(parse({ 'alarm-names': 'a, b\nc,,a' }).alarmNames).toEqual(['a', 'b', 'c'])
    expect(
      parse({ 'stage-variable-overrides': '{"alias":"v2","n":3}' }).stageVariableOverrides
    ).toEqual({ alias: 'v2', n: '3' })
    expect(
      parse({ 'stage-variable-overrides': 'alias=v2\n# comment\nurl=https://x.example.com/a?b=c' })
        .stageVariableOverrides
    ).toEqual({
      alias: 'v2',
      url: 'https://x.example.com/a?b=c'
    })
  })

  it('takes the region and endpoint from the environment when the inputs are empty', () => {
    const cfg = parse(
      { 'aws-region': '' },
      { AWS_DEFAULT_REGION: 'eu-west-2', AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' }
    )
    expect(cfg.region).toBe('eu-west-2')
    expect(cfg.endpointUrl).toBe('http://127.0.0.1:4566')
    expect(
      parse({ 'aws-region': '' }, { AWS_REGION: 'ap-southeast-2', AWS_DEFAULT_REGION: 'eu-west-2' })
        .region
    ).toBe('ap-southeast-2')
    for (const r of ['us-gov-west-1', 'cn-northwest-1', 'eusc-de-east-1', 'ap-southeast-5']) {
      expect(parse({ 'aws-region': r }).region).toBe(r)
    }
  })

  it('splitList trims, drops empties and repeats', () =>
    expect(splitList(' a ,\n b,a,,')).toEqual(['a', 'b']))
})

describe('durations', () => {
  it('parses and formats', () => {
    expect(parseDurationMs('90s')).toBe(90_000)
    expect(parseDurationMs('5m')).toBe(300_000)
    expect(parseDurationMs('1h 30m')).toBe(5_400_000)
    expect(parseDurationMs('1.5')).toBe(1500)
    expect(parseDurationMs('5m garbage')).toBeNull()
    expect(parseDurationMs('')).toBeNull()
    expect(formatDuration(5_400_000)).toBe('1h30m')
    expect(formatDuration(90_000)).toBe('1m30s')
    expect(formatDuration(0)).toBe('0ms')
    expect(formatDuration(250)).toBe('250ms')
    expect(formatDuration(1000)).toBe('1s')
  })
})

describe('error messages', () => {
  it('never carry a credential from an AWS answer', async () => {
    const { errorMessage } = await import('../src/errors.js')
    const err = Object.assign(
      new Error(
        "The request signature we calculated does not match the signature you provided.\n\nThe Canonical String for this request should have been\n'GET\n/restapis/a1b2c3d4e5/stages/prod\n\nhost:apigateway.us-east-1.amazonaws.com\nx-amz-security-token:IQoJb3JpZ2luX2VjEXAMPLEtoken\n'"
      ),
      { name: 'InvalidSignatureException' }
    )
    const line = errorMessage(err)
    expect(line).toBe(
      'InvalidSignatureException: The request signature we calculated does not match the signature you provided. (canonical request omitted)'
    )
    expect(
      errorMessage(
        new Error(
          'X-Amz-Credential=AKIAIOSFODNN7EXAMPLE/20261126/us-east-1&X-Amz-Signature=abc123def'
        )
      )
    ).toBe('X-Amz-Credential=***&X-Amz-Signature=***')
    expect(
      errorMessage(new Error('key ASIAZZ9CANARYKEYID00 is invalid; x-amz-security-token: tok123'))
    ).toBe('key ASIA*** is invalid; x-amz-security-token: ***')
  })
})
