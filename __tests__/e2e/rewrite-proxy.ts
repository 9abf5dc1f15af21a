/**
 * An HTTP proxy in front of the emulator that can change an answer before the
 * action reads it: what a compromised or impersonated endpoint could send
 * (an id that is not AWS's form, a huge response header).
 */
import { createServer, request, type IncomingHttpHeaders } from 'node:http'
import { listenLocally } from './slow-proxy.js'

export interface Answer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

export interface RewriteProxy {
  url: string
  /** `METHOD path` of every request seen, in order; rewritten ones end with ` (rewritten)`. */
  seen: string[]
  close(): Promise<void>
}

/** `rewrite` returns the answer to send instead, or undefined to pass the emulator's on. */
export async function rewriteProxy(
  target: string,
  rewrite: (req: { method: string; path: string }, answer: Answer) => Answer | undefined
): Promise<RewriteProxy> {
  const to = new URL(target)
  const seen: string[] = []
  const server = createServer((req, res) => {
    const body: Buffer[] = []
    req.on('data', (c: Buffer) => body.push(c))
    req.on('end', () => {
      const up = request(
        {
          host: to.hostname,
          port: to.port,
          path: req.url,
          method: req.method,
          headers: req.headers
        },
        (answer) => {
          const chunks: Buffer[] = []
          answer.on('data', (c: Buffer) => chunks.push(c))
          answer.on('end', () => {
            const original: Answer = {
              status: answer.statusCode ?? 502,
              headers: { ...answer.headers },
              body: Buffer.concat(chunks).toString('utf8')
            }
            const changed = rewrite({ method: req.method ?? '', path: req.url ?? '' }, original)
            seen.push(`${req.method} ${req.url}${changed ? ' (rewritten)' : ''}`)
            const out = changed ?? original
            const headers = { ...out.headers }
            delete headers['content-length']
            delete headers['transfer-encoding']
            res.writeHead(out.status, { ...headers, 'content-length': Buffer.byteLength(out.body) })
            res.end(out.body)
          })
        }
      )
      up.on('error', () => res.destroy())
      up.end(Buffer.concat(body))
    })
  })
  return { ...(await listenLocally(server)), seen }
}
