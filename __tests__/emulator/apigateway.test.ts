import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  DeleteRestApiCommand,
  DeleteStageCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetRestApiCommand,
  GetRestApisCommand,
  GetStageCommand,
  GetStagesCommand,
  UpdateStageCommand,
  paginateGetDeployments
} from '@aws-sdk/client-api-gateway'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

import { type Emulator, startEmulator } from '../../emulator/server.js'
import { clients, expectAwsError } from './helpers.js'

let emu: Emulator
let apigw: ReturnType<typeof clients>['apigw']

beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  apigw = clients(emu.url).apigw
})
afterAll(async () => {
  apigw.destroy()
  await emu.close()
})
beforeEach(() => emu.state.reset())

async function newApi(name = 'orders'): Promise<string> {
  const api = await apigw.send(new CreateRestApiCommand({ name, description: 'd' }))
  return api.id!
}

describe('REST APIs', () => {
  it('creates, reads, lists and deletes a REST API with AWS-shaped ids and dates', async () => {
    const before = Math.floor(Date.now() / 1000)
    const created = await apigw.send(new CreateRestApiCommand({ name: 'orders', description: 'd' }))
    expect(created.$metadata.httpStatusCode).toBe(201)
    expect(created.id).toMatch(/^[a-z0-9]{10}$/)
    expect(created.rootResourceId).toMatch(/^[a-z0-9]{10}$/)
    expect(created.name).toBe('orders')
    expect(created.createdDate).toBeInstanceOf(Date)
    expect(created.createdDate!.getTime() / 1000).toBeGreaterThanOrEqual(before - 1)
    expect(created.endpointConfiguration?.types).toEqual(['EDGE'])

    const got = await apigw.send(new GetRestApiCommand({ restApiId: created.id }))
    expect(got.name).toBe('orders')
    expect(got.description).toBe('d')

    const list = await apigw.send(new GetRestApisCommand({}))
    expect(list.items?.map((a) => a.id)).toEqual([created.id])

    const del = await apigw.send(new DeleteRestApiCommand({ restApiId: created.id }))
    expect(del.$metadata.httpStatusCode).toBe(202)
    await expectAwsError(
      apigw.send(new GetRestApiCommand({ restApiId: created.id })),
      'NotFoundException',
      404,
      `Invalid API identifier specified 123456789012:${created.id}`
    )
  })

  it('answers NotFoundException for every operation on an unknown REST API', async () => {
    const msg = 'Invalid API identifier specified 123456789012:nope'
    const calls = [
      () => apigw.send(new GetRestApiCommand({ restApiId: 'nope' })),
      () => apigw.send(new DeleteRestApiCommand({ restApiId: 'nope' })),
      () => apigw.send(new CreateDeploymentCommand({ restApiId: 'nope' })),
      () => apigw.send(new GetDeploymentsCommand({ restApiId: 'nope' })),
      () => apigw.send(new GetStagesCommand({ restApiId: 'nope' })),
      () => apigw.send(new GetStageCommand({ restApiId: 'nope', stageName: 'prod' }))
    ]
    for (const c of calls) await expectAwsError(c(), 'NotFoundException', 404, msg)
  })

  it('paginates GetRestApis with limit and position', async () => {
    const ids: string[] = []
    for (let i = 0; i < 5; i++) ids.push(await newApi(`api${i}`))
    const p1 = await apigw.send(new GetRestApisCommand({ limit: 2 }))
    expect(p1.items).toHaveLength(2)
    expect(p1.position).toBeDefined()
    const p2 = await apigw.send(new GetRestApisCommand({ limit: 2, position: p1.position }))
    const p3 = await apigw.send(new GetRestApisCommand({ limit: 2, position: p2.position }))
    expect(p3.position).toBeUndefined()
    expect([...p1.items!, ...p2.items!, ...p3.items!].map((a) => a.id)).toEqual(ids)
  })

  it('rejects CreateRestApi without a name', async () => {
    await expectAwsError(
      apigw.send(new CreateRestApiCommand({ name: '' })),
      'BadRequestException',
      400
    )
  })
})

