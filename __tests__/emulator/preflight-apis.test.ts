/**
 * The API Gateway operations preflight reads and `deploy` from an OpenAPI file
 * needs, through the SDK: ImportRestApi, PutRestApi, GetResources, endpoint
 * configurations, custom domain names and base path mappings, the account,
 * and the stage's logging, metrics, access log and tracing settings.
 */
import {
  CreateBasePathMappingCommand,
  CreateDeploymentCommand,
  CreateDomainNameCommand,
  CreateRestApiCommand,
  GetAccountCommand,
  GetBasePathMappingCommand,
  GetBasePathMappingsCommand,
  GetDomainNameCommand,
  GetResourcesCommand,
  GetRestApiCommand,
  GetStageCommand,
  ImportRestApiCommand,
  PutRestApiCommand,
  UpdateAccountCommand,
  UpdateStageCommand,
  paginateGetBasePathMappings,
  paginateGetDomainNames
} from '@aws-sdk/client-api-gateway'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals'

import { getCalls, setDomainStatus } from '../../emulator/client.js'
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

const enc = (s: string): Uint8Array => new TextEncoder().encode(s)
const integration = { type: 'mock', requestTemplates: { 'application/json': '{"statusCode":200}' } }
const op = { responses: {}, 'x-amazon-apigateway-integration': integration }

const OAS3 = JSON.stringify({
  openapi: '3.0.1',
  info: { title: 'orders', version: '1.0', description: 'orders API' },
  servers: [{ url: 'https://api.example.com/v1/shop' }],
  paths: { '/orders': { get: op, post: op }, '/orders/{id}': { get: op } }
})

const SWAGGER_YAML = `swagger: "2.0"
info:
  title: pets
  version: "2"
basePath: /api
paths:
  /pets:
    get:
      responses: {}
      x-amazon-apigateway-integration:
        type: mock
  /health:
    x-amazon-apigateway-any-method:
      responses: {}
`

const paths = async (restApiId: string) => {
  const r = await apigw.send(new GetResourcesCommand({ restApiId, embed: ['methods'] }))
  return Object.fromEntries(
    (r.items ?? []).map((x) => [x.path, Object.keys(x.resourceMethods ?? {}).sort()])
  )
}

const BAD = 'Invalid OpenAPI input.'

