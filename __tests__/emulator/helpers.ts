import { APIGatewayClient } from '@aws-sdk/client-api-gateway'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs'
import { LambdaClient } from '@aws-sdk/client-lambda'
import { Route53Client } from '@aws-sdk/client-route-53'
import { XRayClient } from '@aws-sdk/client-xray'
import { afterAll, beforeAll, beforeEach, expect } from '@jest/globals'

import { type Emulator, startEmulator } from '../../emulator/server.js'

export const credentials = { accessKeyId: 'x', secretAccessKey: 'y' }

export function clients(url: string, maxAttempts = 1) {
  const c = { region: 'us-east-1', endpoint: url, credentials, maxAttempts }
  return {
    lambda: new LambdaClient(c),
    logs: new CloudWatchLogsClient(c),
    xray: new XRayClient(c),
    apigw: new APIGatewayClient({ region: 'us-east-1', endpoint: url, credentials, maxAttempts }),
    cw: new CloudWatchClient({ region: 'us-east-1', endpoint: url, credentials, maxAttempts }),
    r53: new Route53Client({ region: 'us-east-1', endpoint: url, credentials, maxAttempts })
  }
}

export interface SdkError {
  name: string
  message: string
  $metadata: { httpStatusCode?: number }
}

/** Awaits a promise that must reject with an SDK service error; returns the error. */
export async function failure(p: Promise<unknown>): Promise<SdkError> {
  try {
    await p
  } catch (e) {
    return e as SdkError
  }
  throw new Error('expected the call to fail, but it succeeded')
}

/** Asserts name, message and HTTP status of an SDK error. */
export async function expectAwsError(
  p: Promise<unknown>,
  name: string,
  status: number,
  message?: string
): Promise<SdkError> {
  const err = await failure(p)
  expect({ name: err.name, status: err.$metadata?.httpStatusCode }).toEqual({ name, status })
  if (message !== undefined) expect(err.message).toBe(message)
  return err
}

/**
 * One emulator for a test file (on the clock `now`, default real time), reset
 * before each test: `t.emu` and `t.c` (the SDK clients) once `beforeAll` ran.
 */
export function useEmulator(now?: () => number): { emu: Emulator; c: ReturnType<typeof clients> } {
  const t = {} as { emu: Emulator; c: ReturnType<typeof clients> }
  beforeAll(async () => {
    t.emu = await startEmulator({ port: 0, now })
    t.c = clients(t.emu.url)
  })
  afterAll(async () => {
    for (const client of Object.values(t.c)) client.destroy()
    await t.emu.close()
  })
  beforeEach(() => t.emu.state.reset())
  return t
}
