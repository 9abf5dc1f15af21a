/**
 * The emulator's HTTP server: it listens, reads each request and dispatches
 * it to the `/_emulator/*` test hooks (hooks.ts) or to an AWS service
 * (aws-call.ts: API Gateway in REST-JSON, CloudWatch in AWS JSON 1.0, chosen
 * by the `X-Amz-Target` header) or to the fake GitHub REST API
 * (`/repos/...`, github/api.ts), then writes the answer after the configured
 * latency.
 */
import { randomUUID } from 'node:crypto'
import { createServer } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

import { serveAwsCall } from './aws-call.js'
import { isGitHubRequest } from './github/api.js'
import { serveHook } from './hooks.js'
import { readBody, sendJson } from './common/http.js'
import type { Answer } from './common/protocol.js'
import { createState, type EmulatorState } from './state.js'

export { createState, type EmulatorState } from './state.js'

export interface Emulator {
  /** `http://127.0.0.1:PORT`, for `endpoint` / `AWS_ENDPOINT_URL`. */
  url: string
  port: number
  state: EmulatorState
  close(): Promise<void>
}

export interface EmulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number
  /** Default 127.0.0.1. */
  host?: string
  /** Clock for timestamps and quotas (tests). */
  now?: () => number
}

/** How long an idle keep-alive connection stays open. */
const KEEP_ALIVE_MS = 60_000

export async function startEmulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  const host = opts.host ?? '127.0.0.1'
  const state = createState(opts.now)
  const timers = new Set<NodeJS.Timeout>()
  const sockets = new Set<Socket>()

  const later = (ms: number, fn: () => void): void => {
    if (ms <= 0) return fn()
    const t = setTimeout(() => {
      timers.delete(t)
      fn()
    }, ms)
    timers.add(t)
  }

  const server = createServer((req, res) => {
    readBody(req)
      .then((body) => {
        const method = req.method ?? 'GET'
        const url = new URL(req.url ?? '/', 'http://emulator.local')
        if (url.pathname.startsWith('/_emulator/')) {
          const a = serveHook(state, method, url, body)
          return sendJson(res, a.status, a.body)
        }
        const request = { method, url, headers: req.headers, body }
        const write = (a: Answer, extra: Record<string, string> = {}) => {
          if (res.destroyed) return
          res.writeHead(a.status, {
            ...a.headers,
            ...extra,
            'content-length': String(Buffer.byteLength(a.body))
          })
          res.end(a.body)
        }
        if (isGitHubRequest(url.pathname)) {
          const gh = state.github.serve(request)
          if (gh.kind === 'drop') return req.socket.destroy()
          return later(gh.delayMs, () => write(gh.answer))
        }
        const outcome = serveAwsCall(state, request)
        later(state.faults.latencyMs, () => {
          if (outcome.kind === 'drop') return req.socket.destroy()
          write(outcome.answer, { 'x-amzn-RequestId': randomUUID() })
        })
      })
      .catch((err: unknown) => {
        if (!res.headersSent && !res.destroyed) {
          sendJson(res, 500, { message: (err as Error)?.message ?? String(err) })
        }
      })
  })
  // Node closes idle keep-alive connections after 5 s. A client that waits
  // about that long between calls (a bake, a slow AWS CLI run, a busy event
  // loop) can then write into a socket the server is closing and get
  // ECONNRESET, which AWS endpoints do not do. Keep idle connections a minute.
  server.keepAliveTimeout = KEEP_ALIVE_MS
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject)
      resolve()
    })
  })
  const port = (server.address() as AddressInfo).port
  const urlHost = host.includes(':') ? `[${host}]` : host

  let closing: Promise<void> | undefined
  return {
    url: `http://${urlHost}:${port}`,
    port,
    state,
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const t of timers) clearTimeout(t)
        timers.clear()
        server.close(() => resolve())
        for (const s of sockets) s.destroy()
        server.closeAllConnections()
      })
      return closing
    }
  }
}
