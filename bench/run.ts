/**
 * `npm run bench [-- --trials N --runs N --stall-trials N --only latency,calls,wall,stalls]`: measures the action against the
 * emulator and prints markdown tables with one verdict line per target. It
 * measures, it does not assert: it exits 0 whatever the verdicts, 1 only when
 * something crashed.
 *
 *   (a) alarm-to-rollback latency (call log: SetAlarmState ALARM → UpdateStage 0.0)
 *   (b) AWS calls per command and per ramp rung
 *   (c) wall time of `status` and `shift` beside `node -e 0` and the AWS CLI
 *   (d) stalls: alarm-to-rollback with the rollback's call held, a step under a silent GitHub
 */
import { createHash } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join, relative } from 'node:path'
import { parseArgs } from 'node:util'
import { countOps, formatOps, measureCalls, rampSegments, RAMP_BAKE, RAMP_POLL } from './calls.js'
import { billedMetricsOf, maxReadsPerBake, METRICS_PER_READ } from './metric-cost.js'
import { measureLatency, POLL_INTERVAL_MS, type Trial } from './latency.js'
import { ACTION_ENTRY } from '../local-runner/run-action.js'
import { startWorld } from '../local-runner/world.js'
import { summarize, type Summary } from './stats.js'
import { awsCliVersion, measureWallTime, type Subject } from './walltime.js'
import { measureStalls, STALL_POLL_MS, type GitHubTrial, type StallTrial } from './stalls.js'
import { rollbackBoundMs } from '../chaos/stalls.js'
import { RECORD_BUDGET_MS } from '../src/deployment-record/step.js'

const say = (line = '') => process.stdout.write(`${line}\n`)

function table(head: string[], rows: (string | number)[][]): void {
  say(`| ${head.join(' | ')} |`)
  const numeric = (i: number) => rows.every((r) => /^(-?[\d.]+( ?(×|%|ms))?|–)$/.test(String(r[i])))
  say(`| ${head.map((_, i) => (i > 0 && numeric(i) ? '---:' : '---')).join(' | ')} |`)
  for (const r of rows) say(`| ${r.join(' | ')} |`)
  say()
}

/** What the action may add to the same reads made with the bare SDK (@actions/core included). */
const STARTUP_BUDGET_MS = 80

const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)}` : '–')
const ratio = (n: number) => `${n.toFixed(2)}×`
const verdict = (pass: boolean, text: string) => say(`- **${pass ? 'PASS' : 'FAIL'}** ${text}`)

function positiveInt(name: string, raw: string | undefined, dflt: number): number {
  if (raw === undefined) return dflt
  const n = Number(raw)
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer`)
  return n
}

function summaryRow(label: string, s: Summary): (string | number)[] {
  return [label, s.n, ms(s.min), ms(s.median), ms(s.p95), ms(s.max)]
}

