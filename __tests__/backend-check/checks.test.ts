/** The backend check: URIs resolved per side, Lambda existence and permission, over mocked SDK clients. */
import { afterEach, describe, expect, it } from '@jest/globals'
import { mockClient } from 'aws-sdk-client-mock'
import { APIGatewayClient, GetResourcesCommand } from '@aws-sdk/client-api-gateway'
import {
  GetAliasCommand,
  GetFunctionCommand,
  GetPolicyCommand,
  LambdaClient
} from '@aws-sdk/client-lambda'
import { checkBackends } from '../../src/backend-check/decide.js'
import { arnLike } from '../../src/backend-check/policy.js'
import { readBackends } from '../../src/backend-check/aws-reads.js'

const gw = mockClient(APIGatewayClient)
const lambda = mockClient(LambdaClient)
afterEach(() => {
  gw.reset()
  lambda.reset()
})

const FN = 'arn:aws:lambda:us-east-1:111122223333:function:orders'
const lambdaUri = (fn: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${fn}/invocations`
const scope = { region: 'us-east-1', restApiId: 'api1', stage: 'prod' }
const notFound = () => Object.assign(new Error('nope'), { name: 'ResourceNotFoundException' })

function integrations(items: Array<{ path: string; method: string; integration: object }>) {
  gw.on(GetResourcesCommand).resolves({
    items: items.map((i) => ({
      path: i.path,
      resourceMethods: { [i.method]: { httpMethod: i.method, methodIntegration: i.integration } }
    }))
  })
}

const statement = (qualifier: string, sourceArn: string) => ({
  Sid: 's1',
  Effect: 'Allow',
  Principal: { Service: 'apigateway.amazonaws.com' },
  Action: 'lambda:InvokeFunction',
  Resource: `${FN}:${qualifier}`,
  Condition: { ArnLike: { 'AWS:SourceArn': sourceArn } }
})

async function check(vars: Record<string, string>, overrides: Record<string, string>) {
  const facts = await readBackends(
    new APIGatewayClient({ region: 'us-east-1' }),
    () => new LambdaClient({ region: 'us-east-1' }),
    { restApiId: 'api1', stageVariables: vars, overrides }
  )
  return checkBackends(facts, scope)
}

function lambdaWorld(aliases: Record<string, object[] | undefined>) {
  integrations([
    {
      path: '/orders/{id}',
      method: 'GET',
      integration: { type: 'AWS_PROXY', uri: lambdaUri(`${FN}:\${stageVariables.alias}`) }
    }
  ])
  lambda.on(GetFunctionCommand).resolves({ Configuration: { FunctionArn: FN } })
  lambda.on(GetAliasCommand).callsFake((i: { Name: string }) => {
    if (!(i.Name in aliases)) throw notFound()
    return { Name: i.Name }
  })
  lambda.on(GetPolicyCommand).callsFake((i: { Qualifier: string }) => {
    const st = aliases[i.Qualifier]
    if (!st) throw notFound()
    return { Policy: JSON.stringify({ Version: '2012-10-17', Statement: st }) }
  })
}

describe('the backend check', () => {
  it('fails a canary alias API Gateway may not invoke, with the add-permission command; the stable alias passes', async () => {
    lambdaWorld({
      blue: [statement('blue', 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/orders/*')],
      green: undefined
    })
    const [row] = await check({ alias: 'blue' }, { alias: 'green' })
    expect(row).toMatchObject({
      status: 'fail',
      backend: { stable: 'Lambda orders:blue', canary: 'Lambda orders:green' }
    })
    expect(row!.todo).toContain(
      "aws lambda add-permission --region us-east-1 --function-name orders --qualifier green --statement-id apigw-canary-api1-green --action lambda:InvokeFunction --principal apigateway.amazonaws.com --source-arn 'arn:aws:execute-api:us-east-1:111122223333:api1/*/GET/orders/*'"
    )
  })

  it('fails a canary alias that does not exist', async () => {
    lambdaWorld({ blue: [] })
    const [row] = await check({ alias: 'blue' }, { alias: 'gren' })
    expect(row!.status).toBe('fail')
    expect(row!.found).toContain('alias gren of orders does not exist')
  })

  it('passes an alias whose policy allows this API from any stage', async () => {
    lambdaWorld({
      blue: [statement('blue', 'arn:aws:execute-api:us-east-1:111122223333:api1/*')],
      green: [statement('green', 'arn:aws:execute-api:us-east-1:111122223333:api1/*/*/*')]
    })
    const rows = await check({ alias: 'blue' }, { alias: 'green' })
    expect(rows.map((r) => r.status)).toEqual(['pass'])
  })

  it('does not take a permission on another API, or on the unqualified function, for the alias', async () => {
    lambdaWorld({
      blue: [statement('blue', 'arn:aws:execute-api:us-east-1:111122223333:api2/*')],
      green: [{ ...statement('green', 'arn:aws:execute-api:*:*:api1/*'), Resource: FN }]
    })
    const [row] = await check({ alias: 'blue' }, { alias: 'green' })
    expect(row!.status).toBe('fail')
    expect(row!.found).toContain('stable')
  })

  it('shows the resolved URLs of an HTTP integration, and fails a variable the canary leaves unresolved', async () => {
    integrations([
      {
        path: '/a',
        method: 'GET',
        integration: { type: 'HTTP_PROXY', uri: 'https://${stageVariables.host}/a' }
      },
      {
        path: '/b',
        method: 'POST',
        integration: { type: 'HTTP', uri: 'https://${stageVariables.other}/b' }
      }
    ])
    const rows = await check({ host: 'v1.example.com' }, { host: 'v2.example.com' })
    expect(rows[0]).toMatchObject({
      status: 'pass',
      backend: { stable: 'https://v1.example.com/a', canary: 'https://v2.example.com/a' }
    })
    expect(rows[1]!.status).toBe('fail')
    expect(rows[1]!.found).toContain('${stageVariables.other}')
  })

  it('needs no resource policy when the integration invokes with a role of its own', async () => {
    lambdaWorld({ blue: [] })
    integrations([
      {
        path: '/orders/{id}',
        method: 'GET',
        integration: {
          type: 'AWS_PROXY',
          uri: lambdaUri(`${FN}:\${stageVariables.alias}`),
          credentials: 'arn:aws:iam::111122223333:role/apigw-invoke'
        }
      }
    ])
    const [row] = await check({ alias: 'blue' }, {})
    expect(row).toMatchObject({ status: 'pass' })
    expect(row!.found).toContain(
      "with the integration's role arn:aws:iam::111122223333:role/apigw-invoke"
    )
  })

  it('shows the resolved target of a VPC link integration, the link id from a stage variable', async () => {
    integrations([
      {
        path: '/inventory',
        method: 'ANY',
        integration: {
          type: 'HTTP_PROXY',
          uri: 'http://${stageVariables.nlb}/inventory',
          connectionType: 'VPC_LINK',
          connectionId: '${stageVariables.link}'
        }
      }
    ])
    const [row] = await check(
      { nlb: 'nlb-v1.internal', link: 'vl-111' },
      { nlb: 'nlb-v2.internal', link: 'vl-222' }
    )
    expect(row).toMatchObject({
      status: 'pass',
      backend: {
        stable: 'http://nlb-v1.internal/inventory via VPC link vl-111',
        canary: 'http://nlb-v2.internal/inventory via VPC link vl-222'
      }
    })
  })

  it('skips, naming the IAM action, when a read is denied', async () => {
    lambdaWorld({ blue: [] })
    lambda
      .on(GetPolicyCommand)
      .rejects(Object.assign(new Error('no'), { name: 'AccessDeniedException' }))
    const [row] = await check({ alias: 'blue' }, {})
    expect(row).toMatchObject({ status: 'skipped' })
    expect(row!.todo).toContain('lambda:GetPolicy')
    gw.on(GetResourcesCommand).rejects(
      Object.assign(new Error('no'), { name: 'AccessDeniedException' })
    )
    const [denied] = await check({}, {})
    expect(denied!.todo).toContain('apigateway:GET')
  })
})

describe('arnLike', () => {
  const src = 'arn:aws:execute-api:us-east-1:111122223333:api1/prod/GET/orders/{id}'
  it('matches * and ? within one colon-separated part; * in the resource part spans slashes', () => {
    expect(arnLike('arn:aws:execute-api:us-east-1:111122223333:api1/*', src)).toBe(true)
    expect(arnLike('arn:aws:execute-api:*:*:api1/*/GET/*', src)).toBe(true)
    expect(arnLike('arn:aws:execute-api:us-east-?:111122223333:api1/*', src)).toBe(true)
  })
  it('does not let a * cross a colon, and is case-sensitive', () => {
    expect(arnLike('arn:aws:*:111122223333:api1/*', src)).toBe(false)
    expect(arnLike('arn:aws:execute-api:us-east-1:111122223333:API1/*', src)).toBe(false)
    expect(arnLike('arn:aws:execute-api:us-east-1:111122223333:api1/*/POST/*', src)).toBe(false)
  })
})
