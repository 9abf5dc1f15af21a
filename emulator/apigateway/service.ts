/**
 * API Gateway control plane for REST APIs: the rest APIs the emulator keeps,
 * lookups that fail as API Gateway does, and {@link ApiGatewayService.execute},
 * which runs a routed call through its handler (see routes.ts).
 */
import type { Account } from './account.js'
import type { DomainName } from './domain-names.js'
import { notFound } from './errors.js'
import type { Deployment, RestApi, Stage } from './model.js'
import { handlerOf, type RoutedCall } from './routes.js'
import { ACCOUNT_ID, DEFAULT_REGION, randomId } from '../common/wire.js'

export interface OperationResult {
  status: number
  body?: unknown
}

export class ApiGatewayService {
  readonly restApis = new Map<string, RestApi>()
  readonly domainNames = new Map<string, DomainName>()
  account: Account = {}

  constructor(readonly now: () => number = Date.now) {}

  reset(): void {
    this.restApis.clear()
    this.domainNames.clear()
    this.account = {}
  }

  domain(name: string): DomainName {
    const d = this.domainNames.get(name.toLowerCase())
    if (!d) throw notFound('Invalid domain name identifier specified')
    return d
  }

  api(id: string): RestApi {
    const api = this.restApis.get(id)
    if (!api) throw notFound(`Invalid API identifier specified ${ACCOUNT_ID}:${id}`)
    return api
  }

  stage(api: RestApi, name: string): Stage {
    const stage = api.stages.get(name)
    if (!stage) throw notFound('Invalid Stage identifier specified')
    return stage
  }

  deployment(api: RestApi, id: string): Deployment {
    const d = api.deployments.get(id)
    if (!d) throw notFound('Invalid Deployment identifier specified')
    return d
  }

  /** A random id of `length` characters that `taken` does not claim. */
  newId(length: number, taken: (id: string) => boolean): string {
    for (;;) {
      const id = randomId(length)
      if (!taken(id)) return id
    }
  }

  execute(call: RoutedCall, region = DEFAULT_REGION): OperationResult {
    return handlerOf(call.operation)(this, call.input, region)
  }
}
