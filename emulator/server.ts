/**
 * The emulator's HTTP server: one endpoint for API Gateway (REST-JSON),
 * CloudWatch (AWS JSON 1.0, chosen by the `X-Amz-Target` header) and the
 * `/_emulator/*` test hooks.
 */
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

import { ApiGatewayService, routeApiGateway, type RoutedCall } from './apigateway.js'
import { CallLog, type CallRecord } from './calls.js'
import { CLOUDWATCH_OPERATIONS, CLOUDWATCH_TARGET_PREFIX, CloudWatchService } from './cloudwatch.js'
import {
  AwsError,
  cwServiceUnavailable,
  cwThrottling,
  serviceUnavailable,
  tooManyRequests
} from './errors.js'
import { Faults, type FaultKind, Quotas, parseFaultConfig } from './faults.js'
import { isRecord, regionFromAuthorization, toWireJson } from './util.js'

export interface EmulatorState {
  apigateway: ApiGatewayService
  cloudwatch: CloudWatchService
  faults: Faults
  quotas: Quotas
  calls: CallLog
  /** Forgets everything: resources, alarms, metrics, calls, faults, quotas. */
  reset(): void
}

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

const MAX_BODY = 16 * 1024 * 1024
/** How long an idle keep-alive connection stays open. */
const KEEP_ALIVE_MS = 60_000

export function createState(now: () => number = Date.now): EmulatorState {
  const state: EmulatorState = {
    apigateway: new ApiGatewayService(now),
    cloudwatch: new CloudWatchService(now),
    faults: new Faults(),
    quotas: new Quotas(now),
    calls: new CallLog(),
    reset() {
      state.apigateway.reset()
      state.cloudwatch.reset()
      state.faults.clear()
      state.quotas.setEnabled(false)
      state.calls.clear()
    }
  }
  return state
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        reject(new Error('request body too large'))
        req.destroy()
        return
      }
      chunks.push(c)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body)
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text)
  })
  res.end(text)
}

interface Answer {
  status: number
  headers: Record<string, string>
  body: string
}

function apigatewayAnswer(status: number, body: unknown): Answer {
  const text = body === undefined ? '' : toWireJson(body)
  return { status, headers: { 'content-type': 'application/json' }, body: text }
}

function apigatewayError(e: AwsError): Answer {
  return {
    status: e.status,
    headers: { 'content-type': 'application/json', 'x-amzn-ErrorType': e.code },
    body: JSON.stringify({ message: e.awsMessage ?? null })
  }
}

function cloudwatchAnswer(body: unknown): Answer {
  return {
    status: 200,
    headers: { 'content-type': 'application/x-amz-json-1.0' },
    body: toWireJson(body ?? {})
  }
}

function cloudwatchError(e: AwsError): Answer {
  const body: Record<string, unknown> = { __type: `com.amazonaws.cloudwatch#${e.shape ?? e.code}` }
  if (e.awsMessage !== undefined) body.message = e.awsMessage
  return {
    status: e.status,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-query-error': `${e.code};${e.fault}`
    },
    body: JSON.stringify(body)
  }
}

