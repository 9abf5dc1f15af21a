/**
 * Text the action did not write (inputs, AWS's answers) reaches the log, the
 * job summary and the outputs neutralised: no workflow command, no Markdown
 * or HTML that changes the summary, no line break in a one-line output.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals'
import { runnerLogger, failStep } from '../src/github/logger.js'
import { outputsOf } from '../src/github/outputs.js'
import { newReport, type Report } from '../src/core/report.js'
import { stageStateOf } from '../src/core/stage.js'
import { renderSummary } from '../src/github/summary.js'
import { logJson, logText, mdCode, mdText, visible } from '../src/github/untrusted.js'
import { stage } from './helpers/harness.js'
import {
  brokenTableRows,
  COMMAND_PAYLOADS,
  controlChars,
  hostile,
  liveMarkup,
  unintendedCommands
} from './helpers/hostile.js'
import { STAGE } from '../local-runner/fixtures.js'

/** Everything written to stdout while `fn` runs. */
async function stdoutOf(fn: () => unknown): Promise<string> {
  const chunks: string[] = []
  const spy = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    chunks.push(String(c))
    return true
  })
  try {
    await fn()
  } finally {
    spy.mockRestore()
  }
  return chunks.join('')
}

afterEach(() => {
  process.exitCode = undefined
})

describe('the logger', () => {
  it.each(COMMAND_PAYLOADS.map((p) => [JSON.stringify(p), p]))(
    'prints %s inside a message as part of one line, not a command',
    async (_name, payload) => {
      const desc = `v1.2${payload}`
      const out = await stdoutOf(async () => {
        runnerLogger.info(`CreateDeployment on prod: canary at 10%, "${desc}"`)
        runnerLogger.warning(`alarm ${desc} is INSUFFICIENT_DATA`, `Alarm ${desc}`)
        runnerLogger.error(`alarm ${desc} is ALARM`, `Alarm ${desc}`)
        await runnerLogger.group(`Deploy ${desc}`, async () => runnerLogger.info('inside'))
      })
      expect(unintendedCommands(out)).toEqual([])
      // One physical line per message: info, warning, error, group, info, endgroup.
      expect(out.split(/\r\n|\r|\n/).filter(Boolean)).toHaveLength(6)
      expect(out).toContain(`CreateDeployment on prod: canary at 10%, "v1.2⏎`)
    }
  )

  it.each([
    ['::add-mask::x', '\\::add-mask::x'],
    ['::set-output name=status::promoted', '\\::set-output name=status::promoted'],
    ['::set-env name=X::y', '\\::set-env name=X::y'],
    ['::add-path::/tmp', '\\::add-path::/tmp'],
    ['::save-state name=a::b', '\\::save-state name=a::b'],
    ['::error::x', '\\::error::x'],
    ['::stop-commands::t', '\\::stop-commands::t'],
    ['   ::add-mask::x', '   \\::add-mask::x'],
    ['\t::add-mask::x', ' \\::add-mask::x'],
    ['##[add-mask]x', '##\\[add-mask]x'],
    ['ok ##[set-output name=a;]b', 'ok ##\\[set-output name=a;]b']
  ])('prints a message %j as %j', async (message, shown) => {
    const out = await stdoutOf(() => runnerLogger.info(message))
    expect(out.trimEnd()).toBe(shown)
    expect(unintendedCommands(out)).toEqual([])
  })

  it("keeps the action's own messages as they are", async () => {
    const own = '[poll 3] 30s elapsed, 4m30s left, canary 25%: prod-canary-5xx=ALARM'
    expect((await stdoutOf(() => runnerLogger.info(own))).trimEnd()).toBe(own)
  })

  it('fails the step with one escaped error annotation', async () => {
    const out = await stdoutOf(() => failStep(`GetStage failed: ${hostile('boom')}`))
    expect(process.exitCode).toBe(1)
    expect(unintendedCommands(out)).toEqual([])
    expect(out.trimEnd().split('\n')).toHaveLength(1)
    expect(out).toMatch(/^::error::GetStage failed: boom⏎/)
  })
})

