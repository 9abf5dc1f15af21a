import { EventEmitter } from 'node:events'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { jest } from '@jest/globals'
import { inputEnv, parseOutputFile } from '../../local-runner/run-action.js'
import { makeClients } from '../../src/aws/clients.js'
import type { Deps } from '../../src/main.js'
import { run } from '../../src/main.js'
import { fakeTime, recordingLogger, ungatedOptIn } from './harness.js'

const dir = mkdtempSync(join(tmpdir(), 'apigw-canary-'))

/**
 * Runs the action's run() in this process (the source, not the bundle; for
 * the bundle as the runner spawns it see local-runner/run-action.ts), as the
 * runner would call it: INPUT_* variables,
 * GITHUB_OUTPUT and GITHUB_STEP_SUMMARY files; clock, sleep and signals injected.
 */
export async function runAction(
  inputs: Record<string, string>,
  opts: {
    env?: Record<string, string>
    deps?: Partial<Deps>
    signals?: EventEmitter
    onSleep?: (count: number) => void
  } = {}
) {
  const outFile = join(dir, 'output')
  // One output file and one summary file per test process, emptied per run.
  const summaryFile = join(dir, 'summary')
  writeFileSync(outFile, '')
  writeFileSync(summaryFile, '')
  const saved = { ...process.env }
  for (const k of Object.keys(process.env))
    if (k.startsWith('INPUT_') || k.startsWith('AWS_')) delete process.env[k]
  Object.assign(process.env, {
    GITHUB_OUTPUT: outFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    ...opts.env
  })
  Object.assign(process.env, inputEnv({ ...ungatedOptIn(inputs), ...inputs }))
  const stdout: string[] = []
  const spy = jest
    .spyOn(process.stdout, 'write')
    .mockImplementation((chunk: string | Uint8Array) => {
      stdout.push(String(chunk))
      return true
    })
  const log = recordingLogger()
  const time = fakeTime()
  const signals = opts.signals ?? new EventEmitter()
  let sleeps = 0
  const sleep: Deps['sleep'] = (ms, signal) => {
    opts.onSleep?.(++sleeps)
    return time.sleep(ms, signal)
  }
  try {
    const report = await run({
      env: process.env,
      clock: time.clock,
      sleep,
      log,
      makeClients,
      signals,
      ...opts.deps
    })
    return {
      report,
      log,
      time,
      exitCode: process.exitCode,
      outputs: parseOutputFile(readFileSync(outFile, 'utf8')),
      summary: readFileSync(summaryFile, 'utf8'),
      stdout: stdout.join('')
    }
  } finally {
    spy.mockRestore()
    process.exitCode = undefined
    for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k]
    Object.assign(process.env, saved)
  }
}
