/** API Gateway's metrics for one side of a stage over a window; absent = no data. */
export interface StageMetrics {
  requests?: number
  errors5xx?: number
  errors4xx?: number
  latencyP99?: number
  latencyAvg?: number
}

export interface ComparisonRow {
  metric: string
  stable: string
  canary: string
  /** `worse` marks a canary clearly behind the stable side; informational, the alarms gate. */
  verdict: 'worse' | 'ok' | 'no data'
}

const rate = (errors: number | undefined, requests: number | undefined) =>
  errors === undefined || !requests ? undefined : errors / requests

const fmtRate = (r: number | undefined) => (r === undefined ? '—' : `${(r * 100).toFixed(2)}%`)
const fmtMs = (ms: number | undefined) => (ms === undefined ? '—' : `${ms.toFixed(0)} ms`)
const fmtCount = (n: number | undefined) => (n === undefined ? '—' : String(Math.round(n)))

/** An error rate is worse when it is both 1 point and half again above the stable side's. */
function rateVerdict(s: number | undefined, c: number | undefined): ComparisonRow['verdict'] {
  if (s === undefined || c === undefined) return 'no data'
  return c - s > 0.01 && c > s * 1.5 ? 'worse' : 'ok'
}

/** A latency is worse when it is both 20 % and 50 ms above the stable side's. */
function latencyVerdict(s: number | undefined, c: number | undefined): ComparisonRow['verdict'] {
  if (s === undefined || c === undefined) return 'no data'
  return c > s * 1.2 && c - s > 50 ? 'worse' : 'ok'
}

/** Pure: the canary beside the stable side, metric by metric. */
export function compareMetrics(stable: StageMetrics, canary: StageMetrics): ComparisonRow[] {
  const s5 = rate(stable.errors5xx, stable.requests)
  const c5 = rate(canary.errors5xx, canary.requests)
  const s4 = rate(stable.errors4xx, stable.requests)
  const c4 = rate(canary.errors4xx, canary.requests)
  return [
    {
      metric: 'Requests',
      stable: fmtCount(stable.requests),
      canary: fmtCount(canary.requests),
      verdict: stable.requests === undefined || canary.requests === undefined ? 'no data' : 'ok'
    },
    { metric: '5XX rate', stable: fmtRate(s5), canary: fmtRate(c5), verdict: rateVerdict(s5, c5) },
    { metric: '4XX rate', stable: fmtRate(s4), canary: fmtRate(c4), verdict: rateVerdict(s4, c4) },
    {
      metric: 'Latency p99',
      stable: fmtMs(stable.latencyP99),
      canary: fmtMs(canary.latencyP99),
      verdict: latencyVerdict(stable.latencyP99, canary.latencyP99)
    },
    {
      metric: 'Latency average',
      stable: fmtMs(stable.latencyAvg),
      canary: fmtMs(canary.latencyAvg),
      verdict: latencyVerdict(stable.latencyAvg, canary.latencyAvg)
    }
  ]
}
