import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse } from 'yaml'
import { COMMANDS, INPUTS, usedBy, type InputSpec } from '../src/github/input-table.js'
import { OUTPUTS } from '../src/github/output-table.js'
import { actionDescription } from '../scripts/docs-tables.js'
import { ignoredInputs, INPUT_DEFAULTS } from '../src/github/inputs.js'
import { outputsOf } from '../src/github/outputs.js'
import { newReport } from '../src/core/report.js'
import { config } from './helpers/harness.js'

interface ActionYml {
  runs: { using: string; main: string }
  inputs: Record<string, { description: string; required?: boolean; default?: string }>
  outputs: Record<string, { description: string }>
}
const action = parse(readFileSync(new URL('../action.yml', import.meta.url), 'utf8')) as ActionYml

// The contract's names (README, action.yml) are fixed: users and checks depend on them.
const SPEC_INPUTS = [
  'command',
  'rest-api-id',
  'stage',
  'percent',
  'steps',
  'bake-time',
  'poll-interval',
  'alarm-names',
  'alarm-name-prefix',
  'insufficient-data',
  'on-alarm',
  'rollback-on-cancel',
  'stage-variable-overrides',
  'use-stage-cache',
  'description',
  'if-canary-exists',
  'promote-on-success',
  'rollback-mode',
  'to-deployment-id',
  'aws-region',
  'endpoint-url',
  'max-attempts',
  'dry-run'
]
// Beyond the contract (its names stay fixed; these are additions).
const OWN_INPUTS = [
  'allow-ungated',
  'canary-metrics-stage',
  'triage',
  'expected-canary-deployment-id',
  'github-deployment',
  'github-token',
  'environment',
  'environment-url',
  'analysis',
  'max-5xx-increase',
  'max-4xx-increase',
  'analysis-confidence',
  'max-latency-increase',
  'min-canary-requests',
  'on-inconclusive',
  'max-bake-time',
  'advance-on-evidence',
  'analysis-metrics',
  // preflight and deploy from an OpenAPI definition
  'preflight',
  'domain-name',
  'hosted-zone-id',
  'openapi-file',
  'import-mode',
  'fail-on-warnings',
  'import-parameters'
]
const OWN_OUTPUTS = ['github-deployment-id', 'analysis', 'blast-radius', 'preflight']
const SPEC_OUTPUTS = [
  'status',
  'percent',
  'previous-percent',
  'next-percent',
  'canary-deployment-id',
  'stable-deployment-id',
  'previous-stable-deployment-id',
  'canary-commit',
  'alarm-state',
  'alarms',
  'abort-reason',
  'report'
]

describe('action.yml', () => {
  it('runs on node24 from the bundle', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' })
  })

  it("declares exactly the contract's inputs and the project's own, each described", () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...SPEC_INPUTS, ...OWN_INPUTS].sort())
    for (const [name, i] of Object.entries(action.inputs))
      expect([name, i.description.length > 10]).toEqual([name, true])
  })

  it('declares the defaults the code applies', () => {
    const declared = Object.fromEntries(
      Object.entries(action.inputs)
        .filter(([, i]) => i.default !== undefined)
        .map(([n, i]) => [n, i.default])
    )
    expect(declared).toEqual(INPUT_DEFAULTS)
  })

  it("declares exactly the contract's outputs and the project's own, and the code writes every one", () => {
    expect(Object.keys(action.outputs).sort()).toEqual([...SPEC_OUTPUTS, ...OWN_OUTPUTS].sort())
    const written = outputsOf(
      newReport(
        { command: 'status', restApiId: 'a', stage: 'p', dryRun: false, steps: [] },
        new Date()
      )
    )
    expect(Object.keys(written).sort()).toEqual([...SPEC_OUTPUTS, ...OWN_OUTPUTS].sort())
  })

  it('the defaults the runner passes along are not reported as ignored inputs', () => {
    const cfg = config({ command: 'shift', percent: '10' })
    expect(ignoredInputs(cfg, (n) => (INPUT_DEFAULTS as Record<string, string>)[n] ?? '')).toEqual(
      []
    )
    const set: Record<string, string> = { 'rollback-mode': 'remove', 'promote-on-success': 'true' }
    expect(ignoredInputs(cfg, (n) => set[n] ?? '')).toEqual(['promote-on-success', 'rollback-mode'])
  })

  it('declares the input table: names in order, descriptions, defaults, required', () => {
    const fromTable = (INPUTS as readonly InputSpec[]).map((s) => ({
      name: s.name,
      description: actionDescription(s),
      required: s.required ?? false,
      default: s.default
    }))
    const declared = Object.entries(action.inputs).map(([name, i]) => ({
      name,
      description: i.description,
      required: i.required ?? false,
      default: i.default
    }))
    expect(declared).toEqual(fromTable)
  })

  it('declares the output table: names in order and descriptions', () => {
    expect(
      Object.entries(action.outputs).map(([name, o]) => ({ name, description: o.description }))
    ).toEqual(OUTPUTS.map((o) => ({ name: o.name, description: o.description })))
  })

  it("warns about a command-specific input exactly on the commands the table's usedBy leaves out", () => {
    const specific = (INPUTS as readonly InputSpec[]).filter((s) => s.usedBy)
    expect(specific.map((s) => s.name)).toContain('rollback-mode')
    for (const spec of specific) {
      for (const command of COMMANDS) {
        const cfg = config({ command, percent: command === 'shift' ? '10' : '' })
        const warned = ignoredInputs(cfg, (n) => (n === spec.name ? 'set-by-hand' : ''))
        expect([spec.name, command, warned]).toEqual([
          spec.name,
          command,
          usedBy(spec).includes(command) ? [] : [spec.name]
        ])
      }
    }
  })
})
