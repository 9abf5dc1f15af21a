/**
 * CloudWatch alarms: PutMetricAlarm, PutCompositeAlarm, DescribeAlarms,
 * SetAlarmState, DeleteAlarms. Alarms change state only by SetAlarmState;
 * composite alarms follow their members' states.
 */
import {
  type Alarm,
  ALARM_TYPES,
  INITIAL_REASON,
  STATES,
  alarmToWire,
  checkNameCount,
  configFields,
  decodeToken,
  encodeToken,
  requireName,
  strList
} from './alarm-model.js'
import { type AlarmState, evaluateRule, ruleMembers } from './composite-rule.js'
import {
  invalidFormat,
  invalidNextToken,
  invalidParameterCombination,
  notInEnum,
  notNull,
  resourceNotFound,
  validationError
} from './errors.js'

const MAX_RECORDS = 100
const DEFAULT_RECORDS = 50

/** Metric alarms first, then composites; by name within each. */
const byTypeThenName = (a: Alarm, b: Alarm): number =>
  a.type === b.type
    ? a.name < b.name
      ? -1
      : a.name > b.name
        ? 1
        : 0
    : a.type === 'MetricAlarm'
      ? -1
      : 1

function maxRecordsOf(v: unknown): number {
  if (v === undefined) return DEFAULT_RECORDS
  const n = Number(v)
  if (!Number.isInteger(n) || n < 1 || n > MAX_RECORDS) {
    throw validationError(
      `1 validation error detected: Value '${String(v)}' at 'maxRecords' failed to satisfy constraint: Member must have value ${n < 1 ? 'greater than or equal to 1' : `less than or equal to ${MAX_RECORDS}`}`
    )
  }
  return n
}

export class AlarmStore {
  readonly alarms = new Map<string, Alarm>()

  constructor(private readonly now: () => number = Date.now) {}

  reset(): void {
    this.alarms.clear()
  }

  putAlarm(
    type: 'MetricAlarm' | 'CompositeAlarm',
    input: Record<string, unknown>,
    region: string
  ): Record<string, unknown> {
    const name = requireName(input.AlarmName, 'alarmName')
    if (type === 'MetricAlarm') {
      if (input.ComparisonOperator === undefined) throw notNull('comparisonOperator')
      if (input.EvaluationPeriods === undefined) throw notNull('evaluationPeriods')
      const hasMetric = input.MetricName !== undefined
      const hasMetrics = Array.isArray(input.Metrics) && input.Metrics.length > 0
      if (!hasMetric && !hasMetrics) {
        throw validationError('Either MetricName or Metrics must be specified.')
      }
      if (hasMetric && hasMetrics) {
        throw invalidParameterCombination('MetricName and Metrics cannot be specified together.')
      }
    } else {
      if (typeof input.AlarmRule !== 'string' || input.AlarmRule === '') throw notNull('alarmRule')
      try {
        evaluateRule(input.AlarmRule, () => undefined)
      } catch (e) {
        throw validationError(`AlarmRule is invalid: ${(e as Error).message}`)
      }
    }
    const existing = this.alarms.get(name)
    if (existing && existing.type !== type) {
      throw invalidParameterCombination(
        `An alarm named ${name} already exists as a ${existing.type === 'MetricAlarm' ? 'metric' : 'composite'} alarm.`
      )
    }
    const now = this.now()
    const fields = configFields(type)
    const config: Record<string, unknown> = {}
    for (const f of fields) if (input[f] !== undefined) config[f] = structuredClone(input[f])
    config.ActionsEnabled = input.ActionsEnabled !== false
    const alarm: Alarm = existing ?? {
      type,
      name,
      region,
      config,
      configUpdated: now,
      state: 'INSUFFICIENT_DATA',
      stateReason: INITIAL_REASON,
      stateUpdated: now,
      stateTransitioned: now
    }
    alarm.config = config
    alarm.configUpdated = now
    this.alarms.set(name, alarm)
    this.reevaluateComposites()
    return {}
  }