const internalError = (err: unknown): AwsError =>
  new AwsError('InternalFailure', 500, `Emulator error: ${(err as Error)?.message ?? String(err)}`)

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

  async function handleHook(req: IncomingMessage, res: ServerResponse, url: URL, raw: string) {
    const route = `${req.method ?? ''} ${url.pathname.replace(/\/+$/, '')}`
    let body: unknown = {}
    if (raw.trim() !== '') {
      try {
        body = JSON.parse(raw)
      } catch {
        return sendJson(res, 400, { message: 'body must be JSON' })
      }
    }
    switch (route) {
      case 'GET /_emulator/calls':
        return sendJson(res, 200, state.calls.all())
      case 'DELETE /_emulator/calls':
        state.calls.clear()
        return sendJson(res, 200, {})
      case 'GET /_emulator/faults':
        return sendJson(res, 200, state.faults.get())
      case 'POST /_emulator/faults': {
        const parsed = parseFaultConfig(body)
        if (typeof parsed === 'string') return sendJson(res, 400, { message: parsed })
        state.faults.set(parsed)
        return sendJson(res, 200, state.faults.get())
      }
      case 'GET /_emulator/quotas':
        return sendJson(res, 200, { enabled: state.quotas.enabled })
      case 'POST /_emulator/quotas': {
        if (!isRecord(body) || typeof body.enabled !== 'boolean') {
          return sendJson(res, 400, { message: 'quotas body must be {"enabled": true|false}' })
        }
        state.quotas.setEnabled(body.enabled)
        return sendJson(res, 200, { enabled: state.quotas.enabled })
      }
      case 'POST /_emulator/reset':
        state.reset()
        return sendJson(res, 200, {})
      case 'GET /_emulator/health':
        return sendJson(res, 200, { ok: true })
    }
    return sendJson(res, 404, { message: `no emulator hook ${route}` })
  }

  async function handleAws(req: IncomingMessage, res: ServerResponse, url: URL, raw: string) {
    const time = new Date().toISOString()
    const target = req.headers['x-amz-target']
    const isCloudWatch = typeof target === 'string' && target !== ''
    const service: CallRecord['service'] = isCloudWatch ? 'cloudwatch' : 'apigateway'
    const region = regionFromAuthorization(req.headers.authorization)
    const errorAnswer = isCloudWatch ? cloudwatchError : apigatewayError

    // 1. Identify the operation and its input.
    let operation = 'Unknown'
    let input: Record<string, unknown> = {}
    let routed: RoutedCall | undefined
    let early: AwsError | undefined
    if (isCloudWatch) {
      operation = target.startsWith(CLOUDWATCH_TARGET_PREFIX)
        ? target.slice(CLOUDWATCH_TARGET_PREFIX.length)
        : target
      try {
        const parsed: unknown = raw.trim() === '' ? {} : JSON.parse(raw)
        if (!isRecord(parsed)) throw new Error('not an object')
        input = parsed
      } catch {
        early = new AwsError('SerializationException', 400, 'Request body is not a JSON object')
      }
      if (!early && !(CLOUDWATCH_OPERATIONS as readonly string[]).includes(operation)) {
        early = new AwsError('InvalidAction', 400, `Operation ${operation} is not supported.`)
      }
    } else {
      try {
        routed = routeApiGateway(req.method ?? 'GET', url, raw)
        operation = routed.operation
        input = routed.input
      } catch (e) {
        early = e instanceof AwsError ? e : internalError(e)
      }
    }

    const record: CallRecord = {
      service,
      operation,
      time,
      status: 0,
      input: structuredClone(input)
    }

    // 2. Faults and quotas, then the operation itself.
    let answer: Answer | undefined
    let fault: FaultKind | 'quota' | undefined
    if (early) {
      answer = errorAnswer(early)
      record.error = early.code
    } else {
      fault = state.faults.decide(operation)
      if (!fault && !isCloudWatch && !state.quotas.admit(operation)) fault = 'quota'
      if (fault === 'throttle' || fault === 'quota') {
        const e = isCloudWatch ? cwThrottling() : tooManyRequests()
        answer = errorAnswer(e)
        record.error = e.code
      } else if (fault === 'error') {
        const e = isCloudWatch ? cwServiceUnavailable() : serviceUnavailable()
        answer = errorAnswer(e)
        record.error = e.code
      }
      const apply = !fault || (fault === 'reset' && state.faults.resetAfterApply)
      if (apply) {
        try {
          if (isCloudWatch) {
            answer = cloudwatchAnswer(state.cloudwatch.execute(operation, input, region))
          } else if (routed) {
            const r = state.apigateway.execute(routed)
            answer = apigatewayAnswer(r.status, r.body)
          }
        } catch (e) {
          const err = e instanceof AwsError ? e : internalError(e)
          answer = errorAnswer(err)
          record.error = err.code
        }
      }
    }
    if (fault) record.fault = fault

    if (fault === 'reset') {
      record.status = 0
      state.calls.add(record)
      later(state.faults.latencyMs, () => req.socket.destroy())
      return
    }
    const a = answer ?? errorAnswer(internalError('no answer'))
    record.status = a.status
    state.calls.add(record)
    later(state.faults.latencyMs, () => {
      if (res.destroyed) return
      res.writeHead(a.status, {
        ...a.headers,
        'x-amzn-RequestId': randomUUID(),
        'content-length': String(Buffer.byteLength(a.body))
      })
      res.end(a.body)
    })
  }

  const server = createServer((req, res) => {
    readBody(req)
      .then((raw) => {
        const url = new URL(req.url ?? '/', 'http://emulator.local')
        if (url.pathname.startsWith('/_emulator/')) return handleHook(req, res, url, raw)
        return handleAws(req, res, url, raw)
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
