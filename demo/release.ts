/**
 * The demo: one canary release of a REST API stage, driven through the bundled
 * action step by step, as a workflow's jobs would. First `preflight`, which
 * fails on the world's one mistake (a 5XX alarm on the whole stage, which a
 * canary at 5 % cannot trip); the alarm is fixed as it says and `preflight`
 * passes. A first deploy is refused before any change: the canary's Lambda
 * alias lacks API Gateway's permission; once granted, deploy at 5 % from an
 * OpenAPI definition (PutRestApi, then the canary deployment), shift to 10 %
 * and 25 % with short bakes, a ramp during whose bake the canary's 5XX alarm fires and the action rolls the canary
 * back (the summary's triage shows the canary's top error from its logs),
 * then status. Then the fix: a new commit deployed at 5 %, ramped to
 * 100 % and promoted, so the demo ends with a successful release after the
 * rolled-back one. After each step its job summary is shown as terminal text.
 * The demo ends by checking that both releases behaved as designed.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Stage } from '@aws-sdk/client-api-gateway'
import type { CallRecord } from '../emulator/client.js'
import { runStep, type StepResult } from './action.js'
import { renderSummary } from './render-summary.js'
import { styler, wantsColor, type Styler } from './style.js'
import { startTraffic, type Traffic } from './traffic.js'
import {
  allowAlias,
  CANARY_ALIAS,
  CANARY_STAGE,
  canaryFailureLogs,
  DOMAIN,
  FUNCTION,
  ERRORS_ALARM,
  fixErrorsAlarm,
  LATENCY_ALARM,
  STAGE,
  startWorld,
  thresholdCrossedReason,
  type World
} from './world.js'

/** The commit being released (GITHUB_SHA). */
export const RELEASE_SHA = 'c0ffee5d1e2a3b4c5d6e7f8091a2b3c4d5e6f708'

/** The fix's commit, released after the rollback. */
export const FIX_SHA = 'fa11bac4d2e3f4a5b6c7d8e9f0a1b2c3d4e5f607'

/** The commit's API definition (openapi.yaml in the workspace): what deploy imports. */
export const DEFINITION = `openapi: 3.0.1
info: { title: orders-api, version: 1.9.0 }
paths:
  /orders:
    get:
      x-amazon-apigateway-integration:
        type: aws_proxy
        httpMethod: POST
        uri: arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:123456789012:function:orders:\${stageVariables.backendAlias}/invocations
      responses: { '200': { description: the orders } }
  /orders/{id}:
    get:
      parameters: [{ name: id, in: path, required: true, schema: { type: string } }]
      x-amazon-apigateway-integration: { type: mock, requestTemplates: { application/json: '{"statusCode": 200}' } }
      responses: { '200': { description: one order } }
`

interface PreflightCheck {
  id: string
  status: string
  found: string
  todo?: string
}

/** The preflight output: one entry per check. */
function preflightChecks(r: StepResult | undefined): PreflightCheck[] {
  try {
    return JSON.parse(r?.outputs.preflight || '[]') as PreflightCheck[]
  } catch {
    return []
  }
}

/** The changes a step made: its calls that are not reads (nor the simulated traffic's metrics). */
const writes = (calls: CallRecord[]) =>
  calls
    .filter((c) => !/^(Get|List|Describe)/.test(c.operation) && c.operation !== 'PutMetricData')
    .map((c) => c.operation)

export interface DemoOptions {
  /** ANSI styles; default: when stdout is a terminal. */
  color?: boolean
  /** Where the demo writes; default stdout. */
  write?: (text: string) => void
  /** Terminal width; default stdout's, else 100. */
  width?: number
}

interface Step {
  label: string
  /** The commit the step runs for (GITHUB_SHA); default RELEASE_SHA. */
  sha?: string
  narration: string
  inputs: Record<string, string>
  /** Runs before the step, after its narration (the demo changing the world). */
  before?: () => Promise<void>
  /** Runs beside the step (the alarm firing); gets each line of its log. */
  during?: (lines: string[]) => Promise<void>
}

