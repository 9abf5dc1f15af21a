/**
 * A GitHub API that accepts the connection and never answers: each call of
 * the Deployments adapter gives up at its budget, and its request is aborted,
 * so that nothing holds the step's process afterwards (before, a page of
 * listDeployments went out without the abort signal and kept the process
 * alive until undici's 300 s header timeout, then plugin-retry sent it twice
 * more). Run in a child process of real Node: whether the process ends is
 * the behaviour under test.
 */
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'
import { blackHole } from '../../local-runner/black-hole.js'
import { inheritedEnv, runProcess } from '../../local-runner/run-action.js'

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const TSX = resolve(ROOT, 'node_modules/.bin/tsx')
const CHILD = resolve(ROOT, '__tests__/helpers/github-silent-child.ts')

describe('a GitHub API that never answers', () => {
  it.each(['findDeployment', 'ensureDeployment', 'postStatus'])(
    '%s gives up at its budget and the process ends',
    async (call) => {
      const hole = await blackHole()
      try {
        const env = inheritedEnv()
        env.PATH = `${dirname(process.execPath)}:${env.PATH ?? ''}`
        // Killed after 20 s: a process still alive then is what this test exists to catch.
        const run = await runProcess(TSX, [CHILD, hole.url, call], env, { timeoutMs: 20_000 })
        expect(run.signal).toBeNull()
        expect(run.code).toBe(0)
        const result = JSON.parse(run.stdout) as { ok: boolean; why: string }
        expect(result.ok).toBe(false)
        expect(result.why).toMatch(/GitHub did not answer within 0\.[0-9]+ s\.$/)
        expect(hole.accepted).toBeGreaterThan(0)
      } finally {
        await hole.close()
      }
    },
    30_000
  )
})
