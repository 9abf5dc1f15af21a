/**
 * Lambda on the emulator's port, through @aws-sdk/client-lambda: functions,
 * versions, aliases and resource-based policies with Lambda's ARNs, status
 * codes and error messages.
 */
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionCommand,
  GetAliasCommand,
  GetFunctionCommand,
  GetPolicyCommand,
  PublishVersionCommand,
  RemovePermissionCommand
} from '@aws-sdk/client-lambda'
import { beforeEach, describe, expect, it } from '@jest/globals'

import { getCalls } from '../../emulator/client.js'
import { expectAwsError, useEmulator } from './helpers.js'

const t = useEmulator()

const ARN = 'arn:aws:lambda:us-east-1:123456789012:function:orders'
const ROLE = 'arn:aws:iam::123456789012:role/orders-lambda'
const SOURCE = 'arn:aws:execute-api:us-east-1:123456789012:a1b2c3d4e5/*/*/orders'

async function createOrders(code = 'v1'): Promise<void> {
  await t.c.lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'orders',
      Role: ROLE,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Code: { ZipFile: Buffer.from(code) }
    })
  )
}

describe('functions, versions and aliases', () => {
  it('creates a function, publishes versions and points an alias at one', async () => {
    await createOrders()
    const got = await t.c.lambda.send(new GetFunctionCommand({ FunctionName: 'orders' }))
    expect(got.Configuration).toMatchObject({
      FunctionName: 'orders',
      FunctionArn: ARN,
      Version: '$LATEST',
      Role: ROLE,
      Runtime: 'nodejs22.x',
      State: 'Active'
    })
    const v1 = await t.c.lambda.send(new PublishVersionCommand({ FunctionName: 'orders' }))
    expect({ v: v1.Version, arn: v1.FunctionArn }).toEqual({ v: '1', arn: `${ARN}:1` })
    // nothing changed: Lambda answers the last version instead of a new one
    const again = await t.c.lambda.send(new PublishVersionCommand({ FunctionName: ARN }))
    expect(again.Version).toBe('1')

    const alias = await t.c.lambda.send(
      new CreateAliasCommand({ FunctionName: 'orders', Name: 'live', FunctionVersion: '1' })
    )
    expect(alias).toMatchObject({ AliasArn: `${ARN}:live`, Name: 'live', FunctionVersion: '1' })
    const read = await t.c.lambda.send(new GetAliasCommand({ FunctionName: ARN, Name: 'live' }))
    expect(read.FunctionVersion).toBe('1')

    const byAlias = await t.c.lambda.send(
      new GetFunctionCommand({ FunctionName: 'orders', Qualifier: 'live' })
    )
    expect(byAlias.Configuration).toMatchObject({ FunctionArn: `${ARN}:live`, Version: '1' })
    const byArn = await t.c.lambda.send(new GetFunctionCommand({ FunctionName: `${ARN}:1` }))
    expect(byArn.Configuration?.Version).toBe('1')
  })

  it("answers Lambda's errors for what does not exist or already exists", async () => {
    await expectAwsError(
      t.c.lambda.send(new GetFunctionCommand({ FunctionName: 'orders' })),
      'ResourceNotFoundException',
      404,
      `Function not found: ${ARN}`
    )
    await createOrders()
    await expectAwsError(
      createOrders(),
      'ResourceConflictException',
      409,
      'Function already exist: orders'
    )
    await expectAwsError(
      t.c.lambda.send(new GetFunctionCommand({ FunctionName: 'orders', Qualifier: 'v2' })),
      'ResourceNotFoundException',
      404,
      `Function not found: ${ARN}:v2`
    )
    await expectAwsError(
      t.c.lambda.send(new GetAliasCommand({ FunctionName: 'orders', Name: 'v2' })),
      'ResourceNotFoundException',
      404,
      `Alias not found: ${ARN}:v2`
    )
    await expectAwsError(
      t.c.lambda.send(
        new CreateAliasCommand({ FunctionName: 'orders', Name: 'live', FunctionVersion: '7' })
      ),
      'ResourceNotFoundException',
      404,
      `Function not found: ${ARN}:7`
    )
    await t.c.lambda.send(
      new CreateAliasCommand({ FunctionName: 'orders', Name: 'live', FunctionVersion: '$LATEST' })
    )
    await expectAwsError(
      t.c.lambda.send(
        new CreateAliasCommand({ FunctionName: 'orders', Name: 'live', FunctionVersion: '$LATEST' })
      ),
      'ResourceConflictException',
      409,
      `Alias already exists: ${ARN}:live`
    )
    await expectAwsError(
      t.c.lambda.send(new GetFunctionCommand({ FunctionName: `${ARN}:live`, Qualifier: '1' })),
      'InvalidParameterValueException',
      400,
      'The derived qualifier from the function name does not match the specified qualifier.'
    )
    const calls = await getCalls(t.emu.url)
    expect(calls[0]).toMatchObject({ service: 'lambda', operation: 'GetFunction', status: 404 })
  })

  it('publishes a new version once the code changed', async () => {
    await createOrders()
    await t.c.lambda.send(new PublishVersionCommand({ FunctionName: 'orders' }))
    t.emu.state.lambda.functions.get('orders')!.versions.get('$LATEST')!.CodeSha256 = 'changed'
    const v2 = await t.c.lambda.send(new PublishVersionCommand({ FunctionName: 'orders' }))
    expect(v2.Version).toBe('2')
  })
})

