/**
 * deploy from an OpenAPI definition: read and check the file before any
 * change, then import it (PutRestApi) just before the canary deployment
 * (docs/usage.md#deploy-from-an-openapi-definition).
 */
import { createHash } from 'node:crypto'
import { readFileSync, realpathSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve, sep } from 'node:path'
import type { Config } from '../config.js'
import { parseYamlText } from '../core/yaml-text.js'
import { cutText, errorMessage, InputError, shownValue } from '../errors.js'
import type { DefinitionImport, RunContext } from '../ports.js'

/** API Gateway's limit on an imported definition. */
export const MAX_DEFINITION_BYTES = 6 * 1024 * 1024
const NAME = 'openapi-file'

const refuse = (message: string): never => {
  throw new InputError(NAME, `Input '${NAME}' ${message}`)
}

/** Whether `path` is `dir` or below it (`..v2.yaml` is a name, not a way up). */
function within(dir: string, path: string): boolean {
  const rel = relative(dir, path)
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel))
}

const realOrUndefined = (dir: string | undefined) => {
  try {
    return dir ? realpathSync(dir) : undefined
  } catch {
    return undefined
  }
}

/**
 * The file's real path (symlinks resolved), when it lies in the workspace or
 * in RUNNER_TEMP (where an earlier step may have generated it); else the
 * refusal. A relative path is taken from the workspace.
 */
function realFile(file: string, env: NodeJS.ProcessEnv): string {
  const workspace = env.GITHUB_WORKSPACE || process.cwd()
  const roots = [workspace, env.RUNNER_TEMP].map(realOrUndefined).filter((d) => d !== undefined)
  const where = env.RUNNER_TEMP ? 'the workspace or RUNNER_TEMP' : 'the workspace'
  let real: string
  try {
    real = realpathSync(resolve(workspace, file))
  } catch {
    return refuse(`must name a file in ${where}; ${shownValue(file)} does not exist.`)
  }
  if (!roots.some((root) => within(root, real)))
    refuse(`must be a file inside ${where} (after following symlinks); ${shownValue(file)} is not.`)
  return real
}

/** Why `text` is not an OpenAPI 2.0 or 3.0 definition, undefined when it is one; its YAML warnings. */
function notOpenApi(text: string): { why: string | undefined; warnings: string[] } {
  const isDefinition = (has: (key: string) => boolean) => has('openapi') || has('swagger')
  if (/^\s*\{/.test(text)) {
    let doc: unknown
    try {
      doc = JSON.parse(text)
    } catch (err) {
      return { why: `is not valid JSON: ${cutText(errorMessage(err), 200)}`, warnings: [] }
    }
    const o = typeof doc === 'object' && doc !== null ? (doc as Record<string, unknown>) : {}
    return {
      why: isDefinition((k) => o[k] !== undefined) ? undefined : 'has no openapi or swagger field',
      warnings: []
    }
  }
  // The document itself, not its values: aliases are never expanded, so none is refused.
  const parsed = parseYamlText(text)
  if (!parsed.ok) return { why: `is not valid YAML: ${parsed.problem}`, warnings: [] }
  const { doc, warnings } = parsed
  const map = typeof doc.contents === 'object' && doc.contents !== null && 'items' in doc.contents
  const ok = map && isDefinition((k) => doc.has(k))
  return { why: ok ? undefined : 'has no openapi or swagger field at its top', warnings }
}

/** What readDefinition found: the import to make, and the YAML parser's warnings about the file. */
export interface ReadDefinition {
  definition: DefinitionImport
  warnings: string[]
}

/**
 * The file named by openapi-file, checked before any AWS call: inside the
 * workspace or RUNNER_TEMP once symlinks are resolved, at most 6 MB, an
 * OpenAPI 2.0 or 3.0 definition in JSON or YAML.
 */
/** A file-system read whose failure (EACCES, removed since) is the input's one-line refusal. */
function readOr<T>(file: string, read: () => T): T {
  try {
    return read()
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error'
    return refuse(`could not be read: ${shownValue(file)} (${code}).`)
  }
}

export function readDefinition(
  cfg: Pick<Config, 'openapiFile' | 'importMode' | 'failOnWarnings' | 'importParameters'>,
  env: NodeJS.ProcessEnv = process.env
): ReadDefinition | undefined {
  const file = cfg.openapiFile
  if (file === undefined) return undefined
  const path = realFile(file, env)
  const st = readOr(file, () => statSync(path))
  if (!st.isFile()) refuse(`must name a file; ${shownValue(file)} is not one.`)
  if (st.size > MAX_DEFINITION_BYTES)
    refuse(
      `must be at most 6 MB (API Gateway's import limit); ${shownValue(file)} is ${(st.size / 1024 / 1024).toFixed(1)} MB.`
    )
  const body = readOr(file, () => readFileSync(path))
  const { why, warnings } = notOpenApi(body.toString('utf8'))
  if (why)
    refuse(`must be an OpenAPI 2.0 or 3.0 definition in JSON or YAML; ${shownValue(file)} ${why}.`)
  const definition = {
    file,
    body,
    sha256: createHash('sha256').update(body).digest('hex'),
    mode: cfg.importMode,
    failOnWarnings: cfg.failOnWarnings,
    parameters: cfg.importParameters
  }
  return { definition, warnings }
}

/** PutRestApi; a refusal is a one-line error, before any deployment (the stage is untouched). */
export async function importDefinition(ctx: RunContext, d: DefinitionImport): Promise<void> {
  let warnings: string[]
  try {
    ;({ warnings } = await ctx.api.putRestApi(d))
  } catch (err) {
    // Only API Gateway's refusal of the definition is about the input; a timeout, a throttle or
    // denied credentials keep their own explanation.
    if ((err as { name?: string }).name !== 'BadRequestException') throw err
    const why = errorMessage(err).replace(/\s*\n\s*/g, '; ')
    throw new InputError(
      NAME,
      `Input '${NAME}': API Gateway refused ${shownValue(d.file)} (${d.mode}): ${why}. Nothing was deployed; the stage is untouched.`
    )
  }
  for (const w of warnings) ctx.log.warning(`${d.file}: ${w}`, 'OpenAPI import warning')
}
