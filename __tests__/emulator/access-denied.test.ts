/**
 * `POST /_emulator/access-denied`: a denied operation answers the service's
 * AccessDenied error with IAM's message naming the action, changes nothing,
 * and the others still work. Injected faults reach the new services too.
 */
import { GetResourcesCommand, CreateRestApiCommand } from '@aws-sdk/client-api-gateway'
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch'
import {
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  StartQueryCommand
} from '@aws-sdk/client-cloudwatch-logs'
import { CreateFunctionCommand, GetFunctionCommand, GetPolicyCommand } from '@aws-sdk/client-lambda'
import { GetTraceSummariesCommand } from '@aws-sdk/client-xray'
import { describe, expect, it } from '@jest/globals'

import { clearFaults, getCalls, setAccessDenied, setFaults } from '../../emulator/client.js'
import { expectAwsError, useEmulator } from './helpers.js'

const t = useEmulator()

describe('denied operations', () => {
  it("answer each service's AccessDenied error naming the IAM action", async () => {
    const api = await t.c.apigw.send(new CreateRestApiCommand({ name: 'orders' }))
    await t.c.lambda.send(
      new CreateFunctionCommand({
        FunctionName: 'orders',
        Role: 'arn:aws:iam::123456789012:role/r',
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: Buffer.from('x') }
      })
    )
    await setAccessDenied(t.emu.url, [
      'GetPolicy',
      'logs:StartQuery',
      'logs:CreateLogGroup',
      'GetTraceSummaries',
      'GetResources',
      'cloudwatch:DescribeAlarms'
    ])
    const policy = await expectAwsError(
      t.c.lambda.send(new GetPolicyCommand({ FunctionName: 'orders' })),
      'AccessDeniedException',
      403
    )
    expect(policy.message).toMatch(
      /^User: arn:aws:sts::123456789012:assumed-role\/.+ is not authorized to perform: lambda:GetPolicy on resource: .+ because no identity-based policy allows the lambda:GetPolicy action$/
    )
    const query = await expectAwsError(
      t.c.logs.send(
        new StartQueryCommand({
          logGroupName: 'g',
          startTime: 0,
          endTime: 1,
          queryString: 'fields @message'
        })
      ),
      'AccessDeniedException',
      400
    )
    expect(query.message).toContain('logs:StartQuery')
    await expectAwsError(
      t.c.logs.send(new CreateLogGroupCommand({ logGroupName: 'g' })),
      'AccessDeniedException',
      400
    )
    expect(t.emu.state.logs.store.groups.size).toBe(0)
    const traces = await expectAwsError(
      t.c.xray.send(
        new GetTraceSummariesCommand({ StartTime: new Date(0), EndTime: new Date(1000) })
      ),
      'AccessDeniedException',
      403
    )
    expect(traces.message).toContain('xray:GetTraceSummaries')
    const resources = await expectAwsError(
      t.c.apigw.send(new GetResourcesCommand({ restApiId: api.id })),
      'AccessDeniedException',
      403
    )
    expect(resources.message).toContain('apigateway:GET')
    await expectAwsError(t.c.cw.send(new DescribeAlarmsCommand({})), 'AccessDenied', 403)

    // the others still answer
    await t.c.lambda.send(new GetFunctionCommand({ FunctionName: 'orders' }))
    await t.c.logs.send(new DescribeLogGroupsCommand({}))
    const calls = await getCalls(t.emu.url)
    expect(calls.find((c) => c.operation === 'GetPolicy')).toMatchObject({
      service: 'lambda',
      status: 403,
      error: 'AccessDeniedException'
    })

    await setAccessDenied(t.emu.url, [])
    await expectAwsError(
      t.c.lambda.send(new GetPolicyCommand({ FunctionName: 'orders' })),
      'ResourceNotFoundException',
      404
    )
  })

  it("injected throttles and errors answer each new service's own codes", async () => {
    await setFaults(t.emu.url, {
      throttleRate: 1,
      operations: ['GetPolicy', 'StartQuery', 'GetTraceSummaries']
    })
    await expectAwsError(
      t.c.lambda.send(new GetPolicyCommand({ FunctionName: 'x' })),
      'TooManyRequestsException',
      429
    )
    await expectAwsError(
      t.c.logs.send(
        new StartQueryCommand({
          logGroupName: 'g',
          startTime: 0,
          endTime: 1,
          queryString: 'fields a'
        })
      ),
      'ThrottlingException',
      400
    )
    await expectAwsError(
      t.c.xray.send(
        new GetTraceSummariesCommand({ StartTime: new Date(0), EndTime: new Date(1000) })
      ),
      'ThrottledException',
      429
    )
    await setFaults(t.emu.url, { errorRate: 1, operations: ['GetFunction'] })
    await expectAwsError(
      t.c.lambda.send(new GetFunctionCommand({ FunctionName: 'x' })),
      'ServiceException',
      500
    )
    await clearFaults(t.emu.url)
  })
})
