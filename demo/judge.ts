/**
 * `npm run demo:judge`: the canary judge in gate mode catches a bad release
 * that no alarm would. The canary answers 3.5 % of its requests with 5XX
 * (stable: 0.5 %): about 3.5 errors a minute, under the stage's 5XX alarm
 * (more than 10 a minute), which stays OK. With `analysis: gate` the action
 * rolls the canary back as soon as five complete minutes show it, and its job
 * summary gives the verdict per metric and the links to investigate. The
 * emulator scripts per-minute metrics, and time runs 60 times faster
 * (local-runner/fast-clock.ts): a 15-minute bake takes seconds.
 */
import { fastClock } from '../local-runner/fast-clock.js'
import { runAction } from '../local-runner/run-action.js'
import { stageAlarm, startWorld } from '../local-runner/world.js'
import { buildScenario } from '../local-runner/scenario.js'
import { API_NAME, CANARY_STAGE, ERRORS_ALARM as ALARM, STAGE } from '../local-runner/fixtures.js'
import { renderSummary } from './render-summary.js'
import { styler, wantsColor } from './style.js'

export async function main(): Promise<number> {
  const color = wantsColor()
  const s = styler(color)
  const say = (line = '') => void process.stdout.write(`${line}\n`)
  const clock = fastClock(60)
  const w = await startWorld({ now: clock.now, maxAttempts: 2 })
  try {
    const { restApiId } = await buildScenario(w, {
      stableDescription: 'orders-api v1.8.0 (stable)',
      variables: {},
      alarms: [
        {
          alarm: stageAlarm(
            ALARM,
            '5XXError',
            { apiName: API_NAME, stage: CANARY_STAGE },
            { Statistic: 'Sum', Threshold: 10, TreatMissingData: 'notBreaching' }
          ),
          okReason: 'Threshold Crossed: no datapoints were above the threshold (10.0).'
        }
      ],
      metrics: {
        apiName: API_NAME,
        stage: STAGE,
        minutes: 60,
        seed: 7,
        stable: { requestsPerMinute: 1000, errorRate5xx: 0.005, latencyMedianMs: 80 },
        canary: { requestsPerMinute: 100, errorRate5xx: 0.035, latencyMedianMs: 80 }
      }
    })
    say(s.bold('apigw-canary demo: the canary judge stops a release no alarm would'))
    say(
      `${s.cyan('●')} canary 10 %: 3.5 % 5XX against the stable side's 0.5 % (about 3.5 errors a minute; ${ALARM} fires above 10)`
    )
    say(`${s.cyan('●')} deploy with analysis: gate, bake-time 15m (time runs 60× faster)`)
    const r = await runAction(
      {
        command: 'deploy',
        'rest-api-id': restApiId,
        stage: STAGE,
        percent: '10',
        'bake-time': '15m',
        'poll-interval': '1m',
        'alarm-names': ALARM,
        analysis: 'gate'
      },
      { endpoint: w.url, env: clock.env, timeoutMs: 60_000 }
    )
    const stage = await w.getStage(restApiId)
    say(
      `${r.code === 1 ? s.green('✔') : s.red('✖')} exit ${r.code}: ${r.outputs['abort-reason'] ?? ''}`
    )
    say(
      `  alarm-state ${r.outputs['alarm-state']}, analysis ${r.outputs.analysis}, canary now ${stage.canarySettings?.percentTraffic ?? 0} %`
    )
    say()
    process.stdout.write(renderSummary(r.summary, { color, width: 120, indent: '  │ ' }))
    const ok =
      r.code === 1 &&
      r.outputs.analysis === 'fail' &&
      r.outputs['alarm-state'] === 'OK' &&
      stage.canarySettings?.percentTraffic === 0 &&
      r.summary.includes('### Investigate')
    say()
    say(
      ok
        ? s.green(
            s.bold('Demo passed: the judge rolled the canary back while its alarm stayed OK.')
          )
        : s.red(s.bold('Demo FAILED: the judge did not stop the canary as designed.'))
    )
    return ok ? 0 : 1
  } finally {
    await w.close()
  }
}

process.exitCode = await main()
