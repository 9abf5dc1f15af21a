/**
 * The emulator driven through the AWS CLI (`aws`, v1 as Debian's `awscli`
 * ships it): every API Gateway operation it serves and every error it
 * answers, plus the CloudWatch basics. Skipped when `aws` is not on PATH.
 *
 * The CLI costs ~0.4 s of CPU per call, so the cases run concurrently (at
 * most 4 processes, aws-cli-runner.ts): `beforeAll` starts them all, each test
 * awaits its own. Setup that is not under test goes through the SDK.
 */
import {
  CreateDeploymentCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  GetStagesCommand,
  UpdateStageCommand
} from '@aws-sdk/client-api-gateway'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'

import { STAGE_PATCHABLE_PATHS } from '../../emulator/apigateway/patch.js'
import {
  type CallRecord,
  clearCalls,
  getCalls,
  setFaults,
  setQuotas
} from '../../emulator/client.js'
import { type Emulator, startEmulator } from '../../emulator/server.js'
import { BATCH_TIMEOUT_MS, type CliResult, aws, hasAws, ok } from './aws-cli-runner.js'
import { clients } from './helpers.js'

/** A patch operation as the CLI sends it (`op` unchecked, so the emulator sees a bad one). */
interface PatchOp {
  op: string
  path: string
  value?: string
  from?: string
}

/** `--patch-operations` in the CLI's JSON form. */
const patch = (...ops: PatchOp[]): string[] => ['--patch-operations', JSON.stringify(ops)]

/** `create-rest-api` -> `CreateRestApi`, as the CLI names the operation in its errors. */
const operationOf = (command: string): string =>
  command
    .split('-')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('')

interface Stage {
  deploymentId: string
  stageName: string
  description?: string
  variables?: Record<string, string>
  canarySettings?: {
    deploymentId: string
    percentTraffic: number
    stageVariableOverrides?: Record<string, string>
    useStageCache: boolean
  }
  [key: string]: unknown
}

// ---- the cases ---------------------------------------------------------------

