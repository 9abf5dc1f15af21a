/**
 * X-Ray segment documents as PutTraceSegments receives them, and what a
 * trace summary is made of: the trace's services, its HTTP request, its
 * annotations, and its fault (or error) root causes, the deepest faulted
 * segments or subsegments with their exceptions.
 * https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html
 */
import { ACCOUNT_ID, isRecord } from '../common/wire.js'

export interface Segment {
  id: string
  name: string
  trace_id?: string
  parent_id?: string
  type?: string
  start_time: number
  end_time?: number
  in_progress?: boolean
  origin?: string
  fault?: boolean
  error?: boolean
  throttle?: boolean
  http?: { request?: Record<string, unknown>; response?: { status?: number } }
  annotations?: Record<string, string | number | boolean>
  cause?: { exceptions?: Array<{ type?: string; message?: string; remote?: boolean }> }
  resource_arn?: string
  user?: string
  subsegments?: Segment[]
}

const TRACE_ID_RE = /^1-[0-9a-f]{8}-[0-9a-f]{24}$/
const SEGMENT_ID_RE = /^[0-9a-f]{16}$/

/** Why a segment document cannot be stored, or undefined when it can. */
export function segmentProblem(doc: unknown): string | undefined {
  if (!isRecord(doc)) return 'Segment document is not a JSON object'
  if (typeof doc.name !== 'string' || doc.name === '') return 'Segment name is missing'
  if (typeof doc.id !== 'string' || !SEGMENT_ID_RE.test(doc.id))
    return 'Segment id must be 16 hexadecimal digits'
  if (typeof doc.trace_id !== 'string' || !TRACE_ID_RE.test(doc.trace_id)) {
    return 'Trace id must look like 1-58406520-a006649127e371903a2de979'
  }
  if (typeof doc.start_time !== 'number') return 'Segment start_time is missing'
  if (typeof doc.end_time !== 'number' && doc.in_progress !== true) {
    return 'Segment needs an end_time or in_progress: true'
  }
  if (doc.type === 'subsegment' && typeof doc.parent_id !== 'string') {
    return 'A subsegment sent on its own needs a parent_id'
  }
  return undefined
}

/** Every segment and subsegment of a trace, with its path of names from the segment down. */
export function* walk(
  s: Segment,
  path: Segment[] = []
): Generator<{ s: Segment; path: Segment[] }> {
  const here = [...path, s]
  yield { s, path: here }
  for (const sub of s.subsegments ?? []) yield* walk(sub, here)
}

const serviceOf = (s: Segment) => {
  const out: Record<string, unknown> = { Name: s.name, Names: [s.name], AccountId: ACCOUNT_ID }
  if (s.origin) out.Type = s.origin
  return out
}

/**
 * The root causes of a kind (`fault` or `error`): the flagged segments and
 * subsegments none of whose callees (its subsegments, and the segments sent
 * with it as their parent) is flagged, each with the path from its service's
 * segment and its exceptions.
 */
export function rootCauses(segments: Segment[], kind: 'fault' | 'error'): unknown[] {
  const callees = (x: Segment): Segment[] => [
    ...(x.subsegments ?? []),
    ...segments.filter((o) => o.parent_id === x.id)
  ]
  const flaggedDeep = (x: Segment, seen = new Set<Segment>()): boolean => {
    if (seen.has(x)) return false
    seen.add(x)
    return x[kind] === true || callees(x).some((c) => flaggedDeep(c, seen))
  }
  const out: unknown[] = []
  for (const seg of segments) {
    for (const { s, path } of walk(seg)) {
      if (s[kind] !== true || callees(s).some((c) => flaggedDeep(c))) continue
      const exceptions = s.cause?.exceptions ?? []
      out.push({
        Services: [
          {
            ...serviceOf(seg),
            EntityPath: path.map((p) => ({
              Name: p.name,
              Exceptions:
                p === s ? exceptions.map((e) => ({ Name: e.type, Message: e.message })) : [],
              Remote: p === s && exceptions.some((e) => e.remote === true)
            })),
            Inferred: false
          }
        ],
        ClientImpacting: true
      })
    }
  }
  return out
}

/** The segment the trace entered by: the one with no parent, else the earliest. */
export const entryOf = (segments: Segment[]): Segment =>
  segments.find((s) => s.parent_id === undefined) ??
  [...segments].sort((a, b) => a.start_time - b.start_time)[0]!

/** The summary GetTraceSummaries answers for one trace. */
export function summaryOf(id: string, segments: Segment[]): Record<string, unknown> {
  const entry = entryOf(segments)
  const all = segments.flatMap((s) => [...walk(s)].map((x) => x.s))
  const start = Math.min(...segments.map((s) => s.start_time))
  const end = Math.max(...segments.map((s) => s.end_time ?? s.start_time))
  const annotations: Record<string, unknown[]> = {}
  for (const s of segments) {
    for (const { s: x } of walk(s)) {
      for (const [k, v] of Object.entries(x.annotations ?? {})) {
        const value =
          typeof v === 'number'
            ? { NumberValue: v }
            : typeof v === 'boolean'
              ? { BooleanValue: v }
              : { StringValue: v }
        ;(annotations[k] ??= []).push({ AnnotationValue: value, ServiceIds: [serviceOf(s)] })
      }
    }
  }
  const req = entry.http?.request ?? {}
  const http: Record<string, unknown> = {}
  if (typeof req.url === 'string') http.HttpURL = req.url
  if (entry.http?.response?.status !== undefined) http.HttpStatus = entry.http.response.status
  if (typeof req.method === 'string') http.HttpMethod = req.method
  if (typeof req.user_agent === 'string') http.UserAgent = req.user_agent
  if (typeof req.client_ip === 'string') http.ClientIp = req.client_ip
  const arns = [...new Set(segments.map((s) => s.resource_arn).filter((a): a is string => !!a))]
  return {
    Id: id,
    StartTime: start,
    Duration: end - start,
    ResponseTime: (entry.end_time ?? entry.start_time) - entry.start_time,
    HasFault: all.some((s) => s.fault === true),
    HasError: all.some((s) => s.error === true),
    HasThrottle: all.some((s) => s.throttle === true),
    IsPartial: segments.some((s) => s.in_progress === true),
    Http: http,
    Annotations: annotations,
    Users: [],
    ServiceIds: [...new Map(segments.map((s) => [s.name, serviceOf(s)])).values()],
    ResourceARNs: arns.map((ARN) => ({ ARN })),
    EntryPoint: serviceOf(entry),
    FaultRootCauses: rootCauses(segments, 'fault'),
    ErrorRootCauses: rootCauses(segments, 'error'),
    Revision: 1
  }
}