function latencySection(trials: Trial[]) {
  say(
    `## (a) Alarm-to-rollback latency (\`shift\` 5 → 10 %, bake-time 60s, poll-interval ${POLL_INTERVAL_MS / 1000}s, ${trials.length} trials)`
  )
  say()
  say(
    'Emulator clock, from its call log: SetAlarmState ALARM → the UpdateStage replacing percentTraffic with 0.0. ' +
      'The alarm is raised a random 0-1000 ms after the bake is seen polling; “to poll” is the wait for the next ' +
      'DescribeAlarms, “react” is that read → the rollback UpdateStage.'
  )
  say()
  table(
    [
      'trial',
      'phase ms',
      'to poll ms',
      'react ms',
      'latency ms',
      'exit',
      'canary after (stage)',
      'status output',
      'process ms'
    ],
    trials.map((t, i) => [
      i + 1,
      ms(t.phaseMs),
      ms(t.toPollMs),
      ms(t.reactMs),
      ms(t.latencyMs),
      t.exitCode ?? 'signal',
      t.finalPercent === undefined ? 'no canary' : `${t.finalPercent} %`,
      `${t.status} (${t.percentOutput} %)`,
      ms(t.processMs)
    ])
  )
  const lat = summarize(trials.map((t) => t.latencyMs))
  const react = summarize(trials.map((t) => t.reactMs).filter(Number.isFinite))
  const by = (on: boolean, pick: (t: Trial) => number) =>
    summarize(trials.filter((t) => t.triage === on).map(pick))
  table(
    ['ms', 'n', 'min', 'median', 'p95', 'max'],
    [
      summaryRow('alarm → rollback', lat),
      summaryRow('react (poll → rollback)', react),
      summaryRow(
        'alarm → rollback, triage on',
        by(true, (t) => t.latencyMs)
      ),
      summaryRow(
        'alarm → rollback, triage off',
        by(false, (t) => t.latencyMs)
      ),
      summaryRow(
        'rollback → exit, triage on',
        by(true, (t) => t.afterRollbackMs)
      ),
      summaryRow(
        'rollback → exit, triage off',
        by(false, (t) => t.afterRollbackMs)
      )
    ]
  )
  say(
    'Triage (on in every other trial, with 200 failed requests in the canary’s execution log group) runs after the rollback: it can only lengthen “rollback → exit”.'
  )
  say()
  const first = trials[0]!
  say(
    `The action’s calls in trial 1 (${first.calls.filter((c) => c.operation === 'DescribeAlarms').length - 1} bake polls after the gate): ${formatOps(first.calls)}.`
  )
  say()
  const bound = POLL_INTERVAL_MS + 250
  verdict(
    lat.p95 <= bound,
    `alarm-to-rollback p95 ≤ poll-interval + 250 ms (${bound} ms): p95 ${ms(lat.p95)} ms (min ${ms(lat.min)}, median ${ms(lat.median)}, max ${ms(lat.max)}; p95 by nearest rank)`
  )
  const clean = trials.filter(
    (t) => t.exitCode === 1 && t.finalPercent === 0 && t.status === 'rolled-back'
  ).length
  verdict(
    clean === trials.length,
    `every trial exited 1 with the canary at 0 % and status rolled-back: ${clean}/${trials.length}`
  )
  say()
}

