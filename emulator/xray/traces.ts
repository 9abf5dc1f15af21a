/**
 * PutTraceSegments and GetTraceSummaries: segment documents kept per trace
 * (a subsegment sent on its own joins its parent), and summaries of the
 * traces that started in the time range and match the filter expression, a
 * page of {@link TRACE_PAGE_SIZE} at a time.
 */
import { invalidRequest } from './errors.js'
import { FilterError, matches, parseFilter } from './filter.js'
import { type Segment, entryOf, segmentProblem, summaryOf, walk } from './segments.js'
import { isRecord } from '../common/wire.js'

type Input = Record<string, unknown>

/** GetTraceSummaries refuses a time range longer than this. */
const MAX_RANGE_S = 24 * 3600
/** Summaries per GetTraceSummaries page (the emulator's choice; `NextToken` continues). */
export const TRACE_PAGE_SIZE = 100

/** A page token: where the next page starts, for this request's range and filter only. */
const tokenOf = (start: number, key: string) =>
  Buffer.from(JSON.stringify({ start, key })).toString('base64url')

export class TraceStore {
  /** Segments by trace id, in the order they arrived. */
  readonly traces = new Map<string, Segment[]>()

  reset(): void {
    this.traces.clear()
  }

  putTraceSegments(i: Input): unknown {
    const docs = i.TraceSegmentDocuments
    if (!Array.isArray(docs)) throw invalidRequest('TraceSegmentDocuments is required')
    const unprocessed: Array<{ Id?: string; ErrorCode: string; Message: string }> = []
    for (const raw of docs) {
      let doc: unknown
      try {
        doc = JSON.parse(String(raw))
      } catch {
        unprocessed.push({ ErrorCode: 'InvalidSegment', Message: 'Segment document is not JSON' })
        continue
      }
      const problem = segmentProblem(doc)
      const id = isRecord(doc) && typeof doc.id === 'string' ? doc.id : undefined
      if (problem) {
        unprocessed.push({
          ...(id ? { Id: id } : {}),
          ErrorCode: 'InvalidSegment',
          Message: problem
        })
        continue
      }
      this.add(doc as Segment)
    }
    return { UnprocessedTraceSegments: unprocessed }
  }

  private add(s: Segment): void {
    const trace = this.traces.get(s.trace_id!) ?? []
    this.traces.set(s.trace_id!, trace)
    if (s.type === 'subsegment') {
      const parent = trace
        .flatMap((t) => [...walk(t)].map((x) => x.s))
        .find((x) => x.id === s.parent_id)
      if (parent) {
        parent.subsegments = [...(parent.subsegments ?? []).filter((x) => x.id !== s.id), s]
        return
      }
    }
    const at = trace.findIndex((t) => t.id === s.id)
    if (at >= 0)
      trace[at] = s // a completed segment replaces its in-progress version
    else trace.push(s)
  }

  getTraceSummaries(i: Input): unknown {
    const start = Number(i.StartTime)
    const end = Number(i.EndTime)
    if (!Number.isFinite(start) || !Number.isFinite(end)) {
      throw invalidRequest('StartTime and EndTime are required')
    }
    if (end < start) throw invalidRequest('EndTime must be after StartTime')
    if (end - start > MAX_RANGE_S) throw invalidRequest('Time range must be 24 hours or less')
    const type = i.TimeRangeType === undefined ? 'TraceId' : String(i.TimeRangeType)
    if (!['TraceId', 'Event', 'Service'].includes(type)) {
      throw invalidRequest(`Invalid TimeRangeType ${type}`)
    }
    let filter
    try {
      filter =
        typeof i.FilterExpression === 'string' && i.FilterExpression.trim() !== ''
          ? parseFilter(i.FilterExpression)
          : undefined
    } catch (e) {
      if (e instanceof FilterError) throw invalidRequest(e.message)
      throw e
    }
    const key = JSON.stringify([start, end, type, i.FilterExpression ?? ''])
    let from = 0
    if (typeof i.NextToken === 'string' && i.NextToken !== '') {
      let t: unknown
      try {
        t = JSON.parse(Buffer.from(i.NextToken, 'base64url').toString('utf8'))
      } catch {
        t = undefined
      }
      if (!isRecord(t) || t.key !== key || typeof t.start !== 'number') {
        throw invalidRequest('Invalid NextToken')
      }
      from = t.start
    }
    const summaries: unknown[] = []
    let processed = 0
    for (const [id, segs] of this.traces) {
      const traceStart =
        type === 'TraceId'
          ? parseInt(id.split('-')[1]!, 16)
          : Math.min(...segs.map((s) => s.start_time))
      if (traceStart < start || traceStart > end) continue
      processed++
      const entry = entryOf(segs)
      try {
        if (filter && !matches(filter, segs, entry)) continue
      } catch (e) {
        if (e instanceof FilterError) throw invalidRequest(e.message)
        throw e
      }
      summaries.push(summaryOf(id, segs))
    }
    const page = summaries.slice(from, from + TRACE_PAGE_SIZE)
    const out: Record<string, unknown> = {
      TraceSummaries: page,
      ApproximateTime: end,
      TracesProcessedCount: processed
    }
    if (from + TRACE_PAGE_SIZE < summaries.length)
      out.NextToken = tokenOf(from + TRACE_PAGE_SIZE, key)
    return out
  }
}
