/**
 * The layout that keeps the action readable (CONTRIBUTING.md): pure decisions
 * in src/core import no I/O; the ports import no SDK; no import cycles; no
 * file so long that it hides what it does.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { describe, expect, it } from '@jest/globals'

const SRC = 'src'

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []
  )
}

/** Every module a file imports: relative ones resolved to src paths, packages as named. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8')
  const specs = [...text.matchAll(/^(?:import|export)[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!)
  specs.push(...[...text.matchAll(/import\('([^']+)'\)/g)].map((m) => m[1]!))
  return specs.map((s) =>
    s.startsWith('.') ? normalize(join(dirname(file), s.replace(/\.js$/, '.ts'))) : s
  )
}

const all = files(SRC)
const graph = new Map(all.map((f) => [f, importsOf(f)]))

/** One import cycle, as the files along it, or undefined. */
export function findCycle(g: Map<string, string[]>): string[] | undefined {
  const state = new Map<string, 'open' | 'done'>()
  const path: string[] = []
  const visit = (f: string): string[] | undefined => {
    if (state.get(f) === 'done') return undefined
    if (state.get(f) === 'open') return [...path.slice(path.indexOf(f)), f]
    state.set(f, 'open')
    path.push(f)
    for (const d of g.get(f) ?? []) {
      if (!g.has(d)) continue
      const c = visit(d)
      if (c) return c
    }
    path.pop()
    state.set(f, 'done')
    return undefined
  }
  for (const f of g.keys()) {
    const c = visit(f)
    if (c) return c
  }
  return undefined
}

describe('the layout of src/', () => {
  it('has no import cycle', () => {
    expect(findCycle(graph)).toBeUndefined()
  })

  it('finds a cycle when there is one (the check can fail)', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']]
    ])
    expect(findCycle(g)).toEqual(['a', 'b', 'c', 'a'])
  })

  it('keeps src/core pure: no SDK, no @actions, no steps, commands, adapters or GitHub edges', () => {
    const bad = all
      .filter((f) => f.startsWith(join(SRC, 'core')))
      .flatMap((f) =>
        graph
          .get(f)!
          .filter(
            (d) =>
              /^(@aws-sdk|@actions|node:)/.test(d) ||
              /^src\/(steps|commands|github|aws)\//.test(d) ||
              ['src/main.ts', 'src/context.ts'].includes(d)
          )
          .map((d) => `${f} imports ${d}`)
      )
    expect(bad).toEqual([])
  })

  it('keeps the ports free of any SDK', () => {
    expect(graph.get(join(SRC, 'ports.ts'))!.filter((d) => /^@aws-sdk/.test(d))).toEqual([])
  })

  it('has no file over 300 lines', () => {
    const long = all
      .map((f) => [f, readFileSync(f, 'utf8').split('\n').length] as const)
      .filter(([, n]) => n > 300)
    expect(long).toEqual([])
  })
})