async function callsSection(results: Awaited<ReturnType<typeof measureCalls>>) {
  say('## (b) AWS calls per command and per rung')
  say()
  say('One run per row on a fresh fixture; every call the emulator served during the run.')
  say()
  table(
    ['command', 'exit', 'status output', 'calls'],
    results.map((r) => [
      r.name,
      r.code === r.expectCode ? `${r.code}` : `${r.code} (expected ${r.expectCode})`,
      r.status,
      formatOps(r.calls)
    ])
  )

  const ramp1 = results.find((r) => r.name.startsWith('ramp') && r.name.includes('1 rung'))!
  const ramp2 = results.find((r) => r.name.startsWith('ramp') && r.name.includes('2 rungs'))!
  const segments = rampSegments(ramp2.calls)
  say(
    `Ramp of 2 rungs (bake ${RAMP_BAKE}, poll ${RAMP_POLL}) split per rung: a rung starts after the alarm read ` +
      'that gated it (the first rung’s gate is in the preamble; later rungs are gated by the previous bake’s last poll).'
  )
  say()
  table(
    [
      'segment',
      'UpdateStage',
      'GetStage',
      'DescribeAlarms',
      'other',
      'GetMetricData metrics',
      'calls'
    ],
    segments.map((s) => {
      const c = countOps(s.calls)
      const known = (c.get('UpdateStage') ?? 0) + (c.get('GetStage') ?? 0)
      const polls = c.get('DescribeAlarms') ?? 0
      const other = s.calls.length - known - polls
      return [
        s.label,
        c.get('UpdateStage') ?? 0,
        c.get('GetStage') ?? 0,
        polls,
        other,
        billedMetricsOf(s.calls),
        formatOps(s.calls)
      ]
    })
  )
  say(
    `Marginal rung (2-rung ramp − 1-rung ramp): ${ramp2.calls.length} − ${ramp1.calls.length} = ${ramp2.calls.length - ramp1.calls.length} calls ` +
      `(${diffOps(ramp2.calls, ramp1.calls)}).`
  )
  say()

  say(
    `GetMetricData metrics (billed per metric): the canary analysis reads nothing in a ${RAMP_BAKE} bake (no complete minute yet), so the rungs show 0; what follows the last bake is the end-of-step comparison's read. ` +
      `Each read is one GetMetricData of ${METRICS_PER_READ} billed metrics (+2 per analysis-metrics KPI); ` +
      `a rung's bake of 5m reads at most ${maxReadsPerBake(5 * 60_000)} times = ${maxReadsPerBake(5 * 60_000) * METRICS_PER_READ} metrics, ` +
      `of 15m ${maxReadsPerBake(15 * 60_000)} times = ${maxReadsPerBake(15 * 60_000) * METRICS_PER_READ}.`
  )
  say()

  const shifts = results.filter((r) => r.name.startsWith('shift'))
  const worst = shifts.reduce((a, b) => (b.calls.length > a.calls.length ? b : a))
  verdict(
    worst.calls.length <= 4,
    `\`shift\` makes at most 4 AWS calls (an increase reads whose canary it is): worst ${worst.calls.length} (${worst.name}: ${formatOps(worst.calls)})`
  )
  const rungs = segments.filter((s) => s.label.startsWith('rung'))
  const rungOk = rungs.map((s) => {
    const c = countOps(s.calls)
    const polls = c.get('DescribeAlarms') ?? 0
    // Every rung after the first first checks the canary is still this run's (one GetStage).
    const check = s.label.startsWith('rung 1 ') ? 0 : 1
    return {
      s,
      ok:
        c.get('UpdateStage') === 1 &&
        (c.get('GetStage') ?? 0) === check &&
        s.calls.length === 1 + check + polls,
      polls
    }
  })
  verdict(
    rungs.length === 2 && rungOk.every((r) => r.ok),
    "a rung costs one UpdateStage plus one DescribeAlarms per poll (and, after the first, one GetStage: still this run's canary?): " +
      rungOk
        .map(
          (r) =>
            `${r.s.label} ${formatOps(r.s.calls)} for ${r.polls} polls${r.ok ? '' : ` (extra: ${extras(r.s.calls)})`}`
        )
        .join('; ')
  )
  const wrongExit = results.filter((r) => r.code !== r.expectCode)
  verdict(
    wrongExit.length === 0,
    `every command exited as expected: ${results.length - wrongExit.length}/${results.length}`
  )
  say()
}

function diffOps(a: Parameters<typeof countOps>[0], b: Parameters<typeof countOps>[0]): string {
  const ca = countOps(a)
  const cb = countOps(b)
  const ops = new Set([...ca.keys(), ...cb.keys()])
  return (
    [...ops]
      .map((op) => [op, (ca.get(op) ?? 0) - (cb.get(op) ?? 0)] as const)
      .filter(([, d]) => d !== 0)
      .map(([op, d]) => `${op} ${d > 0 ? '+' : ''}${d}`)
      .join(', ') || 'no difference'
  )
}

function extras(calls: Parameters<typeof countOps>[0]): string {
  const c = countOps(calls)
  c.set('UpdateStage', (c.get('UpdateStage') ?? 0) - 1)
  c.delete('DescribeAlarms')
  return (
    [...c]
      .filter(([, n]) => n !== 0)
      .map(([op, n]) => `${op} ${n}`)
      .join(', ') || 'none'
  )
}

