/**
 * Opt-in: a whole release against a real AWS account (or any endpoint in
 * AWS_ENDPOINT_URL). Skipped unless APIGW_CANARY_LIVE_REST_API_ID names an
 * existing REST API (with at least one method, so it can be deployed) and the
 * SDK's default provider chain finds credentials. It works on a temporary
 * stage of that API and deletes the stage and its deployments afterwards.
 *
 *   APIGW_CANARY_LIVE_REST_API_ID=a1b2c3d4e5 AWS_REGION=eu-west-1 npm test -- __tests__/live
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteStageCommand,
  GetStageCommand
} from '@aws-sdk/client-api-gateway'
import { parseOutputFile } from '../../local-runner/run-action.js'

const restApiId = process.env.APIGW_CANARY_LIVE_REST_API_ID ?? ''
const live =
  restApiId !== '' && (process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? '') !== ''
const suite = live ? describe : describe.skip

suite('live release on a temporary stage', () => {
  const stage = `apigwcanarylive${Date.now().toString(36)}`
  const client = new APIGatewayClient({})
  const created: string[] = []
  let stable = ''
  // One commit for the whole release: a re-run of deploy must recognise it.
  const sha = Date.now().toString(16).padEnd(40, '0')

  function action(inputs: Record<string, string>) {
    const dir = mkdtempSync(join(tmpdir(), 'apigw-canary-live-'))
    const output = join(dir, 'output')
    writeFileSync(output, '')
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      GITHUB_OUTPUT: output,
      GITHUB_STEP_SUMMARY: join(dir, 'summary')
    }
    for (const k of Object.keys(env)) if (k.startsWith('INPUT_')) delete env[k]
    Object.assign(env, {
      GITHUB_REPOSITORY: 'apigw-canary/live',
      GITHUB_SHA: sha
    })
    for (const [k, v] of Object.entries({ 'rest-api-id': restApiId, stage, ...inputs }))
      env[`INPUT_${k.toUpperCase()}`] = v
    const r = spawnSync(process.execPath, ['dist/index.js'], {
      env,
      encoding: 'utf8',
      timeout: 120_000
    })
    return {
      code: r.status,
      stdout: r.stdout,
      outputs: parseOutputFile(readFileSync(output, 'utf8'))
    }
  }
  const getStage = () => client.send(new GetStageCommand({ restApiId, stageName: stage }))

  beforeAll(async () => {
    const d = await client.send(
      new CreateDeploymentCommand({ restApiId, description: 'apigw-canary live test: stable' })
    )
    stable = d.id!
    created.push(stable)
    await client.send(new CreateStageCommand({ restApiId, stageName: stage, deploymentId: stable }))
  }, 60_000)

  afterAll(async () => {
    await client
      .send(new DeleteStageCommand({ restApiId, stageName: stage }))
      .catch(() => undefined)
    for (const id of created)
      await client
        .send(new DeleteDeploymentCommand({ restApiId, deploymentId: id }))
        .catch(() => undefined)
    client.destroy()
  }, 60_000)

  it('deploys a canary, shifts it, promotes it, and undoes the promotion', async () => {
    const deploy = action({ command: 'deploy', percent: '5' })
    expect([deploy.code, deploy.outputs.status, deploy.outputs.percent]).toEqual([0, 'canary', '5'])
    const canary = deploy.outputs['canary-deployment-id']!
    created.push(canary)
    expect((await getStage()).canarySettings).toMatchObject({
      deploymentId: canary,
      percentTraffic: 5
    })

    const again = action({ command: 'deploy', percent: '5' })
    expect([again.code, again.outputs['canary-deployment-id']]).toEqual([0, canary])

    const shift = action({ command: 'shift', percent: 'next' })
    expect([shift.code, shift.outputs.percent]).toEqual([0, '10'])

    const promote = action({ command: 'promote' })
    expect([
      promote.code,
      promote.outputs.status,
      promote.outputs['previous-stable-deployment-id']
    ]).toEqual([0, 'promoted', stable])
    const after = await getStage()
    expect([after.deploymentId, after.canarySettings]).toEqual([canary, undefined])

    const undo = action({ command: 'rollback', 'to-deployment-id': stable })
    expect([undo.code, undo.outputs['stable-deployment-id']]).toEqual([0, stable])
    expect((await getStage()).deploymentId).toBe(stable)
  }, 600_000)
})
