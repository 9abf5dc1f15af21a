import { describe, expect, it } from '@jest/globals'

import {
  ERRORS_QUERY,
  consolePathEncode,
  investigationLinks
} from '../../src/analysis/investigation.js'
import { API_NAME, REST_API_ID, STAGE } from '../../local-runner/fixtures.js'

const input = {
  region: 'eu-west-1',
  restApiId: REST_API_ID,
  stage: STAGE,
  apiName: API_NAME,
  window: { start: new Date('2026-01-01T12:00:00Z'), end: new Date('2026-01-01T12:15:00Z') },
  alarmNames: ['orders 5xx', 'p99/latency'],
  commit: '0123abc'
}

/** Reads a Logs Insights link back, undoing each layer of the console's encoding in turn. */
function readInsights(url: string): Record<string, string | string[]> {
  const fragment = url.split('#logsV2:logs-insights')[1]!
  const outer = decodeURIComponent(fragment.replace(/\$/g, '%')) // `$3F` -> `?`
  expect(outer.startsWith('?queryDetail=')).toBe(true)
  const escaped = outer.slice('?queryDetail='.length)
  const structure = decodeURIComponent(escaped) // undoes escape(): %7E -> ~, %28 -> (, %27 -> '
  expect(structure).toMatch(/^~\(.*\)$/)
  const value = (v: string) => decodeURIComponent(v.slice(1).replace(/\*/g, '%'))
  const out: Record<string, string | string[]> = {}
  const body = structure.slice(2, -1)
  const re = /([A-Za-z]+)~(?:\(((?:~'[^~)]*)*)\)|('[^~]*|[^~]*))(?:~|$)/g
  for (const m of body.matchAll(re)) {
    out[m[1]!] =
      m[2] !== undefined
        ? m[2].split('~').filter(Boolean).map(value)
        : m[3]!.startsWith("'")
          ? value(m[3]!)
          : m[3]!
  }
  return out
}

describe('investigationLinks', () => {
  const links = investigationLinks(input)

  it('names the canary’s execution log group and links it in the console’s double encoding', () => {
    expect(links.logGroup).toBe('API-Gateway-Execution-Logs_a1b2c3d4e5/prod/Canary')
    expect(links.executionLogs).toBe(
      'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#logsV2:log-groups/log-group/API-Gateway-Execution-Logs_a1b2c3d4e5$252Fprod$252FCanary'
    )
    expect(consolePathEncode('a b/c')).toBe('a$2520b$252Fc')
  })

  it('opens Logs Insights on the canary’s log group, the bake window and the error query', () => {
    expect(links.logsInsights).toMatch(
      /^https:\/\/eu-west-1\.console\.aws\.amazon\.com\/cloudwatch\/home\?region=eu-west-1#logsV2:logs-insights\$3FqueryDetail\$3D\$257E\$2528end\$257E\$2527/
    )
    // Only characters a URL fragment carries as they are.
    expect(links.logsInsights).toMatch(/^[A-Za-z0-9:/?.=#_$*-]+$/)
    expect(readInsights(links.logsInsights)).toEqual({
      end: '2026-01-01T12:15:00.000Z',
      start: '2026-01-01T12:00:00.000Z',
      timeType: 'ABSOLUTE',
      tz: 'UTC',
      editorString: ERRORS_QUERY,
      source: ['API-Gateway-Execution-Logs_a1b2c3d4e5/prod/Canary']
    })
    expect(ERRORS_QUERY).toMatch(/Method completed with status: 5/)
  })

  it('links X-Ray traces of the stage in the window, in X-Ray’s documented deep-link form', () => {
    expect(links.traces).toBe(
      `https://eu-west-1.console.aws.amazon.com/xray/home?region=eu-west-1#/traces?timeRange=2026-01-01T12:00:00~2026-01-01T12:15:00&filter=service(%22${API_NAME}%2F${STAGE}%22)`
    )
    const noName = investigationLinks({ ...input, apiName: undefined })
    expect(noName.traces).not.toMatch(/filter=/)
  })

  it('links each alarm’s page', () => {
    expect(links.alarms).toEqual([
      {
        name: 'orders 5xx',
        url: 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/orders%205xx'
      },
      {
        name: 'p99/latency',
        url: 'https://eu-west-1.console.aws.amazon.com/cloudwatch/home?region=eu-west-1#alarmsV2:alarm/p99%2Flatency'
      }
    ])
  })

  it('releases a fix through the action, never with a bare create-deployment', () => {
    const links = investigationLinks({ ...input, firstStepPercent: 10 })
    expect(links.fixHint).toBe(
      'push a fix and run the release workflow on its commit: its deploy step (command: deploy) makes the fix the canary at 10 % of prod, behind the same gate. ' +
        'Not a bare aws apigateway create-deployment: it skips the gate, and the next ramp refuses its canary (no commit of the workflow in its description).'
    )
  })
})