  describeAlarms(input: Record<string, unknown>): Record<string, unknown> {
    const family = this.family(input)
    if (family) return family
    const names = input.AlarmNames
    if (names !== undefined && !Array.isArray(names))
      throw validationError('AlarmNames must be a list.')
    const nameList = strList(names)
    checkNameCount(nameList)
    const prefix = typeof input.AlarmNamePrefix === 'string' ? input.AlarmNamePrefix : undefined
    if (prefix !== undefined && nameList.length > 0) {
      throw validationError('AlarmNamePrefix and AlarmNames cannot be specified together.')
    }
    const types = input.AlarmTypes === undefined ? ['MetricAlarm'] : strList(input.AlarmTypes)
    for (const t of types) {
      if (!(ALARM_TYPES as readonly string[]).includes(t)) {
        throw notInEnum(t, 'alarmTypes.member', ALARM_TYPES)
      }
    }
    const state = input.StateValue
    if (state !== undefined && !STATES.includes(state as AlarmState)) {
      throw notInEnum(state, 'stateValue', STATES)
    }
    maxRecordsOf(input.MaxRecords)
    const actionPrefix = typeof input.ActionPrefix === 'string' ? input.ActionPrefix : undefined
    const wanted = new Set(nameList)
    const matching = [...this.alarms.values()]
      .filter((a) => types.includes(a.type))
      .filter((a) => nameList.length === 0 || wanted.has(a.name))
      .filter((a) => prefix === undefined || a.name.startsWith(prefix))
      .filter((a) => state === undefined || a.state === state)
      .filter(
        (a) =>
          actionPrefix === undefined ||
          ['OKActions', 'AlarmActions', 'InsufficientDataActions'].some((k) =>
            strList(a.config[k]).some((x) => x.startsWith(actionPrefix))
          )
      )
      .sort(byTypeThenName)
    return this.pageOf(matching, input, alarmToWire)
  }

  /** One DescribeAlarms page of `matching` by MaxRecords and NextToken. */
  private pageOf(
    matching: Alarm[],
    input: Record<string, unknown>,
    toWire: (a: Alarm) => Record<string, unknown>
  ): Record<string, unknown> {
    const max = maxRecordsOf(input.MaxRecords)
    let start = 0
    if (typeof input.NextToken === 'string') {
      const decoded = decodeToken(input.NextToken)
      if (decoded === undefined)
        throw invalidNextToken('The service returned an invalid NextToken.')
      start = decoded
    }
    const slice = matching.slice(start, start + max)
    const out: Record<string, unknown> = {
      MetricAlarms: slice.filter((a) => a.type === 'MetricAlarm').map(toWire),
      CompositeAlarms: slice.filter((a) => a.type === 'CompositeAlarm').map(toWire)
    }
    if (start + max < matching.length) out.NextToken = encodeToken(start + max)
    return out
  }

  /**
   * DescribeAlarms with ChildrenOfAlarmName (the alarms a composite's rule
   * names, either type; name, ARN, state and its time only) or
   * ParentsOfAlarmName (the composites whose rule names the alarm; name and
   * ARN only). Neither combines with any parameter but MaxRecords and
   * NextToken. Undefined when the request has neither.
   */
  private family(input: Record<string, unknown>): Record<string, unknown> | undefined {
    const children = input.ChildrenOfAlarmName
    const parents = input.ParentsOfAlarmName
    if (children === undefined && parents === undefined) return undefined
    const others = Object.keys(input).filter(
      (k) => !['MaxRecords', 'NextToken'].includes(k) && input[k] !== undefined
    )
    if (others.length > 1) {
      const which = children !== undefined ? 'ChildrenOfAlarmName' : 'ParentsOfAlarmName'
      throw validationError(
        `If you specify ${which}, you cannot specify any other parameters in the request except for MaxRecords and NextToken.`
      )
    }
    let found: Alarm[]
    if (children !== undefined) {
      const name = requireName(children, 'childrenOfAlarmName')
      const parent = this.alarms.get(name)
      const members =
        parent?.type === 'CompositeAlarm'
          ? new Set(ruleMembers(String(parent.config.AlarmRule)))
          : new Set()
      found = [...this.alarms.values()].filter((a) => members.has(a.name))
    } else {
      const name = requireName(parents, 'parentsOfAlarmName')
      found = [...this.alarms.values()].filter(
        (a) => a.type === 'CompositeAlarm' && ruleMembers(String(a.config.AlarmRule)).includes(name)
      )
    }
    const brief = (a: Alarm): Record<string, unknown> => {
      const w = alarmToWire(a)
      const out: Record<string, unknown> = { AlarmName: w.AlarmName, AlarmArn: w.AlarmArn }
      if (children !== undefined) {
        out.StateValue = w.StateValue
        out.StateUpdatedTimestamp = w.StateUpdatedTimestamp
      }
      return out
    }
    return this.pageOf(found.sort(byTypeThenName), input, brief)
  }

