/**
 * The emulator against AWS's own service models (botocore's, beside the
 * Python `aws` CLI): every REST route has the method and path of its
 * operation, every JSON operation exists under the service's target prefix,
 * and every error the emulator answers is one the service models, with its
 * HTTP status. Skips when botocore is not installed.
 */

import { describe, expect, it } from '@jest/globals'

import * as apigwErrors from '../../emulator/apigateway/errors.js'
import { API_GATEWAY_ROUTES } from '../../emulator/apigateway/routes.js'
import {
  CLOUDWATCH_OPERATIONS,
  CLOUDWATCH_TARGET_PREFIX
} from '../../emulator/cloudwatch/service.js'
import type { AwsError } from '../../emulator/common/errors.js'
import { LAMBDA_ERROR_SAMPLES } from '../../emulator/lambda/errors.js'
import { LAMBDA_ROUTES } from '../../emulator/lambda/protocol.js'
import { LOGS_ERROR_SAMPLES } from '../../emulator/logs/errors.js'
import { LOGS_OPERATIONS, LOGS_TARGET_PREFIX } from '../../emulator/logs/service.js'
import { XRAY_ERROR_SAMPLES } from '../../emulator/xray/errors.js'
import { XRAY_ROUTES } from '../../emulator/xray/protocol.js'
import { botocoreData, serviceModel } from './botocore.js'

interface Model {
  metadata: { protocol: string; targetPrefix?: string; jsonVersion?: string }
  operations: Record<
    string,
    { http: { method: string; requestUri: string; responseCode?: number } }
  >
  shapes: Record<string, { exception?: boolean; error?: { httpStatusCode?: number } }>
}

const model = (service: string, version: string) => serviceModel<Model>(service, version)

/** A path pattern with its parameter names dropped: `/a/{x}/b` -> `/a/{}/b`, query dropped. */
const shape = (p: string) =>
  p
    .split('?')[0]!
    .replace(/\{[^}]+\}/g, '{}')
    .replace(/(.)\/$/, '$1')

function checkRoutes(
  m: Model,
  routes: ReadonlyArray<{ method: string; pattern: string; operation: string }>
) {
  const wrong = routes.flatMap((r) => {
    const op = m.operations[r.operation]
    if (!op) return [`${r.operation}: not an operation of the service`]
    const want = `${op.http.method} ${shape(op.http.requestUri)}`
    const have = `${r.method} ${shape(r.pattern)}`
    return want === have ? [] : [`${r.operation}: ${have}, AWS ${want}`]
  })
  expect(wrong).toEqual([])
}

function checkErrors(m: Model, errors: AwsError[]) {
  const wrong = errors.flatMap((e) => {
    const s = m.shapes[e.code]
    if (!s?.exception) return [`${e.code}: not an error of the service`]
    const status = s.error?.httpStatusCode
    return status === undefined || status === e.status
      ? []
      : [`${e.code}: ${e.status}, AWS ${status}`]
  })
  expect(wrong).toEqual([])
}

const maybe = botocoreData ? describe : describe.skip

maybe('service models (botocore)', () => {
  it('API Gateway: routes and errors', () => {
    const m = model('apigateway', '2015-07-09')
    checkRoutes(m, API_GATEWAY_ROUTES)
    checkErrors(m, [
      apigwErrors.badRequest('x'),
      apigwErrors.notFound('x'),
      apigwErrors.conflict('x'),
      apigwErrors.limitExceeded('x'),
      apigwErrors.tooManyRequests(),
      apigwErrors.serviceUnavailable()
    ])
  })

  it('Lambda: routes (REST-JSON under /2015-03-31/) and errors', () => {
    const m = model('lambda', '2015-03-31')
    expect(m.metadata.protocol).toBe('rest-json')
    checkRoutes(m, LAMBDA_ROUTES)
    checkErrors(m, LAMBDA_ERROR_SAMPLES)
  })

  it('X-Ray: routes and errors', () => {
    const m = model('xray', '2016-04-12')
    checkRoutes(m, XRAY_ROUTES)
    checkErrors(m, XRAY_ERROR_SAMPLES)
  })

  it('CloudWatch Logs: AWS JSON 1.1 target prefix, operations and errors', () => {
    const m = model('logs', '2014-03-28')
    expect({ target: `${m.metadata.targetPrefix}.`, json: m.metadata.jsonVersion }).toEqual({
      target: LOGS_TARGET_PREFIX,
      json: '1.1'
    })
    expect(LOGS_OPERATIONS.filter((o) => !m.operations[o])).toEqual([])
    checkErrors(m, LOGS_ERROR_SAMPLES)
  })

  it('CloudWatch: target prefix and operations', () => {
    const m = model('cloudwatch', '2010-08-01')
    expect(`${m.metadata.targetPrefix}.`).toBe(CLOUDWATCH_TARGET_PREFIX)
    expect(CLOUDWATCH_OPERATIONS.filter((o) => !m.operations[o])).toEqual([])
  })
})
