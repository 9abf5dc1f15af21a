/**
 * YAML from untrusted text (an input, a definition file) that never prints.
 *
 * The `yaml` library's `parse()` hands its warnings to `process.emitWarning`,
 * which Node writes to stderr with the offending source line at the start of a
 * line; the runner reads workflow commands from stderr too, so a line
 * `::error::…` in a value would reach it as a command. Here the library only
 * collects (`logLevel: 'error'`, and `parseDocument`, which never logs nor
 * throws): its warnings and errors come back as text for the caller to report
 * through the untrusted-text path (src/github/untrusted.ts).
 */
import { parseDocument, type Document, type YAMLError } from 'yaml'

/**
 * Aliases (`*name`) allowed when a document is turned into plain values. The
 * library's default (100) counts every expansion, and refuses beyond it as a
 * "resource exhaustion attack"; a definition's `paths` reuse schemas often.
 */
export const MAX_YAML_ALIASES = 10_000

/** What the library says about a problem, on one line: `Unresolved tag: !!x at line 2, column 4`. */
export function yamlProblem(e: YAMLError | Error): string {
  const first = e.message.split('\n')[0]!.trim().replace(/:$/, '')
  return 'code' in e ? `${first} (${e.code})` : first
}

export type YamlText =
  { ok: true; doc: Document.Parsed; warnings: string[] } | { ok: false; problem: string }

/** Parses one YAML document without printing anything; the first error is the problem. */
export function parseYamlText(text: string): YamlText {
  const doc = parseDocument(text, { logLevel: 'error' })
  const error = doc.errors[0]
  if (error) return { ok: false, problem: yamlProblem(error) }
  return { ok: true, doc, warnings: doc.warnings.map(yamlProblem) }
}

/**
 * The document as plain values (aliases expanded, at most MAX_YAML_ALIASES), or
 * the problem: a parse error, a warning (an unresolved tag means the text said
 * something this reader does not understand), or too many aliases.
 */
export function yamlValue(
  text: string
): { ok: true; value: unknown } | { ok: false; problem: string } {
  const parsed = parseYamlText(text)
  if (!parsed.ok) return parsed
  if (parsed.warnings.length > 0) return { ok: false, problem: parsed.warnings[0]! }
  try {
    return { ok: true, value: parsed.doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) }
  } catch (err) {
    const problem =
      err instanceof ReferenceError && /alias/i.test(err.message)
        ? `more than ${MAX_YAML_ALIASES} alias expansions (a limit against resource exhaustion)`
        : yamlProblem(err as Error)
    return { ok: false, problem }
  }
}