const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Runs the demo; resolves with the exit code (0: the release behaved as designed). */
export async function main(opts: DemoOptions = {}): Promise<number> {
  const color = opts.color ?? wantsColor()
  const s: Styler = styler(color)
  const write = opts.write ?? ((t: string) => void process.stdout.write(t))
  const width = Math.min(opts.width ?? process.stdout.columns ?? 100, 160)
  const say = (line = '') => write(`${line}\n`)
  const t0 = Date.now()

  say(s.bold('apigw-canary demo: a canary release of an API Gateway stage, on a local emulator'))
  say(s.dim('(no AWS account needed: the emulator stands in for API Gateway and CloudWatch)'))
  say()

  let w: World
  try {
    w = await startWorld()
  } catch (e) {
    say(s.red(`Could not start the emulator: ${(e as Error).message}`))
    return 1
  }
  say(
    `${s.cyan('●')} REGIONAL REST API ${s.bold('orders-api')} (${w.restApiId}): stage ${s.bold(STAGE)} serves v1, deployment ${s.bold(w.stableDeploymentId)}; execution logging on`
  )
  say(
    `${s.cyan('●')} Custom domain ${s.bold(DOMAIN)} mapped to ${STAGE}, with a Route 53 alias to it`
  )
  say(
    `${s.cyan('●')} CloudWatch alarms gating the release: ${ERRORS_ALARM} (5XXError Average > 0.05, on ${s.bold(`Stage=${STAGE}`)}: the whole stage), ${LATENCY_ALARM} (p99 on ${CANARY_STAGE}); both OK`
  )
  say(
    `${s.cyan('●')} Releasing commit ${RELEASE_SHA.slice(0, 7)} of acme/orders-api, whose openapi.yaml defines the API`
  )
  say(`${s.cyan('●')} Simulated traffic: 800 requests/s, split between stable and canary`)
  const workspace = mkdtempSync(join(tmpdir(), 'apigw-canary-demo-'))
  writeFileSync(join(workspace, 'openapi.yaml'), DEFINITION)
  const traffic: Traffic = startTraffic(w)

  const common = {
    'rest-api-id': w.restApiId,
    stage: STAGE,
    'alarm-names': `${ERRORS_ALARM}\n${LATENCY_ALARM}`
  }
  let alarmFiredAt: number | undefined
  const steps: Step[] = [
    {
      label: 'preflight',
      narration:
        'Before the first canary release: will the canary get the traffic, will its failures show?',
      inputs: { ...common, command: 'preflight', 'domain-name': DOMAIN }
    },
    {
      label: 'preflight',
      narration: `Do what preflight said: put ${ERRORS_ALARM} on the canary's own metrics (Stage=${CANARY_STAGE}), and run preflight again.`,
      before: async () => {
        await fixErrorsAlarm(w)
        say(
          s.magenta(
            `  🔧 demo: PutMetricAlarm ${ERRORS_ALARM}: 5XXError Average > 0.05 on ApiName=orders-api, Stage=${CANARY_STAGE}`
          )
        )
      },
      inputs: { ...common, command: 'preflight', 'domain-name': DOMAIN }
    },
    {
      label: 'deploy',
      narration: `Deploy the new version from openapi.yaml as a 5% canary. Its stage variables send GET /orders to the Lambda alias ${FUNCTION}:${CANARY_ALIAS}: preflight checks, before any change, that API Gateway may invoke it.`,
      inputs: {
        ...common,
        command: 'deploy',
        percent: '5',
        'openapi-file': 'openapi.yaml',
        'domain-name': DOMAIN,
        'stage-variable-overrides': 'backendAlias=canary\nlogLevel=DEBUG'
      }
    },
    {
      label: 'deploy',
      narration: `Do what preflight said: let API Gateway invoke ${FUNCTION}:${CANARY_ALIAS}, and deploy again: import openapi.yaml (PutRestApi), then the canary at 5%.`,
      before: async () => {
        await allowAlias(w, w.restApiId, CANARY_ALIAS)
        say(
          s.magenta(
            `  🔧 demo: aws lambda add-permission --function-name ${FUNCTION} --qualifier ${CANARY_ALIAS} --principal apigateway.amazonaws.com ...`
          )
        )
      },
      inputs: {
        ...common,
        command: 'deploy',
        percent: '5',
        'openapi-file': 'openapi.yaml',
        'domain-name': DOMAIN,
        'stage-variable-overrides': 'backendAlias=canary\nlogLevel=DEBUG'
      }
    },
    {
      label: 'shift 10%',
      narration: 'The alarms are quiet: raise the canary to 10% and watch it for 2 s.',
      inputs: {
        ...common,
        command: 'shift',
        percent: '10',
        'bake-time': '2s',
        'poll-interval': '1s'
      }
    },
    {
      label: 'shift 25%',
      narration: 'Still healthy: raise it to 25% (the next rung of steps) and bake 2 s more.',
      inputs: {
        ...common,
        command: 'shift',
        percent: 'next',
        'bake-time': '2s',
        'poll-interval': '1s'
      }
    },
    {
      label: 'ramp',
      narration:
        "Ramp the rest of the way (50%, 100%) with 3 s bakes (the demo's compressed time: its preflight rightly warns that the alarms need minutes). At 50% the new version starts failing...",
      inputs: {
        ...common,
        command: 'ramp',
        'domain-name': DOMAIN,
        'bake-time': '3s',
        'poll-interval': '1s'
      },
      during: async (lines) => {
        // Once the ramp is baking at 50 %, the canary starts failing and its 5XX alarm fires.
        const until = Date.now() + 20_000
        while (!lines.some((l) => /Baking .* at 50%/.test(l))) {
          if (Date.now() > until) return
          await wait(50)
        }
        await wait(400)
        traffic.breakCanary()
        // What API Gateway logs for those requests: the canary's Lambda alias throws.
        await canaryFailureLogs(w, 36)
        say(s.magenta(`  ⚡ demo: the new version starts answering 9% of its requests with 5XX`))
        await wait(1000)
        alarmFiredAt = Date.now()
        say(s.magenta(`  ⚡ demo: CloudWatch sets ${ERRORS_ALARM} to ALARM`))
        await w.setAlarm(ERRORS_ALARM, 'ALARM', thresholdCrossedReason(0.09, 0.05))
      }
    },
    {
      label: 'status',
      narration: 'Ask the stage where the release stands (read-only).',
      inputs: { ...common, command: 'status' }
    },
    {
      label: 'redeploy',
      narration: `The team fixes the bug (commit ${FIX_SHA.slice(0, 7)}). Deploy the fix at 5%: the rolled-back canary at 0% is replaced.`,
      sha: FIX_SHA,
      before: async () => {
        traffic.fixCanary()
        writeFileSync(join(workspace, 'openapi.yaml'), DEFINITION.replace('1.9.0', '1.9.1'))
        await w.setAlarm(ERRORS_ALARM, 'OK', 'Threshold Crossed: no datapoints above 0.05')
        say(
          s.magenta(`  🔧 demo: with no canary traffic, CloudWatch sets ${ERRORS_ALARM} back to OK`)
        )
      },
      inputs: {
        ...common,
        command: 'deploy',
        percent: '5',
        'openapi-file': 'openapi.yaml',
        'bake-time': '2s',
        'poll-interval': '1s'
      }
    },
    {
      label: 'ramp fix',
      narration:
        'The fix is healthy: ramp it to 100% (3 s bakes) and promote it, gated on the alarms at every rung.',
      sha: FIX_SHA,
      inputs: {
        ...common,
        command: 'ramp',
        'bake-time': '3s',
        'poll-interval': '1s',
        'promote-on-success': 'true'
      }
    }
  ]

  const results: StepResult[] = []
  /** The stage right after the rolled-back release's status step. */
  let afterRollback: Stage | undefined
  /** Each step's calls to the emulator, in order. */
  const stepCalls: CallRecord[][] = []
  try {
    for (const [i, step] of steps.entries()) {
      say()
      say(
        s.bold(
          s.cyan(
            `━━ Step ${i + 1}/${steps.length}: ${step.label} ${'━'.repeat(Math.max(3, width - 20 - step.label.length))}`
          )
        )
      )
      say(`${s.bold('▶')} ${step.narration}`)
      await step.before?.()
      await w.clearCalls()
      const lines: string[] = []
      const running = runStep({
        endpoint: w.url,
        inputs: step.inputs,
        env: { GITHUB_WORKSPACE: workspace },
        sha: step.sha ?? RELEASE_SHA,
        label: step.label.padEnd(9),
        s,
        write,
        onLine: (l) => lines.push(l)
      })
      const side = step.during?.(lines)
      const r = await running
      await side
      results.push(r)
      stepCalls.push(await w.calls())
      if (step.label === 'status') afterRollback = await w.getStage()
      const verdict = r.code === 0 ? s.green(`✔ exit 0`) : s.red(`✖ exit ${r.code ?? 'killed'}`)
      say(
        `${verdict} ${s.dim(`in ${(r.ms / 1000).toFixed(1)} s`)} · status ${s.bold(r.outputs.status || '—')} · canary ${r.outputs.percent || '0'}%` +
          (r.outputs['abort-reason'] ? ` · ${s.red(r.outputs['abort-reason'])}` : '')
      )
      say()
      say(s.dim(`  ┌─ job summary (${step.label}) ─`))
      write(renderSummary(r.summary, { color, width, indent: '  │ ' }))
      say(s.dim('  └─'))
    }

    // Did the release behave as designed?
    say()
    say(s.bold('Checking the release behaved as designed'))
    const problems: string[] = []
    const expect = (ok: boolean, what: string) => {
      say(`  ${ok ? s.green('✔') : s.red('✖')} ${what}`)
      if (!ok) problems.push(what)
    }
    const [before, after, refused, deploy, shift10, shift25, rampStep, status, deployFix, rampFix] =
      results
    const stage = afterRollback ?? (await w.getStage())
    const alarmsCheck = preflightChecks(before).find((c) => c.id === 'alarms')
    expect(
      before?.code === 1 &&
        alarmsCheck?.status === 'fail' &&
        (alarmsCheck.todo ?? '').includes(`Stage=${CANARY_STAGE}`) &&
        (before.outputs['abort-reason'] ?? '').includes('preflight failed'),
      `preflight failed (exit 1) on the whole-stage 5XX alarm, saying to use Stage=${CANARY_STAGE}`
    )
    const passed = preflightChecks(after)
    expect(
      after?.code === 0 && passed.length === 7 && passed.every((c) => c.status === 'pass'),
      `after the fix, preflight passed: ${passed.filter((c) => c.status === 'pass').length} of 7 checks ✅`
    )
    expect(
      refused?.code === 1 &&
        writes(stepCalls[2] ?? []).length === 0 &&
        (refused.outputs['abort-reason'] ?? '').includes(
          `aws lambda add-permission --region us-east-1 --function-name ${FUNCTION} --qualifier ${CANARY_ALIAS}`
        ),
      `the first deploy was refused before any change, with the add-permission command for ${FUNCTION}:${CANARY_ALIAS}`
    )
    const deployWrites = writes(stepCalls[3] ?? [])
    expect(
      deployWrites.join(',') === 'PutRestApi,CreateDeployment',
      `deploy made PutRestApi then CreateDeployment (${deployWrites.join(', ') || 'no change'})`
    )
    expect(deploy?.code === 0 && deploy.outputs.percent === '5', 'deploy made a canary at 5%')
    expect(
      shift10?.code === 0 &&
        shift10.outputs.percent === '10' &&
        shift25?.code === 0 &&
        shift25.outputs.percent === '25',
      'the shifts to 10% and 25% baked clean'
    )
    expect(alarmFiredAt !== undefined, `the demo fired ${ERRORS_ALARM} during the ramp's bake`)
    expect(rampStep?.code === 1, 'the step the alarm stopped failed (exit 1)')
    expect(
      rampStep?.outputs.status === 'rolled-back' &&
        (rampStep.outputs['abort-reason'] ?? '').includes(ERRORS_ALARM),
      `the action rolled the canary back, naming ${ERRORS_ALARM}`
    )
    expect(
      /\| 36 \| Lambda execution failed with status 200 due to customer function error/.test(
        rampStep?.summary ?? ''
      ),
      "after the rollback, the summary's triage shows the canary's top error: 36 × Lambda execution failed"
    )
    expect(
      stage.canarySettings !== undefined && stage.canarySettings.percentTraffic === 0,
      `the canary serves 0% (GetStage: ${stage.canarySettings?.percentTraffic ?? 'no canary'}%)`
    )
    expect(
      stage.deploymentId === w.stableDeploymentId,
      `the stable deployment is unchanged (${stage.deploymentId})`
    )
    expect(
      status?.code === 0 &&
        status.outputs.percent === '0' &&
        status.outputs['alarm-state'] === 'ALARM',
      'status reports the canary at 0% and the alarm in ALARM'
    )
    const fixWrites = writes(stepCalls[8] ?? [])
    expect(
      deployFix?.code === 0 &&
        deployFix.outputs.percent === '5' &&
        deployFix.outputs['canary-commit'] === FIX_SHA &&
        fixWrites.join(',') === 'PutRestApi,CreateDeployment',
      `the fix was deployed at 5% as a new canary (${fixWrites.join(', ') || 'no change'})`
    )
    const promoted = await w.getStage()
    const fixDeployment = deployFix?.outputs['canary-deployment-id']
    expect(
      rampFix?.code === 0 && rampFix.outputs.status === 'promoted',
      `the fix ramped to 100% and was promoted (status ${rampFix?.outputs.status || '—'})`
    )
    expect(
      fixDeployment !== undefined &&
        promoted.deploymentId === fixDeployment &&
        (promoted.canarySettings === undefined ||
          promoted.canarySettings.deploymentId === fixDeployment),
      `the stage serves the fix to everyone (GetStage: deployment ${promoted.deploymentId}, no canary)`
    )
    say()
    const took = ((Date.now() - t0) / 1000).toFixed(1)
    if (problems.length === 0) {
      say(
        s.green(
          s.bold(
            `Demo passed in ${took} s: the alarm stopped the first release and rolled its canary back to 0% while v1 kept serving; the fix was then released and promoted.`
          )
        )
      )
      return 0
    }
    say(s.red(s.bold(`Demo FAILED after ${took} s: ${problems.length} check(s) did not hold.`)))
    for (const p of problems) say(s.red(`  - ${p}`))
    return 1
  } catch (e) {
    say(s.red(`Demo FAILED: ${(e as Error).message}`))
    return 1
  } finally {
    await traffic.stop()
    await w.close()
    rmSync(workspace, { recursive: true, force: true })
  }
}
