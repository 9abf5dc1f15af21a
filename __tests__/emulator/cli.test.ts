import { execFile, spawn, spawnSync } from 'node:child_process'
import { once } from 'node:events'
import path from 'node:path'
import { promisify } from 'node:util'

import { CreateRestApiCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { type Emulator, startEmulator } from '../../emulator/server.js'
import { clients } from './helpers.js'

const run = promisify(execFile)
const root = process.cwd()
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
const cliPath = path.join(root, 'emulator', 'cli.ts')

const hasAws = (() => {
  try {
    return spawnSync('aws', ['--version'], { stdio: 'ignore', timeout: 20_000 }).status === 0
  } catch {
    return false
  }
})()

describe('the emulator command', () => {
  it('prints the ready line, serves calls and exits 0 on SIGTERM', async () => {
    const child = spawn(tsx, [cliPath, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
    try {
      let out = ''
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no ready line; stdout: ${out}`)), 15_000)
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString()
          const m = /^emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/m.exec(out)
          if (m) {
            clearTimeout(timer)
            resolve(m[1]!)
          }
        })
        child.once('exit', (code) => reject(new Error(`exited early with ${code}`)))
      })
      expect(out).toBe(`emulator listening on ${url}\n`)
      const { apigw } = clients(url)
      await apigw.send(new CreateRestApiCommand({ name: 'cli' }))
      expect((await apigw.send(new GetRestApisCommand({}))).items!.map((a) => a.name)).toEqual([
        'cli'
      ])
      apigw.destroy()
      const exited = once(child, 'exit')
      child.kill('SIGTERM')
      const [code, signal] = (await exited) as [number | null, string | null]
      expect({ code, signal }).toEqual({ code: 0, signal: null })
    } finally {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
  })

  it('prints usage for --help and exits 2 with one line for a bad --port', async () => {
    const help = await run(tsx, [cliPath, '--help'])
    expect(help.stdout).toMatch(/^Usage: npm run emulator -- \[--port N\]/)
    const bad = await run(tsx, [cliPath, '--port', 'eighty']).then(
      () => undefined,
      (e: { code: number; stderr: string; stdout: string }) => e
    )
    expect(bad?.code).toBe(2)
    expect(bad?.stdout).toBe('')
    expect(bad?.stderr.trim().split('\n')).toHaveLength(1)
    expect(bad?.stderr).toMatch(/invalid --port 'eighty'/)
    const unknown = await run(tsx, [cliPath, '--prot', '1']).then(
      () => undefined,
      (e: { code: number }) => e
    )
    expect(unknown?.code).toBe(2)
  })
})

;(hasAws ? describe : describe.skip)('the AWS CLI against the emulator', () => {
  let emu: Emulator
  let api: string
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: 'x',
    AWS_SECRET_ACCESS_KEY: 'y',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null'
  }
  delete env.AWS_PROFILE
  const aws = async (...args: string[]) => {
    const { stdout } = await run(
      'aws',
      [...args, '--endpoint-url', emu.url, '--region', 'us-east-1', '--output', 'json'],
      { env }
    )
    return stdout
  }

  beforeAll(async () => {
    emu = await startEmulator({ port: 0 })
    const { apigw } = clients(emu.url)
    api = (await apigw.send(new CreateRestApiCommand({ name: 'cli' }))).id!
    apigw.destroy()
  })
  afterAll(() => emu.close())

  it('create-deployment, get-stage, update-stage and get-deployments', async () => {
    const stable = JSON.parse(
      await aws(
        'apigateway',
        'create-deployment',
        '--rest-api-id',
        api,
        '--stage-name',
        'prod',
        '--variables',
        'backend=v1'
      )
    ) as { id: string }
    expect(stable.id).toMatch(/^[a-z0-9]{6}$/)
    const canary = JSON.parse(
      await aws(
        'apigateway',
        'create-deployment',
        '--rest-api-id',
        api,
        '--stage-name',
        'prod',
        '--canary-settings',
        'percentTraffic=10,stageVariableOverrides={backend=v2},useStageCache=false'
      )
    ) as { id: string }

    const raw = await aws('apigateway', 'get-stage', '--rest-api-id', api, '--stage-name', 'prod')
    const stage = JSON.parse(raw) as Record<string, unknown>
    expect(stage).toMatchObject({
      deploymentId: stable.id,
      variables: { backend: 'v1' },
      canarySettings: {
        deploymentId: canary.id,
        percentTraffic: 10,
        stageVariableOverrides: { backend: 'v2' },
        useStageCache: false
      }
    })
    expect(raw).toContain('"percentTraffic": 10.0')

    const updated = JSON.parse(
      await aws(
        'apigateway',
        'update-stage',
        '--rest-api-id',
        api,
        '--stage-name',
        'prod',
        '--patch-operations',
        'op=replace,path=/canarySettings/percentTraffic,value=0.0',
        'op=copy,from=/canarySettings/stageVariableOverrides,path=/variables',
        'op=copy,from=/canarySettings/deploymentId,path=/deploymentId'
      )
    ) as Record<string, unknown>
    expect(updated).toMatchObject({
      deploymentId: canary.id,
      variables: { backend: 'v2' },
      canarySettings: { deploymentId: canary.id, percentTraffic: 0 }
    })

    const deployments = JSON.parse(
      await aws('apigateway', 'get-deployments', '--rest-api-id', api)
    ) as { items: Array<{ id: string }> }
    expect(deployments.items.map((d) => d.id)).toEqual([stable.id, canary.id])

    const calls = (await (await fetch(`${emu.url}/_emulator/calls`)).json()) as Array<{
      operation: string
    }>
    expect(calls.map((x) => x.operation)).toEqual([
      'CreateRestApi',
      'CreateDeployment',
      'CreateDeployment',
      'GetStage',
      'UpdateStage',
      'GetDeployments'
    ])
  })

  it('reports API Gateway errors with their code and message', async () => {
    const err = await aws(
      'apigateway',
      'get-stage',
      '--rest-api-id',
      api,
      '--stage-name',
      'nope'
    ).then(
      () => undefined,
      (e: { code: number; stderr: string }) => e
    )
    expect(err?.code).not.toBe(0)
    expect(err?.stderr).toContain(
      'An error occurred (NotFoundException) when calling the GetStage operation: Invalid Stage identifier specified'
    )
  })

  it('drives CloudWatch alarms (AWS JSON 1.0)', async () => {
    await aws(
      'cloudwatch',
      'put-metric-alarm',
      '--alarm-name',
      'canary-5xx',
      '--namespace',
      'AWS/ApiGateway',
      '--metric-name',
      '5XXError',
      '--statistic',
      'Sum',
      '--period',
      '60',
      '--evaluation-periods',
      '1',
      '--threshold',
      '1',
      '--comparison-operator',
      'GreaterThanOrEqualToThreshold'
    )
    await aws(
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      'canary-5xx',
      '--state-value',
      'ALARM',
      '--state-reason',
      'by hand'
    )
    const out = JSON.parse(
      await aws('cloudwatch', 'describe-alarms', '--alarm-names', 'canary-5xx')
    ) as {
      MetricAlarms: Array<{ StateValue: string; StateReason: string }>
    }
    expect(out.MetricAlarms).toEqual([
      expect.objectContaining({ StateValue: 'ALARM', StateReason: 'by hand' })
    ])
    const err = await aws(
      'cloudwatch',
      'set-alarm-state',
      '--alarm-name',
      'ghost',
      '--state-value',
      'OK',
      '--state-reason',
      'x'
    ).then(
      () => undefined,
      (e: { stderr: string }) => e
    )
    expect(err?.stderr).toContain(
      'An error occurred (ResourceNotFound) when calling the SetAlarmState operation'
    )
  })
})
