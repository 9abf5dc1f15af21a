/**
 * endpoint-url may carry userinfo (`http://user:password@host`): a secret,
 * masked when read (github/secrets.ts) and never shown as it is.
 */

/**
 * A URL as the action may show it: userinfo (`user:password@`) replaced by
 * ***@. Text that is not a URL is returned as it is.
 */
export function withoutUserinfo(url: string): string {
  return url.replace(/^([A-Za-z][A-Za-z0-9+.-]*:\/\/)[^/?#]*@/, '$1***@')
}

/** The userinfo of a URL (`user:password`), undefined when it has none. */
export function userinfoOf(url: string): string | undefined {
  return /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)@/.exec(url)?.[1]
}
