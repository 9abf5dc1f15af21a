/**
 * API Gateway control plane for REST APIs: the rest APIs the emulator keeps,
 * and lookups that fail as API Gateway does. The handlers take it as their
 * state; routes.ts runs a routed call through its handler (`executeCall`
 * there), so the service never imports the handlers back.
 */
import { notFound } from './errors.js'
import type { Account, Deployment, DomainName, RestApi, Stage } from './model.js'
import { ACCOUNT_ID, randomId } from '../common/wire.js'

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
}
