/**
 * `npm run emulator -- --port N`: starts the emulator on 127.0.0.1 and prints
 * `emulator listening on http://127.0.0.1:PORT` once it accepts requests.
 * Exits 0 on SIGTERM/SIGINT, 2 on bad arguments.
 */
import { parseArgs } from 'node:util'
import { startEmulator } from './server.js'

const USAGE = `Usage: npm run emulator -- [--port N] [--host ADDRESS]

A local stand-in for API Gateway (REST APIs), CloudWatch, Route 53, Lambda,
CloudWatch Logs, X-Ray and GitHub Deployments, for tests and demos.

Options:
  --port N        port to listen on; 0 picks a free one (default 0)
  --host ADDRESS  address to bind (default 127.0.0.1)
  -h, --help      show this help

Point the SDK clients and the AWS CLI at it with AWS_ENDPOINT_URL=http://127.0.0.1:PORT.
Test hooks: GET /_emulator/calls, POST /_emulator/faults, POST /_emulator/quotas,
POST /_emulator/reset.`

function fail(message: string): never {
  process.stderr.write(`emulator: ${message} (try --help)\n`)
  process.exit(2)
}

async function main(): Promise<void> {
  let values: { port?: string; host?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' }
      },
      strict: true,
      allowPositionals: false
    }))
  } catch (e) {
    fail((e as Error).message.split('\n')[0] ?? 'invalid arguments')
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`)
    return
  }
  const rawPort = values.port ?? '0'
  if (!/^\d+$/.test(rawPort) || Number(rawPort) > 65535) {
    fail(`invalid --port '${rawPort}': expected an integer from 0 to 65535`)
  }
  const host = values.host ?? '127.0.0.1'
  let emulator: Awaited<ReturnType<typeof startEmulator>>
  try {
    emulator = await startEmulator({ port: Number(rawPort), host })
  } catch (e) {
    process.stderr.write(`emulator: cannot listen on ${host}:${rawPort}: ${(e as Error).message}\n`)
    process.exit(1)
  }
  process.stdout.write(`emulator listening on ${emulator.url}\n`)

  let stopping = false
  const stop = (): void => {
    if (stopping) return
    stopping = true
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

void main()
