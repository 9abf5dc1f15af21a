import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetStageCommand,
  type PatchOperation,
  UpdateStageCommand
} from '@aws-sdk/client-api-gateway'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

import { STAGE_PATCHABLE_PATHS } from '../../emulator/apigateway/patch.js'
import { type Emulator, startEmulator } from '../../emulator/server.js'
import { clients, expectAwsError } from './helpers.js'

let emu: Emulator
let apigw: ReturnType<typeof clients>['apigw']
let api: string
let stable: string

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  apigw = clients(emu.url).apigw
})
afterAll(async () => {
  apigw.destroy()
  await emu.close()
})
beforeEach(async () => {
  emu.state.reset()
  api = (await apigw.send(new CreateRestApiCommand({ name: 'orders' }))).id!
  stable = (
    await apigw.send(
      new CreateDeploymentCommand({
        restApiId: api,
        stageName: 'prod',
        variables: { backend: 'v1', keep: 'yes' }
      })
    )
  ).id!
})

const getStage = () => apigw.send(new GetStageCommand({ restApiId: api, stageName: 'prod' }))
const patch = (...patchOperations: PatchOperation[]) =>
  apigw.send(new UpdateStageCommand({ restApiId: api, stageName: 'prod', patchOperations }))
const canaryDeploy = (percentTraffic: number, overrides?: Record<string, string>) =>
  apigw.send(
    new CreateDeploymentCommand({
      restApiId: api,
      stageName: 'prod',
      description: 'canary',
      canarySettings: { percentTraffic, stageVariableOverrides: overrides }
    })
  )
const rawStage = async () =>
  (await (await fetch(`${emu.url}/restapis/${api}/stages/prod`)).text()) as string

describe('canary by CreateDeployment', () => {
  it('attaches the new deployment as canary and leaves the stage deployment alone', async () => {
    const c = await canaryDeploy(10, { backend: 'v2' })
    const s = await getStage()
    expect(s.deploymentId).toBe(stable)
    expect(s.canarySettings).toEqual({
      deploymentId: c.id,
      percentTraffic: 10,
      stageVariableOverrides: { backend: 'v2' },
      useStageCache: false
    })
    // percentTraffic is a double on the wire, like AWS's
    expect(await rawStage()).toContain('"percentTraffic":10.0')
  })

  it('omits stageVariableOverrides when there are none', async () => {
    await canaryDeploy(5)
    const raw = JSON.parse(await rawStage()) as { canarySettings: Record<string, unknown> }
    expect(Object.keys(raw.canarySettings).sort()).toEqual([
      'deploymentId',
      'percentTraffic',
      'useStageCache'
    ])
  })

  it('replaces an existing canary deployment, traffic and overrides', async () => {
    await canaryDeploy(10, { backend: 'v2', extra: 'x' })
    const c2 = await canaryDeploy(25.5, { backend: 'v3' })
    const s = await getStage()
    expect(s.deploymentId).toBe(stable)
    expect(s.canarySettings).toEqual({
      deploymentId: c2.id,
      percentTraffic: 25.5,
      stageVariableOverrides: { backend: 'v3' },
      useStageCache: false
    })
  })

  it('requires a stage name and an existing stage', async () => {
    await expectAwsError(
      apigw.send(
        new CreateDeploymentCommand({ restApiId: api, canarySettings: { percentTraffic: 5 } })
      ),
      'BadRequestException',
      400,
      'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is null'
    )
    await expectAwsError(
      apigw.send(
        new CreateDeploymentCommand({
          restApiId: api,
          stageName: '',
          canarySettings: { percentTraffic: 5 }
        })
      ),
      'BadRequestException',
      400,
      'Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is '
    )
    await expectAwsError(
      apigw.send(
        new CreateDeploymentCommand({
          restApiId: api,
          stageName: 'staging',
          canarySettings: { percentTraffic: 5 }
        })
      ),
      'BadRequestException',
      400,
      'Invalid deployment content specified.Stage staging must already be created before making a canary release deployment'
    )
  })

  it('refuses a non-canary deployment to a stage with a canary', async () => {
    await canaryDeploy(10)
    await expectAwsError(
      apigw.send(new CreateDeploymentCommand({ restApiId: api, stageName: 'prod' })),
      'BadRequestException',
      400,
      'Non canary deployment not supported on stage prod because Canary is enabled. Provide CanarySettings in deploymentInput.'
    )
    expect((await getStage()).deploymentId).toBe(stable)
  })

  it('rejects a percentage outside 0-100 and invalid overrides', async () => {
    await expectAwsError(canaryDeploy(101), 'BadRequestException', 400)
    await expectAwsError(canaryDeploy(-1), 'BadRequestException', 400)
    await expectAwsError(canaryDeploy(5, { 'bad name': 'x' }), 'BadRequestException', 400)
    expect((await getStage()).canarySettings).toBeUndefined()
  })

  it('CreateStage accepts canarySettings, defaulting the canary deployment to the stage', async () => {
    const s = await apigw.send(
      new CreateStageCommand({
        restApiId: api,
        stageName: 'dev',
        deploymentId: stable,
        canarySettings: { percentTraffic: 40, stageVariableOverrides: { v: 'c' } }
      })
    )
    expect(s.canarySettings).toEqual({
      deploymentId: stable,
      percentTraffic: 40,
      stageVariableOverrides: { v: 'c' },
      useStageCache: false
    })
    await expectAwsError(
      apigw.send(
        new CreateStageCommand({
          restApiId: api,
          stageName: 'dev2',
          deploymentId: stable,
          canarySettings: { deploymentId: 'deploy' }
        })
      ),
      'BadRequestException',
      400,
      'Deployment id does not exist'
    )
  })
})