describe('deployments', () => {
  it('creates, gets, lists (paginated) and deletes deployments', async () => {
    const api = await newApi()
    const d1 = await apigw.send(new CreateDeploymentCommand({ restApiId: api, description: 'one' }))
    expect(d1.$metadata.httpStatusCode).toBe(201)
    expect(d1.id).toMatch(/^[a-z0-9]{6}$/)
    expect(d1.description).toBe('one')
    expect(d1.createdDate).toBeInstanceOf(Date)
    const d2 = await apigw.send(new CreateDeploymentCommand({ restApiId: api }))
    const d3 = await apigw.send(new CreateDeploymentCommand({ restApiId: api }))

    const got = await apigw.send(new GetDeploymentCommand({ restApiId: api, deploymentId: d1.id }))
    expect(got).toMatchObject({ id: d1.id, description: 'one' })

    const seen: string[] = []
    for await (const page of paginateGetDeployments(
      { client: apigw, pageSize: 2 },
      { restApiId: api }
    )) {
      expect(page.items!.length).toBeLessThanOrEqual(2)
      seen.push(...page.items!.map((d) => d.id!))
    }
    expect(seen).toEqual([d1.id, d2.id, d3.id])

    const del = await apigw.send(
      new DeleteDeploymentCommand({ restApiId: api, deploymentId: d2.id })
    )
    expect(del.$metadata.httpStatusCode).toBe(202)
    const after = await apigw.send(new GetDeploymentsCommand({ restApiId: api }))
    expect(after.items!.map((d) => d.id)).toEqual([d1.id, d3.id])
  })

  it('answers NotFoundException for an unknown deployment', async () => {
    const api = await newApi()
    for (const c of [
      () => apigw.send(new GetDeploymentCommand({ restApiId: api, deploymentId: 'zzzzzz' })),
      () => apigw.send(new DeleteDeploymentCommand({ restApiId: api, deploymentId: 'zzzzzz' }))
    ]) {
      await expectAwsError(c(), 'NotFoundException', 404, 'Invalid Deployment identifier specified')
    }
  })

  it('refuses to delete a deployment a stage or a canary points at', async () => {
    const api = await newApi()
    const stable = await apigw.send(
      new CreateDeploymentCommand({ restApiId: api, stageName: 'prod' })
    )
    const canary = await apigw.send(
      new CreateDeploymentCommand({
        restApiId: api,
        stageName: 'prod',
        canarySettings: { percentTraffic: 10 }
      })
    )
    const msg = 'Active stages pointing to this deployment must be moved or deleted'
    for (const id of [stable.id, canary.id]) {
      await expectAwsError(
        apigw.send(new DeleteDeploymentCommand({ restApiId: api, deploymentId: id })),
        'BadRequestException',
        400,
        msg
      )
    }
    await apigw.send(new DeleteStageCommand({ restApiId: api, stageName: 'prod' }))
    await apigw.send(new DeleteDeploymentCommand({ restApiId: api, deploymentId: canary.id }))
    await apigw.send(new DeleteDeploymentCommand({ restApiId: api, deploymentId: stable.id }))
    expect((await apigw.send(new GetDeploymentsCommand({ restApiId: api }))).items).toEqual([])
  })

  it('CreateDeployment with a stageName creates the stage, then moves it to the new deployment', async () => {
    const api = await newApi()
    const d1 = await apigw.send(
      new CreateDeploymentCommand({
        restApiId: api,
        stageName: 'prod',
        stageDescription: 'production',
        variables: { backend: 'v1' }
      })
    )
    const s1 = await apigw.send(new GetStageCommand({ restApiId: api, stageName: 'prod' }))
    expect(s1).toMatchObject({
      deploymentId: d1.id,
      stageName: 'prod',
      description: 'production',
      variables: { backend: 'v1' }
    })
    const d2 = await apigw.send(new CreateDeploymentCommand({ restApiId: api, stageName: 'prod' }))
    const s2 = await apigw.send(new GetStageCommand({ restApiId: api, stageName: 'prod' }))
    expect(s2.deploymentId).toBe(d2.id)
    expect(s2.variables).toEqual({ backend: 'v1' })
  })
})

