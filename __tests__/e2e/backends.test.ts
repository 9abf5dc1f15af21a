/**
 * The backend check through the bundle against the emulator: the world is
 * built through AWS's own write APIs (Lambda CreateFunction, PublishVersion,
 * CreateAlias, AddPermission; API Gateway PutMethod and PutIntegration with
 * `${stageVariables.…}` in the URI). A canary alias without the permission,
 * or that does not exist, is refused before CreateDeployment with what to
 * do; a correct one deploys; an HTTP integration's resolved URLs are shown.
 */
import { describe, expect, it } from '@jest/globals'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CreateResourceCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand
} from '@aws-sdk/client-api-gateway'
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionCommand,
  LambdaClient,
  PublishVersionCommand
} from '@aws-sdk/client-lambda'
import { setAccessDenied } from '../../emulator/client.js'
import { ERRORS_ALARM, SHA, freshRelease, step, useWorld, type World } from './fixtures.js'

const world = useWorld()
const REGION = 'us-east-1'
const ACCOUNT = '123456789012'
const FN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:orders`

interface Check {
  id: string
  status: string
  found: string
  todo?: string
  backend?: { stable: string; canary: string }
}

const lambdaClient = (w: World) =>
  new LambdaClient({
    region: REGION,
    endpoint: w.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' }
  })

/** `orders` with version 1, aliases blue and green on it; blue may be invoked by the API. */
async function ordersFunction(w: World, restApiId: string): Promise<LambdaClient> {
  const l = lambdaClient(w)
  await l.send(
    new CreateFunctionCommand({
      FunctionName: 'orders',
      Role: `arn:aws:iam::${ACCOUNT}:role/orders`,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Code: { ZipFile: Buffer.from('v1') }
    })
  )
  await l.send(new PublishVersionCommand({ FunctionName: 'orders' }))
  await l.send(
    new CreateAliasCommand({ FunctionName: 'orders', Name: 'blue', FunctionVersion: '1' })
  )
  await l.send(
    new CreateAliasCommand({ FunctionName: 'orders', Name: 'green', FunctionVersion: '1' })
  )
  await allow(l, restApiId, 'blue')
  return l
}

const allow = (l: LambdaClient, restApiId: string, alias: string) =>
  l.send(
    new AddPermissionCommand({
      FunctionName: 'orders',
      Qualifier: alias,
      StatementId: `apigw-${alias}`,
      Action: 'lambda:InvokeFunction',
      Principal: 'apigateway.amazonaws.com',
      SourceArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${restApiId}/*/GET/orders`
    })
  )

/** GET /orders → the Lambda alias the stage variable names; GET /legacy → an HTTP host from another. */
async function integrations(w: World, restApiId: string): Promise<void> {
  const root = (await w.apigw.send(new GetResourcesCommand({ restApiId }))).items!.find(
    (r) => r.path === '/'
  )!
  for (const [part, integration] of [
    [
      'orders',
      {
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri: `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${FN}:\${stageVariables.alias}/invocations`
      }
    ],
    [
      'legacy',
      {
        type: 'HTTP_PROXY',
        integrationHttpMethod: 'GET',
        uri: 'https://${stageVariables.host}/legacy'
      }
    ]
  ] as const) {
    const res = await w.apigw.send(
      new CreateResourceCommand({ restApiId, parentId: root.id!, pathPart: part })
    )
    await w.apigw.send(
      new PutMethodCommand({
        restApiId,
        resourceId: res.id!,
        httpMethod: 'GET',
        authorizationType: 'NONE'
      })
    )
    await w.apigw.send(
      new PutIntegrationCommand({
        restApiId,
        resourceId: res.id!,
        httpMethod: 'GET',
        ...integration
      })
    )
  }
}

async function backendWorld(w: World) {
  const api = await freshRelease(w, { variables: { alias: 'blue', host: 'v1.example.com' } })
  const l = await ordersFunction(w, api.restApiId)
  await integrations(w, api.restApiId)
  return { ...api, l }
}

const deploy = (w: World, restApiId: string, overrides: string) =>
  step(w, restApiId, {
    command: 'deploy',
    'alarm-names': ERRORS_ALARM,
    'stage-variable-overrides': overrides
  })

const backendRows = (preflight: string | undefined) =>
  (JSON.parse(preflight ?? '[]') as Check[]).filter((c) => c.id === 'backend')

