/**
 * Hostile text through every field that reaches the log, the job summary and
 * the outputs, through the bundled action against the emulator: the
 * `description` input (and `status` replaying it from the deployment), the
 * REST API's name, an alarm's name and StateReason, stage-variable overrides,
 * an AWS error message, and input values echoed in input errors. None may
 * become a workflow command, break a summary table, render as HTML or a
 * link, or put a line break into a one-line output.
 */
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from '@jest/globals'
import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand
} from '@aws-sdk/client-api-gateway'
import { reset } from '../../emulator/client.js'
import { runAction, type ActionResult } from '../../local-runner/run-action.js'
import {
  brokenTableRows,
  COMMAND_PAYLOADS,
  controlChars,
  hostile,
  liveMarkup,
  unintendedCommands
} from '../helpers/hostile.js'
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch'
import { stageAlarm } from '../../local-runner/world.js'
import { clearCallLog, setAlarm, STAGE, step, useWorld, type World } from './fixtures.js'
import { API_NAME } from '../../local-runner/fixtures.js'

const world = useWorld()

/** A CloudWatch alarm name (at most 255 characters) that starts like a command and carries some more. */
const ALARM = `::add-mask::alarm${COMMAND_PAYLOADS.slice(0, 3).join('')}${COMMAND_PAYLOADS[6]} | <img src=x onerror=alert(1)> [click](https://evil.example/l)`
/** Selects ALARM, and is itself a command at the start of a line. */
const PREFIX = '::add-mask::alarm'
/** Within what API Gateway allows in a stage variable value, and still a command. */
const OVERRIDES = 'note=::add-mask::x?a=b&c=d,e#f'

/** Within the 80 characters an input error quotes: an old-style command, HTML and a link. */
const QUOTED = '##[add-mask]x | <img src=x onerror=alert(1)> [click](https://evil.example/l)'