describe('stages', () => {
  it('creates a stage with the fields AWS returns and no canarySettings key', async () => {
    const api = await newApi()
    const d = await apigw.send(new CreateDeploymentCommand({ restApiId: api }))
    const created = await apigw.send(
      new CreateStageCommand({
        restApiId: api,
        stageName: 'prod',
        deploymentId: d.id,
        description: 'p',
        variables: { a: 'x' }
      })
    )
    expect(created.$metadata.httpStatusCode).toBe(201)
    expect(created).toMatchObject({
      stageName: 'prod',
      deploymentId: d.id,
      description: 'p',
      variables: { a: 'x' },
      cacheClusterEnabled: false,
      cacheClusterStatus: 'NOT_AVAILABLE',
      tracingEnabled: false,
      methodSettings: {}
    })
    expect(created.createdDate).toBeInstanceOf(Date)
    expect(created.lastUpdatedDate).toBeInstanceOf(Date)

    // The raw wire body: no canarySettings key at all.
    const raw = (await (await fetch(`${emu.url}/restapis/${api}/stages/prod`)).json()) as Record<
      string,
      unknown
    >
    expect(Object.keys(raw)).not.toContain('canarySettings')
    expect(typeof raw.createdDate).toBe('number')
  })

  it('lists stages, filtered by deploymentId', async () => {
    const api = await newApi()
    const d1 = await apigw.send(new CreateDeploymentCommand({ restApiId: api, stageName: 'a' }))
    const d2 = await apigw.send(new CreateDeploymentCommand({ restApiId: api, stageName: 'b' }))
    const all = await apigw.send(new GetStagesCommand({ restApiId: api }))
    expect(all.item!.map((s) => s.stageName).sort()).toEqual(['a', 'b'])
    const only = await apigw.send(new GetStagesCommand({ restApiId: api, deploymentId: d2.id }))
    expect(only.item!.map((s) => s.stageName)).toEqual(['b'])
    expect(d1.id).not.toBe(d2.id)
  })

  it('answers ConflictException for an existing stage and errors for bad input', async () => {
    const api = await newApi()
    const d = await apigw.send(new CreateDeploymentCommand({ restApiId: api, stageName: 'prod' }))
    await expectAwsError(
      apigw.send(new CreateStageCommand({ restApiId: api, stageName: 'prod', deploymentId: d.id })),
      'ConflictException',
      409,
      'Stage already exists'
    )
    await expectAwsError(
      apigw.send(
        new CreateStageCommand({ restApiId: api, stageName: 'dev', deploymentId: 'nope00' })
      ),
      'BadRequestException',
      400,
      'Deployment id does not exist'
    )
    await expectAwsError(
      apigw.send(
        new CreateStageCommand({
          restApiId: api,
          stageName: 'dev',
          deploymentId: d.id,
          variables: { 'bad-name': 'x' }
        })
      ),
      'BadRequestException',
      400
    )
    await expectAwsError(
      apigw.send(
        new CreateStageCommand({
          restApiId: api,
          stageName: 'dev',
          deploymentId: d.id,
          variables: { ok: 'has space' }
        })
      ),
      'BadRequestException',
      400
    )
  })

  it('limits an API to 10 stages with LimitExceededException', async () => {
    const api = await newApi()
    const d = await apigw.send(new CreateDeploymentCommand({ restApiId: api }))
    for (let i = 0; i < 10; i++) {
      await apigw.send(
        new CreateStageCommand({ restApiId: api, stageName: `s${i}`, deploymentId: d.id })
      )
    }
    await expectAwsError(
      apigw.send(new CreateStageCommand({ restApiId: api, stageName: 's10', deploymentId: d.id })),
      'LimitExceededException',
      429
    )
  })

  it('answers NotFoundException for an unknown stage', async () => {
    const api = await newApi()
    const msg = 'Invalid Stage identifier specified'
    for (const c of [
      () => apigw.send(new GetStageCommand({ restApiId: api, stageName: 'nope' })),
      () => apigw.send(new DeleteStageCommand({ restApiId: api, stageName: 'nope' })),
      () =>
        apigw.send(
          new UpdateStageCommand({
            restApiId: api,
            stageName: 'nope',
            patchOperations: [{ op: 'replace', path: '/description', value: 'x' }]
          })
        )
    ]) {
      await expectAwsError(c(), 'NotFoundException', 404, msg)
    }
  })

  it('deletes a stage with 202', async () => {
    const api = await newApi()
    await apigw.send(new CreateDeploymentCommand({ restApiId: api, stageName: 'prod' }))
    const del = await apigw.send(new DeleteStageCommand({ restApiId: api, stageName: 'prod' }))
    expect(del.$metadata.httpStatusCode).toBe(202)
    expect((await apigw.send(new GetStagesCommand({ restApiId: api }))).item).toEqual([])
  })

  it('patches variables, description, deploymentId and settings in order', async () => {
    const api = await newApi()
    const d1 = await apigw.send(
      new CreateDeploymentCommand({
        restApiId: api,
        stageName: 'prod',
        variables: { a: '1', b: '2' }
      })
    )
    const d2 = await apigw.send(new CreateDeploymentCommand({ restApiId: api }))
    const before = await apigw.send(new GetStageCommand({ restApiId: api, stageName: 'prod' }))
    const s = await apigw.send(
      new UpdateStageCommand({
        restApiId: api,
        stageName: 'prod',
        patchOperations: [
          { op: 'replace', path: '/variables/a', value: 'one' },
          { op: 'remove', path: '/variables/b' },
          { op: 'replace', path: '/variables/c', value: 'https://x.example/v1?q=1' },
          { op: 'replace', path: '/description', value: 'new' },
          { op: 'replace', path: '/deploymentId', value: d2.id },
          { op: 'replace', path: '/tracingEnabled', value: 'true' },
          { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' }
        ]
      })
    )
    expect(s).toMatchObject({
      deploymentId: d2.id,
      description: 'new',
      variables: { a: 'one', c: 'https://x.example/v1?q=1' },
      tracingEnabled: true,
      methodSettings: { '*/*': { metricsEnabled: true } }
    })
    expect(s.variables).not.toHaveProperty('b')
    expect(s.lastUpdatedDate!.getTime()).toBeGreaterThanOrEqual(before.lastUpdatedDate!.getTime())
    expect(d1.id).not.toBe(d2.id)

    await expectAwsError(
      apigw.send(
        new UpdateStageCommand({
          restApiId: api,
          stageName: 'prod',
          patchOperations: [{ op: 'replace', path: '/deploymentId', value: 'nope00' }]
        })
      ),
      'BadRequestException',
      400,
      'Deployment id does not exist'
    )
    await expectAwsError(
      apigw.send(
        new UpdateStageCommand({
          restApiId: api,
          stageName: 'prod',
          patchOperations: [{ op: 'replace', path: '/variables/x', value: 'no spaces allowed' }]
        })
      ),
      'BadRequestException',
      400
    )
  })

  it('applies a failed UpdateStage not at all', async () => {
    const api = await newApi()
    await apigw.send(new CreateDeploymentCommand({ restApiId: api, stageName: 'prod' }))
    await expectAwsError(
      apigw.send(
        new UpdateStageCommand({
          restApiId: api,
          stageName: 'prod',
          patchOperations: [
            { op: 'replace', path: '/description', value: 'changed' },
            { op: 'replace', path: '/bogus', value: 'x' }
          ]
        })
      ),
      'BadRequestException',
      400
    )
    const s = await apigw.send(new GetStageCommand({ restApiId: api, stageName: 'prod' }))
    expect(s.description).toBeUndefined()
  })
})

describe('connections', () => {
  it('keeps an idle connection open for a minute, so a client that pauses between calls reuses it', async () => {
    // Node's default of 5 s let a client write into a socket the server was
    // closing (ECONNRESET) after a ~5 s pause between two calls.
    const res = await fetch(`${emu.url}/restapis`, { headers: { connection: 'keep-alive' } })
    await res.text()
    expect(res.headers.get('keep-alive')).toBe('timeout=60')
  })
})
