/**
 * CloudWatch over AWS JSON 1.0: alarms (alarms.ts) and metric data
 * (metrics.ts). Operation names are the `X-Amz-Target` suffix after
 * `GraniteServiceVersion20100801.`.
 */
import { AlarmStore } from './alarms.js'
import { MetricStore } from './metrics.js'
import { AwsError } from '../common/errors.js'
import { DEFAULT_REGION } from '../common/wire.js'

export const CLOUDWATCH_TARGET_PREFIX = 'GraniteServiceVersion20100801.'

type Handler = (svc: CloudWatchService, input: Record<string, unknown>, region: string) => unknown

/** Each operation and what serves it. */
const OPERATIONS = {
  PutMetricAlarm: (svc, i, region) => svc.alarms.putAlarm('MetricAlarm', i, region),
  PutCompositeAlarm: (svc, i, region) => svc.alarms.putAlarm('CompositeAlarm', i, region),
  DescribeAlarms: (svc, i) => svc.alarms.describeAlarms(i),
  SetAlarmState: (svc, i) => svc.alarms.setAlarmState(i),
  DeleteAlarms: (svc, i) => svc.alarms.deleteAlarms(i),
  PutMetricData: (svc, i) => svc.metrics.putMetricData(i),
  GetMetricData: (svc, i) => svc.metrics.getMetricData(i),
  ListMetrics: (svc, i) => svc.metrics.listMetrics(i)
} satisfies Record<string, Handler>

export type CloudWatchOperation = keyof typeof OPERATIONS

export const CLOUDWATCH_OPERATIONS = Object.keys(OPERATIONS) as readonly CloudWatchOperation[]

export class CloudWatchService {
  readonly alarms: AlarmStore
  readonly metrics: MetricStore

  constructor(now: () => number = Date.now) {
    this.alarms = new AlarmStore(now)
    this.metrics = new MetricStore(now)
  }

  reset(): void {
    this.alarms.reset()
    this.metrics.reset()
  }

  execute(operation: string, input: Record<string, unknown>, region?: string): unknown {
    if (!Object.hasOwn(OPERATIONS, operation)) {
      throw new AwsError(
        'InvalidAction',
        400,
        `Operation ${operation} is not supported.`,
        'InvalidAction'
      )
    }
    const handler: Handler = OPERATIONS[operation as CloudWatchOperation]
    return handler(this, input, region ?? DEFAULT_REGION)
  }
}