describe('ImportRestApi and PutRestApi', () => {
  it('imports OpenAPI 3 JSON (201) and Swagger 2 YAML with endpoint type and basepath parameters', async () => {
    const a = await apigw.send(new ImportRestApiCommand({ body: enc(OAS3) }))
    expect(a.$metadata.httpStatusCode).toBe(201)
    expect(a).toMatchObject({
      name: 'orders',
      description: 'orders API',
      version: '1.0',
      endpointConfiguration: { types: ['EDGE'], ipAddressType: 'ipv4' }
    })
    expect(a.warnings).toBeUndefined()
    expect(await paths(a.id!)).toEqual({
      '/': [],
      '/orders': ['GET', 'POST'],
      '/orders/{id}': ['GET']
    })

    const b = await apigw.send(
      new ImportRestApiCommand({
        body: enc(SWAGGER_YAML),
        parameters: { endpointConfigurationTypes: 'REGIONAL', basepath: 'prepend' }
      })
    )
    expect(b.endpointConfiguration?.types).toEqual(['REGIONAL'])
    // the method without an integration is imported, with API Gateway's warning
    expect(b.warnings).toEqual([
      "Unable to put integration on 'ANY' for resource at path '/api/health': No integration defined for method"
    ])
    expect(await paths(b.id!)).toEqual({
      '/': [],
      '/api': [],
      '/api/health': ['ANY'],
      '/api/pets': ['GET']
    })
    // the query went as AWS names it: mode=import plus one parameter per key
    const call = (await getCalls(emu.url)).find(
      (c) =>
        c.operation === 'ImportRestApi' && (c.input.parameters as { basepath?: string }).basepath
    )
    expect(call?.input).toMatchObject({
      mode: 'import',
      parameters: { endpointConfigurationTypes: 'REGIONAL', basepath: 'prepend' }
    })
  })

  it('basepath=split drops the first segment of the servers URL path', async () => {
    const a = await apigw.send(
      new ImportRestApiCommand({ body: enc(OAS3), parameters: { basepath: 'split' } })
    )
    expect(Object.keys(await paths(a.id!))).toEqual([
      '/',
      '/shop',
      '/shop/orders',
      '/shop/orders/{id}'
    ])
  })

  it('refuses what API Gateway refuses, and failonwarnings=true refuses a definition with warnings', async () => {
    const refused: Array<[string, unknown, string]> = [
      ['not JSON or YAML', '{"openapi": "3.0.1", ', BAD],
      ['a YAML scalar', 'just text', BAD],
      ['no version', JSON.stringify({ info: { title: 'x' }, paths: {} }), BAD],
      ['OpenAPI 3.1', JSON.stringify({ openapi: '3.1.0', info: { title: 'x' }, paths: {} }), BAD],
      ['paths not a map', JSON.stringify({ swagger: '2.0', info: { title: 'x' }, paths: [] }), BAD],
      [
        'a path without a leading /',
        JSON.stringify({ swagger: '2.0', info: { title: 'x' }, paths: { orders: {} } }),
        'Errors found during import:\n\tInvalid resource path orders: must start with / and describe its operations'
      ],
      [
        'no title',
        JSON.stringify({ swagger: '2.0', info: {}, paths: {} }),
        'Invalid REST API name specified'
      ]
    ]
    for (const [, body, message] of refused) {
      await expectAwsError(
        apigw.send(new ImportRestApiCommand({ body: enc(String(body)) })),
        'BadRequestException',
        400,
        message
      )
    }
    await expectAwsError(
      apigw.send(new ImportRestApiCommand({ body: enc(SWAGGER_YAML), failOnWarnings: true })),
      'BadRequestException',
      400,
      "Warnings found during import:\n\tUnable to put integration on 'ANY' for resource at path '/health': No integration defined for method"
    )
    await expectAwsError(
      apigw.send(
        new ImportRestApiCommand({
          body: enc(OAS3),
          parameters: { endpointConfigurationTypes: 'CLOUD' }
        })
      ),
      'BadRequestException',
      400,
      'Invalid endpoint type CLOUD'
    )
    await expectAwsError(
      apigw.send(new ImportRestApiCommand({ body: enc(OAS3), parameters: { basepath: 'x' } })),
      'BadRequestException',
      400,
      'Invalid basepath parameter x. Must be one of: [ignore, prepend, split]'
    )
    await expectAwsError(
      apigw.send(new ImportRestApiCommand({ body: enc('x'.repeat(6 * 1024 * 1024 + 1)) })),
      'BadRequestException',
      400,
      'API definition is too large: at most 6 MB'
    )
    expect(emu.state.apigateway.restApis.size).toBe(0)
  })

  it('PutRestApi merges by default and overwrites with mode=overwrite (200); a refused put changes nothing', async () => {
    const api = await apigw.send(new ImportRestApiCommand({ body: enc(OAS3) }))
    const id = api.id!
    const v2 = JSON.stringify({
      openapi: '3.0.1',
      info: { title: 'orders-v2', version: '2.0' },
      paths: { '/orders': { delete: op }, '/carts': { get: op } }
    })
    const merged = await apigw.send(new PutRestApiCommand({ restApiId: id, body: enc(v2) }))
    expect(merged.$metadata.httpStatusCode).toBe(200)
    expect(merged).toMatchObject({ id, name: 'orders', version: '2.0' })
    expect(await paths(id)).toEqual({
      '/': [],
      '/carts': ['GET'],
      '/orders': ['DELETE', 'GET', 'POST'],
      '/orders/{id}': ['GET']
    })

    const over = await apigw.send(
      new PutRestApiCommand({ restApiId: id, mode: 'overwrite', body: enc(v2) })
    )
    expect(over).toMatchObject({ id, name: 'orders-v2', version: '2.0' })
    expect(over.rootResourceId).toBe(api.rootResourceId)
    expect(await paths(id)).toEqual({ '/': [], '/carts': ['GET'], '/orders': ['DELETE'] })

    await expectAwsError(
      apigw.send(new PutRestApiCommand({ restApiId: id, body: enc('nope: [') })),
      'BadRequestException',
      400,
      BAD
    )
    await expectAwsError(
      apigw.send(
        new PutRestApiCommand({ restApiId: id, mode: 'replace' as 'merge', body: enc(v2) })
      ),
      'BadRequestException',
      400,
      'Invalid mode replace. Must be one of: [merge, overwrite]'
    )
    await expectAwsError(
      apigw.send(new PutRestApiCommand({ restApiId: 'nope', body: enc(v2) })),
      'NotFoundException',
      404,
      'Invalid API identifier specified 123456789012:nope'
    )
    expect(await paths(id)).toEqual({ '/': [], '/carts': ['GET'], '/orders': ['DELETE'] })
  })
})

