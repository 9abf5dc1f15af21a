/**
 * A debug line per GitHub request (shown when the run has debug logging on):
 * method, route, status and how long it took. Never a header
 * (the token is in one) or a body.
 */
import type { Octokit } from '@octokit/core'

export function traceRequests<T extends Pick<Octokit, 'hook'>>(
  octokit: T,
  debug: (m: string) => void
): T {
  octokit.hook.wrap('request', async (request, options) => {
    const what = `${options.method} ${options.url}`
    const started = performance.now()
    const took = () => `${Math.round(performance.now() - started)} ms`
    try {
      const res = await request(options)
      debug(`${what}: ${res.status} in ${took()}`)
      return res
    } catch (e) {
      const status = (e as { status?: number }).status
      debug(`${what}: failed${status ? ` (${status})` : ''} after ${took()}`)
      throw e
    }
  })
  return octokit
}
