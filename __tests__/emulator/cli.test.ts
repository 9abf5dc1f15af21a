import { execFile, spawn } from 'node:child_process'
import { once } from 'node:events'
import path from 'node:path'
import { promisify } from 'node:util'

import { CreateRestApiCommand, GetRestApisCommand } from '@aws-sdk/client-api-gateway'
import { describe, expect, it } from '@jest/globals'

import { clients } from './helpers.js'

const run = promisify(execFile)
const root = process.cwd()
const tsx = path.join(root, 'node_modules', '.bin', 'tsx')
const cliPath = path.join(root, 'emulator', 'cli.ts')

describe('the emulator command', () => {
  // As the emulator README gives it: `npm run emulator -- --port N`, signalled through npm's own process.
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'npm run emulator prints the ready line, serves calls and exits 0 on %s, freeing the port',
    async (sig) => {
      // A process group of its own, so that whatever npm leaves behind can be cleaned up.
      const child = spawn('npm', ['run', '-s', 'emulator', '--', '--port', '0'], {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true
      })
      try {
        let out = ''
        const url = await new Promise<string>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`no ready line; stdout: ${out}`)), 15_000)
          child.stdout.on('data', (d: Buffer) => {
            out += d.toString()
            const m = /^emulator listening on (http:\/\/127\.0\.0\.1:(\d+))$/m.exec(out)
            if (m) {
              clearTimeout(timer)
              resolve(m[1]!)
            }
          })
          child.once('exit', (code) => reject(new Error(`exited early with ${code}`)))
        })
        expect(out).toBe(`emulator listening on ${url}\n`)
        const { apigw } = clients(url)
        await apigw.send(new CreateRestApiCommand({ name: 'cli' }))
        expect((await apigw.send(new GetRestApisCommand({}))).items!.map((a) => a.name)).toEqual([
          'cli'
        ])
        apigw.destroy()
        const exited = once(child, 'exit')
        child.kill(sig)
        let timer: NodeJS.Timeout | undefined
        const [code, signal] = (await Promise.race([
          exited,
          new Promise(
            (resolve) => (timer = setTimeout(() => resolve(['still running', null]), 10_000))
          )
        ]).finally(() => clearTimeout(timer))) as [number | string | null, string | null]
        expect({ code, signal }).toEqual({ code: 0, signal: null })
        // nothing is left serving behind npm
        await expect(fetch(`${url}/_emulator/calls`)).rejects.toThrow()
      } finally {
        try {
          process.kill(-child.pid!, 'SIGKILL')
        } catch {
          // the group is gone: nothing was left behind
        }
      }
    }
  )

  it('prints usage for --help and exits 2 with one line for a bad --port', async () => {
    const help = await run(tsx, [cliPath, '--help'])
    expect(help.stdout).toMatch(/^Usage: npm run emulator -- \[--port N\]/)
    const bad = await run(tsx, [cliPath, '--port', 'eighty']).then(
      () => undefined,
      (e: { code: number; stderr: string; stdout: string }) => e
    )
    expect(bad?.code).toBe(2)
    expect(bad?.stdout).toBe('')
    expect(bad?.stderr.trim().split('\n')).toHaveLength(1)
    expect(bad?.stderr).toMatch(/invalid --port 'eighty'/)
    const unknown = await run(tsx, [cliPath, '--prot', '1']).then(
      () => undefined,
      (e: { code: number }) => e
    )
    expect(unknown?.code).toBe(2)
  })
})
