/**
 * Resources: the tree of paths of a REST API (GetResources, GetResource,
 * CreateResource), and the lookups by id that methods and integrations use.
 */
import { badRequest, conflict, notFound } from './errors.js'
import { embeds, page, reader, str, type Input } from './input.js'
import { type Resource, type RestApi, methodToWire } from './model.js'
import type { ApiGatewayService, OperationResult } from './service.js'
import { randomId } from '../common/wire.js'

const PATH_PART_RE = /^(\{[A-Za-z0-9._-]+\+?\}|[A-Za-z0-9._~:@!$&'()*+,;=-]+)$/

const parentPath = (path: string): string => path.replace(/\/[^/]*$/, '') || '/'

/** The resource whose id is `id`, with its path, or NotFoundException. */
export function resourceById(api: RestApi, id: string): { path: string; resource: Resource } {
  for (const [path, resource] of api.resources) {
    if (resource.id === id) return { path, resource }
  }
  throw notFound('Invalid Resource identifier specified')
}

/** Adds a resource for `path` and each of its parents that is missing. */
export function ensureResource(api: RestApi, path: string): Resource {
  const existing = api.resources.get(path)
  if (existing) return existing
  const parent = parentPath(path)
  if (parent !== path) ensureResource(api, parent)
  const r: Resource = { id: randomId(6), methods: new Map() }
  api.resources.set(path, r)
  return r
}

function resourceToWire(api: RestApi, path: string, r: Resource, withMethods: boolean) {
  const out: Record<string, unknown> = { id: r.id }
  if (path !== '/') {
    out.parentId = api.resources.get(parentPath(path))?.id
    out.pathPart = path.slice(path.lastIndexOf('/') + 1)
  }
  out.path = path
  if (withMethods && r.methods.size > 0) {
    out.resourceMethods = Object.fromEntries(
      [...r.methods.values()]
        .sort((a, b) => (a.httpMethod < b.httpMethod ? -1 : 1))
        .map((m) => [m.httpMethod, methodToWire(m)])
    )
  }
  return out
}

export const getResources = reader((api, i) => {
  const all = [...api.resources.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  const p = page(all, i)
  const withMethods = embeds(i, 'methods')
  return { ...p, item: p.item.map(([path, r]) => resourceToWire(api, path, r, withMethods)) }
})

export const getResource = reader((api, i) => {
  const { path, resource } = resourceById(api, String(i.resourceId))
  return resourceToWire(api, path, resource, embeds(i, 'methods'))
})

export function createResource(svc: ApiGatewayService, i: Input): OperationResult {
  const api = svc.api(String(i.restApiId))
  const parent = resourceById(api, String(i.parentId))
  const part = str(i.pathPart) ?? ''
  if (!PATH_PART_RE.test(part)) {
    throw badRequest(
      "Resource's path part only allow a-zA-Z0-9._- and curly braces at the beginning and the end and an optional plus sign before the closing brace."
    )
  }
  const path = parent.path === '/' ? `/${part}` : `${parent.path}/${part}`
  if (api.resources.has(path)) {
    throw conflict(`Another resource with the same parent already has this name: ${part}`)
  }
  const r: Resource = {
    id: svc.newId(6, (id) => [...api.resources.values()].some((x) => x.id === id)),
    methods: new Map()
  }
  api.resources.set(path, r)
  return { status: 201, body: resourceToWire(api, path, r, false) }
}