/** What every run must show, whatever it was fed. */
function expectNeutralised(r: ActionResult): void {
  expect(unintendedCommands(r.stdout)).toEqual([])
  expect(unintendedCommands(r.stderr)).toEqual([])
  expect(brokenTableRows(r.summary)).toEqual([])
  expect(liveMarkup(r.summary)).toEqual([])
  for (const line of r.summary.split('\n')) expect(line).not.toMatch(/^\s*(::|##\[)/)
  expect(Object.keys(r.outputs).length).toBeGreaterThan(10)
  for (const [name, value] of Object.entries(r.outputs)) {
    expect([name, controlChars(value), unintendedCommands(value)]).toEqual([name, false, []])
  }
  for (const name of ['report', 'alarms']) expect(() => JSON.parse(r.outputs[name]!)).not.toThrow()
}

/** The REST API (hostile name), its stable deployment and stage, and ALARM in OK with a hostile reason. */
async function hostileRelease(w: World): Promise<string> {
  await reset(w.url)
  const api = await w.apigw.send(new CreateRestApiCommand({ name: hostile('api-name') }))
  const restApiId = api.id!
  const stable = await w.apigw.send(
    new CreateDeploymentCommand({ restApiId, description: 'v1 (initial stable)' })
  )
  await w.apigw.send(
    new CreateStageCommand({ restApiId, stageName: STAGE, deploymentId: stable.id! })
  )
  await w.cw.send(
    new PutMetricAlarmCommand(
      stageAlarm(
        ALARM,
        '5XXError',
        { apiName: API_NAME, stage: `${STAGE}/Canary` },
        {
          Statistic: 'Sum',
          Threshold: 5
        }
      )
    )
  )
  await setAlarm(w, ALARM, 'OK', hostile('ok-reason'))
  await clearCallLog(w)
  return restApiId
}

describe('hostile text from AWS and from inputs', () => {
  it('deploy, status and a refused shift carry the description, API name, alarm name and reason harmlessly', async () => {
    const restApiId = await hostileRelease(world())
    const common = { 'alarm-name-prefix': PREFIX }

    const d = await step(world(), restApiId, {
      ...common,
      command: 'deploy',
      percent: '5',
      description: hostile('desc'),
      'stage-variable-overrides': OVERRIDES
    })
    expect(d.r.code).toBe(0)
    expectNeutralised(d.r)
    // The fields were there to escape: the description in the CreateDeployment line, the alarm in the gate.
    expect(d.r.stdout).toContain('CreateDeployment on prod: canary at 5%, "desc⏎::add-mask::x⏎')
    expect(d.r.stdout).toContain('Gate passed for a new canary at 5%: ::add-mask::alarm⏎')

    // status replays the description stored on the deployment, and reads the API's name.
    const s = await step(world(), restApiId, { ...common, command: 'status' })
    expect(s.r.code).toBe(0)
    expectNeutralised(s.r)
    expect(s.r.stdout).toContain('was deployed from "desc⏎::add-mask::x⏎')
    expect(s.r.stdout).toContain('Canary vs stable (api-name⏎::add-mask::x⏎')
    // An alarm line starts with the alarm's name: `::add-mask::alarm...` at the start of a line.
    expect(s.r.stdout).toMatch(/^\\::add-mask::alarm⏎.*: OK \(ok-reason⏎/m)
    expect(s.r.summary).toContain('api-name⏎')
    expect(JSON.parse(s.r.outputs.alarms!)).toEqual([
      expect.objectContaining({ name: ALARM, reason: hostile('ok-reason') })
    ])

    // The alarm fires with a hostile reason: the gate refuses, naming it in an annotation and abort-reason.
    await setAlarm(world(), ALARM, 'ALARM', hostile('alarm-reason'))
    const sh = await step(world(), restApiId, { ...common, command: 'shift', percent: '10' })
    expect(sh.r.code).toBe(1)
    expectNeutralised(sh.r)
    expect(sh.r.outputs['abort-reason']).toMatch(
      /^gate refused .*: ::add-mask::alarm .* alarm-reason/
    )
    expect(sh.r.stdout).toMatch(/^::error( [^:]*)?::gate refused .* alarm-reason /m)
    expect(sh.r.summary).toContain('is ALARM: alarm-reason ::add-mask::x⏎')
  })

  it.each([
    ['command', { command: hostile('cmd') }],
    ['stage', { stage: hostile('stage') }],
    ['rest-api-id', { 'rest-api-id': hostile('id') }],
    // An input error quotes 80 characters of the value: the Markdown goes first.
    ['percent', { command: 'shift', percent: `${QUOTED}${hostile('')}` }],
    ['alarm-names', { 'alarm-names': `${QUOTED}\u0007${hostile('')}` }],
    ['stage-variable-overrides', { command: 'deploy', 'stage-variable-overrides': `a=${QUOTED}` }],
    ['description', { command: 'deploy', description: `${QUOTED}${hostile('').repeat(3)}` }]
  ])('an input error echoing a hostile %s', async (input, inputs) => {
    const { r } = await step(world(), 'a1b2c3d4e5', { command: 'status', ...inputs })
    expect(r.code).toBe(1)
    expect(r.outputs['abort-reason']).toContain(`'${input}'`)
    expectNeutralised(r)
  })

  it('an AWS error message', async () => {
    const server: Server = createServer((_req, res) => {
      res.writeHead(400, {
        'content-type': 'application/json',
        'x-amzn-errortype': 'BadRequestException'
      })
      res.end(JSON.stringify({ message: hostile('aws says') }))
    })
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
      const r = await runAction(
        { command: 'status', 'rest-api-id': 'a1b2c3d4e5', stage: STAGE, 'max-attempts': '1' },
        { endpoint: url }
      )
      expect(r.code).toBe(1)
      expect(r.outputs['abort-reason']).toMatch(/^BadRequestException: aws says/)
      expectNeutralised(r)
    } finally {
      await new Promise((ok) => server.close(ok))
    }
  })
})
