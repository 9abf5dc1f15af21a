/**
 * AWS pagination with a bound. A list call answers a page and a token for the
 * next one (`NextToken`, `position`, ...); an endpoint that keeps answering a
 * token, or answers one it already gave, would otherwise keep a step reading
 * forever. Every paginated read of the action goes through `pages`.
 */

/** Pages one read may follow before it fails: far above any account's real size. */
export const MAX_PAGES = 100

/** A paginated read that did not end: too many pages, or a token that came back. */
export class PaginationError extends Error {
  override name = 'PaginationError'
}

/**
 * Reads `read(undefined)`, then `read(token)` for each token `next` finds,
 * handing every page to `each`. Fails with a PaginationError naming `what` on
 * a token answered twice, or after `max` pages.
 */
export async function pages<P>(
  what: string,
  read: (token: string | undefined) => Promise<P>,
  next: (page: P) => string | undefined,
  each: (page: P) => void,
  max = MAX_PAGES
): Promise<void> {
  const seen = new Set<string>()
  let token: string | undefined
  for (let n = 1; ; n++) {
    const page = await read(token)
    each(page)
    token = next(page)
    if (!token) return
    if (seen.has(token)) {
      throw new PaginationError(
        `${what}: AWS answered a page token it had already given (page ${n}); stopped rather than read the same pages forever`
      )
    }
    if (n >= max) {
      throw new PaginationError(
        `${what}: still more pages after ${max}; stopped (the action reads at most ${max} pages of one list)`
      )
    }
    seen.add(token)
  }
}
