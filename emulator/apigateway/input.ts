/** Reading API Gateway request input: strings, string maps, stage variables, traffic, pages. */
import { badRequest } from './errors.js'
import { type RestApi, checkVariableCount, stageVariableProblem } from './model.js'
import type { ApiGatewayService, OperationResult } from './service.js'
import { isRecord } from '../common/wire.js'

/** Path parameters, query parameters and the JSON body of a request, merged. */
export type Input = Record<string, unknown>

const DEFAULT_PAGE = 25
const MAX_PAGE = 500

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

export function stringMap(v: unknown, field: string): Record<string, string> {
  if (v === undefined || v === null) return {}
  if (!isRecord(v)) throw badRequest(`Invalid ${field}: must be a map of strings`)
  const out: Record<string, string> = {}
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string')
      throw badRequest(`Invalid ${field}: value of ${k} must be a string`)
    out[k] = val
  }
  return out
}

/** A map of stage variables (or canary overrides) from `v`, validated. */
export function variablesOf(v: unknown, field: string): Record<string, string> {
  const vars = stringMap(v, field)
  checkVariableCount(vars)
  for (const [k, val] of Object.entries(vars)) {
    const problem = stageVariableProblem(k, val)
    if (problem) throw badRequest(problem)
  }
  return vars
}

export function percentOf(v: unknown): number {
  if (v === undefined || v === null) return 0
  const n = typeof v === 'number' ? v : Number(v)
  if (!Number.isFinite(n) || n < 0 || n > 100) {
    throw badRequest('Canary traffic percentage must be between 0.0 and 100.0')
  }
  return n
}

/** One page of `items` by the request's `limit` and `position`, as the Get* list operations page. */
export function page<T>(items: T[], input: Input): { item: T[]; position?: string } {
  const rawLimit = input.limit
  let limit = DEFAULT_PAGE
  if (rawLimit !== undefined) {
    const n = Number(rawLimit)
    if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE) {
      throw badRequest(`Invalid limit ${String(rawLimit)}. Must be between 1 and ${MAX_PAGE}.`)
    }
    limit = n
  }
  let start = 0
  const position = str(input.position)
  if (position !== undefined && position !== '') {
    const decoded = Number(Buffer.from(position, 'base64url').toString('utf8'))
    if (!Number.isInteger(decoded) || decoded < 0) throw badRequest('Invalid position parameter')
    start = decoded
  }
  const item = items.slice(start, start + limit)
  const next = start + limit
  return next < items.length
    ? { item, position: Buffer.from(String(next), 'utf8').toString('base64url') }
    : { item }
}

/** A Get* handler: the API named by `restApiId`, then what `body` reads from it, with 200. */
export function reader(
  body: (api: RestApi, i: Input, svc: ApiGatewayService) => unknown
): (svc: ApiGatewayService, i: Input) => OperationResult {
  return (svc, i) => ({ status: 200, body: body(svc.api(String(i.restApiId)), i, svc) })
}

/** Whether the request's `embed` query parameter (comma-separated) names `what`. */
export function embeds(i: Input, what: string): boolean {
  const e = i.embed
  const list = Array.isArray(e) ? e.map(String) : typeof e === 'string' ? e.split(',') : []
  return list.map((x) => x.trim()).includes(what)
}
