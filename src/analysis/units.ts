/**
 * The units a custom KPI may declare (CloudWatch's StandardUnit:
 * https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_MetricDatum.html),
 * and how a judged value shows in each. Pure.
 */
export const KPI_UNITS = [
  'Seconds',
  'Microseconds',
  'Milliseconds',
  'Bytes',
  'Kilobytes',
  'Megabytes',
  'Gigabytes',
  'Terabytes',
  'Bits',
  'Kilobits',
  'Megabits',
  'Gigabits',
  'Terabits',
  'Percent',
  'Count',
  'Bytes/Second',
  'Kilobytes/Second',
  'Megabytes/Second',
  'Gigabytes/Second',
  'Terabytes/Second',
  'Bits/Second',
  'Kilobits/Second',
  'Megabits/Second',
  'Gigabits/Second',
  'Terabits/Second',
  'Count/Second',
  'None'
] as const

export type KpiUnit = (typeof KPI_UNITS)[number]

/** What a value in `unit` is followed by; '' for a plain number. */
const SUFFIX: Partial<Record<KpiUnit, string>> = {
  Seconds: ' s',
  Microseconds: ' µs',
  Milliseconds: ' ms',
  Bytes: ' B',
  Kilobytes: ' KB',
  Megabytes: ' MB',
  Gigabytes: ' GB',
  Terabytes: ' TB',
  Bits: ' bit',
  Kilobits: ' kbit',
  Megabits: ' Mbit',
  Gigabits: ' Gbit',
  Terabits: ' Tbit',
  Percent: '%',
  'Count/Second': '/s'
}

/** A number as the summary shows it: whole, or with two decimals. */
const plain = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2))

/**
 * A judged value in its unit: `ratio` (an error rate, a fraction) as a
 * percentage, a CloudWatch unit with its symbol (`1.25 s`, `12%`, `3 ms`),
 * `Count` and `None` as plain numbers. Latencies of 100 ms and more are whole.
 */
export function formatInUnit(unit: 'ratio' | KpiUnit, v: number, signed = false): string {
  const sign = signed && v > 0 ? '+' : ''
  if (unit === 'ratio') return `${sign}${(v * 100).toFixed(2)}%`
  const n = unit === 'Milliseconds' && Math.abs(v) >= 100 ? v.toFixed(0) : plain(v)
  const rate = unit.endsWith('/Second') && unit !== 'Count/Second'
  return `${sign}${n}${rate ? `${SUFFIX[unit.replace('/Second', '') as KpiUnit]}/s` : (SUFFIX[unit] ?? '')}`
}
