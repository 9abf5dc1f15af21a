/**
 * Secrets the action holds (the GitHub token, AWS credentials, the password
 * part of an endpoint-url): masked in the runner's log as soon as they are
 * read (@actions/core's setSecret, the `add-mask` workflow command), and cut
 * out of every string the action writes anywhere (untrusted.ts calls redact()
 * first), because the runner masks only its log, not the job summary or what
 * a later step does with an output.
 *
 * The runner masks a secret line by line as the log arrives, so a value with
 * a line break is masked as each of its lines
 * (https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions#masking-a-value-in-a-log).
 */
import { setSecret } from '@actions/core'
import { userinfoOf } from '../core/endpoint-url.js'

/** What a secret shows as wherever the action writes. */
export const REDACTED = '***'

/**
 * The longest line the runner is asked to mask. An `::add-mask::` line puts
 * the value on stdout once, so a huge input would be echoed whole; no GitHub
 * token or password is anywhere near this long. A longer line is still
 * redacted from everything the action writes, which never prints it.
 */
export const MAX_MASKED = 1024

/** Shorter lines are masked in the log but not redacted from the action's own text. */
const MIN_REDACTED = 4

const held = new Set<string>()
/**
 * The held secrets, longest first (a secret that contains another is cut
 * whole). Plain string search, not one regular expression: a secret of any
 * length (a 100 KB input) cannot make a pattern V8 refuses to compile.
 */
let longestFirst: string[] = []

/** The lines of a secret worth masking: each line, trimmed, not empty. */
export function secretLines(value: string): string[] {
  return [
    ...new Set(
      value
        .split(/\r\n|[\r\n\u0085\u2028\u2029]/)
        .map((line) => line.trim())
        .filter((line) => line !== '')
    )
  ]
}

/** Masks `value` (each of its lines) in the runner's log and redacts it from what the action writes. */
export function maskSecret(value: string | undefined): void {
  holdSecret(value, true)
}

/**
 * Redacts `value` (each of its lines) from what the action writes; `mask`
 * also has the runner mask it (an `::add-mask::` line on stdout, which the
 * runner reads and does not show).
 */
export function holdSecret(value: string | undefined, mask = false): void {
  if (!value) return
  for (const line of secretLines(value)) {
    if (held.has(line)) continue
    if (mask && line.length <= MAX_MASKED) setSecret(line)
    // A very short line would blank out ordinary words: the runner masks it, the action keeps it.
    if (line.length < MIN_REDACTED) continue
    held.add(line)
    // JSON outputs write `"` and `\` escaped: redact that form as well.
    const json = JSON.stringify(line).slice(1, -1)
    if (json !== line) held.add(json)
  }
  longestFirst = [...held].sort((a, b) => b.length - a.length)
}

/** `text` with every secret the action holds replaced by ***. */
export function redact(text: string): string {
  let out = text
  for (const secret of longestFirst)
    if (out.includes(secret)) out = out.split(secret).join(REDACTED)
  return out
}

/** Forgets every secret (tests only: a process holds its secrets for its whole life). */
export function forgetSecrets(): void {
  held.clear()
  longestFirst = []
}

/**
 * Masks what the action is given in secret: the GitHub token (each line) and
 * the userinfo of endpoint-url, with its password on its own. The AWS
 * credentials in the environment are redacted from everything the action
 * writes but not masked again: aws-actions/configure-aws-credentials masks
 * them, as GitHub masks secrets, and an `::add-mask::` line would put them on
 * stdout once more.
 */
export function maskGivenSecrets(
  read: (name: 'github-token' | 'endpoint-url') => string,
  env: NodeJS.ProcessEnv
): void {
  maskSecret(read('github-token'))
  for (const name of ['AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_ACCESS_KEY_ID'])
    holdSecret(env[name])
  const userinfo = userinfoOf(read('endpoint-url').trim())
  if (userinfo) {
    maskSecret(userinfo)
    maskSecret(userinfo.split(':').slice(1).join(':') || undefined)
    maskSecret(safeDecode(userinfo))
  }
}

function safeDecode(s: string): string | undefined {
  try {
    return decodeURIComponent(s)
  } catch {
    return undefined
  }
}