describe('the escapers', () => {
  it('keep an execute-api URL whole when copied from the summary: no invisible character, no link', () => {
    const url = 'https://a1b2c3d4e5.execute-api.us-east-1.amazonaws.com/prod'
    const md = mdText(`customers call ${url} or www.example.com`)
    expect(md).not.toMatch(/[\u200b-\u200d\u2060\ufeff]/)
    // What GitHub shows: a backslash before ASCII punctuation is dropped.
    expect(md.replace(/\\([!-/:-@[-`{-~])/g, '$1')).toBe(`customers call ${url} or www.example.com`)
    // And what stops the autolink: no `://` or `www.` left as it is.
    expect(md).toContain('https\\://a1b2c3d4e5')
    expect(md).toContain('www\\.example')
  })

  it('visible() leaves one line with every character visible', () => {
    expect(visible('a\r\nb\rc\nd\u2028e\u0085f')).toBe('a⏎b⏎c⏎d⏎e⏎f')
    expect(visible('tab\there, esc \u001b[31m, bell \u0007, del \u007f')).toBe(
      'tab here, esc ␛[31m, bell ␇, del ␡'
    )
    expect(visible('bidi \u202eevil\u202c')).toBe('bidi \ufffdevil\ufffd')
  })

  it('logJson() parses back to the same value', () => {
    const value = { name: hostile('alarm'), n: [1, '##[x]'] }
    const json = logJson(value)
    expect(json).not.toContain('##[')
    expect(controlChars(json)).toBe(false)
    expect(JSON.parse(json)).toEqual(value)
  })

  it('logText() is the identity on ordinary text', () => {
    const s = 'Threshold Crossed: 1 datapoint [5.0 (26/11/26 09:05:00)] was greater than 1.0'
    expect(logText(s)).toBe(s)
  })

  it('mdText() escapes Markdown and HTML, and breaks autolinks', () => {
    const md = `| a | ${mdText(hostile('x'))} |`
    expect(brokenTableRows(`| a | b |\n| --- | --- |\n${md}`)).toEqual([])
    expect(liveMarkup(md)).toEqual([])
    expect(md).not.toMatch(/[\r\n]/)
    expect(mdText('# heading')).toBe('\\# heading')
    expect(mdText('- item')).toBe('\\- item')
    expect(mdText('1. item')).toBe('1\\. item')
    expect(mdText('a \\| b')).toBe('a \\\\\\| b')
    expect(mdText('Threshold Crossed: 5 > 1 & more')).toBe('Threshold Crossed: 5 \\> 1 \\& more')
  })

  it('mdCode() fences a backtick inside with a longer run', () => {
    expect(mdCode('abc')).toBe('`abc`')
    expect(mdCode('a`b')).toBe('``a`b``')
    expect(mdCode('a``b`')).toBe('``` a``b` ```')
    expect(mdCode(' x')).toBe('`  x `')
    expect(mdCode('a|b')).toBe('`a|b`')
    expect(mdCode('a|b', true)).toBe('`a\\|b`')
    expect(mdCode('a\nb')).toBe('`a⏎b`')
    expect(mdCode(undefined)).toBe('—')
  })
})

/** A report in which every value that comes from outside the action is hostile. */
function hostileReport(): Report {
  const r = newReport(
    {
      // As an input error leaves them: the raw inputs.
      command: hostile('cmd') as 'status',
      restApiId: hostile('api'),
      stage: hostile('stage'),
      dryRun: false,
      steps: [5, 10, 25, 50, 100]
    },
    new Date('2026-11-26T09:00:00.000Z')
  )
  r.before = stageStateOf(stage({ canary: 'can001', percent: 5 }))
  r.after = stageStateOf(stage({ canary: 'can001', percent: 10 }))
  r.canaryCommit = hostile('commit')
  r.canaryDescription = hostile('description')
  r.alarms = [
    {
      name: hostile('alarm'),
      type: 'MetricAlarm',
      state: 'ALARM',
      reason: hostile('reason'),
      updated: '2026-11-26T09:05:10.000Z'
    },
    {
      name: 'odd-state',
      type: 'MetricAlarm',
      state: hostile('state') as 'OK',
      reason: '',
      updated: ''
    }
  ]
  r.alarmState = 'ALARM'
  r.abortReason = hostile('abort')
  r.timeline = [
    { time: '2026-11-26T09:00:00.500Z', event: 'bake-start', percent: 10, detail: hostile('d') }
  ]
  r.changes = [
    {
      operation: 'CreateDeployment',
      input: {
        restApiId: 'a1',
        stageName: STAGE,
        description: hostile('desc'),
        canarySettings: { percentTraffic: 5, useStageCache: false }
      }
    }
  ]
  r.metrics = {
    start: '2026-11-26T09:00:00.000Z',
    end: '2026-11-26T09:05:00.000Z',
    apiName: hostile('apiName'),
    canaryStage: hostile('canaryStage'),
    canaryStageSource: 'discovered',
    stable: {},
    canary: {},
    rows: []
  }
  r.finishedAt = '2026-11-26T09:05:10.300Z'
  return r
}

describe('outputs and the job summary', () => {
  it('one-line outputs hold no control character and no command; JSON ones round-trip', () => {
    const o = outputsOf(hostileReport())
    for (const [name, value] of Object.entries(o)) {
      expect([name, controlChars(value)]).toEqual([name, false])
      expect([name, unintendedCommands(value)]).toEqual([name, []])
    }
    expect(o['abort-reason']).toMatch(/^abort⏎::add-mask::x⏎::set-output/)
    expect(JSON.parse(o.alarms!)[0].name).toBe(hostile('alarm'))
    expect(JSON.parse(o.report!).alarms[0].reason).toBe(hostile('reason'))
  })

  it('the summary keeps its tables and shows no HTML or link from the hostile text', () => {
    const md = renderSummary(hostileReport())
    expect(brokenTableRows(md)).toEqual([])
    expect(liveMarkup(md)).toEqual([])
    // Every hostile value stays on its own line of the summary.
    for (const line of md.split('\n')) expect(line).not.toMatch(/^\s*(::|##\[|\\?<img)/)
    expect(md).toContain('> [!CAUTION]\n> abort⏎::add-mask::x⏎::set-output')
  })
})