function wallSection(w: Awaited<ReturnType<typeof measureWallTime>>, runs: number) {
  say(`## (c) Whole-process wall time (${runs} runs each, interleaved, after 1 warm-up)`)
  say()
  say(
    `Spawn → exit with \`${process.execPath}\` (${process.version}); the action is \`node dist/index.js\`.`
  )
  say()
  const subjects: Subject[] = [
    w.node,
    w.load,
    w.status,
    w.statusCold,
    w.shift,
    w.sdkFloor,
    ...(w.cli ? [w.cli] : [])
  ]
  table(
    ['subject', 'run', 'n', 'min ms', 'median ms', 'p95 ms', 'max ms'],
    subjects.map((s) => {
      const st = summarize(s.samples)
      return [s.name, s.note, st.n, ms(st.min), ms(st.median), ms(st.p95), ms(st.max)]
    })
  )
  say(
    'Where the action’s time goes (medians; the emulator’s arrival times against the spawn time): startup = spawn → ' +
      'first AWS call, calls = first → last call, tail = last call → exit.'
  )
  say()
  table(
    ['subject', 'calls per run', 'startup ms', 'calls ms', 'tail ms'],
    [w.status, w.shift].map((s) => {
      const p = s.phases!
      const range = (xs: number[]) => {
        const st = summarize(xs)
        return st.min === st.max ? `${st.min}` : `${st.min}-${st.max}`
      }
      return [
        s.name,
        range(p.count),
        ms(summarize(p.startup).median),
        ms(summarize(p.calls).median),
        ms(summarize(p.tail).median)
      ]
    })
  )
  const node = summarize(w.node.samples)
  const status = summarize(w.status.samples)
  const shift = summarize(w.shift.samples)
  const cold = summarize(w.statusCold.samples)
  const floor = summarize(w.sdkFloor.samples)
  const rows: (string | number)[][] = [
    ['`status` / `node -e 0`', ratio(status.median / node.median), ratio(status.p95 / node.p95)],
    [
      '`status` (cold compile cache) / `node -e 0`',
      ratio(cold.median / node.median),
      ratio(cold.p95 / node.p95)
    ],
    ['SDK floor / `node -e 0`', ratio(floor.median / node.median), ratio(floor.p95 / node.p95)],
    ['`status` / SDK floor', ratio(status.median / floor.median), ratio(status.p95 / floor.p95)]
  ]
  let cli: Summary | undefined
  if (w.cli) {
    cli = summarize(w.cli.samples)
    rows.push([
      '`shift` / CLI get-stage + update-stage',
      ratio(shift.median / cli.median),
      ratio(shift.p95 / cli.p95)
    ])
  }
  table(['ratio', 'of medians', 'of p95s'], rows)
  verdict(
    status.median <= floor.median + STARTUP_BUDGET_MS,
    `\`status\` ≤ the SDK floor + ${STARTUP_BUDGET_MS} ms (medians): ${ms(status.median)} ms vs ${ms(floor.median)} ms for the same reads with the two SDK clients alone: the action adds ${ms(status.median - floor.median)} ms ` +
      `(\`node -e 0\` ${ms(node.median)} ms; status ${ratio(status.median / node.median)} of it)`
  )
  if (cli) {
    verdict(
      shift.median <= cli.median / 2,
      `\`shift\` ≤ ½ × CLI get-stage + update-stage (medians): ${ms(shift.median)} ms vs ${ms(cli.median)} ms = ${ratio(shift.median / cli.median)} (limit ${ms(cli.median / 2)} ms)`
    )
  } else {
    say('- **SKIP** `shift` ≤ ½ × AWS CLI: `aws` is not on PATH')
  }
  say()
}

