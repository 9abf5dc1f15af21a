/**
 * (c) Whole-process wall time, spawn to exit: a bare `node -e 0`, the action's
 * `status` and `shift`, and the AWS CLI's `apigateway get-stage` +
 * `update-stage` (what a shell-script release runs), when `aws` is on PATH.
 * The subjects are interleaved run by run, after one uncounted warm-up each,
 * so that drift in the machine's load hits them all alike.
 */
import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  awsEnv,
  inputEnv,
  runAction,
  runProcess,
  type ActionResult,
  type ProcessResult
} from '../local-runner/run-action.js'
import {
  callMark,
  callsSince,
  freshFixture,
  makeFixture,
  STAGE,
  type Aws,
  type Fixture
} from './setup.js'
import { baseEnv, benchStep } from './spawn-action.js'

export interface Subject {
  name: string
  /** What one run is, in words. */
  note: string
  samples: number[]
  /** For the action: where each run's time went, lined up with the emulator's call log. */
  phases?: Phases
}

/** Per run, ms: spawn → first AWS call; first → last call's arrival; last call → exit. */
export interface Phases {
  startup: number[]
  calls: number[]
  tail: number[]
  count: number[]
}

export interface WallTimes {
  node: Subject
  /** The action with an invalid command: bundle load and failing, no AWS call. */
  load: Subject
  status: Subject
  /** `status` with an empty compile cache, as the first step on a fresh runner. */
  statusCold: Subject
  shift: Subject
  /** status's six reads with the SDK alone (bench/sdk-floor), bundled the same way. */
  sdkFloor: Subject
  cli: Subject | undefined
  cliVersion: string | undefined
}

/** `aws --version`, or undefined when the CLI is not on PATH (or does not run). */
export function awsCliVersion(): string | undefined {
  try {
    const r = execFileSync('aws', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: baseEnv()
    })
    return r.trim() || undefined
  } catch {
    return undefined
  }
}

const SDK_FLOOR_ENTRY = join(dirname(fileURLToPath(import.meta.url)), 'sdk-floor', 'index.ts')

/** Bundles bench/sdk-floor into `dir` as `npm run bundle` bundles the action; returns the entry. */
function bundleSdkFloor(dir: string): string {
  const ncc = createRequire(import.meta.url).resolve('@vercel/ncc/dist/ncc/cli.js')
  execFileSync(
    process.execPath,
    [ncc, 'build', SDK_FLOOR_ENTRY, '-o', dir, '--transpile-only', '--quiet'],
    { stdio: ['ignore', 'ignore', 'inherit'] }
  )
  return join(dir, 'index.js')
}

function ok(what: string, r: ProcessResult): number {
  if (r.code !== 0) {
    throw new Error(`${what} exited ${r.code ?? r.signal}:\n${(r.stderr || r.stdout).slice(-2000)}`)
  }
  return r.ms
}