  setAlarmState(input: Record<string, unknown>): Record<string, unknown> {
    const name = requireName(input.AlarmName, 'alarmName')
    const state = input.StateValue
    if (state === undefined) throw notNull('stateValue')
    if (!STATES.includes(state as AlarmState)) throw notInEnum(state, 'stateValue', STATES)
    if (input.StateReason === undefined || input.StateReason === null) throw notNull('stateReason')
    const reason = String(input.StateReason)
    if (reason.length > 1023) {
      throw validationError(
        `1 validation error detected: Value '${reason}' at 'stateReason' failed to satisfy constraint: Member must have length less than or equal to 1023`
      )
    }
    let reasonData: string | undefined
    if (input.StateReasonData !== undefined) {
      reasonData = String(input.StateReasonData)
      try {
        JSON.parse(reasonData)
      } catch {
        throw invalidFormat('Invalid JSON in StateReasonData.')
      }
    }
    const alarm = this.alarms.get(name)
    if (!alarm) throw resourceNotFound()
    this.transition(alarm, state as AlarmState, reason, reasonData)
    // A state set by hand holds until the alarm's next evaluation.
    this.reevaluateComposites(name)
    return {}
  }

  private transition(a: Alarm, state: AlarmState, reason: string, data?: string): void {
    const now = this.now()
    if (a.state !== state) a.stateTransitioned = now
    a.state = state
    a.stateReason = reason
    a.stateReasonData = data
    a.stateUpdated = now
  }

  /** Re-evaluates every composite alarm whose rule result changed its state. */
  private reevaluateComposites(skip?: string): void {
    for (let pass = 0; pass < 10; pass++) {
      let changed = false
      for (const a of this.alarms.values()) {
        if (a.type !== 'CompositeAlarm' || a.name === skip) continue
        let result: boolean
        try {
          result = evaluateRule(String(a.config.AlarmRule), (n) => this.alarms.get(n)?.state)
        } catch {
          continue
        }
        const next: AlarmState = result ? 'ALARM' : 'OK'
        if (next !== a.state) {
          this.transition(
            a,
            next,
            `Alarm rule ${result ? 'became TRUE' : 'became FALSE'}: ${String(a.config.AlarmRule)}`
          )
          changed = true
        }
      }
      if (!changed) return
    }
  }

  deleteAlarms(input: Record<string, unknown>): Record<string, unknown> {
    if (input.AlarmNames === undefined) throw notNull('alarmNames')
    const names = strList(input.AlarmNames)
    checkNameCount(names)
    const composites = names.filter((n) => this.alarms.get(n)?.type === 'CompositeAlarm')
    if (new Set(composites).size > 1) {
      throw validationError('You can delete at most one composite alarm in one DeleteAlarms call.')
    }
    // The names that exist are deleted even when others do not exist; those fail the call.
    const missing = names.filter((n) => !this.alarms.has(n))
    for (const n of names) this.alarms.delete(n)
    this.reevaluateComposites()
    if (missing.length > 0) throw resourceNotFound(`${missing.join(', ')} not found`)
    return {}
  }
}
