/**
 * Everything one emulator keeps: the AWS services, the fault and quota settings,
 * the call log, and the fake GitHub REST API.
 */
import { apigatewayProtocol } from './apigateway/protocol.js'
import { ApiGatewayService } from './apigateway/service.js'
import { cloudwatchProtocol, isCloudWatchRequest } from './cloudwatch/protocol.js'
import { CloudWatchService } from './cloudwatch/service.js'
import { CallLog } from './common/calls.js'
import { Faults } from './common/faults.js'
import type { Request, ServiceProtocol } from './common/protocol.js'
import { Quotas } from './common/quotas.js'
import { GitHubApi } from './github/api.js'
import { isRoute53Request, route53Protocol } from './route53/protocol.js'
import { Route53Service } from './route53/service.js'

export interface EmulatorState {
  apigateway: ApiGatewayService
  cloudwatch: CloudWatchService
  route53: Route53Service
  faults: Faults
  quotas: Quotas
  calls: CallLog
  /** The fake GitHub REST API (deployments and their statuses). */
  github: GitHubApi
  /**
   * The service a request is for: CloudWatch when it has `X-Amz-Target`,
   * Route 53 when its path starts with `/2013-04-01/`, else API Gateway.
   */
  protocolFor(req: Request): ServiceProtocol
  /** Forgets everything: resources, alarms, metrics, calls, faults, quotas, GitHub's records. */
  reset(): void
}

export function createState(now: () => number = Date.now): EmulatorState {
  const apigateway = new ApiGatewayService(now)
  const cloudwatch = new CloudWatchService(now)
  const route53 = new Route53Service(now)
  const protocols = {
    apigateway: apigatewayProtocol(apigateway),
    cloudwatch: cloudwatchProtocol(cloudwatch),
    route53: route53Protocol(route53)
  }
  const state: EmulatorState = {
    apigateway,
    cloudwatch,
    route53,
    faults: new Faults(),
    quotas: new Quotas(now),
    calls: new CallLog(),
    github: new GitHubApi(now),
    protocolFor: (req) =>
      isCloudWatchRequest(req.headers['x-amz-target'])
        ? protocols.cloudwatch
        : isRoute53Request(req.url)
          ? protocols.route53
          : protocols.apigateway,
    reset() {
      state.apigateway.reset()
      state.cloudwatch.reset()
      state.route53.reset()
      state.faults.clear()
      state.quotas.setEnabled(false)
      state.calls.clear()
      state.github.reset()
    }
  }
  return state
}
