/**
 * The layout that keeps the action readable (CONTRIBUTING.md): no import
 * cycle in src/ or emulator/; pure files import no I/O; imports point down
 * (commands and steps -> core, adapters -> core and ports, never back up);
 * commands are known by their traits, not their names; steps return values
 * and commands write the report.
 *
 * Which files are pure, said by name: everything in src/core/, and in a
 * feature folder (src/preflight/, src/analysis/, src/deployment-record/)
 * every file except the effectful ones, whose names say what they touch:
 * `aws-*.ts` (AWS calls), `github-*.ts` (GitHub API, inputs, job summary) and
 * `step*.ts` (the step that runs the feature in a command).
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
const emulator = new Map(files('emulator').map((f) => [f, importsOf(f)]))

export const FEATURES = ['preflight', 'analysis', 'deployment-record', 'backend-check', 'triage']
const EFFECTFUL_NAME = /^(aws-|github-|step)/

/** Pure by the naming rule above. */
export function isPure(file: string): boolean {
  const [top, folder, name] = file.split('/')
  if (top !== SRC || name === undefined) return false
  return (
    folder === 'core' ||
    file === CATALOG ||
    (FEATURES.includes(folder!) && !EFFECTFUL_NAME.test(name))
  )
}

/** What each command needs (src/commands/catalog.ts): pure, importing nothing, readable from every layer. */
const CATALOG = 'src/commands/catalog.ts'

const COMMAND_NAMES = ['deploy', 'shift', 'ramp', 'promote', 'rollback', 'status', 'preflight']
const NAME = `'(?:${COMMAND_NAMES.join('|')})'`
/** A command's name compared with a value named `…command`, either way round, or a `switch` on one. */
const COMMAND_COMPARE = new RegExp(
  `\\w*command\\s*[!=]==?\\s*${NAME}|${NAME}\\s*[!=]==?\\s*[\\w.]*command\\b|switch\\s*\\([\\w.]*command\\)`,
  'i'
)

/** The lines of `text` that match `re`, comments left out, as file:line: text. */
function linesMatching(file: string, text: string, re: RegExp): string[] {
  return text
    .split('\n')
    .flatMap((line, i) =>
      re.test(line) && !/^\s*(\/\/|\*)/.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : []
    )
}

/** Lines that compare command names (file:line: text), outside src/commands/. */
export function commandCompares(file: string, text: string): string[] {
  if (file.startsWith(`${SRC}/commands/`)) return []
  return linesMatching(file, text, COMMAND_COMPARE)
}

/**
 * Who writes the Report (src/core/report.ts): steps return what they found or
 * decided, or keep it in the run state; the commands and main.ts's command
 * runner write it. Besides src/commands/ and src/main.ts, only the report's
 * own helpers (src/core/report.ts, `noteCanary`) and the run state's copy into
 * it (src/core/run-state.ts, `recordRun`, which commands and main.ts call).
 * (src/github/inputs.ts builds the report of a step whose inputs did not
 * parse whole, as one value: it writes no field of the run's report.)
 */
const REPORT_WRITERS = [
  `${SRC}/commands/`,
  `${SRC}/main.ts`,
  `${SRC}/core/report.ts`,
  `${SRC}/core/run-state.ts`
]
/**
 * An assignment to a field of a value named `report` (`ctx.report.x = `,
 * `report.x ??= `, `report.x!.y = `), or a change to one of its lists.
 */
