/**
 * Everything one emulator keeps: the AWS services, the fault and quota settings,
 * the call log, and the fake GitHub REST API.
 */
import { apigatewayProtocol } from './apigateway/protocol.js'
import { ApiGatewayService } from './apigateway/service.js'
import { cloudwatchProtocol, isCloudWatchRequest } from './cloudwatch/protocol.js'
import { CloudWatchService } from './cloudwatch/service.js'
import { AccessPolicy } from './common/access.js'
import { CallLog, type CallRecord } from './common/calls.js'
import { Faults } from './common/faults.js'
import type { Request, ServiceProtocol } from './common/protocol.js'
import { Quotas } from './common/quotas.js'
import { GitHubApi } from './github/api.js'
import { isLambdaRequest, lambdaProtocol } from './lambda/protocol.js'
import { LambdaService } from './lambda/service.js'
import { isLogsRequest, logsProtocol } from './logs/protocol.js'
import { LogsService } from './logs/service.js'
import { isXRayRequest, xrayProtocol } from './xray/protocol.js'
import { TraceStore } from './xray/traces.js'
import { isRoute53Request, route53Protocol } from './route53/protocol.js'
import { Route53Service } from './route53/service.js'

export interface EmulatorState {
  apigateway: ApiGatewayService
  cloudwatch: CloudWatchService
  route53: Route53Service
  lambda: LambdaService
  logs: LogsService
  /** X-Ray's traces. */
  xray: TraceStore
  faults: Faults
  quotas: Quotas
  /** Operations the caller may not call (`POST /_emulator/access-denied`). */
  access: AccessPolicy
  calls: CallLog
  /** The fake GitHub REST API (deployments and their statuses). */
  github: GitHubApi
  /**
   * The service a request is for (see {@link serviceOf}).
   */
  protocolFor(req: Request): ServiceProtocol
  /** Forgets everything: resources, alarms, metrics, calls, faults, quotas, GitHub's records. */
  reset(): void
}

/**
 * The service a request is for: by its `X-Amz-Target` (CloudWatch Logs, CloudWatch), else by
 * its path (Route 53 and Lambda under their API versions, X-Ray's own paths), else API Gateway.
 */
function serviceOf(req: Request): CallRecord['service'] {
  const target = req.headers['x-amz-target']
  if (isLogsRequest(target)) return 'logs'
  if (isCloudWatchRequest(target)) return 'cloudwatch'
  if (isRoute53Request(req.url)) return 'route53'
  if (isLambdaRequest(req.url)) return 'lambda'
  if (isXRayRequest(req.url)) return 'xray'
  return 'apigateway'
}

export function createState(now: () => number = Date.now): EmulatorState {
  const apigateway = new ApiGatewayService(now)
  const cloudwatch = new CloudWatchService(now)
  const route53 = new Route53Service(now)
  const lambda = new LambdaService(now)
  const logs = new LogsService(now)
  const xray = new TraceStore()
  const protocols: Record<CallRecord['service'], ServiceProtocol> = {
    apigateway: apigatewayProtocol(apigateway),
    cloudwatch: cloudwatchProtocol(cloudwatch),
    route53: route53Protocol(route53),
    lambda: lambdaProtocol(lambda),
    logs: logsProtocol(logs),
    xray: xrayProtocol(xray)
  }
  const state: EmulatorState = {
    apigateway,
    cloudwatch,
    route53,
    lambda,
    logs,
    xray,
    faults: new Faults(),
    quotas: new Quotas(now),
    access: new AccessPolicy(),
    calls: new CallLog(),
    github: new GitHubApi(now),
    protocolFor: (req) => protocols[serviceOf(req)],
    reset() {
      state.apigateway.reset()
      state.cloudwatch.reset()
      state.route53.reset()
      state.lambda.reset()
      state.logs.reset()
      state.xray.reset()
      state.faults.clear()
      state.quotas.setEnabled(false)
      state.access.clear()
      state.calls.clear()
      state.github.reset()
    }
  }
  return state
}
