import { cutDescription } from './record.js'

/** One line of at most 300 characters of text GitHub sent (it may carry anything). */
const oneLine = (s: string) =>
  cutDescription([...s].map((c) => (c < ' ' || c === '\u007f' ? ' ' : c)).join(''), 300)

/** A response header as the warning shows it: one line, at most 100 characters. */
const headerText = (s: string | undefined) =>
  s === undefined ? undefined : oneLine(s).slice(0, 100)

/**
 * A request's headers never appear: undici's error for a header value it
 * refuses quotes the whole value (`Authorization: token ...`).
 */
const withoutHeaderValues = (s: string) =>
  s.replace(
    /"[\s\S]*" is an invalid header value/g,
    'a request header value is invalid (not shown)'
  )

interface HttpError {
  status?: number
  message?: string
  name?: string
  response?: { headers?: Record<string, string | undefined>; data?: unknown }
}

/** Why a GitHub call failed, as one line for a warning. */
export function whyFailed(e: unknown, repository: string): string {
  const err = (e ?? {}) as HttpError
  const raw = err.response?.headers ?? {}
  const headers = (name: string) => headerText(raw[name])
  const data = err.response?.data as { message?: unknown; errors?: unknown } | undefined
  const said = oneLine(
    typeof data?.message === 'string'
      ? data.message +
          (Array.isArray(data.errors)
            ? data.errors
                .map((x: { message?: unknown }) =>
                  typeof x?.message === 'string' ? `: ${x.message}` : ''
                )
                .join('')
            : '')
      : withoutHeaderValues(err.message ?? String(e))
  )
  const status = err.status
  if (err.name === 'AbortError' || err.name === 'TimeoutError') return said
  if (status === 401) return `GitHub refused the token (401 ${said}): check the github-token input.`
  if ((status === 403 || status === 429) && headers('x-ratelimit-remaining') === '0') {
    const reset = Number(headers('x-ratelimit-reset'))
    const at =
      Number.isFinite(reset) && reset > 0 ? ` until ${new Date(reset * 1000).toISOString()}` : ''
    return `GitHub's API rate limit for this token is used up${at} (${status} ${said}).`
  }
  if ((status === 403 || status === 429) && /secondary rate limit/i.test(said))
    return `GitHub's secondary rate limit (${status}), retry after ${headers('retry-after') ?? '?'} s: ${said}`
  if (status === 403) {
    const needed = headers('x-accepted-github-permissions') ?? 'deployments=write'
    return `The token may not write deployments of ${repository} (403 ${said}): give the job \`permissions: deployments: write\` (GitHub asks for ${needed}).`
  }
  if (status === 404)
    return `GitHub answered 404 for ${repository} (${said}): the repository is not visible to the token, or the deployment is gone.`
  if (status !== undefined && status >= 400 && status < 500)
    return `GitHub refused (${status} ${said}).`
  // @octokit/request gives a dropped connection status 500 too, but no response.
  if (status !== undefined && status >= 500 && err.response)
    return `GitHub failed (${status} ${said}) after its retries.`
  return `GitHub could not be reached (${said}).`
}
