/** The demo's terminal renderer of job summaries (demo/render-summary.ts). */
import { describe, expect, it } from '@jest/globals'
import { parseXyChart, renderSummary } from '../../demo/render-summary.js'
import { displayWidth } from '../../demo/style.js'

const SUMMARY = `## apigw-canary · \`shift\` · stage \`prod\` — 🔴 rolled back

> [!CAUTION]
> alarm during bake at 50%: \`api-5xx\` is ALARM

| Stage | |
| --- | --- |
| Stable deployment | \`abc123\` |
| Canary traffic | 0% (was 25%) |

### Alarms — worst state ALARM
| Alarm | State | Reason |
| --- | --- | --- |
| \`api-5xx\` | 🚨 ALARM | Threshold Crossed |
| \`api-latency-p99\` | ✅ OK | a \\| pipe |

### Traffic over time
\`\`\`mermaid
xychart-beta
  title "Canary traffic (%) over time"
  x-axis "time since the step started" ["0s", "1s", "2s", "3s"]
  y-axis "canary traffic %" 0 --> 100
  line [25, 50, 50, 0]
\`\`\`
`

describe('renderSummary', () => {
  it('renders plain text: underlined headings, aligned tables, a callout, a chart', () => {
    const text = renderSummary(SUMMARY, { color: false, width: 80 })
    const lines = text.split('\n')
    const h = lines.indexOf('apigw-canary · shift · stage prod — 🔴 rolled back')
    expect(h).toBeGreaterThanOrEqual(0)
    expect(lines[h + 1]).toMatch(/^=+$/)
    expect(text).toContain('Alarms — worst state ALARM\n--------------------------')
    expect(text).toContain('▌ CAUTION  alarm during bake at 50%: api-5xx is ALARM')
    // columns line up, emoji counted as two cells
    const rows = lines.filter((l) => /^api-(5xx|latency)/.test(l))
    expect(rows).toHaveLength(2)
    const reasonAt = rows.map((r) => displayWidth(r.slice(0, r.search(/Threshold|a \| pipe/))))
    expect(reasonAt[0]).toBe(reasonAt[1])
    expect(text).toContain('a | pipe')
    expect(text).toMatch(/Stable deployment {2}abc123/)
    // the chart replaces the mermaid block
    expect(text).not.toContain('```')
    expect(text).toContain('Canary traffic (%) over time')
    expect(text).toMatch(/^ +\d+% \|/m)
    expect(text).toMatch(/^ {7}0s +2s +3s$/m)
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/\u001b\[/)
  })

  it('uses ANSI bold and underline for headings on a terminal', () => {
    const text = renderSummary(SUMMARY, { color: true, width: 80 })
    expect(text).toContain('\u001b[1m\u001b[4mapigw-canary · shift · stage prod — 🔴 rolled back')
    expect(text).not.toMatch(/^=+$/m)
  })

  it('reads the xychart the action writes', () => {
    expect(parseXyChart(SUMMARY.split('```mermaid\n')[1]!.split('```')[0]!)).toEqual({
      title: 'Canary traffic (%) over time',
      labels: ['0s', '1s', '2s', '3s'],
      values: [25, 50, 50, 0],
      yMax: 100,
      unit: '%'
    })
  })

  it('labels a latency chart in ms, not in %', () => {
    const latency = [
      '## Canary analysis',
      '',
      '```mermaid',
      'xychart-beta',
      '  title "Latency p99 (ms): stable, then canary"',
      '  x-axis "minute (UTC)" ["12:00", "12:01", "12:02"]',
      '  y-axis "ms"',
      '  line [120, 130, 310]',
      '  line [125, 128, 305]',
      '```',
      ''
    ].join('\n')
    const text = renderSummary(latency, { color: false, width: 80 })
    expect(text).toContain('Latency p99 (ms)')
    expect(text).toMatch(/^ *\d+ ms \|/m)
    expect(text).toMatch(/^ *0 ms \+-+$/m)
    expect(text).not.toMatch(/\d%/)
  })
})