describe('endpoint configurations', () => {
  it('CreateRestApi keeps a valid configuration and GetRestApi answers it', async () => {
    const r = await apigw.send(
      new CreateRestApiCommand({ name: 'r', endpointConfiguration: { types: ['REGIONAL'] } })
    )
    const got = await apigw.send(new GetRestApiCommand({ restApiId: r.id }))
    expect(got.endpointConfiguration).toEqual({ types: ['REGIONAL'], ipAddressType: 'ipv4' })
    const p = await apigw.send(
      new CreateRestApiCommand({
        name: 'p',
        endpointConfiguration: { types: ['PRIVATE'], vpcEndpointIds: ['vpce-0123'] }
      })
    )
    expect(p.endpointConfiguration).toEqual({
      types: ['PRIVATE'],
      ipAddressType: 'dualstack',
      vpcEndpointIds: ['vpce-0123']
    })
  })

  it.each([
    [
      { types: ['EDGE', 'REGIONAL'] },
      'Invalid endpoint configuration: exactly one endpoint type of EDGE, REGIONAL, PRIVATE must be specified'
    ],
    [{ types: ['GLOBAL'] }, 'Invalid endpoint type GLOBAL'],
    [
      { types: ['REGIONAL'], ipAddressType: 'ipv6' },
      'Invalid ipAddressType ipv6. Must be one of: [ipv4, dualstack]'
    ],
    [
      { types: ['PRIVATE'], ipAddressType: 'ipv4' },
      'Only the dualstack ipAddressType is supported for PRIVATE endpoints'
    ],
    [
      { types: ['REGIONAL'], vpcEndpointIds: ['vpce-1'] },
      'VPC endpoint IDs can only be specified for the PRIVATE endpoint type'
    ]
  ])('CreateRestApi refuses %j', async (endpointConfiguration, message) => {
    await expectAwsError(
      apigw.send(
        new CreateRestApiCommand({
          name: 'x',
          endpointConfiguration: endpointConfiguration as { types: ['EDGE'] }
        })
      ),
      'BadRequestException',
      400,
      message
    )
  })
})

/** An API with stage `prod`. */
async function apiWithStage(): Promise<string> {
  const api = await apigw.send(new CreateRestApiCommand({ name: 'orders' }))
  await apigw.send(new CreateDeploymentCommand({ restApiId: api.id, stageName: 'prod' }))
  return api.id!
}

const CERT = 'arn:aws:acm:us-east-1:123456789012:certificate/abc'

