import type { Report } from '../core/report.js'
import { CHECK_ICON } from './checks.js'
import { mdCode, mdText } from '../github/untrusted.js'
import type { CheckResult } from './types.js'

type BackendRow = CheckResult & { backend?: { stable: string; canary: string } }

/** Pure: the job summary's preflight table, and one row per backend; undefined when preflight did not run. */
export function preflightSection(report: Report): string | undefined {
  const checks = report.preflightChecks as BackendRow[] | undefined
  if (!checks) return undefined
  const cell = (s: string | undefined) => (s ? mdText(s.replace(/\n/g, ' ')) : '—')
  const backends = checks.filter((c) => c.backend)
  // A command to run shows as code, to copy as it is.
  const todoCell = (s: string | undefined) => {
    const at = s?.indexOf('Run: aws ') ?? -1
    if (at < 0) return cell(s)
    const before = s!.slice(0, at).trim()
    return `${before ? `${cell(before)} ` : ''}Run: ${mdCode(s!.slice(at + 5), true)}`
  }
  const out = [
    '### Preflight',
    '| | Check | Found | What to do |',
    '| --- | --- | --- | --- |',
    ...checks
      .filter((c) => !c.backend)
      .map((c) => `| ${CHECK_ICON[c.status]} | ${c.title} | ${cell(c.found)} | ${cell(c.todo)} |`)
  ]
  if (backends.length > 0) {
    out.push(
      '',
      '| | Stable target | Canary target | Found | What to do |',
      '| --- | --- | --- | --- | --- |',
      ...backends.map(
        (c) =>
          `| ${CHECK_ICON[c.status]} | ${mdCode(c.backend!.stable, true)} | ${mdCode(c.backend!.canary, true)} | ${cell(c.found)} | ${todoCell(c.todo)} |`
      )
    )
  }
  return out.join('\n')
}