export async function measureWallTime(aws: Aws, runs: number): Promise<WallTimes> {
  // One API for the action (status reads it, shift alternates it), another for the CLI.
  const fx: Fixture = await freshFixture(aws, { canaryPercent: 5, alarm: true })
  const cliVersion = awsCliVersion()
  const cliFx = cliVersion ? await makeFixture(aws, { canaryPercent: 5 }) : undefined

  const env = baseEnv()
  const cliEnv = { ...baseEnv(), ...awsEnv(aws.url) }
  const common = { 'rest-api-id': fx.restApiId, stage: STAGE, 'alarm-names': fx.alarmName! }
  let actionPercent = 5
  let cliPercent = 5
  const next = (p: number) => (p === 5 ? 10 : 5)

  const node = async () => ok('node -e 0', await runProcess(process.execPath, ['-e', '0'], env))
  const floorDir = mkdtempSync(join(tmpdir(), 'apigw-canary-bench-sdk-floor-'))
  const floorEntry = bundleSdkFloor(floorDir)
  const floorEnv = { ...cliEnv, ...inputEnv(common) }
  const sdkFloor = async () =>
    ok('the SDK floor', await runProcess(process.execPath, [floorEntry], floorEnv))
  const load = async () => {
    const r = await runAction({ command: 'bench-invalid', ...common }, benchStep(aws.url))
    if (r.code !== 1) throw new Error(`the action with an invalid command exited ${r.code}, not 1`)
    return r.ms
  }
  const statusPhases: Phases = { startup: [], calls: [], tail: [], count: [] }
  const shiftPhases: Phases = { startup: [], calls: [], tail: [], count: [] }
  /** Runs the action and notes its phases from the call log (outside the timed span). */
  const traced = async (phases: Phases, inputs: Record<string, string>): Promise<ActionResult> => {
    const mark = await callMark(aws.url)
    const r = await runAction(inputs, benchStep(aws.url))
    const times = (await callsSince(aws.url, mark)).map((c) => Date.parse(c.time))
    if (times.length > 0) {
      phases.startup.push(times[0]! - r.startedAt)
      phases.calls.push(times[times.length - 1]! - times[0]!)
      phases.tail.push(r.startedAt + r.ms - times[times.length - 1]!)
      phases.count.push(times.length)
    }
    return r
  }
  const status = async () =>
    ok('status', await traced(statusPhases, { command: 'status', ...common }))
  const statusCold = async () => {
    const cache = mkdtempSync(join(tmpdir(), 'apigw-canary-bench-cache-'))
    try {
      const r = await runAction(
        { command: 'status', ...common },
        benchStep(aws.url, { NODE_COMPILE_CACHE: cache })
      )
      return ok('status (cold compile cache)', r)
    } finally {
      rmSync(cache, { recursive: true, force: true })
    }
  }
  const shift = async () => {
    const to = next(actionPercent)
    const r = await traced(shiftPhases, { command: 'shift', percent: String(to), ...common })
    ok(`shift to ${to}`, r)
    if (r.outputs.percent !== String(to))
      throw new Error(`shift to ${to} left the canary at ${r.outputs.percent}`)
    actionPercent = to
    return r.ms
  }
  const cli = async () => {
    const to = next(cliPercent)
    const ids = ['--rest-api-id', cliFx!.restApiId, '--stage-name', STAGE]
    const endpoint = ['--endpoint-url', aws.url]
    const get = ok(
      'aws apigateway get-stage',
      await runProcess('aws', ['apigateway', 'get-stage', ...ids, ...endpoint], cliEnv)
    )
    const update = ok(
      'aws apigateway update-stage',
      await runProcess(
        'aws',
        [
          'apigateway',
          'update-stage',
          ...ids,
          '--patch-operations',
          `op=replace,path=/canarySettings/percentTraffic,value=${to.toFixed(1)}`,
          ...endpoint
        ],
        cliEnv
      )
    )
    cliPercent = to
    return get + update
  }

  const subjects: [Subject, () => Promise<number>][] = [
    [{ name: '`node -e 0`', note: 'bare Node startup', samples: [] }, node],
    [
      {
        name: 'action, invalid `command`',
        note: 'loads the bundle, fails on input, no AWS call',
        samples: []
      },
      load
    ],
    [{ name: '`status`', note: 'canary (5 or 10 %), 1 alarm', samples: [] }, status],
    [
      {
        name: '`status`, cold compile cache',
        note: 'as above, NODE_COMPILE_CACHE an empty directory (first step on a fresh runner)',
        samples: []
      },
      statusCold
    ],
    [
      { name: '`shift`', note: '5 ↔ 10 % alternating, 1 alarm (increases gated)', samples: [] },
      shift
    ],
    [
      {
        name: 'SDK floor',
        note: '`status`’s 6 reads with the two SDK clients and nothing else, bundled the same way',
        samples: []
      },
      sdkFloor
    ]
  ]
  if (cliVersion) {
    subjects.push([
      {
        name: '`aws apigateway get-stage` + `update-stage`',
        note: 'two sequential processes, summed; 5 ↔ 10 %',
        samples: []
      },
      cli
    ])
  }
  try {
    for (const [, fn] of subjects) await fn() // warm-up, not counted
    for (const p of [statusPhases, shiftPhases]) for (const xs of Object.values(p)) xs.length = 0
    for (let i = 0; i < runs; i++) {
      for (const [subject, fn] of subjects) subject.samples.push(await fn())
    }
  } finally {
    rmSync(floorDir, { recursive: true, force: true })
  }
  return {
    node: subjects[0]![0],
    load: subjects[1]![0],
    status: { ...subjects[2]![0], phases: statusPhases },
    statusCold: subjects[3]![0],
    shift: { ...subjects[4]![0], phases: shiftPhases },
    sdkFloor: subjects[5]![0],
    cli: subjects[6]?.[0],
    cliVersion
  }
}
