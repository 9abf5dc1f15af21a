/**
 * REST-JSON routing shared by the services that name their operation by
 * method and path (Lambda, X-Ray): a route per operation from a path pattern
 * whose `{name}` segments are path parameters, and the request's input
 * (path parameters, the listed query parameters and the JSON body, merged).
 */
import { AwsError } from './errors.js'
import type { Identified, Request } from './protocol.js'
import { isRecord } from './wire.js'

export interface RestRoute {
  method: string
  pattern: string
  re: RegExp
  params: string[]
  operation: string
}

/** A route from `pattern`, e.g. `/2015-03-31/functions/{FunctionName}/policy`. */
export function restRoute(method: string, pattern: string, operation: string): RestRoute {
  const params: string[] = []
  const source = pattern.replace(/\{(\w+)\}/g, (_m, name: string) => {
    params.push(name)
    return '([^/]+)'
  })
  return { method, pattern, re: new RegExp(`^${source}$`), params, operation }
}

/**
 * The operation and input of a request by `routes`; `refused` with `unknown`
 * for an unknown route, or with `badBody` for a body that is not a JSON object.
 */
export function identifyRest(
  routes: readonly RestRoute[],
  req: Request,
  queryParams: readonly string[],
  errors: { unknown: () => AwsError; badBody: () => AwsError }
): Identified {
  const path = req.url.pathname.replace(/\/+$/, '') || '/'
  const r = routes.find((x) => x.method === req.method && x.re.test(path))
  if (!r) return { operation: 'Unknown', input: {}, refused: errors.unknown() }
  const m = r.re.exec(path) ?? []
  const input: Record<string, unknown> = {}
  for (const q of queryParams) {
    const v = req.url.searchParams.get(q)
    if (v !== null) input[q] = v
  }
  if (req.body.trim() !== '') {
    let body: unknown
    try {
      body = JSON.parse(req.body)
    } catch {
      body = undefined
    }
    if (!isRecord(body)) return { operation: r.operation, input, refused: errors.badBody() }
    Object.assign(input, body)
  }
  r.params.forEach((name, idx) => {
    input[name] = decodeURIComponent(m[idx + 1] ?? '')
  })
  return { operation: r.operation, input }
}

/** A JSON answer. */
export const jsonAnswer = (status: number, body: unknown, type = 'application/json') => ({
  status,
  headers: { 'content-type': type },
  body: body === undefined ? '' : JSON.stringify(body)
})

/** An unknown REST route, as the services answer it. */
export const unknownOperation = (): AwsError =>
  new AwsError('UnknownOperationException', 404, 'Unknown operation')