describe('canary by UpdateStage', () => {
  it('replace percentTraffic on a stage without canary creates one on the stage deployment', async () => {
    const s = await patch({ op: 'replace', path: '/canarySettings/percentTraffic', value: '50' })
    expect(s.deploymentId).toBe(stable)
    expect(s.canarySettings).toEqual({
      deploymentId: stable,
      percentTraffic: 50,
      useStageCache: false
    })
  })

  it('replace deploymentId creates a canary at 0.0 and rejects unknown ids', async () => {
    const d2 = (await apigw.send(new CreateDeploymentCommand({ restApiId: api }))).id!
    const s = await patch({ op: 'replace', path: '/canarySettings/deploymentId', value: d2 })
    expect(s.canarySettings).toEqual({ deploymentId: d2, percentTraffic: 0, useStageCache: false })
    expect(await rawStage()).toContain('"percentTraffic":0.0')
    await expectAwsError(
      patch({ op: 'replace', path: '/canarySettings/deploymentId', value: 'deploy' }),
      'BadRequestException',
      400,
      'Deployment id does not exist'
    )
  })

  it('updates traffic, cache flag and single overrides; removes single overrides', async () => {
    await canaryDeploy(10, { backend: 'v2', other: 'o' })
    const s = await patch(
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '33.3' },
      { op: 'replace', path: '/canarySettings/useStageCache', value: 'true' },
      { op: 'replace', path: '/canarySettings/stageVariableOverrides/backend', value: 'v3' },
      { op: 'remove', path: '/canarySettings/stageVariableOverrides/other' }
    )
    expect(s.canarySettings).toMatchObject({
      percentTraffic: 33.3,
      useStageCache: true,
      stageVariableOverrides: { backend: 'v3' }
    })
  })

  it('removes the canary with remove /canarySettings, keeping the stage deployment', async () => {
    await canaryDeploy(10)
    const s = await patch({ op: 'remove', path: '/canarySettings' })
    expect(s.canarySettings).toBeUndefined()
    expect(s.deploymentId).toBe(stable)
    expect(JSON.parse(await rawStage())).not.toHaveProperty('canarySettings')
  })

  it('promotes with the documented three operations, merging overrides and keeping the canary', async () => {
    const c = await canaryDeploy(25, { backend: 'v2', added: 'new' })
    const s = await patch(
      { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
      { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
    )
    expect(s.deploymentId).toBe(c.id)
    expect(s.variables).toEqual({ backend: 'v2', keep: 'yes', added: 'new' })
    expect(s.canarySettings).toEqual({
      deploymentId: c.id,
      percentTraffic: 0,
      stageVariableOverrides: { backend: 'v2', added: 'new' },
      useStageCache: false
    })
    const after = await patch({ op: 'remove', path: '/canarySettings' })
    expect(after.canarySettings).toBeUndefined()
    expect(after.deploymentId).toBe(c.id)
  })

  it('applies operations in order: a replace that creates the canary, then copies from it', async () => {
    const d2 = (await apigw.send(new CreateDeploymentCommand({ restApiId: api }))).id!
    const s = await patch(
      { op: 'replace', path: '/canarySettings/deploymentId', value: d2 },
      { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
    )
    expect(s.deploymentId).toBe(d2)
  })

  it('replace /deploymentId points the stage at any existing deployment (undo of a promotion)', async () => {
    const c = await canaryDeploy(10)
    await patch({ op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' })
    const s = await patch(
      { op: 'remove', path: '/canarySettings' },
      { op: 'replace', path: '/deploymentId', value: stable }
    )
    expect(s.deploymentId).toBe(stable)
    expect(c.id).not.toBe(stable)
  })

  it('answers the observed errors verbatim', async () => {
    const cases: Array<[PatchOperation, string]> = [
      [
        { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' },
        'Promotion not available. Canary does not exist.'
      ],
      [
        { op: 'add', path: '/canarySettings/deploymentId', value: stable },
        'Invalid add operation with path: /canarySettings/deploymentId'
      ],
      [
        { op: 'copy', from: '/variables', path: '/canarySettings/stageVariableOverrides' },
        'Invalid copy operation with path: /canarySettings/stageVariableOverrides and from /variables. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]'
      ],
      [
        { op: 'remove', path: '/canarySettings/stageVariableOverrides' },
        'Cannot remove method setting canarySettings/stageVariableOverrides because there is no method setting for this method '
      ],
      [
        { op: 'remove', path: '/canarySettings/badPath' },
        'Cannot remove method setting canarySettings/badPath because there is no method setting for this method '
      ],
      [
        { op: 'replace', path: '/canarySettings/badPath', value: 'x' },
        `Invalid method setting path: /canarySettings/badPath. Must be one of: ${STAGE_PATCHABLE_PATHS}`
      ],
      [
        { op: 'replace', path: '/canarySettings', value: 'test' },
        `Invalid method setting path: /canarySettings. Must be one of: ${STAGE_PATCHABLE_PATHS}`
      ]
    ]
    for (const [op, message] of cases) {
      await expectAwsError(patch(op), 'BadRequestException', 400, message)
    }
    // the list is AWS's, starting and ending as observed
    expect(
      STAGE_PATCHABLE_PATHS.startsWith('[/deploymentId, /description, /cacheClusterEnabled')
    ).toBe(true)
    expect(STAGE_PATCHABLE_PATHS.endsWith('/variables/{variable_name}, /tracingEnabled]')).toBe(
      true
    )
    // none of the failures changed the stage
    const s = await getStage()
    expect(s.canarySettings).toBeUndefined()
    expect(s.deploymentId).toBe(stable)
  })

  it('rejects invalid traffic values', async () => {
    for (const value of ['abc', '101', '-5']) {
      await expectAwsError(
        patch({ op: 'replace', path: '/canarySettings/percentTraffic', value }),
        'BadRequestException',
        400
      )
    }
  })
})
