import type { Report } from '../core/report.js'
import { mdCode, mdText } from '../github/untrusted.js'
import { SOURCE_TITLE } from './decide.js'

/**
 * Pure: the job summary's triage section (docs/triage.md), above the
 * investigation links; nothing when triage did not run. Every message and id
 * came from AWS or from the canary's requests: mdText and mdCode only.
 */
export function triageSection(report: Report): string[] {
  const t = report.triage
  if (!t) return []
  const out = [
    `### Triage: what the canary answered`,
    `${t.window.start.slice(11, 19)}–${t.window.end.slice(11, 19)} UTC. Request bodies are never shown.`
  ]
  for (const s of t.sections) {
    const title = SOURCE_TITLE[s.source]
    if (s.status !== 'found') {
      out.push(`- **${title}**: ${mdText(s.note ?? s.status)}`)
      continue
    }
    const id = s.source === 'x-ray' ? 'Example trace' : 'Example request'
    out.push(
      [
        `**${title}**`,
        '',
        `| Count | Error | ${id} |`,
        '| ---: | --- | --- |',
        ...s.top.map((r) => `| ${r.count} | ${mdText(r.text)} | ${mdCode(r.example, true)} |`)
      ].join('\n')
    )
  }
  return [out.join('\n\n')]
}
