/**
 * `npm run demo` end to end: tsx demo/run.ts, as a person would run it (but
 * piped, so without ANSI styles), must pass its own checks and show
 * preflight failing then passing, and the release step by step.
 */
import { spawn } from 'node:child_process'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { inheritedEnv } from '../../local-runner/run-action.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const TSX = resolve(ROOT, 'node_modules/.bin/tsx')

function runDemo(): Promise<{ code: number | null; out: string; ms: number }> {
  const env = inheritedEnv(['FORCE_COLOR'])
  // node_modules/.bin/tsx runs on the `node` of PATH: make that the Node running the tests.
  env.PATH = `${dirname(process.execPath)}:${env.PATH ?? ''}`
  const t0 = Date.now()
  const child = spawn(TSX, ['demo/run.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] })
  const chunks: Buffer[] = []
  child.stdout.on('data', (c: Buffer) => chunks.push(c))
  child.stderr.on('data', (c: Buffer) => chunks.push(c))
  return new Promise((resolveRun, reject) => {
    child.once('error', reject)
    child.once('close', (code) =>
      resolveRun({ code, out: Buffer.concat(chunks).toString('utf8'), ms: Date.now() - t0 })
    )
  })
}

describe('npm run demo', () => {
  it('runs preflight, the release, rolls back on the alarm, releases the fix, and passes its checks in under a minute', async () => {
    const { code, out, ms } = await runDemo()
    if (code !== 0) throw new Error(`demo exited ${code}:\n${out}`)
    expect(ms).toBeLessThan(60_000)

    // narration, in order
    const steps = [
      'preflight',
      'preflight',
      'deploy',
      'deploy',
      'shift 10%',
      'shift 25%',
      'ramp',
      'status',
      'redeploy',
      'ramp fix'
    ].map((label, i) => out.indexOf(`Step ${i + 1}/10: ${label} `))
    expect(steps.every((at) => at >= 0)).toBe(true)
    expect([...steps].sort((a, b) => a - b)).toEqual(steps)

    // preflight: ❌ on the whole-stage alarm, saying what to do; the fix; then all ✅
    expect(out).toMatch(
      /^ {2}preflight │ ✖ error: ❌ Alarms that can see the canary: orders-api-prod-canary-5XXError \(fail\): 5XXError Average > 0\.05 on the whole stage: at 5 %: .*impossible/m
    )
    expect(out).toMatch(/^ {2}preflight │ Preflight: 6 ✅, 0 ⚠️, 1 ❌, 0 ⏭️$/m)
    expect(out).toMatch(/^✖ exit 1 .* preflight failed \(Alarms that can see the canary\)/m)
    expect(out).toMatch(/│ ❌ {2}Alarms that can see the {8}orders-api-prod-canary-5XXErr/)
    expect(out).toMatch(/│ ✅ {2}Route 53 alias to the custom/)
    expect(out).toContain(
      '🔧 demo: PutMetricAlarm orders-api-prod-canary-5XXError: 5XXError Average > 0.05 on ApiName=orders-api, Stage=prod/Canary'
    )
    expect(out).toMatch(
      /^ {2}preflight │ Preflight: 7 ✅, 0 ⚠️, 0 ❌, 0 ⏭️; nothing stops the step\.$/m
    )
    expect(out.indexOf('Preflight: 7 ✅')).toBeGreaterThan(out.indexOf('🔧 demo:'))

    // the first deploy: refused before any change, its canary alias lacking API Gateway's permission
    expect(out).toMatch(
      /^✖ exit 1 .* preflight failed \(Backend Lambda orders:canary\): API Gateway may not invoke Lambda orders:canary\. Run: aws lambda add-permission --region us-east-1 --function-name orders --qualifier canary /m
    )
    expect(out).toContain(
      '🔧 demo: aws lambda add-permission --function-name orders --qualifier canary'
    )

    // deploy from the OpenAPI definition: PutRestApi, then the canary, in its log and summary
    expect(out).toMatch(/^ {2}deploy {4}│ PutRestApi \w+: overwrite from openapi\.yaml/m)
    expect(out).toMatch(/│ • PutRestApi \{"restApiId":"\w+","file":"openapi\.yaml"/)
    expect(out.indexOf('│ • CreateDeployment {')).toBeGreaterThan(out.indexOf('│ • PutRestApi {'))

    // the action's own log, streamed with a prefix and readable group marks
    expect(out).toMatch(/^ {2}deploy {4}│ ▸ Read stage$/m)
    expect(out).toMatch(/^ {2}shift 10% │ \[poll 1\] .*canary 10%/m)
    expect(out).not.toMatch(/::group::|::endgroup::/)

    // the alarm, the rollback, the failed step
    expect(out).toContain('⚡ demo: CloudWatch sets orders-api-prod-canary-5XXError to ALARM')
    expect(out).toMatch(
      /^ {2}ramp {6}│ UpdateStage prod: replace \/canarySettings\/percentTraffic 0\.0$/m
    )
    expect(out).toMatch(/^✖ exit 1 .* status rolled-back · canary 0%/m)

    // job summaries rendered as text: headings, aligned tables, a chart instead of mermaid
    expect(out).toContain('┌─ job summary (ramp) ─')
    expect(out).toMatch(/│ apigw-canary · ramp · stage prod — 🔴 rolled back\n {2}│ =+\n/)
    expect(out).toMatch(/│ Canary traffic {5}0% \(was 25%\)/)
    expect(out).toMatch(/│ ▌ CAUTION {2}alarm during bake at 50%/)
    expect(out).toContain('│ Canary traffic (%) over time')
    // A labelled row with a bar (where the bar starts depends on the step's timing).
    expect(out).toMatch(/│ {3}\d+% \|[ _]*#+/)
    expect(out).not.toContain('```')
    expect(out).not.toContain('xychart')
    expect(out).not.toMatch(/\| --- \|/)
    // eslint-disable-next-line no-control-regex
    expect(out).not.toMatch(/\u001b\[/) // piped: no ANSI

    // its verdict
    expect(out).toContain(
      '✔ preflight failed (exit 1) on the whole-stage 5XX alarm, saying to use Stage=prod/Canary'
    )
    expect(out).toContain('✔ after the fix, preflight passed: 7 of 7 checks ✅')
    expect(out).toContain(
      '✔ the first deploy was refused before any change, with the add-permission command for orders:canary'
    )
    // the rollback's triage: the canary's top error from its execution logs, with its count
    expect(out).toMatch(
      /^ {2}ramp {6}│ Triage of the canary, .*execution logs: 36× Lambda execution failed/m
    )
    expect(out).toMatch(/│ 36 {5}Lambda execution failed with status 200 due to/)
    expect(out).toContain(
      '✔ deploy made PutRestApi then CreateDeployment (PutRestApi, CreateDeployment)'
    )
    expect(out).toContain('✔ the canary serves 0% (GetStage: 0%)')
    expect(out).toMatch(/✔ the stable deployment is unchanged \(\w+\)/)
    // then the fix: a new canary at 5 %, ramped and promoted
    expect(out).toMatch(
      /✔ the fix was deployed at 5% as a new canary \(PutRestApi, CreateDeployment\)/
    )
    expect(out).toContain('✔ the fix ramped to 100% and was promoted (status promoted)')
    expect(out).toMatch(
      /✔ the stage serves the fix to everyone \(GetStage: deployment \w+, no canary\)/
    )
    expect(out).toMatch(/^✔ exit 0 .* status promoted · canary 0%/m)
    expect(out.lastIndexOf('status promoted')).toBeGreaterThan(out.indexOf('status rolled-back'))
    expect(out).toMatch(/Demo passed in [\d.]+ s: .*the fix was then released and promoted\./)
  }, 90_000)
})
