/**
 * `npm run local-action` (@github/local-action, run through npx rather than
 * installed: it brings its own TypeScript, tsx and Octokit) runs src/main.ts
 * with the inputs of .env. The example file must name only real inputs, and
 * the entrypoint must export the run() local-action calls.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import * as main from '../src/main.js'

const root = new URL('../', import.meta.url)
const read = (f: string) => readFileSync(new URL(f, root), 'utf8')
const pkg = JSON.parse(read('package.json')) as {
  scripts: Record<string, string>
  dependencies: Record<string, string>
  devDependencies: Record<string, string>
}
const action = parse(read('action.yml')) as { inputs: Record<string, unknown> }

describe('local-action support', () => {
  it('npm run local-action runs src/main.ts with .env through npx', () => {
    expect(pkg.scripts['local-action']).toMatch(
      /^npx --yes @github\/local-action@\d+ run \. src\/main\.ts \.env$/
    )
    expect({ ...pkg.dependencies, ...pkg.devDependencies }).not.toHaveProperty(
      '@github/local-action'
    )
    expect(typeof main.run).toBe('function')
  })

  it('.env.example sets only declared inputs, and says local-action exits 0 on failure', () => {
    const env = read('.env.example')
    const inputs = [...env.matchAll(/^INPUT_([A-Z0-9-]+)=/gm)].map((m) => m[1]!.toLowerCase())
    expect(inputs).toEqual(expect.arrayContaining(['command', 'rest-api-id', 'stage']))
    expect(inputs.filter((i) => !(i in action.inputs))).toEqual([])
    expect(env).toMatch(/exits 0 even when the step fails: read the `abort-reason` output/)
  })

  it('.env is never committed', () => {
    expect(read('.gitignore').split('\n')).toContain('.env')
  })
})
