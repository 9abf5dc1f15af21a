/**
 * An HTTP proxy in front of the emulator that slows chosen requests down, for
 * what the emulator's own latency fault cannot show: AWS still working on a
 * call before it takes effect ('before'), or an answer that is slow to come
 * back after it did ('after').
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SlowProxy {
  url: string
  /** `METHOD path` of every request seen, in order; slowed ones end with ` (slow)`. */
  seen: string[]
  close(): Promise<void>
}

export async function slowProxy(
  target: string,
  opts: { match: (req: IncomingMessage) => boolean; delayMs: number; when: 'before' | 'after' }
): Promise<SlowProxy> {
  const to = new URL(target)
  const seen: string[] = []
  const timers = new Set<NodeJS.Timeout>()
  const server = createServer((req, res) => {
    const body: Buffer[] = []
    req.on('data', (c: Buffer) => body.push(c))
    req.on('end', () => {
      const slow = opts.match(req)
      seen.push(`${req.method} ${req.url}${slow ? ' (slow)' : ''}`)
      const later = (when: 'before' | 'after', fn: () => void) => {
        if (!slow || opts.when !== when) return fn()
        const t = setTimeout(() => {
          timers.delete(t)
          fn()
        }, opts.delayMs)
        timers.add(t)
      }
      later('before', () => {
        const up = request(
          {
            host: to.hostname,
            port: to.port,
            path: req.url,
            method: req.method,
            headers: req.headers
          },
          (answer) =>
            later('after', () => {
              if (res.destroyed) return void answer.resume()
              res.writeHead(answer.statusCode ?? 502, answer.headers)
              answer.pipe(res)
            })
        )
        up.on('error', () => res.destroy())
        up.end(Buffer.concat(body))
      })
    })
  })
  const listening = await listenLocally(server, () => {
    for (const t of timers) clearTimeout(t)
  })
  return { ...listening, seen }
}

/** Listens on a free local port; `close` runs `before`, drops every connection and stops. */
export async function listenLocally(
  server: Server,
  before: () => void = () => {}
): Promise<{ url: string; close(): Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        before()
        server.closeAllConnections()
        server.close(() => resolve())
      })
  }
}
