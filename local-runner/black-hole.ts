/**
 * Peers that accept a connection and never answer: what a NAT that forgot a
 * connection, a proxy black hole or an endpoint brown-out look like to a
 * client. For tests, the chaos suite and the bench; 127.0.0.1 only.
 *
 * - `blackHole()`: a TCP server that accepts and never reads nor writes.
 * - `blackHoleProxy(target, decide)`: an HTTP proxy in front of the emulator
 *   (AWS and the fake GitHub API) that forwards each request or holds it
 *   without an answer, as `decide` says: before forwarding ('stall': the call
 *   never reaches AWS) or after ('stall-after': it applied, its answer never
 *   comes back).
 */
import { createServer as createHttpServer, request, type IncomingHttpHeaders } from 'node:http'
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net'
import { routeApiGateway } from '../emulator/apigateway/routes.js'

export interface BlackHole {
  url: string
  /** Connections accepted so far. */
  accepted: number
  /** Connections still open (the client has not given up on them). */
  open(): number
  close(): Promise<void>
}

function track(server: Server): { sockets: Set<Socket>; accepted: () => number } {
  const sockets = new Set<Socket>()
  let accepted = 0
  server.on('connection', (s) => {
    accepted++
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
    s.on('error', () => {})
  })
  return { sockets, accepted: () => accepted }
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return (server.address() as AddressInfo).port
}

function closer(server: Server, sockets: Set<Socket>): () => Promise<void> {
  return () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    })
}

/** Accepts every connection and never sends a byte. */
export async function blackHole(): Promise<BlackHole> {
  const server = createServer(() => {})
  const t = track(server)
  const port = await listen(server)
  return {
    url: `http://127.0.0.1:${port}`,
    get accepted() {
      return t.accepted()
    },
    open: () => t.sockets.size,
    close: closer(server, t.sockets)
  }
}

export type Verdict = 'pass' | 'stall' | 'stall-after'

export interface ProxiedRequest {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
  /** The AWS operation (`UpdateStage`, `DescribeAlarms`, …) or `GitHub <METHOD> <path>`. */
  operation: string
}

export interface BlackHoleProxy {
  url: string
  /** Every request seen, as its operation, in order; held ones end with ` (stalled)`. */
  seen: string[]
  /** The operations held so far. */
  stalled: string[]
  /** What to do with each request from now on. */
  decide: (r: ProxiedRequest) => Verdict
  /** Every request on a connection open now is held from now on (a NAT that forgot them). */
  silenceOpenConnections(): void
  /** Connections to the proxy still open. */
  open(): number
  close(): Promise<void>
}

/** The operation a request to the emulator is. */
export function operationOf(
  method: string,
  url: string,
  headers: IncomingHttpHeaders,
  body: string
): string {
  const target = headers['x-amz-target']
  if (typeof target === 'string') return target.split('.').pop() ?? target
  const u = new URL(url, 'http://proxy.local')
  if (u.pathname.startsWith('/repos/')) return `GitHub ${method} ${u.pathname}`
  try {
    return routeApiGateway(method, u, body).operation
  } catch {
    return `${method} ${u.pathname}`
  }
}

export async function blackHoleProxy(
  target: string,
  decide: (r: ProxiedRequest) => Verdict = () => 'pass'
): Promise<BlackHoleProxy> {
  const to = new URL(target)
  const silenced = new WeakSet<Socket>()
  const proxy: BlackHoleProxy = {
    url: '',
    seen: [],
    stalled: [],
    decide,
    silenceOpenConnections: () => t.sockets.forEach((s) => silenced.add(s)),
    open: () => t.sockets.size,
    close: async () => {}
  }
  const server = createHttpServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      const method = req.method ?? 'GET'
      const operation = operationOf(method, req.url ?? '/', req.headers, body.toString())
      const verdict = silenced.has(req.socket)
        ? 'stall'
        : proxy.decide({
            method,
            url: req.url ?? '/',
            headers: req.headers,
            body: body.toString(),
            operation
          })
      proxy.seen.push(`${operation}${verdict === 'pass' ? '' : ' (stalled)'}`)
      if (verdict !== 'pass') proxy.stalled.push(operation)
      if (verdict === 'stall') return
      const up = request(
        { host: to.hostname, port: to.port, path: req.url, method, headers: req.headers },
        (answer) => {
          if (verdict === 'stall-after' || res.destroyed) return void answer.resume()
          res.writeHead(answer.statusCode ?? 502, answer.headers)
          answer.pipe(res)
        }
      )
      up.on('error', () => res.destroy())
      up.end(body)
    })
  })
  server.keepAliveTimeout = 60_000
  const t = track(server)
  const port = await listen(server)
  proxy.url = `http://127.0.0.1:${port}`
  proxy.close = closer(server, t.sockets)
  return proxy
}