describe('the backend check before a canary', () => {
  it('refuses a canary alias API Gateway may not invoke, before CreateDeployment, with the add-permission command', async () => {
    const w = world()
    const { restApiId } = await backendWorld(w)
    const { r, log } = await deploy(w, restApiId, 'alias=green\nhost=v2.example.com')
    expect(r.code).not.toBe(0)
    expect(log.map((c) => c.operation)).not.toContain('CreateDeployment')
    expect(r.outputs['abort-reason']).toContain(
      `aws lambda add-permission --region ${REGION} --function-name orders --qualifier green`
    )
    expect(r.outputs['abort-reason']).toContain(
      `--source-arn 'arn:aws:execute-api:${REGION}:${ACCOUNT}:${restApiId}/*/GET/orders'`
    )
    expect(r.summary).toContain('Lambda orders:green')
  })

  it('the preflight command checks the overrides it is given, before any deploy', async () => {
    const w = world()
    const { restApiId } = await backendWorld(w)
    const { r, log } = await step(w, restApiId, {
      command: 'preflight',
      'alarm-names': ERRORS_ALARM,
      'stage-variable-overrides': 'alias=green'
    })
    expect(r.code).toBe(1)
    expect(log.every((c) => /^(Get|List|Describe)/.test(c.operation))).toBe(true)
    expect(r.outputs['abort-reason']).toContain('--qualifier green')
  })

  it('refuses a canary alias that does not exist', async () => {
    const w = world()
    const { restApiId } = await backendWorld(w)
    const { r, log } = await deploy(w, restApiId, 'alias=gren\nhost=v2.example.com')
    expect(r.code).not.toBe(0)
    expect(log.map((c) => c.operation)).not.toContain('CreateDeployment')
    expect(r.outputs['abort-reason']).toContain('Alias gren of orders does not exist: create it')
  })

  it('deploys a canary whose alias exists and may be invoked, and shows both sides of each backend', async () => {
    const w = world()
    const { restApiId, l } = await backendWorld(w)
    await allow(l, restApiId, 'green')
    const { r, log } = await deploy(w, restApiId, 'alias=green\nhost=v2.example.com')
    expect(r.outputs['abort-reason']).toBe('')
    expect(r.code).toBe(0)
    expect(log.map((c) => c.operation)).toContain('CreateDeployment')
    expect(
      backendRows(r.outputs.preflight)
        .map((c) => [c.status, c.backend])
        .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
    ).toEqual([
      [
        'pass',
        { canary: 'https://v2.example.com/legacy', stable: 'https://v1.example.com/legacy' }
      ],
      ['pass', { canary: 'Lambda orders:green', stable: 'Lambda orders:blue' }]
    ])
    expect(r.summary).toContain(
      '| `https://v1.example.com/legacy` | `https://v2.example.com/legacy` |'
    )
    expect(r.outputs['canary-commit']).toBe(SHA)
  })

  it('with openapi-file, checks the imported integrations after PutRestApi and refuses before CreateDeployment', async () => {
    const w = world()
    const api = await freshRelease(w, { variables: { alias: 'blue' } })
    await ordersFunction(w, api.restApiId)
    const workspace = mkdtempSync(join(tmpdir(), 'apigw-canary-backends-'))
    const uri = `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${FN}:\${stageVariables.alias}/invocations`
    writeFileSync(
      join(workspace, 'openapi.yaml'),
      [
        'openapi: 3.0.1',
        'info: { title: orders-api, version: "2" }',
        'paths:',
        '  /orders:',
        '    get:',
        '      responses: { "200": { description: ok } }',
        '      x-amazon-apigateway-integration:',
        '        type: aws_proxy',
        '        httpMethod: POST',
        `        uri: "${uri}"`,
        ''
      ].join('\n')
    )
    const { r, log } = await step(
      w,
      api.restApiId,
      {
        command: 'deploy',
        'alarm-names': ERRORS_ALARM,
        'openapi-file': 'openapi.yaml',
        'stage-variable-overrides': 'alias=green'
      },
      { env: { GITHUB_WORKSPACE: workspace } }
    )
    const ops = log.map((c) => c.operation)
    expect(r.code).not.toBe(0)
    expect(ops).toContain('PutRestApi')
    expect(ops).not.toContain('CreateDeployment')
    expect(r.outputs['abort-reason']).toContain('backend check failed after importing openapi.yaml')
    expect(r.outputs['abort-reason']).toContain('--qualifier green')
  })

  it('skips a backend whose policy it may not read, naming the IAM action, and deploys', async () => {
    const w = world()
    const { restApiId } = await backendWorld(w)
    await setAccessDenied(w.url, ['GetPolicy'])
    try {
      const { r, log } = await deploy(w, restApiId, 'alias=green\nhost=v2.example.com')
      expect(r.code).toBe(0)
      expect(log.map((c) => c.operation)).toContain('CreateDeployment')
      const lambda = backendRows(r.outputs.preflight).find((c) =>
        c.backend?.stable.startsWith('Lambda')
      )
      expect(lambda).toMatchObject({ status: 'skipped' })
      expect(lambda!.todo).toContain('Allow lambda:GetPolicy')
    } finally {
      await setAccessDenied(w.url, [])
    }
  })
})
