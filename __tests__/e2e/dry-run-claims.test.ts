/**
 * A dry run changes nothing, and none of its lines may say otherwise: every
 * log line and timeline entry that reports a change says "would".
 */
import { describe, expect, it } from '@jest/globals'
import { runAction } from '../../local-runner/run-action.js'
import { STAGE, useWorld } from './fixtures.js'
import { buildScenario } from '../../local-runner/scenario.js'

const world = useWorld()

/** Words of a line that reports a change to the stage. */
const CLAIM =
  /\b(serves|serve|removed|remove|rolled back|roll back|replacing|replace|promoting|promoted|promote|created|increased|decreased|attached|pointed)\b/i

/** Lines the action wrote as plain log lines (not workflow commands), and the warnings. */
const logLines = (stdout: string) =>
  stdout
    .split('\n')
    .filter((l) => l.trim() !== '' && !/^::(group|endgroup|debug)/.test(l))
    .map((l) => l.replace(/^::warning[^:]*::/, ''))

const cases: [string, Record<string, string>][] = [
  ['deploy', { 'if-canary-exists': 'replace' }],
  ['shift', { percent: '10' }],
  ['ramp', { steps: '10,20', 'bake-time': '0', 'promote-on-success': 'true' }],
  ['promote', {}],
  ['rollback', {}],
  ['rollback', { 'rollback-mode': 'remove' }],
  ['status', {}]
]

describe('a dry run', () => {
  it.each(cases)('of %s %j claims no change without "would"', async (command, extra) => {
    const w = world()
    const s = await buildScenario(w, {
      stableDescription: 'v1',
      variables: {},
      alarms: [],
      canary: { percent: 5, description: 'canary' },
      clearCalls: true
    })
    // No alarm on this world: the steps that raise or promote opt in to an ungated release.
    const own: Record<string, string> =
      command === 'rollback' || command === 'status'
        ? {}
        : { 'expected-canary-deployment-id': s.canaryDeploymentId!, 'allow-ungated': 'true' }
    const r = await runAction(
      { command, 'rest-api-id': s.restApiId, stage: STAGE, 'dry-run': 'true', ...own, ...extra },
      { endpoint: w.url }
    )
    expect(r.code).toBe(0)
    const claims = logLines(r.stdout).filter((l) => CLAIM.test(l))
    expect(claims.filter((l) => !/\bwould\b/.test(l))).toEqual([])
    const report = JSON.parse(r.outputs.report!) as { timeline: { detail: string }[] }
    const details = report.timeline.map((t) => t.detail)
    expect(details.filter((d) => !/\bwould\b/.test(d))).toEqual([])
    if (command !== 'status') expect(claims.length + details.length).toBeGreaterThan(0)
    // Nothing changed on the emulator.
    expect((await w.calls()).filter((c) => !/^(Get|Describe|List)/.test(c.operation))).toEqual([])
  })
})