function stallsSection(s: { rollbacks: StallTrial[]; github: GitHubTrial[] }) {
  say(
    `## (d) Stalls: a request held without an answer (\`deploy\`, bake polled every ${STALL_POLL_MS / 1000}s)`
  )
  say()
  say(
    "Alarm → 0 %, emulator clock (SetAlarmState ALARM → the UpdateStage that set 0.0 and answered), with the rollback's first UpdateStage held; " +
      '“silenced”: every connection open at the alarm goes silent too (the bake’s next alarm read is then held).'
  )
  say()
  for (const silenced of [false, true]) {
    const xs = s.rollbacks.filter((r) => r.silenced === silenced)
    if (xs.length === 0) continue
    table(
      ['case', 'n', 'min ms', 'median ms', 'max ms', 'bound ms'],
      [
        summaryRow(
          silenced ? 'rollback held + silenced' : 'rollback held',
          summarize(xs.map((r) => r.latencyMs))
        )
          .filter((_, i) => i !== 4)
          .concat([ms(rollbackBoundMs(STALL_POLL_MS, silenced ? 1 : 0))])
      ]
    )
  }
  table(
    ['deploy (no bake)', 'GitHub answering ms', 'GitHub silent ms', 'difference ms'],
    s.github.map((g, i) => [
      `run ${i + 1}`,
      ms(g.answeringMs),
      ms(g.silentMs),
      ms(g.silentMs - g.answeringMs)
    ])
  )
  const worst = Math.max(...s.rollbacks.map((r) => r.latencyMs))
  verdict(
    s.rollbacks.every((r) => r.latencyMs <= rollbackBoundMs(STALL_POLL_MS, r.silenced ? 1 : 0)),
    `alarm → 0 % within its bound with the rollback held: worst ${ms(worst)} ms`
  )
  const gh = Math.max(...s.github.map((g) => g.silentMs - g.answeringMs))
  verdict(
    gh <= RECORD_BUDGET_MS,
    `a silent GitHub costs a step at most ${RECORD_BUDGET_MS / 1000} s: worst ${ms(gh)} ms`
  )
  say()
}

async function main() {
  const { values } = parseArgs({
    options: {
      trials: { type: 'string' },
      runs: { type: 'string' },
      only: { type: 'string' },
      'stall-trials': { type: 'string' }
    },
    strict: true,
    allowPositionals: false
  })
  const trials = positiveInt('trials', values.trials, 12)
  const runs = positiveInt('runs', values.runs, 10)
  // `--only wall`: the start-up figures alone (a, b, c and d by default).
  const only = new Set((values.only ?? 'latency,calls,wall,stalls').split(','))
  for (const part of only)
    if (!['latency', 'calls', 'wall', 'stalls'].includes(part))
      throw new Error('--only takes latency, calls, wall and/or stalls, comma-separated')
  const stallTrials = positiveInt('stall-trials', values['stall-trials'], 6)

  const started = Date.now()
  const aws = await startWorld()
  try {
    // The entry and its chunks: the entry alone does not change when the action does.
    const dir = dirname(ACTION_ENTRY)
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.js'))
      .sort()
    const hash = createHash('sha256')
    let bytes = 0
    for (const f of files) {
      const b = readFileSync(join(dir, f))
      bytes += b.length
      hash.update(f).update(b)
    }
    const cpu = cpus()
    say('# apigw-canary bench')
    say()
    say(`- Node ${process.version} (\`${process.execPath}\`), ${process.platform} ${process.arch}`)
    say(`- CPU: ${cpu[0]?.model ?? 'unknown'} × ${cpu.length}`)
    say(
      `- action: \`${relative(process.cwd(), ACTION_ENTRY)}\` and its chunks (${files.length} files, ${(bytes / 1024).toFixed(0)} KiB, sha256 ${hash.digest('hex').slice(0, 12)})`
    )
    say(`- emulator: in-process at ${aws.url}`)
    say(`- AWS CLI: ${awsCliVersion() ?? 'not on PATH'}`)
    say(`- trials ${trials} (latency), runs ${runs} (wall time)`)
    say()

    if (only.has('latency')) latencySection(await measureLatency(aws, trials))
    if (only.has('calls')) await callsSection(await measureCalls(aws))
    if (only.has('wall')) wallSection(await measureWallTime(aws, runs), runs)
    if (only.has('stalls')) stallsSection(await measureStalls(aws, stallTrials))
    say(`_Bench took ${((Date.now() - started) / 1000).toFixed(1)} s._`)
  } finally {
    await aws.close()
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`bench crashed: ${(err as Error)?.stack ?? String(err)}\n`)
  process.exit(1)
})