const REPORT_WRITE =
  /\breport(?:[!?]?\.\w+|\[[^\]]*\])+\s*(?:\*\*|<<|>>>?|\?\?|\|\||&&|[-+*/%&|^])?=(?!=)|\breport(?:[!?]?\.\w+)+\.(?:push|unshift|splice|pop|shift|sort|reverse|fill)\(|Object\.assign\(\s*(?:\w+\.)*report\b/

/** Lines that write a Report field (file:line: text), outside the allowed writers. */
export function reportWrites(file: string, text: string): string[] {
  if (REPORT_WRITERS.some((w) => (w.endsWith('/') ? file.startsWith(w) : file === w))) return []
  return linesMatching(file, text, REPORT_WRITE)
}

/** Imports a pure file may not have: SDKs, network or file I/O, the runner, effectful src files. */
export function impureImports(file: string, deps: string[]): string[] {
  return deps
    .filter(
      (d) =>
        /^(@aws-sdk|@actions|@octokit)\//.test(d) ||
        /^node:(fs|net|http|https|http2|child_process|dns|tls)(\/|$)/.test(d) ||
        (d.startsWith(`${SRC}/`) && !isPure(d) && !['src/ports.ts', 'src/errors.ts'].includes(d))
    )
    .map((d) => `${file} imports ${d}`)
}

/** Imports that point up: from `from` (a folder or file prefix) to any of `to`. */
function edges(g: Map<string, string[]>, from: string, to: RegExp): string[] {
  return [...g]
    .filter(([f]) => f.startsWith(from))
    .flatMap(([f, deps]) => deps.filter((d) => to.test(d)).map((d) => `${f} imports ${d}`))
}

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

describe('the layout of src/ and emulator/', () => {
  it('has no import cycle in src/', () => {
    expect(findCycle(graph)).toBeUndefined()
  })

  it('has no import cycle in emulator/', () => {
    expect(findCycle(emulator)).toBeUndefined()
  })

  it('finds a cycle when there is one (the check can fail)', () => {
    const g = new Map([
      ['a', ['b']],
      ['b', ['c']],
      ['c', ['a']]
    ])
    expect(findCycle(g)).toEqual(['a', 'b', 'c', 'a'])
  })

  it("keeps pure files pure: src/core and the features' checks import no SDK, I/O or runner", () => {
    const pure = all.filter(isPure)
    expect(pure.length).toBeGreaterThan(20)
    expect(pure.flatMap((f) => impureImports(f, graph.get(f)!))).toEqual([])
  })

  it('names what a pure file may not import (the check can fail)', () => {
    expect(isPure('src/preflight/checks.ts')).toBe(true)
    expect(isPure('src/preflight/aws-reads.ts')).toBe(false)
    expect(isPure('src/analysis/step-analysis.ts')).toBe(false)
    const deps = [
      '@aws-sdk/client-cloudwatch',
      'node:fs',
      '@actions/core',
      'src/aws/clients.ts',
      'src/preflight/github-summary.ts',
      'src/core/stage.ts',
      'node:path'
    ]
    expect(impureImports('src/core/x.ts', deps)).toEqual([
      'src/core/x.ts imports @aws-sdk/client-cloudwatch',
      'src/core/x.ts imports node:fs',
      'src/core/x.ts imports @actions/core',
      'src/core/x.ts imports src/aws/clients.ts',
      'src/core/x.ts imports src/preflight/github-summary.ts'
    ])
  })

  it('keeps core below everything: it never imports steps, commands, adapters, ports or the run', () => {
    expect(
      edges(
        graph,
        'src/core/',
        /^src\/(steps|commands|github|aws)\/|^src\/(main|context|ports)\.ts$/
      ).filter((e) => !e.endsWith(` imports ${CATALOG}`))
    ).toEqual([])
    expect(graph.get(CATALOG)).toEqual([])
  })

  it('keeps the wiring on top: only main.ts imports context.ts (RunContext is a port)', () => {
    const importers = [...graph]
      .filter(([, deps]) => deps.includes('src/context.ts'))
      .map(([f]) => f)
    expect(importers).toEqual(['src/main.ts'])
  })

  it('keeps the ports free of any SDK, and the AWS adapters free of GitHub', () => {
    expect(edges(graph, 'src/ports.ts', /^@aws-sdk/)).toEqual([])
    expect(edges(graph, 'src/aws/', /^src\/github\/|^@actions\//)).toEqual([])
  })

  it('knows commands by their traits: no command name is compared outside src/commands/', () => {
    expect(all.flatMap((f) => commandCompares(f, readFileSync(f, 'utf8')))).toEqual([])
  })

  it('finds a compare of command names (the check can fail)', () => {
    const text = [
      "if (cfg.command === 'deploy') x()",
      "const skip = 'status' !== report.command",
      'switch (o.command) {',
      "if (cfg.onAlarm === 'rollback') y()",
      "// command === 'ramp' in a comment",
      'if (traitsOf(cfg.command).bakes) z()'
    ].join('\n')
    expect(commandCompares('src/steps/x.ts', text)).toEqual([
      "src/steps/x.ts:1: if (cfg.command === 'deploy') x()",
      "src/steps/x.ts:2: const skip = 'status' !== report.command",
      'src/steps/x.ts:3: switch (o.command) {'
    ])
    expect(commandCompares('src/commands/x.ts', text)).toEqual([])
  })

  it('has steps return values and commands write the report: no Report field is assigned outside the writers', () => {
    expect(all.flatMap((f) => reportWrites(f, readFileSync(f, 'utf8')))).toEqual([])
  })

  it('finds a write to the report (the check can fail)', () => {
    const text = [
      'ctx.report.abortReason = reason',
      'report.analysis!.decision = "pass"',
      "report.abortReason ??= 'x'",
      'report.timeline.push(entry)',
      'Object.assign(ctx.report, { triage })',
      "if (report.outcome === 'rolled-back') x()",
      'const n = (report.preflightChecks ?? []).length',
      'ctx.run.stage = after',
      '// report.triage = found, in a comment'
    ].join('\n')
    expect(reportWrites('src/triage/step.ts', text)).toEqual([
      'src/triage/step.ts:1: ctx.report.abortReason = reason',
      'src/triage/step.ts:2: report.analysis!.decision = "pass"',
      "src/triage/step.ts:3: report.abortReason ??= 'x'",
      'src/triage/step.ts:4: report.timeline.push(entry)',
      'src/triage/step.ts:5: Object.assign(ctx.report, { triage })'
    ])
    expect(reportWrites('src/commands/x.ts', text)).toEqual([])
    expect(reportWrites('src/main.ts', text)).toEqual([])
    expect(reportWrites('src/core/run-state.ts', text)).toEqual([])
  })

  it('has one path to 0 %: on-alarm is decided in core/response.ts and carried out by steps/response.ts alone', () => {
    const text = (f: string) => readFileSync(f, 'utf8')
    // The on-alarm policy (roll back or fail) is compared in one place.
    const decides = all.filter((f) => /onAlarm\s*[!=]==/.test(text(f)))
    expect(decides).toEqual(['src/core/response.ts'])
    // Canary traffic is set to 0 % by one call (zeroCanary); the rollback command plans its own patch (core/plan.ts).
    const zeroes = all.filter((f) => /setTrafficOps\(0\)/.test(text(f)))
    expect(zeroes.sort()).toEqual(['src/core/plan.ts', 'src/steps/response.ts'])
  })
})