;(hasAws ? describe : describe.skip)('the AWS CLI against the emulator', () => {
  /** Scenarios and error cases on their own REST APIs. */
  let main: Emulator
  /** Only the REST API scenario: GetRestApis sees nothing else. */
  let lone: Emulator
  /** Frozen clock, quotas on, GetRestApis failing with 503. */
  let faulty: Emulator
  let sdk: ReturnType<typeof clients>['apigw']

  /** What the error cases run against, made by the SDK. */
  interface Fixture {
    /** stages `prod` (no canary, variables backend=v1 keep=yes) and `live` (with a canary) */
    api: string
    stable: string
    live: string
    canary: string
    /** an API with the maximum 10 stages, `s0`..`s9` */
    full: string
    fullDeployment: string
    /** on `faulty`; its one CreateDeployment used up the quota */
    faultyApi: string
  }
  let f: Fixture
  let snapshotBefore: unknown[]

  const newApi = async (name: string, client = sdk) =>
    (await client.send(new CreateRestApiCommand({ name }))).id!
  const deploy = async (input: ConstructorParameters<typeof CreateDeploymentCommand>[0]) =>
    (await sdk.send(new CreateDeploymentCommand(input))).id!
  const apigw = <T = Stage>(...args: string[]) => ok<T>(main.url, 'apigateway', ...args)
  const callsOf = async (url: string, restApiId: string): Promise<CallRecord[]> =>
    (await getCalls(url)).filter((c) => c.input.restApiId === restApiId)

  /** The fixture's stages and deployments, to show failed calls changed nothing. */
  const snapshot = async () => {
    const out: unknown[] = []
    for (const restApiId of [f.api, f.full]) {
      const stages = (await sdk.send(new GetStagesCommand({ restApiId }))).item ?? []
      stages.sort((a, b) => a.stageName!.localeCompare(b.stageName!))
      const deployments = await sdk.send(new GetDeploymentsCommand({ restApiId }))
      out.push({ restApiId, stages, deployments: deployments.items })
    }
    return out
  }

  // ---- operations: each scenario on its own REST API --------------------------

  const scenarios: Array<{ name: string; run: () => Promise<void> }> = [
    {
      name: 'create-rest-api, get-rest-api, delete-rest-api and get-rest-apis (paginated)',
      run: async () => {
        const cli = <T = Record<string, unknown>>(...args: string[]) =>
          ok<T>(lone.url, 'apigateway', ...args)
        const before = Math.floor(Date.now() / 1000)
        const created = await cli('create-rest-api', '--name', 'orders', '--description', 'd')
        expect(created).toMatchObject({
          name: 'orders',
          description: 'd',
          apiKeySource: 'HEADER',
          endpointConfiguration: { types: ['EDGE'] },
          disableExecuteApiEndpoint: false
        })
        expect(created.id).toMatch(/^[a-z0-9]{10}$/)
        expect(created.rootResourceId).toMatch(/^[a-z0-9]{10}$/)
        expect(created.createdDate).toBeGreaterThanOrEqual(before - 1)
        const lsdk = clients(lone.url).apigw
        const gone = await newApi('gone', lsdk)
        const other = await newApi('other', lsdk)
        lsdk.destroy()

        expect(await cli('get-rest-api', '--rest-api-id', String(created.id))).toEqual(created)
        expect(await cli('delete-rest-api', '--rest-api-id', gone)).toBeUndefined()
        await clearCalls(lone.url)
        const list = await cli<{ items: Array<{ id: string; name: string }> }>(
          'get-rest-apis',
          '--page-size',
          '1'
        )
        expect(list.items.map((a) => [a.id, a.name])).toEqual([
          [created.id, 'orders'],
          [other, 'other']
        ])
        // the CLI followed `position` through two pages
        const pages = (await getCalls(lone.url)).map((c) => [c.operation, c.status, c.input])
        expect(pages).toEqual([
          ['GetRestApis', 200, { limit: '1' }],
          ['GetRestApis', 200, { limit: '1', position: expect.any(String) }]
        ])
      }
    },
    {
      name: 'create-deployment, get-deployment, get-deployments (paginated) and delete-deployment',
      run: async () => {
        const api = await newApi('deployments')
        const d1 = await apigw<{ id: string; description: string; createdDate: number }>(
          'create-deployment',
          '--rest-api-id',
          api,
          '--description',
          'one'
        )
        expect(d1.id).toMatch(/^[a-z0-9]{6}$/)
        expect(d1.description).toBe('one')
        expect(typeof d1.createdDate).toBe('number')
        const d2 = await deploy({ restApiId: api })
        const d3 = await deploy({ restApiId: api })
        expect(
          await apigw('get-deployment', '--rest-api-id', api, '--deployment-id', d1.id)
        ).toEqual(d1)
        const all = await apigw<{ items: Array<{ id: string }> }>(
          'get-deployments',
          '--rest-api-id',
          api,
          '--page-size',
          '2'
        )
        expect(all.items.map((d) => d.id)).toEqual([d1.id, d2, d3])
        const pages = (await callsOf(main.url, api)).filter((c) => c.operation === 'GetDeployments')
        expect(pages.map((c) => c.input.limit)).toEqual(['2', '2'])
        expect(
          await apigw('delete-deployment', '--rest-api-id', api, '--deployment-id', d2)
        ).toBeUndefined()
        const after = await sdk.send(new GetDeploymentsCommand({ restApiId: api }))
        expect(after.items!.map((d) => d.id)).toEqual([d1.id, d3])
      }
    },
    {
      name: 'create-deployment --stage-name creates the stage, then moves it; get-stage shows no canarySettings',
      run: async () => {
        const api = await newApi('stage-name')
        const d1 = await apigw<{ id: string }>(
          'create-deployment',
          '--rest-api-id',
          api,
          '--stage-name',
          'prod',
          '--stage-description',
          'production',
          '--variables',
          'backend=v1'
        )
        const s1 = await sdk.send(new GetStageCommand({ restApiId: api, stageName: 'prod' }))
        expect(s1).toMatchObject({
          deploymentId: d1.id,
          stageName: 'prod',
          description: 'production',
          variables: { backend: 'v1' }
        })
        const d2 = await apigw<{ id: string }>(
          'create-deployment',
          '--rest-api-id',
          api,
          '--stage-name',
          'prod'
        )
        const s2 = await apigw('get-stage', '--rest-api-id', api, '--stage-name', 'prod')
        expect(s2).toMatchObject({
          deploymentId: d2.id,
          stageName: 'prod',
          description: 'production',
          variables: { backend: 'v1' }
        })
        expect(s2).not.toHaveProperty('canarySettings')
      }
    },
    {
      name: 'create-deployment --canary-settings, get-stage, promotion by update-stage and get-deployments',
      run: async () => {
        const api = await newApi('cli-canary')
        const stable = await apigw<{ id: string }>(
          'create-deployment',
          '--rest-api-id',
          api,
          '--stage-name',
          'prod',
          '--variables',
          'backend=v1'
        )
        expect(stable.id).toMatch(/^[a-z0-9]{6}$/)
        const canary = await apigw<{ id: string }>(
          'create-deployment',
          '--rest-api-id',
          api,
          '--stage-name',
          'prod',
          '--canary-settings',
          'percentTraffic=10,stageVariableOverrides={backend=v2},useStageCache=false'
        )
        const raw = await aws(main.url, [
          'apigateway',
          'get-stage',
          '--rest-api-id',
          api,
          '--stage-name',
          'prod'
        ])
        expect(JSON.parse(raw.stdout)).toMatchObject({
          deploymentId: stable.id,
          variables: { backend: 'v1' },
          canarySettings: {
            deploymentId: canary.id,
            percentTraffic: 10,
            stageVariableOverrides: { backend: 'v2' },
            useStageCache: false
          }
        })
        expect(raw.stdout).toContain('"percentTraffic": 10.0')

        // the promotion, in the CLI's shorthand syntax
        const updated = await apigw(
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
        expect(updated).toMatchObject({
          deploymentId: canary.id,
          variables: { backend: 'v2' },
          canarySettings: { deploymentId: canary.id, percentTraffic: 0 }
        })

        const deployments = await apigw<{ items: Array<{ id: string }> }>(
          'get-deployments',
          '--rest-api-id',
          api
        )
        expect(deployments.items.map((d) => d.id)).toEqual([stable.id, canary.id])

        const calls = (await getCalls(main.url)).filter(
          (c) =>
            c.input.restApiId === api ||
            (c.operation === 'CreateRestApi' && c.input.name === 'cli-canary')
        )
        expect(calls.map((x) => x.operation)).toEqual([
          'CreateRestApi',
          'CreateDeployment',
          'CreateDeployment',
          'GetStage',
          'UpdateStage',
          'GetDeployments'
        ])
        // what the CLI put on the wire for the canary and the patch
        expect(calls[2]!.input.canarySettings).toEqual({
          percentTraffic: 10,
          stageVariableOverrides: { backend: 'v2' },
          useStageCache: false
        })
        expect(calls[4]!.input.patchOperations).toEqual([
          { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
          { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
          { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
        ])
      }
    },
    {
      name: 'a second canary deployment replaces the canary; no stageVariableOverrides key without overrides',
      run: async () => {
        const api = await newApi('canary-replace')
        const stable = await deploy({ restApiId: api, stageName: 'a' })
        await sdk.send(
          new CreateStageCommand({ restApiId: api, stageName: 'b', deploymentId: stable })
        )
        const canary = (stage: string, settings: string) =>
          apigw<{ id: string }>(
            'create-deployment',
            '--rest-api-id',
            api,
            '--stage-name',
            stage,
            '--canary-settings',
            settings
          )
        await deploy({
          restApiId: api,
          stageName: 'a',
          canarySettings: {
            percentTraffic: 10,
            stageVariableOverrides: { backend: 'v2', extra: 'x' }
          }
        })
        const c2 = await canary('a', 'percentTraffic=25.5,stageVariableOverrides={backend=v3}')
        const c3 = await canary('b', 'percentTraffic=5')
        const { item } = await apigw<{ item: Stage[] }>('get-stages', '--rest-api-id', api)
        const byName = Object.fromEntries(item.map((s) => [s.stageName, s]))
        expect(byName.a!.deploymentId).toBe(stable)
        expect(byName.a!.canarySettings).toEqual({
          deploymentId: c2.id,
          percentTraffic: 25.5,
          stageVariableOverrides: { backend: 'v3' },
          useStageCache: false
        })
        expect(byName.b!.canarySettings).toEqual({
          deploymentId: c3.id,
          percentTraffic: 5,
          useStageCache: false
        })
      }
    },
    {
      name: 'create-stage, get-stages (all and by --deployment-id) and delete-stage',
      run: async () => {
        const api = await newApi('stages')
        const d1 = await deploy({ restApiId: api })
        const d2 = await deploy({ restApiId: api })
        const before = Math.floor(Date.now() / 1000)
        const created = await apigw(
          'create-stage',
          '--rest-api-id',
          api,
          '--stage-name',
          'prod',
          '--deployment-id',
          d1,
          '--description',
          'p',
          '--variables',
          'a=x'
        )
        expect(created).toEqual({
          stageName: 'prod',
          deploymentId: d1,
          description: 'p',
          variables: { a: 'x' },
          cacheClusterEnabled: false,
          cacheClusterStatus: 'NOT_AVAILABLE',
          tracingEnabled: false,
          methodSettings: {},
          createdDate: expect.any(Number),
          lastUpdatedDate: expect.any(Number)
        })
        expect(created.createdDate).toBeGreaterThanOrEqual(before - 1)
        await sdk.send(new CreateStageCommand({ restApiId: api, stageName: 'b', deploymentId: d2 }))
        const names = async (...args: string[]) =>
          (await apigw<{ item: Stage[] }>('get-stages', '--rest-api-id', api, ...args)).item
            .map((s) => s.stageName)
            .sort()
        expect(await names()).toEqual(['b', 'prod'])
        expect(await names('--deployment-id', d2)).toEqual(['b'])
        expect(
          await apigw('delete-stage', '--rest-api-id', api, '--stage-name', 'prod')
        ).toBeUndefined()
        const left = await sdk.send(new GetStagesCommand({ restApiId: api }))
        expect(left.item!.map((s) => s.stageName)).toEqual(['b'])
      }
    },
    {
      name: 'create-stage --canary-settings defaults the canary deployment to the stage deployment',
      run: async () => {
        const api = await newApi('stage-canary')
        const d = await deploy({ restApiId: api })
        const s = await apigw(
          'create-stage',
          '--rest-api-id',
          api,
          '--stage-name',
          'dev',
          '--deployment-id',
          d,
          '--canary-settings',
          'percentTraffic=40,stageVariableOverrides={v=c}'
        )
        expect(s.canarySettings).toEqual({
          deploymentId: d,
          percentTraffic: 40,
          stageVariableOverrides: { v: 'c' },
          useStageCache: false
        })
      }
    },
    {
      name: 'update-stage: replace percentTraffic without a canary starts one on the stage deployment',
      run: async () => {
        const api = await newApi('traffic')
        const stable = await deploy({ restApiId: api, stageName: 'prod' })
        const r = await aws(main.url, [
          'apigateway',
          'update-stage',
          '--rest-api-id',
          api,
          '--stage-name',
          'prod',
          '--patch-operations',
          'op=replace,path=/canarySettings/percentTraffic,value=50'
        ])
        expect(r.code).toBe(0)
        const s = JSON.parse(r.stdout) as Stage
        expect(s.deploymentId).toBe(stable)
        expect(s.canarySettings).toEqual({
          deploymentId: stable,
          percentTraffic: 50,
          useStageCache: false
        })
        expect(r.stdout).toContain('"percentTraffic": 50.0')
      }
    },
    {
      name: 'update-stage: replace /canarySettings/deploymentId starts a canary at 0.0, then a copy promotes it',
      run: async () => {
        const api = await newApi('canary-id')
        await deploy({ restApiId: api, stageName: 'prod' })
        const d2 = await deploy({ restApiId: api })
        const r = await aws(main.url, [
          'apigateway',
          'update-stage',
          '--rest-api-id',
          api,
          '--stage-name',
          'prod',
          ...patch({ op: 'replace', path: '/canarySettings/deploymentId', value: d2 })
        ])
        expect(r.code).toBe(0)
        expect((JSON.parse(r.stdout) as Stage).canarySettings).toEqual({
          deploymentId: d2,
          percentTraffic: 0,
          useStageCache: false
        })
        expect(r.stdout).toContain('"percentTraffic": 0.0')
        // in order: a replace that creates the canary, then a copy from it
        await sdk.send(
          new UpdateStageCommand({
            restApiId: api,
            stageName: 'prod',
            patchOperations: [{ op: 'remove', path: '/canarySettings' }]
          })
        )
        const s = await apigw(
          'update-stage',
          '--rest-api-id',
          api,
          '--stage-name',
          'prod',
          ...patch(
            { op: 'replace', path: '/canarySettings/deploymentId', value: d2 },
            { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
          )
        )
        expect(s.deploymentId).toBe(d2)
      }
    },
    {
      name: 'update-stage: canary traffic, useStageCache and single overrides; remove /canarySettings',
      run: async () => {
        const api = await newApi('canary-ops')
        const stable = await deploy({ restApiId: api, stageName: 'prod' })
        await deploy({
          restApiId: api,
          stageName: 'prod',
          canarySettings: {
            percentTraffic: 10,
            stageVariableOverrides: { backend: 'v2', other: 'o' }
          }
        })
        const s = await apigw(
          'update-stage',
          '--rest-api-id',
          api,
          '--stage-name',
          'prod',
          '--patch-operations',
          'op=replace,path=/canarySettings/percentTraffic,value=33.3',
          'op=replace,path=/canarySettings/useStageCache,value=true',
          'op=replace,path=/canarySettings/stageVariableOverrides/backend,value=v3',
          'op=remove,path=/canarySettings/stageVariableOverrides/other'
        )
        expect(s.canarySettings).toMatchObject({
          percentTraffic: 33.3,
          useStageCache: true,
          stageVariableOverrides: { backend: 'v3' }
        })
        const removed = await apigw(
          'update-stage',
          '--rest-api-id',
          api,
          '--stage-name',
          'prod',
          '--patch-operations',
          'op=remove,path=/canarySettings'
        )
        expect(removed).not.toHaveProperty('canarySettings')
        expect(removed.deploymentId).toBe(stable)
      }
    },
    {
      name: 'update-stage: promotion merges the overrides and keeps the canary; undo by replace /deploymentId',
      run: async () => {
        const api = await newApi('promote')
        const stable = await deploy({
          restApiId: api,
          stageName: 'prod',
          variables: { backend: 'v1', keep: 'yes' }
        })
        const c = await deploy({
          restApiId: api,
          stageName: 'prod',
          canarySettings: {
            percentTraffic: 25,
            stageVariableOverrides: { backend: 'v2', added: 'new' }
          }
        })
        const s = await apigw(
          'update-stage',
          '--rest-api-id',
          api,
          '--stage-name',
          'prod',
          ...patch(
            { op: 'replace', path: '/canarySettings/percentTraffic', value: '0.0' },
            { op: 'copy', from: '/canarySettings/stageVariableOverrides', path: '/variables' },
            { op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }
          )
        )
        expect(s.deploymentId).toBe(c)
        expect(s.variables).toEqual({ backend: 'v2', keep: 'yes', added: 'new' })
        expect(s.canarySettings).toEqual({
          deploymentId: c,
          percentTraffic: 0,
          stageVariableOverrides: { backend: 'v2', added: 'new' },
          useStageCache: false
        })
        const undone = await apigw(
          'update-stage',
          '--rest-api-id',
          api,
          '--stage-name',
          'prod',
          ...patch(
            { op: 'remove', path: '/canarySettings' },
            { op: 'replace', path: '/deploymentId', value: stable }
          )
        )
        expect(undone.deploymentId).toBe(stable)
        expect(undone).not.toHaveProperty('canarySettings')
      }
    },
    {
      name: 'update-stage: stage variables, description, deploymentId and settings, in order',
      run: async () => {
        const api = await newApi('stage-ops')
        await deploy({ restApiId: api, stageName: 'prod', variables: { a: '1', b: '2' } })
        const d2 = await deploy({ restApiId: api })
        const before = await sdk.send(new GetStageCommand({ restApiId: api, stageName: 'prod' }))
        const s = await apigw(
          'update-stage',
          '--rest-api-id',
          api,
          '--stage-name',
          'prod',
          ...patch(
            { op: 'replace', path: '/variables/a', value: 'one' },
            { op: 'remove', path: '/variables/b' },
            { op: 'replace', path: '/variables/c', value: 'https://x.example/v1?q=1' },
            { op: 'replace', path: '/description', value: 'new' },
            { op: 'replace', path: '/deploymentId', value: d2 },
            { op: 'replace', path: '/tracingEnabled', value: 'true' },
            { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' }
          )
        )
        expect(s).toMatchObject({
          deploymentId: d2,
          description: 'new',
          variables: { a: 'one', c: 'https://x.example/v1?q=1' },
          tracingEnabled: true,
          methodSettings: { '*/*': { metricsEnabled: true } }
        })
        expect(s.variables).not.toHaveProperty('b')
        expect(s.lastUpdatedDate).toBeGreaterThanOrEqual(
          Math.floor(before.lastUpdatedDate!.getTime() / 1000)
        )
      }
    },
    {
      name: 'CloudWatch: put-metric-alarm, set-alarm-state, describe-alarms (AWS JSON 1.0)',
      run: async () => {
        const cw = <T>(...args: string[]) => ok<T>(main.url, 'cloudwatch', ...args)
        await cw(
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
        await cw(
          'set-alarm-state',
          '--alarm-name',
          'canary-5xx',
          '--state-value',
          'ALARM',
          '--state-reason',
          'by hand'
        )
        const out = await cw<{ MetricAlarms: Array<{ StateValue: string; StateReason: string }> }>(
          'describe-alarms',
          '--alarm-names',
          'canary-5xx'
        )
        expect(out.MetricAlarms).toEqual([
          expect.objectContaining({ StateValue: 'ALARM', StateReason: 'by hand' })
        ])
        const err = await aws(main.url, [
          'cloudwatch',
          'set-alarm-state',
          '--alarm-name',
          'ghost',
          '--state-value',
          'OK',
          '--state-reason',
          'x'
        ])
        expect(err.code).not.toBe(0)
        expect(err.stderr).toContain(
          'An error occurred (ResourceNotFound) when calling the SetAlarmState operation'
        )
      }
    }
  ]

  // ---- errors: `aws apigateway ARGS` fails with this code and message ---------

  interface ErrorCase {
    name: string
    args: (f: Fixture) => string[]
    code: string
    message: string | ((f: Fixture) => string)
    /** 429/5xx: the CLI says it made no retry */
    retryable?: boolean
    /** the emulator it runs against; `main` when unset */
    on?: 'faulty'
  }

  const unknownApi = 'Invalid API identifier specified 123456789012:nope'
  const unknownStage = 'Invalid Stage identifier specified'
  const unknownDeployment = 'Invalid Deployment identifier specified'
  const noSuchDeployment = 'Deployment id does not exist'
  const inUse = 'Active stages pointing to this deployment must be moved or deleted'
  const tooManyStages = 'The maximum number of stages (10) has been reached'
  const badTraffic = 'Canary traffic percentage must be between 0.0 and 100.0'
  const invalidPath = (p: string) =>
    `Invalid method setting path: ${p}. Must be one of: ${STAGE_PATCHABLE_PATHS}`
  const cannotRemove = (p: string) =>
    `Cannot remove method setting ${p} because there is no method setting for this method `
  const badVarName = (n: string) =>
    `Stage variable name ${n} must only contain alphanumeric characters and underscores and be at most 64 characters long`
  const badVarValue = (v: string, n: string) =>
    `Stage variable value ${v} for variable ${n} must match the regular expression [A-Za-z0-9-._~:/?#&=,]+ and be at most 512 characters long`
  const canaryNeedsStage = (v: string) =>
    `Invalid deployment content specified.Non null and non empty stageName must be provided for canary deployment. Provided value is ${v}`

  const inApi = (x: Fixture) => ['--rest-api-id', x.api]
  const prod = (x: Fixture) => [...inApi(x), '--stage-name', 'prod']
  /** update-stage on `prod` (no canary) with these patch operations */
  const updateProd =
    (...ops: PatchOp[]) =>
    (x: Fixture) => ['update-stage', ...prod(x), ...patch(...ops)]

  const errorCases: ErrorCase[] = [
    // NotFoundException: unknown REST API, for every operation that names one
    ...[
      ['get-rest-api'],
      ['delete-rest-api'],
      ['create-deployment'],
      ['get-deployment', '--deployment-id', 'abcdef'],
      ['get-deployments'],
      ['delete-deployment', '--deployment-id', 'abcdef'],
      ['create-stage', '--stage-name', 'prod', '--deployment-id', 'abcdef'],
      ['get-stage', '--stage-name', 'prod'],
      ['get-stages'],
      [
        'update-stage',
        '--stage-name',
        'prod',
        ...patch({ op: 'replace', path: '/description', value: 'x' })
      ],
      ['delete-stage', '--stage-name', 'prod']
    ].map(([command, ...rest]): ErrorCase => ({
      name: `${command}: unknown REST API`,
      args: () => [command!, '--rest-api-id', 'nope', ...rest],
      code: 'NotFoundException',
      message: unknownApi
    })),
    // NotFoundException: unknown deployment or stage
    {
      name: 'get-deployment: unknown deployment',
      args: (x) => ['get-deployment', ...inApi(x), '--deployment-id', 'zzzzzz'],
      code: 'NotFoundException',
      message: unknownDeployment
    },
    {
      name: 'delete-deployment: unknown deployment',
      args: (x) => ['delete-deployment', ...inApi(x), '--deployment-id', 'zzzzzz'],
      code: 'NotFoundException',
      message: unknownDeployment
    },
    {
      name: 'get-stage: unknown stage',
      args: (x) => ['get-stage', ...inApi(x), '--stage-name', 'nope'],
      code: 'NotFoundException',
      message: unknownStage
    },
    {
      name: 'delete-stage: unknown stage',
      args: (x) => ['delete-stage', ...inApi(x), '--stage-name', 'nope'],
      code: 'NotFoundException',
      message: unknownStage
    },
    {
      name: 'update-stage: unknown stage',
      args: (x) => [
        'update-stage',
        ...inApi(x),
        '--stage-name',
        'nope',
        ...patch({ op: 'replace', path: '/description', value: 'x' })
      ],
      code: 'NotFoundException',
      message: unknownStage
    },
    // CreateRestApi
    {
      name: 'create-rest-api: empty name',
      args: () => ['create-rest-api', '--name', ''],
      code: 'BadRequestException',
      message: 'Invalid REST API name specified'
    },
    // DeleteDeployment
    {
      name: 'delete-deployment: the deployment of a stage',
      args: (x) => ['delete-deployment', ...inApi(x), '--deployment-id', x.stable],
      code: 'BadRequestException',
      message: inUse
    },
    {
      name: 'delete-deployment: the deployment of a canary',
      args: (x) => ['delete-deployment', ...inApi(x), '--deployment-id', x.canary],
      code: 'BadRequestException',
      message: inUse
    },
    // CreateDeployment
    {
      name: 'create-deployment: canary without a stage name',
      args: (x) => ['create-deployment', ...inApi(x), '--canary-settings', 'percentTraffic=5'],
      code: 'BadRequestException',
      message: canaryNeedsStage('null')
    },
    {
      name: 'create-deployment: canary with an empty stage name',
      args: (x) => [
        'create-deployment',
        ...inApi(x),
        '--stage-name',
        '',
        '--canary-settings',
        'percentTraffic=5'
      ],
      code: 'BadRequestException',
      message: canaryNeedsStage('')
    },
    {
      name: 'create-deployment: canary on a stage not yet created',
      args: (x) => [
        'create-deployment',
        ...inApi(x),
        '--stage-name',
        'staging',
        '--canary-settings',
        'percentTraffic=5'
      ],
      code: 'BadRequestException',
      message:
        'Invalid deployment content specified.Stage staging must already be created before making a canary release deployment'
    },
    {
      name: 'create-deployment: non-canary deployment to a stage with a canary',
      args: (x) => ['create-deployment', ...inApi(x), '--stage-name', 'live'],
      code: 'BadRequestException',
      message:
        'Non canary deployment not supported on stage live because Canary is enabled. Provide CanarySettings in deploymentInput.'
    },
    {
      name: 'create-deployment: canary percentTraffic above 100',
      args: (x) => ['create-deployment', ...prod(x), '--canary-settings', 'percentTraffic=101'],
      code: 'BadRequestException',
      message: badTraffic
    },
    {
      name: 'create-deployment: canary percentTraffic below 0',
      args: (x) => ['create-deployment', ...prod(x), '--canary-settings', 'percentTraffic=-1'],
      code: 'BadRequestException',
      message: badTraffic
    },
    {
      name: 'create-deployment: invalid canary override name',
      args: (x) => [
        'create-deployment',
        ...prod(x),
        '--canary-settings',
        JSON.stringify({ percentTraffic: 5, stageVariableOverrides: { 'bad name': 'x' } })
      ],
      code: 'BadRequestException',
      message: badVarName('bad name')
    },
    {
      name: 'create-deployment: invalid stage variable',
      args: (x) => ['create-deployment', ...prod(x), '--variables', 'ok=has space'],
      code: 'BadRequestException',
      message: badVarValue('has space', 'ok')
    },
    {
      name: 'create-deployment: new stage over the 10-stage limit',
      args: (x) => ['create-deployment', '--rest-api-id', x.full, '--stage-name', 's10'],
      code: 'LimitExceededException',
      message: tooManyStages,
      retryable: true
    },
    // CreateStage
    {
      name: 'create-stage: the stage exists',
      args: (x) => ['create-stage', ...prod(x), '--deployment-id', x.stable],
      code: 'ConflictException',
      message: 'Stage already exists'
    },
    {
      name: 'create-stage: unknown deployment',
      args: (x) => [
        'create-stage',
        ...inApi(x),
        '--stage-name',
        'dev',
        '--deployment-id',
        'nope00'
      ],
      code: 'BadRequestException',
      message: noSuchDeployment
    },
    {
      name: 'create-stage: unknown canary deployment',
      args: (x) => [
        'create-stage',
        ...inApi(x),
        '--stage-name',
        'dev',
        '--deployment-id',
        x.stable,
        '--canary-settings',
        'deploymentId=deploy'
      ],
      code: 'BadRequestException',
      message: noSuchDeployment
    },
    {
      name: 'create-stage: invalid stage variable name',
      args: (x) => [
        'create-stage',
        ...inApi(x),
        '--stage-name',
        'dev',
        '--deployment-id',
        x.stable,
        '--variables',
        'bad-name=x'
      ],
      code: 'BadRequestException',
      message: badVarName('bad-name')
    },
    {
      name: 'create-stage: invalid stage variable value',
      args: (x) => [
        'create-stage',
        ...inApi(x),
        '--stage-name',
        'dev',
        '--deployment-id',
        x.stable,
        '--variables',
        JSON.stringify({ ok: 'has space' })
      ],
      code: 'BadRequestException',
      message: badVarValue('has space', 'ok')
    },
    {
      name: 'create-stage: empty stage name',
      args: (x) => ['create-stage', ...inApi(x), '--stage-name', '', '--deployment-id', x.stable],
      code: 'BadRequestException',
      message: 'Stage name must be non-empty'
    },
    {
      name: 'create-stage: invalid stage name',
      args: (x) => [
        'create-stage',
        ...inApi(x),
        '--stage-name',
        'a b',
        '--deployment-id',
        x.stable
      ],
      code: 'BadRequestException',
      message: 'Stage name only allows a-zA-Z0-9_- and must be at most 128 characters long'
    },
    {
      name: 'create-stage: over the 10-stage limit',
      args: (x) => [
        'create-stage',
        '--rest-api-id',
        x.full,
        '--stage-name',
        's10',
        '--deployment-id',
        x.fullDeployment
      ],
      code: 'LimitExceededException',
      message: tooManyStages,
      retryable: true
    },
    // UpdateStage
    {
      name: 'update-stage: promotion without a canary',
      args: updateProd({ op: 'copy', from: '/canarySettings/deploymentId', path: '/deploymentId' }),
      code: 'BadRequestException',
      message: 'Promotion not available. Canary does not exist.'
    },
    {
      name: 'update-stage: add on a canary path',
      args: (x) =>
        updateProd({ op: 'add', path: '/canarySettings/deploymentId', value: x.stable })(x),
      code: 'BadRequestException',
      message: 'Invalid add operation with path: /canarySettings/deploymentId'
    },
    {
      name: 'update-stage: move on a canary path',
      args: updateProd({ op: 'move', from: '/deploymentId', path: '/canarySettings/deploymentId' }),
      code: 'BadRequestException',
      message: 'Invalid move operation with path: /canarySettings/deploymentId'
    },
    {
      name: 'update-stage: invalid copy paths',
      args: updateProd({
        op: 'copy',
        from: '/variables',
        path: '/canarySettings/stageVariableOverrides'
      }),
      code: 'BadRequestException',
      message:
        'Invalid copy operation with path: /canarySettings/stageVariableOverrides and from /variables. Valid copy:path are [/deploymentId, /variables] and valid copy:from are [/canarySettings/deploymentId, /canarySettings/stageVariableOverrides]'
    },
    {
      name: 'update-stage: remove of the overrides map',
      args: updateProd({ op: 'remove', path: '/canarySettings/stageVariableOverrides' }),
      code: 'BadRequestException',
      message: cannotRemove('canarySettings/stageVariableOverrides')
    },
    {
      name: 'update-stage: remove of an unknown canary path',
      args: updateProd({ op: 'remove', path: '/canarySettings/badPath' }),
      code: 'BadRequestException',
      message: cannotRemove('canarySettings/badPath')
    },
    {
      name: 'update-stage: remove of a path that cannot be removed',
      args: updateProd({ op: 'remove', path: '/tracingEnabled' }),
      code: 'BadRequestException',
      message: cannotRemove('tracingEnabled')
    },
    {
      name: 'update-stage: replace of an unknown canary path',
      args: updateProd({ op: 'replace', path: '/canarySettings/badPath', value: 'x' }),
      code: 'BadRequestException',
      message: invalidPath('/canarySettings/badPath')
    },
    {
      name: 'update-stage: replace of /canarySettings',
      args: updateProd({ op: 'replace', path: '/canarySettings', value: 'test' }),
      code: 'BadRequestException',
      message: invalidPath('/canarySettings')
    },
    {
      name: 'update-stage: an unknown path after a valid operation (nothing applied)',
      args: updateProd(
        { op: 'replace', path: '/description', value: 'changed' },
        { op: 'replace', path: '/bogus', value: 'x' }
      ),
      code: 'BadRequestException',
      message: invalidPath('/bogus')
    },
    {
      name: 'update-stage: unknown operation',
      args: updateProd({ op: 'bogus', path: '/description', value: 'x' }),
      code: 'BadRequestException',
      message:
        'Invalid patch operation specified. Must be one of: [add, remove, replace, move, copy, test]'
    },
    {
      name: 'update-stage: replace /deploymentId with an unknown deployment',
      args: updateProd({ op: 'replace', path: '/deploymentId', value: 'nope00' }),
      code: 'BadRequestException',
      message: noSuchDeployment
    },
    {
      name: 'update-stage: replace /canarySettings/deploymentId with an unknown deployment',
      args: updateProd({ op: 'replace', path: '/canarySettings/deploymentId', value: 'deploy' }),
      code: 'BadRequestException',
      message: noSuchDeployment
    },
    {
      name: 'update-stage: percentTraffic not a number',
      args: updateProd({ op: 'replace', path: '/canarySettings/percentTraffic', value: 'abc' }),
      code: 'BadRequestException',
      message: "Invalid percentTraffic value 'abc'. Must be a number."
    },
    {
      name: 'update-stage: percentTraffic above 100',
      args: updateProd({ op: 'replace', path: '/canarySettings/percentTraffic', value: '101' }),
      code: 'BadRequestException',
      message: badTraffic
    },
    {
      name: 'update-stage: percentTraffic below 0',
      args: updateProd({ op: 'replace', path: '/canarySettings/percentTraffic', value: '-5' }),
      code: 'BadRequestException',
      message: badTraffic
    },
    {
      name: 'update-stage: useStageCache not a boolean',
      args: updateProd({ op: 'replace', path: '/canarySettings/useStageCache', value: 'maybe' }),
      code: 'BadRequestException',
      message: "Invalid boolean value 'maybe' for path /canarySettings/useStageCache"
    },
    {
      name: 'update-stage: invalid stage variable value',
      args: updateProd({ op: 'replace', path: '/variables/x', value: 'no spaces allowed' }),
      code: 'BadRequestException',
      message: badVarValue('no spaces allowed', 'x')
    },
    {
      name: 'update-stage: invalid canary override name',
      args: updateProd({
        op: 'replace',
        path: '/canarySettings/stageVariableOverrides/bad-name',
        value: 'x'
      }),
      code: 'BadRequestException',
      message: badVarName('bad-name')
    },
    {
      name: 'update-stage: stage variable without a value',
      args: updateProd({ op: 'replace', path: '/variables/x' }),
      code: 'BadRequestException',
      message: 'Invalid value for stage variable x: null'
    },
    // paging
    {
      name: 'get-deployments: invalid limit',
      args: (x) => ['get-deployments', ...inApi(x), '--limit', '0'],
      code: 'BadRequestException',
      message: 'Invalid limit 0. Must be between 1 and 500.'
    },
    // injected: a 503 fault and the CreateDeployment quota, each answered once
    {
      name: 'get-rest-apis: injected 503',
      args: () => ['get-rest-apis'],
      code: 'ServiceUnavailableException',
      message: 'Service Unavailable',
      retryable: true,
      on: 'faulty'
    },
    {
      name: 'create-deployment: over the CreateDeployment quota',
      args: (x) => ['create-deployment', '--rest-api-id', x.faultyApi],
      code: 'TooManyRequestsException',
      message: 'Too Many Requests',
      retryable: true,
      on: 'faulty'
    }
  ]

  // ---- running them ----------------------------------------------------------

  type Outcome<T> = { ok: true; value: T } | { ok: false; error: unknown }
  const settle = <T>(p: Promise<T>): Promise<Outcome<T>> =>
    p.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error })
    )
  const scenarioOutcomes = new Map<string, Promise<Outcome<void>>>()
  const errorOutcomes = new Map<string, Promise<Outcome<CliResult>>>()
  const outcome = async <T>(p: Promise<Outcome<T>> | undefined): Promise<T> => {
    const o = await p
    if (!o) throw new Error('case never started')
    if (!o.ok) throw o.error
    return o.value
  }

  beforeAll(async () => {
    const frozen = Date.now()
    ;[main, lone, faulty] = await Promise.all([
      startEmulator({ port: 0 }),
      startEmulator({ port: 0 }),
      startEmulator({ port: 0, now: () => frozen })
    ])
    sdk = clients(main.url).apigw

    const fixtureApi = await newApi('fixture')
    const stable = await deploy({
      restApiId: fixtureApi,
      stageName: 'prod',
      variables: { backend: 'v1', keep: 'yes' }
    })
    const live = await deploy({ restApiId: fixtureApi, stageName: 'live' })
    const canary = await deploy({
      restApiId: fixtureApi,
      stageName: 'live',
      canarySettings: { percentTraffic: 10 }
    })
    const full = await newApi('full')
    const fullDeployment = await deploy({ restApiId: full })
    for (let i = 0; i < 10; i++) {
      await sdk.send(
        new CreateStageCommand({
          restApiId: full,
          stageName: `s${i}`,
          deploymentId: fullDeployment
        })
      )
    }
    const fsdk = clients(faulty.url).apigw
    await setQuotas(faulty.url, true)
    const faultyApi = await newApi('faulty', fsdk)
    await fsdk.send(new CreateDeploymentCommand({ restApiId: faultyApi })) // the quota's one
    fsdk.destroy()
    await setFaults(faulty.url, { errorRate: 1, operations: ['GetRestApis'] })
    await clearCalls(faulty.url)

    f = { api: fixtureApi, stable, live, canary, full, fullDeployment, faultyApi }
    snapshotBefore = await snapshot()

    // start everything, in the order the tests await them
    for (const s of scenarios) scenarioOutcomes.set(s.name, settle(s.run()))
    for (const c of errorCases) {
      const url = c.on === 'faulty' ? faulty.url : main.url
      errorOutcomes.set(c.name, settle(aws(url, ['apigateway', ...c.args(f)])))
    }
  })

  afterAll(async () => {
    await Promise.all([...scenarioOutcomes.values(), ...errorOutcomes.values()])
    sdk?.destroy()
    await Promise.all([main, lone, faulty].map((e) => e?.close()))
  }, BATCH_TIMEOUT_MS)

  describe('operations', () => {
    it.each(scenarios)('$name', ({ name }) => outcome(scenarioOutcomes.get(name)), BATCH_TIMEOUT_MS)
  })

  describe('errors: non-zero exit and "An error occurred (Code) when calling the Op operation: message"', () => {
    it.each(errorCases)(
      '$name',
      async (c) => {
        const r = await outcome(errorOutcomes.get(c.name))
        const message = typeof c.message === 'function' ? c.message(f) : c.message
        const retries = c.retryable ? ' (reached max retries: 0)' : ''
        const operation = operationOf(c.args(f)[0]!)
        expect(r.code).not.toBe(0)
        expect(r.stdout).toBe('')
        expect(r.stderr.replace(/^\n+|\n+$/g, '')).toBe(
          `An error occurred (${c.code}) when calling the ${operation} operation${retries}: ${message}`
        )
      },
      BATCH_TIMEOUT_MS
    )

    it(
      'failed calls changed nothing',
      async () => {
        await Promise.all(errorOutcomes.values())
        expect(await snapshot()).toEqual(snapshotBefore)
        const prod = await sdk.send(new GetStageCommand({ restApiId: f.api, stageName: 'prod' }))
        expect(prod.description).toBeUndefined()
        expect(prod.canarySettings).toBeUndefined()
        expect(prod.deploymentId).toBe(f.stable)
        const live = await sdk.send(new GetStageCommand({ restApiId: f.api, stageName: 'live' }))
        expect(live.deploymentId).toBe(f.live)
        expect(live.canarySettings?.deploymentId).toBe(f.canary)
      },
      BATCH_TIMEOUT_MS
    )

    it(
      '429 and 503 are answered once each: AWS_MAX_ATTEMPTS=1 stops the CLI retrying',
      async () => {
        await Promise.all(errorOutcomes.values())
        const calls = (await getCalls(faulty.url)).map((c) => [c.operation, c.status, c.fault])
        expect(calls.sort()).toEqual([
          ['CreateDeployment', 429, 'quota'],
          ['GetRestApis', 503, 'error']
        ])
      },
      BATCH_TIMEOUT_MS
    )
  })
})
