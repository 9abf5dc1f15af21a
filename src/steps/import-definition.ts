/**
 * deploy from an OpenAPI definition: read and check the file before any
 * change, then import it (PutRestApi) just before the canary deployment
 * (docs/usage.md#deploy-from-an-openapi-definition).
 */
import { createHash } from 'node:crypto'
import { readFileSync, statSync } from 'node:fs'
import { isAbsolute, relative, resolve } from 'node:path'
import { parse as parseYaml } from 'yaml'
import type { RunContext, DefinitionImport } from '../ports.js'
import { errorMessage, InputError, shownValue } from '../errors.js'

/** API Gateway's limit on an imported definition. */
export const MAX_DEFINITION_BYTES = 6 * 1024 * 1024
const NAME = 'openapi-file'

const refuse = (message: string): never => {
  throw new InputError(NAME, `Input '${NAME}' ${message}`)
}

/** The file named by openapi-file, checked: in the workspace, at most 6 MB, an OpenAPI 2.0 or 3.0 definition in JSON or YAML. */
export function readDefinition(
  ctx: Pick<RunContext, 'cfg'>,
  workspace = process.env.GITHUB_WORKSPACE || process.cwd()
): DefinitionImport | undefined {
  const { cfg } = ctx
  const file = cfg.openapiFile
  if (file === undefined) return undefined
  const path = resolve(workspace, file)
  const inside = relative(resolve(workspace), path)
  if (inside.startsWith('..') || isAbsolute(inside))
    refuse(`must be a path inside the workspace; got ${shownValue(file)}.`)
  let size: number
  try {
    const st = statSync(path)
    if (!st.isFile()) refuse(`must name a file; ${shownValue(file)} is not one.`)
    size = st.size
  } catch (err) {
    if (err instanceof InputError) throw err
    return refuse(`must name a file in the workspace; ${shownValue(file)} does not exist.`)
  }
  if (size > MAX_DEFINITION_BYTES)
    refuse(
      `must be at most 6 MB (API Gateway's import limit); ${shownValue(file)} is ${(size / 1024 / 1024).toFixed(1)} MB.`
    )
  const body = readFileSync(path)
  let doc: unknown
  try {
    const text = body.toString('utf8')
    doc = /^\s*\{/.test(text) ? JSON.parse(text) : parseYaml(text)
  } catch {
    doc = undefined
  }
  const o = doc as Record<string, unknown> | undefined
  if (typeof o !== 'object' || o === null || (o.openapi === undefined && o.swagger === undefined))
    refuse(
      `must be an OpenAPI 2.0 or 3.0 definition in JSON or YAML; ${shownValue(file)} is not one.`
    )
  return {
    file,
    body,
    sha256: createHash('sha256').update(body).digest('hex'),
    mode: cfg.importMode,
    failOnWarnings: cfg.failOnWarnings,
    parameters: cfg.importParameters
  }
}

/** PutRestApi; a refusal is a one-line error, before any deployment (the stage is untouched). */
export async function importDefinition(ctx: RunContext, d: DefinitionImport): Promise<void> {
  let warnings: string[]
  try {
    ;({ warnings } = await ctx.api.putRestApi(d))
  } catch (err) {
    const why = errorMessage(err).replace(/\s*\n\s*/g, '; ')
    throw new InputError(
      NAME,
      `Input '${NAME}': API Gateway refused ${shownValue(d.file)} (${d.mode}): ${why}. Nothing was deployed; the stage is untouched.`
    )
  }
  for (const w of warnings) ctx.log.warning(`${d.file}: ${w}`, 'OpenAPI import warning')
}
