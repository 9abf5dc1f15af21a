/**
 * `npm run local-action` (@github/local-action, run through npx rather than
 * installed: it brings its own TypeScript, tsx and Octokit) runs src/main.ts
 * with the inputs of .env. The example file must name only real inputs, and
 * the entrypoint must export the run() local-action calls.
 */
import { readdirSync, readFileSync } from 'node:fs'
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

  it('.env.example sets only declared inputs, and says local-action exits 1 when the step fails', () => {
    const env = read('.env.example')
    const inputs = [...env.matchAll(/^INPUT_([A-Z0-9-]+)=/gm)].map((m) => m[1]!.toLowerCase())
    expect(inputs).toEqual(expect.arrayContaining(['command', 'rest-api-id', 'stage']))
    expect(inputs.filter((i) => !(i in action.inputs))).toEqual([])
    // __tests__/e2e/local-action.test.ts runs it both ways
    expect(env).toMatch(/exit code is the step's: 0 when the step succeeded, 1 when it failed/)
    expect(env).not.toMatch(/exits 0 even when the step fails/)
  })

  it('.env.example sets every GitHub variable the action reads, the job summary file included', () => {
    const names = new Set<string>()
    const walk = (dir: string) => {
      for (const e of readdirSync(new URL(dir, root), { withFileTypes: true })) {
        if (e.isDirectory()) walk(`${dir}${e.name}/`)
        else if (e.name.endsWith('.ts')) {
          const text = read(`${dir}${e.name}`)
          for (const m of text.matchAll(/\benv(?:\.|\[')(GITHUB_[A-Z_]+)|'(GITHUB_[A-Z_]+)'/g)) {
            names.add((m[1] ?? m[2])!)
          }
        }
      }
    }
    walk('src/')
    expect(names).toContain('GITHUB_SHA')
    // GITHUB_OUTPUT stays unset: local-action shows the outputs itself. GITHUB_TOKEN: the input.
    // GITHUB_STEP_SUMMARY: @actions/core's summary writes the job summary there.
    const wanted = [...names, 'GITHUB_STEP_SUMMARY']
      .filter((n) => n !== 'GITHUB_OUTPUT' && n !== 'GITHUB_TOKEN')
      .sort()
    const set = [...read('.env.example').matchAll(/^(GITHUB_[A-Z_]+)=/gm)].map((m) => m[1]!)
    expect(wanted.filter((n) => !set.includes(n))).toEqual([])
  })

  it('has a seed script for the sample API, and the README says how to run it all', () => {
    expect(pkg.scripts['local-action:seed']).toBe('tsx local-runner/seed-env.ts .env')
    expect(read('.env.example')).toContain('npm run local-action:seed')
    const readme = read('README.md')
    expect(readme).toContain('npm run local-action:seed')
    expect(readme).toContain('npm run local-action')
  })

  it('.env is never committed', () => {
    expect(read('.gitignore').split('\n')).toContain('.env')
  })
})
