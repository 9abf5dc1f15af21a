/**
 * Reading an OpenAPI definition as ImportRestApi and PutRestApi do: JSON or
 * YAML, OpenAPI 2.0 (`swagger: "2.0"`) or 3.0 (`openapi: 3.0.x`), at most
 * 6 MB. Keeps what the emulator models: title, description, version, the
 * paths, their methods and integrations, the endpoint configuration extension, and the
 * warnings API Gateway would report (a method without an integration).
 */
import { parse as parseYaml } from 'yaml'

import { badRequest } from './errors.js'
import { integrationOf } from './methods.js'
import { isRecord } from '../common/wire.js'

export const MAX_DEFINITION_BYTES = 6 * 1024 * 1024

/** The message API Gateway answers for a body it cannot read as OpenAPI. */
export const INVALID_OPENAPI = 'Invalid OpenAPI input.'

const HTTP_METHODS: Record<string, string> = {
  get: 'GET',
  put: 'PUT',
  post: 'POST',
  delete: 'DELETE',
  options: 'OPTIONS',
  head: 'HEAD',
  patch: 'PATCH',
  'x-amazon-apigateway-any-method': 'ANY'
}

const BASEPATH_MODES = ['ignore', 'prepend', 'split']

export interface Definition {
  title?: string
  description?: string
  version?: string
  /** Resource path -> method (GET, POST, ..., ANY) -> its `x-amazon-apigateway-integration`, if any. */
  paths: Map<string, Map<string, Record<string, unknown> | undefined>>
  /** `x-amazon-apigateway-endpoint-configuration`, when present. */
  endpointExtension?: Record<string, unknown>
  warnings: string[]
}

function parseDocument(body: string): Record<string, unknown> {
  let doc: unknown
  try {
    doc = JSON.parse(body)
  } catch {
    try {
      doc = parseYaml(body)
    } catch {
      throw badRequest(INVALID_OPENAPI)
    }
  }
  if (!isRecord(doc)) throw badRequest(INVALID_OPENAPI)
  const swagger = doc.swagger
  const openapi = doc.openapi
  const v2 = swagger === '2.0' || swagger === 2
  const v3 = typeof openapi === 'string' && /^3\.0(\.\d+)?$/.test(openapi)
  if (!v2 && !v3) throw badRequest(INVALID_OPENAPI)
  return doc
}

/** The path the `basepath` import parameter prefixes the definition's paths with. */
function basePathOf(doc: Record<string, unknown>, mode: string): string {
  let base = ''
  if (typeof doc.basePath === 'string') base = doc.basePath
  else if (Array.isArray(doc.servers) && isRecord(doc.servers[0])) {
    const url = String(doc.servers[0].url ?? '')
    const m = /^(?:[a-z]+:\/\/[^/]*)?(\/[^?#]*)?/i.exec(url)
    base = m?.[1] ?? ''
  }
  base = base.replace(/\/+$/, '')
  if (mode === 'prepend') return base
  if (mode === 'split') return base.replace(/^\/[^/]*/, '')
  return ''
}

/**
 * The definition in `body`; `basepath` is the import parameter of that name.
 * Throws BadRequestException as API Gateway does for what it cannot import.
 */
export function readDefinition(body: string, basepath = 'ignore'): Definition {
  if (Buffer.byteLength(body) > MAX_DEFINITION_BYTES) {
    throw badRequest('API definition is too large: at most 6 MB')
  }
  if (!BASEPATH_MODES.includes(basepath)) {
    throw badRequest(
      `Invalid basepath parameter ${basepath}. Must be one of: [ignore, prepend, split]`
    )
  }
  const doc = parseDocument(body)
  const info = isRecord(doc.info) ? doc.info : {}
  const rawPaths = doc.paths ?? {}
  if (!isRecord(rawPaths)) throw badRequest(INVALID_OPENAPI)
  const prefix = basePathOf(doc, basepath)
  const errors: string[] = []
  const warnings: string[] = []
  const paths: Definition['paths'] = new Map()
  for (const [p, item] of Object.entries(rawPaths)) {
    if (!p.startsWith('/') || !isRecord(item)) {
      errors.push(`Invalid resource path ${p}: must start with / and describe its operations`)
      continue
    }
    const path = `${prefix}${p}`.replace(/(.)\/+$/, '$1') || '/'
    const methods = paths.get(path) ?? new Map<string, Record<string, unknown> | undefined>()
    for (const [key, op] of Object.entries(item)) {
      const method = HTTP_METHODS[key.toLowerCase()]
      if (!method) continue
      if (!isRecord(op)) {
        errors.push(`Invalid operation ${key} at path ${p}`)
        continue
      }
      const integration = op['x-amazon-apigateway-integration']
      if (!isRecord(integration)) {
        methods.set(method, undefined)
        warnings.push(
          `Unable to put integration on '${method}' for resource at path '${path}': No integration defined for method`
        )
        continue
      }
      try {
        integrationOf(integration, '')
      } catch (e) {
        errors.push(
          `Unable to put integration on '${method}' for resource at path '${path}': ${(e as Error).message}`
        )
      }
      methods.set(method, integration)
    }
    paths.set(path, methods)
  }
  if (errors.length > 0) throw badRequest(`Errors found during import:\n\t${errors.join('\n\t')}`)
  const ext = doc['x-amazon-apigateway-endpoint-configuration']
  return {
    title: typeof info.title === 'string' ? info.title : undefined,
    description: typeof info.description === 'string' ? info.description : undefined,
    version: typeof info.version === 'string' ? info.version : undefined,
    paths,
    endpointExtension: isRecord(ext) ? ext : undefined,
    warnings
  }
}
