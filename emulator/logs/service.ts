/**
 * CloudWatch Logs over AWS JSON 1.1: log groups, streams and events
 * (store.ts) and Logs Insights queries (queries.ts). Operation names are the
 * `X-Amz-Target` suffix after `Logs_20140328.`.
 */
import { QueryStore } from './queries.js'
import { LogStore } from './store.js'

export const LOGS_TARGET_PREFIX = 'Logs_20140328.'

type Handler = (svc: LogsService, input: Record<string, unknown>, region: string) => unknown

const OPERATIONS = {
  CreateLogGroup: (svc, i, region) => svc.store.createLogGroup(i, region),
  CreateLogStream: (svc, i) => svc.store.createLogStream(i),
  PutLogEvents: (svc, i) => svc.store.putLogEvents(i),
  DescribeLogGroups: (svc, i, region) => svc.store.describeLogGroups(i, region),
  DescribeLogStreams: (svc, i) => svc.store.describeLogStreams(i),
  StartQuery: (svc, i) => svc.queries.startQuery(i),
  GetQueryResults: (svc, i) => svc.queries.getQueryResults(i),
  StopQuery: (svc, i) => svc.queries.stopQuery(i)
} satisfies Record<string, Handler>

export const LOGS_OPERATIONS = Object.keys(OPERATIONS) as ReadonlyArray<keyof typeof OPERATIONS>

export class LogsService {
  readonly store: LogStore
  readonly queries: QueryStore

  constructor(now: () => number = Date.now) {
    this.store = new LogStore(now)
    this.queries = new QueryStore(this.store)
  }

  reset(): void {
    this.store.reset()
    this.queries.reset()
  }

  execute(operation: string, input: Record<string, unknown>, region: string): unknown {
    const handler: Handler = OPERATIONS[operation as keyof typeof OPERATIONS]
    return handler(this, input, region)
  }
}