describe('custom domain names and base path mappings', () => {
  it('creates regional and edge domain names with their alias targets; status set by the hook', async () => {
    const r = await apigw.send(
      new CreateDomainNameCommand({
        domainName: 'API.example.com',
        regionalCertificateArn: CERT,
        endpointConfiguration: { types: ['REGIONAL'] }
      })
    )
    expect(r.$metadata.httpStatusCode).toBe(201)
    expect(r).toMatchObject({
      domainName: 'api.example.com',
      regionalHostedZoneId: 'Z1UJRXOUMOOFQ8',
      endpointConfiguration: { types: ['REGIONAL'], ipAddressType: 'ipv4' },
      domainNameStatus: 'AVAILABLE',
      securityPolicy: 'TLS_1_2'
    })
    expect(r.regionalDomainName).toMatch(/^d-[a-z0-9]{10}\.execute-api\.us-east-1\.amazonaws\.com$/)
    expect(r.distributionDomainName).toBeUndefined()

    const e = await apigw.send(
      new CreateDomainNameCommand({ domainName: 'edge.example.com', certificateArn: CERT })
    )
    expect(e).toMatchObject({
      distributionHostedZoneId: 'Z2FDTNDATAQYW2',
      endpointConfiguration: { types: ['EDGE'] }
    })
    expect(e.distributionDomainName).toMatch(/^d[a-z0-9]{13}\.cloudfront\.net$/)
    expect(e.regionalDomainName).toBeUndefined()

    await setDomainStatus(emu.url, 'api.example.com', 'PENDING_CERTIFICATE_REIMPORT', 'renew it')
    const got = await apigw.send(new GetDomainNameCommand({ domainName: 'api.example.com' }))
    expect(got).toMatchObject({
      domainNameStatus: 'PENDING_CERTIFICATE_REIMPORT',
      domainNameStatusMessage: 'renew it'
    })
  })

  it('GetDomainNames pages by limit and position', async () => {
    for (let i = 0; i < 5; i++) {
      await apigw.send(
        new CreateDomainNameCommand({ domainName: `d${i}.example.com`, certificateArn: CERT })
      )
    }
    const names: string[] = []
    let pages = 0
    for await (const p of paginateGetDomainNames({ client: apigw, pageSize: 2 }, {})) {
      pages++
      names.push(...(p.items ?? []).map((d) => d.domainName!))
    }
    expect(pages).toBe(3)
    expect(names).toEqual([0, 1, 2, 3, 4].map((i) => `d${i}.example.com`))
  })

  it.each([
    [
      { domainName: 'x.example.com' },
      'A certificate must be specified for an EDGE domain name: certificateArn'
    ],
    [
      { domainName: 'x.example.com', certificateArn: CERT, regionalCertificateArn: CERT },
      'regionalCertificateArn cannot be used with an EDGE endpoint configuration'
    ],
    [
      { domainName: 'x.example.com', endpointConfiguration: { types: ['REGIONAL'] } },
      'A regional certificate must be specified for a REGIONAL domain name'
    ],
    [
      {
        domainName: 'x.example.com',
        certificateArn: CERT,
        endpointConfiguration: { types: ['PRIVATE'] }
      },
      'Invalid endpoint type PRIVATE'
    ],
    [
      { domainName: 'x.example.com', certificateArn: CERT, securityPolicy: 'TLS_0_9' },
      'Invalid securityPolicy TLS_0_9. Must be one of: [TLS_1_0, TLS_1_2]'
    ],
    [{ domainName: 'not a name', certificateArn: CERT }, 'Invalid domain name identifier specified']
  ])('CreateDomainName refuses %j', async (input, message) => {
    await expectAwsError(
      apigw.send(new CreateDomainNameCommand(input as { domainName: string })),
      'BadRequestException',
      400,
      message
    )
  })

  it('maps base paths to an API and stage; (none) is the root; errors as AWS answers them', async () => {
    const restApiId = await apiWithStage()
    await apigw.send(
      new CreateDomainNameCommand({ domainName: 'api.example.com', certificateArn: CERT })
    )
    const root = await apigw.send(
      new CreateBasePathMappingCommand({ domainName: 'api.example.com', restApiId, stage: 'prod' })
    )
    expect(root.$metadata.httpStatusCode).toBe(201)
    expect(root).toMatchObject({ basePath: '(none)', restApiId, stage: 'prod' })
    for (const basePath of ['v1', 'v2', 'v3']) {
      await apigw.send(
        new CreateBasePathMappingCommand({ domainName: 'api.example.com', restApiId, basePath })
      )
    }
    const got = await apigw.send(
      new GetBasePathMappingCommand({ domainName: 'api.example.com', basePath: '(none)' })
    )
    expect(got).toMatchObject({ basePath: '(none)', restApiId, stage: 'prod' })
    const calls = await getCalls(emu.url)
    expect(calls.find((c) => c.operation === 'GetBasePathMapping')?.input.basePath).toBe('(none)')

    const all: string[] = []
    for await (const p of paginateGetBasePathMappings(
      { client: apigw, pageSize: 3 },
      { domainName: 'api.example.com' }
    )) {
      all.push(...(p.items ?? []).map((m) => `${m.basePath}:${m.stage ?? ''}`))
    }
    expect(all).toEqual(['(none):prod', 'v1:', 'v2:', 'v3:'])
    const first = await apigw.send(
      new GetBasePathMappingsCommand({ domainName: 'api.example.com', limit: 3 })
    )
    expect(first.position).toEqual(expect.any(String))

    const create = (input: Record<string, string>) =>
      apigw.send(
        new CreateBasePathMappingCommand({ domainName: 'api.example.com', restApiId, ...input })
      )
    await expectAwsError(
      create({ basePath: 'v1' }),
      'ConflictException',
      409,
      'Base path already exists for this domain name'
    )
    await expectAwsError(
      create({ restApiId: 'nope' }),
      'BadRequestException',
      400,
      'Invalid REST API identifier specified'
    )
    await expectAwsError(
      create({ basePath: 'x', stage: 'dev' }),
      'BadRequestException',
      400,
      'Invalid stage identifier specified'
    )
    await expectAwsError(
      apigw.send(new GetBasePathMappingsCommand({ domainName: 'nope.example.com' })),
      'NotFoundException',
      404,
      'Invalid domain name identifier specified'
    )
    await expectAwsError(
      apigw.send(new GetBasePathMappingCommand({ domainName: 'api.example.com', basePath: 'v9' })),
      'NotFoundException',
      404,
      'Invalid base path mapping identifier specified'
    )
    await expectAwsError(
      apigw.send(
        new CreateDomainNameCommand({ domainName: 'api.example.com', certificateArn: CERT })
      ),
      'ConflictException',
      409,
      'The domain name you provided already exists.'
    )
  })
})

