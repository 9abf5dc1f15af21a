/**
 * The workflows users copy: every example in docs/examples and every YAML
 * block of the README and of docs/*.md must parse, use only inputs action.yml declares, name
 * a real command, and read only outputs the action writes; no `run:` script pastes an
 * expression (`${{ }}`) into itself.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'

interface ActionYml {
  inputs: Record<string, unknown>
  outputs: Record<string, unknown>
}
const root = new URL('../', import.meta.url)
const action = parse(readFileSync(new URL('action.yml', root), 'utf8')) as ActionYml
const COMMANDS = ['deploy', 'shift', 'ramp', 'promote', 'rollback', 'status', 'preflight']

interface Step {
  id?: string
  uses?: string
  with?: Record<string, unknown>
}

/** Every step (an object with `uses`) anywhere in a parsed document. */
function stepsIn(node: unknown, out: Step[] = []): Step[] {
  if (Array.isArray(node)) for (const n of node) stepsIn(n, out)
  else if (node && typeof node === 'object') {
    if (typeof (node as Step).uses === 'string') out.push(node as Step)
    for (const v of Object.values(node)) stepsIn(v, out)
  }
  return out
}

const sources: [string, string][] = [
  ...readdirSync(new URL('docs/examples/', root))
    .filter((f) => f.endsWith('.yml'))
    .map((f): [string, string] => [
      `docs/examples/${f}`,
      readFileSync(new URL(`docs/examples/${f}`, root), 'utf8')
    ]),
  ...[
    'README.md',
    ...readdirSync(new URL('docs/', root))
      .filter((f) => f.endsWith('.md'))
      .map((f) => `docs/${f}`)
  ].flatMap((file) =>
    [...readFileSync(new URL(file, root), 'utf8').matchAll(/```yaml\n([\s\S]*?)```/g)].map(
      (m, i): [string, string] => [`${file} yaml block ${i + 1}`, m[1]!]
    )
  )
]

describe('examples', () => {
  it('there are examples to check', () => {
    expect(sources.filter(([name]) => name.startsWith('docs/')).length).toBeGreaterThanOrEqual(4)
    expect(sources.filter(([name]) => name.startsWith('README')).length).toBeGreaterThanOrEqual(4)
    expect(
      sources.filter(([name]) => name.startsWith('docs/usage.md')).length
    ).toBeGreaterThanOrEqual(7)
  })

  it.each(sources)('%s: valid YAML, known inputs and commands, real outputs', (_, text) => {
    const doc: unknown = parse(text)
    const ours = stepsIn(doc).filter((s) => /apigw-canary@/.test(s.uses!))
    for (const step of ours) {
      const names = Object.keys(step.with ?? {})
      expect(names.filter((n) => !(n in action.inputs))).toEqual([])
      const command = step.with?.command
      if (typeof command === 'string' && !command.includes('${{')) {
        expect(COMMANDS).toContain(command)
      }
    }
    // steps.<id>.outputs.<name> of one of our steps must be an output action.yml declares
    const ids = new Set(ours.map((s) => s.id).filter((id) => id !== undefined))
    for (const m of text.matchAll(/steps\.([\w-]+)\.outputs\.([\w-]+)/g)) {
      if (ids.has(m[1]!)) expect(Object.keys(action.outputs)).toContain(m[2]!)
    }
  })
})

/** The commands that record the release in GitHub's Deployments (github-deployment, on by default). */
const RECORDING = ['deploy', 'shift', 'ramp', 'promote', 'rollback']

interface Job {
  permissions?: Record<string, string> | string
  steps?: Step[]
}
interface Workflow {
  permissions?: Record<string, string> | string
  jobs?: Record<string, Job>
}

/** A permission scope as `permissions` grants it: none, read or write. */
function granted(permissions: Job['permissions'], scope: string): 'none' | 'read' | 'write' {
  if (permissions === 'write-all') return 'write'
  if (permissions === 'read-all') return 'read'
  if (typeof permissions !== 'object') return 'none'
  const v = permissions[scope]
  return v === 'write' || v === 'read' ? v : 'none'
}

/**
 * What each job of a workflow lacks: `deployments: write` where one of our
 * steps records the release, `id-token: write` where a role is assumed with
 * OIDC, `contents: read` where the repository is checked out. A job's own
 * `permissions` replaces the workflow's; examples always set them (without
 * any, the token's defaults depend on the repository's settings).
 */
