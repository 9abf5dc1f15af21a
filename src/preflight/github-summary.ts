import type { Report } from '../core/report.js'
import { CHECK_ICON } from './checks.js'
import { mdText } from '../github/untrusted.js'

/** Pure: the job summary's preflight table; undefined when preflight did not run. */
export function preflightSection(report: Report): string | undefined {
  const checks = report.preflightChecks
  if (!checks) return undefined
  const cell = (s: string | undefined) => (s ? mdText(s.replace(/\n/g, ' ')) : '—')
  return [
    '### Preflight',
    '| | Check | Found | What to do |',
    '| --- | --- | --- | --- |',
    ...checks.map(
      (c) => `| ${CHECK_ICON[c.status]} | ${c.title} | ${cell(c.found)} | ${cell(c.todo)} |`
    )
  ].join('\n')
}
