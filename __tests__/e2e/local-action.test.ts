/**
 * `npm run local-action` with .env.example as shipped: after
 * `npm run local-action:seed` on the emulator, src/main.ts runs with the
 * variables of .env (as @github/local-action loads them: into process.env,
 * then run()) and succeeds, writing its job summary; on an API that does not
 * exist it exits 1, as .env.example says. local-action itself is not run here
 * (npx would fetch it from the registry); it adds only the loading of .env.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseEnv } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals'
import { startEmulator, type Emulator } from '../../emulator/server.js'
import { inheritedEnv, runProcess } from '../../local-runner/run-action.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const TSX = resolve(ROOT, 'node_modules/.bin/tsx')

let emu: Emulator
let dir: string
beforeAll(async () => {
  emu = await startEmulator({ port: 0 })
  dir = mkdtempSync(join(tmpdir(), 'apigw-canary-local-action-'))
})
afterAll(async () => {
  await emu.close()
  rmSync(dir, { recursive: true, force: true })
})

/** .env.example as shipped, pointed at this test's emulator and summary file. */
function dotEnv(): string {
  const env = join(dir, '.env')
  copyFileSync(resolve(ROOT, '.env.example'), env)
  const text = readFileSync(env, 'utf8')
    .replaceAll('http://127.0.0.1:4566', emu.url)
    .replace(/^GITHUB_STEP_SUMMARY=.*$/m, `GITHUB_STEP_SUMMARY=${join(dir, 'summary.md')}`)
  writeFileSync(env, text)
  return env
}

/** tsx on the Node running the tests (node_modules/.bin/tsx runs on the `node` of PATH). */
function tsx(args: string[], env: NodeJS.ProcessEnv) {
  const base = inheritedEnv()
  base.PATH = `${dirname(process.execPath)}:${base.PATH ?? ''}`
  return runProcess(TSX, args, { ...base, ...env })
}

/** What local-action does with .env: its variables in process.env, then main.ts's run(). */
const runMain = (envFile: string) =>
  tsx(
    ['--eval', "import('./src/main.ts').then((m) => m.run())"],
    parseEnv(readFileSync(envFile, 'utf8')) as NodeJS.ProcessEnv
  )

describe('npm run local-action with .env.example', () => {
  it('fails with exit 1 on the sample API before it is seeded, as .env.example says', async () => {
    const r = await runMain(dotEnv())
    expect(r.code).toBe(1)
    expect(r.stdout).toMatch(/^::error::REST API 'a1b2c3d4e5' was not found in us-east-1/m)
  })

  it('succeeds after npm run local-action:seed, and writes the job summary', async () => {
    const env = dotEnv()
    const seed = await tsx(['local-runner/seed-env.ts', env], {})
    expect(seed.stderr).toBe('')
    expect(seed.code).toBe(0)
    const id = /^INPUT_REST-API-ID=(\w+)$/m.exec(readFileSync(env, 'utf8'))?.[1]
    expect(id).toBeDefined()
    expect(id).not.toBe('a1b2c3d4e5')

    const r = await runMain(env)
    expect(r.stdout).not.toContain('::error::')
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`Stage prod of ${id}`)
    expect(r.stdout).toMatch(/prod-canary-5xx: OK/)
    const summary = readFileSync(join(dir, 'summary.md'), 'utf8')
    expect(summary).toContain('## apigw-canary · `status` · stage `prod`')
  })
})