describe('resource-based policies', () => {
  beforeEach(async () => {
    await createOrders()
    await t.c.lambda.send(new PublishVersionCommand({ FunctionName: 'orders' }))
    await t.c.lambda.send(
      new CreateAliasCommand({ FunctionName: 'orders', Name: 'live', FunctionVersion: '1' })
    )
  })

  it('keeps one policy per qualifier, as the JSON document Lambda answers', async () => {
    const added = await t.c.lambda.send(
      new AddPermissionCommand({
        FunctionName: 'orders',
        Qualifier: 'live',
        StatementId: 'apigw-canary',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: SOURCE
      })
    )
    const statement = {
      Sid: 'apigw-canary',
      Effect: 'Allow',
      Principal: { Service: 'apigateway.amazonaws.com' },
      Action: 'lambda:InvokeFunction',
      Resource: `${ARN}:live`,
      Condition: { ArnLike: { 'AWS:SourceArn': SOURCE } }
    }
    expect(JSON.parse(added.Statement!)).toEqual(statement)
    const policy = await t.c.lambda.send(new GetPolicyCommand({ FunctionName: `${ARN}:live` }))
    expect(JSON.parse(policy.Policy!)).toEqual({
      Version: '2012-10-17',
      Id: 'default',
      Statement: [statement]
    })
    expect(policy.RevisionId).toEqual(expect.any(String))
    // the unqualified function has no policy of its own
    await expectAwsError(
      t.c.lambda.send(new GetPolicyCommand({ FunctionName: 'orders' })),
      'ResourceNotFoundException',
      404,
      'The resource you requested does not exist.'
    )
  })

  it('refuses a duplicate statement id and removes statements', async () => {
    const add = (Qualifier?: string) =>
      t.c.lambda.send(
        new AddPermissionCommand({
          FunctionName: 'orders',
          Qualifier,
          StatementId: 's1',
          Action: 'lambda:InvokeFunction',
          Principal: '111122223333'
        })
      )
    const s = await add()
    expect(JSON.parse(s.Statement!).Principal).toEqual({ AWS: 'arn:aws:iam::111122223333:root' })
    await expectAwsError(
      add(),
      'ResourceConflictException',
      409,
      'The statement id (s1) provided already exists. Please provide a new statement id, or remove the existing statement.'
    )
    await expectAwsError(
      add('nope'),
      'ResourceNotFoundException',
      404,
      `Function not found: ${ARN}:nope`
    )
    await expectAwsError(
      t.c.lambda.send(new RemovePermissionCommand({ FunctionName: 'orders', StatementId: 's2' })),
      'ResourceNotFoundException',
      404,
      'Statement s2 is not found in resource policy.'
    )
    await t.c.lambda.send(
      new RemovePermissionCommand({ FunctionName: 'orders', StatementId: 's1' })
    )
    await expectAwsError(
      t.c.lambda.send(new GetPolicyCommand({ FunctionName: 'orders' })),
      'ResourceNotFoundException',
      404
    )
  })
})
