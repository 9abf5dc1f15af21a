/**
 * API Gateway methods and integrations on the emulator, through
 * @aws-sdk/client-api-gateway: CreateResource, PutMethod, PutIntegration,
 * GetIntegration, GetResources with embedded methods, integrations imported
 * from `x-amazon-apigateway-integration` (stage variables in the URI kept as
 * written), and deployments that keep what the API served when they were made.
 */
import {
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  GetDeploymentCommand,
  GetIntegrationCommand,
  GetMethodCommand,
  GetResourcesCommand,
  ImportRestApiCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  PutRestApiCommand
} from '@aws-sdk/client-api-gateway'
import { describe, expect, it } from '@jest/globals'

import { expectAwsError, useEmulator } from './helpers.js'

const t = useEmulator()

const LAMBDA_URI =
  'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders:${stageVariables.lambdaAlias}/invocations'

const DEFINITION = `
openapi: 3.0.1
info: { title: orders, version: '1' }
paths:
  /orders:
    get:
      responses: {}
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: "${LAMBDA_URI}"
  /stock:
    get:
      responses: {}
      x-amazon-apigateway-integration:
        type: http_proxy
        httpMethod: GET
        uri: "https://\${stageVariables.stockHost}/stock"
`

const enc = (s: string) => new TextEncoder().encode(s)

async function integrations(restApiId: string) {
  const r = await t.c.apigw.send(new GetResourcesCommand({ restApiId, embed: ['methods'] }))
  return Object.fromEntries(
    (r.items ?? []).flatMap((res) =>
      Object.entries(res.resourceMethods ?? {}).map(([m, method]) => [
        `${m} ${res.path}`,
        method.methodIntegration
          ? { type: method.methodIntegration.type, uri: method.methodIntegration.uri }
          : undefined
      ])
    )
  )
}

describe('methods and integrations', () => {
  it('puts a method and its integration on a new resource, and reads them back', async () => {
    const api = await t.c.apigw.send(new CreateRestApiCommand({ name: 'orders' }))
    const res = await t.c.apigw.send(
      new CreateResourceCommand({
        restApiId: api.id,
        parentId: api.rootResourceId,
        pathPart: 'orders'
      })
    )
    expect(res.path).toBe('/orders')
    const where = { restApiId: api.id, resourceId: res.id, httpMethod: 'GET' }
    const m = await t.c.apigw.send(new PutMethodCommand({ ...where, authorizationType: 'NONE' }))
    expect(m.$metadata.httpStatusCode).toBe(201)
    await expectAwsError(
      t.c.apigw.send(new GetIntegrationCommand(where)),
      'NotFoundException',
      404,
      'Invalid Integration identifier specified'
    )
    const put = await t.c.apigw.send(
      new PutIntegrationCommand({
        ...where,
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri: LAMBDA_URI
      })
    )
    expect(put).toMatchObject({
      type: 'AWS_PROXY',
      httpMethod: 'POST',
      uri: LAMBDA_URI,
      connectionType: 'INTERNET',
      timeoutInMillis: 29000,
      cacheNamespace: res.id
    })
    const got = await t.c.apigw.send(new GetIntegrationCommand(where))
    expect(got.uri).toBe(LAMBDA_URI)
    const method = await t.c.apigw.send(new GetMethodCommand(where))
    expect(method.methodIntegration?.type).toBe('AWS_PROXY')
    expect(await integrations(api.id!)).toEqual({
      'GET /orders': { type: 'AWS_PROXY', uri: LAMBDA_URI }
    })
  })

  it('refuses what API Gateway refuses, with its codes', async () => {
    const api = await t.c.apigw.send(new CreateRestApiCommand({ name: 'orders' }))
    const root = { restApiId: api.id, resourceId: api.rootResourceId }
    await expectAwsError(
      t.c.apigw.send(new GetMethodCommand({ ...root, httpMethod: 'GET' })),
      'NotFoundException',
      404,
      'Invalid Method identifier specified'
    )
    await expectAwsError(
      t.c.apigw.send(
        new PutMethodCommand({
          ...root,
          resourceId: 'nope00',
          httpMethod: 'GET',
          authorizationType: 'NONE'
        })
      ),
      'NotFoundException',
      404,
      'Invalid Resource identifier specified'
    )
    await t.c.apigw.send(
      new PutMethodCommand({ ...root, httpMethod: 'GET', authorizationType: 'NONE' })
    )
    await expectAwsError(
      t.c.apigw.send(
        new PutMethodCommand({ ...root, httpMethod: 'GET', authorizationType: 'NONE' })
      ),
      'ConflictException',
      409,
      'Method already exists for this resource'
    )
    await expectAwsError(
      t.c.apigw.send(
        new PutIntegrationCommand({
          ...root,
          httpMethod: 'GET',
          type: 'HTTP',
          uri: 'https://example.com'
        })
      ),
      'BadRequestException',
      400,
      'Enumeration value for HttpMethod must be non-empty'
    )
    await expectAwsError(
      t.c.apigw.send(
        new PutIntegrationCommand({
          ...root,
          httpMethod: 'GET',
          type: 'HTTP',
          integrationHttpMethod: 'GET',
          uri: 'ftp://x'
        })
      ),
      'BadRequestException',
      400,
      'Invalid HTTP endpoint specified for URI'
    )
  })
})

describe('OpenAPI import and deployments', () => {
  it('imports integrations with stage variables in their URIs, as written', async () => {
    const api = await t.c.apigw.send(new ImportRestApiCommand({ body: enc(DEFINITION) }))
    expect(api.warnings).toBeUndefined()
    expect(await integrations(api.id!)).toEqual({
      'GET /orders': { type: 'AWS_PROXY', uri: LAMBDA_URI },
      'GET /stock': { type: 'HTTP_PROXY', uri: 'https://${stageVariables.stockHost}/stock' }
    })
  })

  it('refuses an import whose integration API Gateway could not put', async () => {
    const bad = DEFINITION.replace('type: http_proxy', 'type: aws_proxy')
    const err = await expectAwsError(
      t.c.apigw.send(new ImportRestApiCommand({ body: enc(bad) })),
      'BadRequestException',
      400
    )
    expect(err.message).toContain(
      "Unable to put integration on 'GET' for resource at path '/stock'"
    )
  })

  it('a deployment keeps the methods it was made with', async () => {
    const api = await t.c.apigw.send(new ImportRestApiCommand({ body: enc(DEFINITION) }))
    const d1 = await t.c.apigw.send(
      new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' })
    )
    const overwrite = DEFINITION.replace(/ {2}\/stock:[\s\S]*$/, '')
    await t.c.apigw.send(
      new PutRestApiCommand({ restApiId: api.id, mode: 'overwrite', body: enc(overwrite) })
    )
    const d2 = await t.c.apigw.send(new CreateDeploymentCommand({ restApiId: api.id }))
    const summary = async (id: string) =>
      (
        await t.c.apigw.send(
          new GetDeploymentCommand({ restApiId: api.id, deploymentId: id, embed: ['apisummary'] })
        )
      ).apiSummary
    expect(await summary(d1.id!)).toEqual({
      '/orders': { GET: { authorizationType: 'NONE', apiKeyRequired: false } },
      '/stock': { GET: { authorizationType: 'NONE', apiKeyRequired: false } }
    })
    expect(Object.keys((await summary(d2.id!)) ?? {})).toEqual(['/orders'])
  })
})