function missingPermissions(workflow: Workflow): string[] {
  const missing: string[] = []
  for (const [name, job] of Object.entries(workflow.jobs ?? {})) {
    const permissions = job.permissions ?? workflow.permissions
    const steps = job.steps ?? []
    const need = (scope: string, level: 'read' | 'write', why: string) => {
      const has = granted(permissions, scope)
      if (has === 'none' || (level === 'write' && has === 'read')) {
        missing.push(`${name}: ${scope}: ${level} (${why})`)
      }
    }
    if (permissions === undefined) missing.push(`${name}: no permissions`)
    const records = steps.some((s) => {
      if (!/apigw-canary@/.test(s.uses ?? '')) return false
      const command = String(s.with?.command ?? '')
      const off = String(s.with?.['github-deployment'] ?? 'true') === 'false'
      return !off && (command.includes('${{') || RECORDING.includes(command))
    })
    if (records) need('deployments', 'write', 'the action records the release')
    const oidc = steps.some(
      (s) =>
        /^aws-actions\/configure-aws-credentials@/.test(s.uses ?? '') &&
        s.with?.['role-to-assume'] !== undefined &&
        s.with?.['aws-access-key-id'] === undefined
    )
    if (oidc) need('id-token', 'write', 'OIDC for configure-aws-credentials')
    if (steps.some((s) => /^actions\/checkout@/.test(s.uses ?? ''))) {
      need('contents', 'read', 'actions/checkout')
    }
  }
  return missing
}

describe('permissions in the examples', () => {
  // the examples, and every block of the docs that is a workflow with its permissions
  const workflows = sources.filter(([name, text]) => {
    if (name.startsWith('docs/examples/')) return true
    const doc = parse(text) as Workflow | null
    return typeof doc === 'object' && doc !== null && 'jobs' in doc && 'permissions' in doc
  })

  it.each(workflows)('%s grants what each job needs', (_, text) => {
    expect(missingPermissions(parse(text) as Workflow)).toEqual([])
  })

  it('notices a recording step without deployments: write, OIDC without id-token, a job without any', () => {
    const workflow = {
      permissions: { contents: 'read' },
      jobs: {
        release: {
          steps: [
            { uses: 'actions/checkout@v6' },
            {
              uses: 'aws-actions/configure-aws-credentials@v6',
              with: { 'role-to-assume': 'arn:aws:iam::1:role/r' }
            },
            { uses: 'your-org/apigw-canary@v1', with: { command: 'deploy' } },
            { uses: 'your-org/apigw-canary@v1', with: { command: 'status' } }
          ]
        },
        quiet: {
          permissions: { 'id-token': 'write' },
          steps: [
            {
              uses: 'your-org/apigw-canary@v1',
              with: { command: 'ramp', 'github-deployment': false }
            }
          ]
        }
      }
    }
    expect(missingPermissions(workflow)).toEqual([
      'release: deployments: write (the action records the release)',
      'release: id-token: write (OIDC for configure-aws-credentials)'
    ])
    expect(missingPermissions({ jobs: { j: { steps: [] } } })).toEqual(['j: no permissions'])
  })
})

/** Every `run:` script anywhere in a parsed document. */
function scriptsIn(node: unknown, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) scriptsIn(n, out)
  else if (node && typeof node === 'object') {
    const run = (node as { run?: unknown }).run
    if (typeof run === 'string') out.push(run)
    for (const v of Object.values(node)) scriptsIn(v, out)
  }
  return out
}

describe('scripts in the examples', () => {
  it('there are some to check', () => {
    expect(sources.flatMap(([, text]) => scriptsIn(parse(text))).length).toBeGreaterThan(5)
  })

  // An expression inside `run:` is pasted into the script before the shell reads it: an output
  // holding `$(...)` would run (script injection). Outputs and inputs go through `env:`.
  it.each(sources)('%s: no ${{ }} expression inside a run: script', (_, text) => {
    const pasted = scriptsIn(parse(text)).filter((script) => script.includes('${{'))
    expect(pasted).toEqual([])
  })
})

/**
 * The first-party actions the examples use, and the lowest major that runs on
 * Node 24 (GitHub moved JavaScript actions off Node 20 in 2026:
 * https://github.blog/changelog/2025-09-19-deprecation-of-node-20-on-github-actions-runners/).
 * Dependabot updates only .github/workflows, not docs/examples or the README:
 * this list is what keeps the copied workflows current.
 */
const MIN_MAJOR: Record<string, number> = {
  'actions/checkout': 5,
  'actions/setup-node': 5,
  'actions/upload-artifact': 6,
  'actions/download-artifact': 7,
  'aws-actions/configure-aws-credentials': 6
}

describe('first-party actions in the examples', () => {
  const used = sources.flatMap(([name, text]) =>
    stepsIn(parse(text)).flatMap((s) => {
      const m = /^((?:actions|aws-actions)\/[^@]+)@v?(\d+)/.exec(s.uses ?? '')
      return m ? [{ name, action: m[1]!, major: Number(m[2]) }] : []
    })
  )

  it('there are some to check', () => {
    expect(used.some((u) => u.action === 'aws-actions/configure-aws-credentials')).toBe(true)
  })

  it.each(Object.keys(MIN_MAJOR))('%s is pinned at a major that runs on Node 24', (action) => {
    const old = used
      .filter((u) => u.action === action && u.major < MIN_MAJOR[action]!)
      .map((u) => `${u.name}: ${u.action}@v${u.major}`)
    expect(old).toEqual([])
  })

  it('every first-party action used has a known minimum major', () => {
    expect([...new Set(used.map((u) => u.action))].filter((a) => !(a in MIN_MAJOR))).toEqual([])
  })
})