const ROLE = 'arn:aws:iam::123456789012:role/apigw-logs'

describe('account and stage logging settings', () => {
  it('GetAccount answers the throttle limits; UpdateAccount sets and clears the CloudWatch role', async () => {
    const before = await apigw.send(new GetAccountCommand({}))
    expect(before).toMatchObject({
      throttleSettings: { burstLimit: 5000, rateLimit: 10000 },
      features: ['UsagePlans'],
      apiKeyVersion: '4'
    })
    expect(before.cloudwatchRoleArn).toBeUndefined()
    const set = await apigw.send(
      new UpdateAccountCommand({
        patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: ROLE }]
      })
    )
    expect(set.cloudwatchRoleArn).toBe(ROLE)
    expect((await apigw.send(new GetAccountCommand({}))).cloudwatchRoleArn).toBe(ROLE)
    await expectAwsError(
      apigw.send(
        new UpdateAccountCommand({
          patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: 'role' }]
        })
      ),
      'BadRequestException',
      400,
      'The role ARN does not have required permissions set to API Gateway'
    )
    await expectAwsError(
      apigw.send(
        new UpdateAccountCommand({
          patchOperations: [{ op: 'replace', path: '/features', value: 'x' }]
        })
      ),
      'BadRequestException',
      400,
      'Invalid patch path /features for operation replace'
    )
    const cleared = await apigw.send(
      new UpdateAccountCommand({
        patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: '' }]
      })
    )
    expect(cleared.cloudwatchRoleArn).toBeUndefined()
  })

  const update = (
    restApiId: string,
    ...patchOperations: Array<{ op: 'replace' | 'remove'; path: string; value?: string }>
  ) => apigw.send(new UpdateStageCommand({ restApiId, stageName: 'prod', patchOperations }))

  it('execution logging and CloudWatch access logs need the account role; metrics and tracing do not', async () => {
    const restApiId = await apiWithStage()
    const NO_ROLE = 'CloudWatch Logs role ARN must be set in account settings to enable logging'
    await expectAwsError(
      update(restApiId, { op: 'replace', path: '/*/*/logging/loglevel', value: 'INFO' }),
      'BadRequestException',
      400,
      NO_ROLE
    )
    await expectAwsError(
      update(restApiId, { op: 'replace', path: '/*/*/logging/dataTrace', value: 'true' }),
      'BadRequestException',
      400,
      NO_ROLE
    )
    const logGroup = 'arn:aws:logs:us-east-1:123456789012:log-group:access'
    await expectAwsError(
      update(restApiId, {
        op: 'replace',
        path: '/accessLogSettings/destinationArn',
        value: logGroup
      }),
      'BadRequestException',
      400,
      NO_ROLE
    )
    const s = await update(
      restApiId,
      { op: 'replace', path: '/*/*/metrics/enabled', value: 'true' },
      { op: 'replace', path: '/tracingEnabled', value: 'true' },
      { op: 'replace', path: '/*/*/logging/loglevel', value: 'OFF' }
    )
    expect(s.tracingEnabled).toBe(true)
    expect(s.methodSettings?.['*/*']).toEqual({
      metricsEnabled: true,
      loggingLevel: 'OFF',
      dataTraceEnabled: false,
      throttlingBurstLimit: 5000,
      throttlingRateLimit: 10000,
      cachingEnabled: false,
      cacheTtlInSeconds: 300,
      cacheDataEncrypted: false,
      requireAuthorizationForCacheControl: true,
      unauthorizedCacheControlHeaderStrategy: 'SUCCEED_WITH_RESPONSE_HEADER'
    })
  })

  it('with the role: logging levels, per-method settings (~1 for /), access logs to Logs or Firehose', async () => {
    const restApiId = await apiWithStage()
    await apigw.send(
      new UpdateAccountCommand({
        patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: ROLE }]
      })
    )
    const logGroup = 'arn:aws:logs:us-east-1:123456789012:log-group:API-Gateway-Access/orders'
    const s = await update(
      restApiId,
      { op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR' },
      { op: 'replace', path: '/*/*/logging/dataTrace', value: 'false' },
      { op: 'replace', path: '/*/*/throttling/burstLimit', value: '200' },
      { op: 'replace', path: '/*/*/throttling/rateLimit', value: '100.5' },
      { op: 'replace', path: '/~1orders~1{id}/GET/caching/enabled', value: 'true' },
      { op: 'replace', path: '/~1orders~1{id}/GET/caching/ttlInSeconds', value: '60' },
      { op: 'replace', path: '/accessLogSettings/format', value: '{"id":"$context.requestId"}' },
      { op: 'replace', path: '/accessLogSettings/destinationArn', value: logGroup }
    )
    expect(s.methodSettings?.['*/*']).toMatchObject({
      loggingLevel: 'ERROR',
      throttlingBurstLimit: 200,
      throttlingRateLimit: 100.5
    })
    expect(s.methodSettings?.['/orders/{id}/GET']).toMatchObject({
      cachingEnabled: true,
      cacheTtlInSeconds: 60
    })
    expect(s.accessLogSettings).toEqual({
      format: '{"id":"$context.requestId"}',
      destinationArn: logGroup
    })

    const firehose =
      'arn:aws:firehose:us-east-1:123456789012:deliverystream/amazon-apigateway-orders'
    const f = await update(restApiId, {
      op: 'replace',
      path: '/accessLogSettings/destinationArn',
      value: firehose
    })
    expect(f.accessLogSettings?.destinationArn).toBe(firehose)

    const bad: Array<[string, string, string]> = [
      [
        '/*/*/logging/loglevel',
        'DEBUG',
        'Invalid logging level DEBUG. Must be one of: [OFF, ERROR, INFO]'
      ],
      [
        '/accessLogSettings/format',
        '$context.identity.sourceIp',
        'Access Log format must contain $context.requestId'
      ],
      [
        '/accessLogSettings/destinationArn',
        'arn:aws:firehose:us-east-1:123456789012:deliverystream/orders',
        'Invalid ARN specified in the request: arn:aws:firehose:us-east-1:123456789012:deliverystream/orders. Access logs go to a CloudWatch Logs log group or to a Firehose stream whose name begins with amazon-apigateway-'
      ]
    ]
    for (const [path, value, message] of bad) {
      await expectAwsError(
        update(restApiId, { op: 'replace', path, value }),
        'BadRequestException',
        400,
        message
      )
    }
    const removed = await update(restApiId, { op: 'remove', path: '/accessLogSettings' })
    expect(removed.accessLogSettings).toBeUndefined()
    const got = await apigw.send(new GetStageCommand({ restApiId, stageName: 'prod' }))
    expect(got.methodSettings?.['*/*']?.loggingLevel).toBe('ERROR')
  })
})
