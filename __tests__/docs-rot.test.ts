/**
 * Rot in the Markdown a user reads: a line left twice, a stray table row or
 * marker, a sentence cut off mid-way. Every Markdown file of the repository
 * must show none (scripts/docs-rot.ts says what counts).
 */
import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { findRot } from '../scripts/docs-rot.js'

const root = new URL('../', import.meta.url)
const md = (dir: string) =>
  readdirSync(new URL(dir, root))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `${dir}${f}`)
const FILES = ['README.md', 'CONTRIBUTING.md', 'CHANGELOG.md', 'emulator/README.md', ...md('docs/')]

describe('docs rot', () => {
  it.each(FILES)('%s reads cleanly', (file) => {
    const found = findRot(readFileSync(new URL(file, root), 'utf8'))
    expect(found.map((r) => `${file}:${r.line}: ${r.what}`)).toEqual([])
  })

  it('finds a stray table row, an end marker without a start, and a cut sentence', () => {
    const text = [
      'The inputs are listed in the README.',
      '',
      '| `canary-metrics-stage` | empty | The stage dimension. |',
      '',
      '<!-- inputs:end -->',
      '',
      'Every input is validated. A command-specific input (`percent`,',
      '',
      'Then the next paragraph.'
    ].join('\n')
    expect(findRot(text).map((r) => [r.line, r.what.split(':')[0]])).toEqual([
      [3, 'a table row outside a table'],
      [5, '<!-- inputs'],
      [7, 'a sentence cut off']
    ])
  })

  it('finds a line said twice, an old version beside the new one, a paragraph said again', () => {
    expect(
      findRot(
        'A local stand-in for Amazon API Gateway, for tests. A local stand-in for Amazon API Gateway and CloudWatch.'
      )
    ).toEqual([{ line: 1, what: 'says twice: A local stand-in for Amazon API …' }])
    const garbled =
      '`setFaults`, `clearFaults`, `setQuotas`, `reset`.\n`setFaults`, `clearFaults`, `setQuotas`, `setDomainStatus`.'
    expect(findRot(garbled)[0]?.what).toMatch(/^starts like line 1/)
    expect(
      findRot(
        'Test hooks, outside the AWS APIs:\n\nTest hooks, outside the AWS APIs, let you look.'
      )[0]?.what
    ).toMatch(/^said again in the next paragraph/)
  })

  it('finds a merge conflict left in', () => {
    const text = 'Intro.\n\n<<<<<<< HEAD\nOurs.\n=======\nTheirs.\n>>>>>>> main\n'
    expect(
      findRot(text)
        .filter((r) => r.what === 'a merge conflict marker')
        .map((r) => r.line)
    ).toEqual([3, 5, 7])
  })

  it('accepts tables, lists, code, pseudo-headings and a paragraph that introduces a block', () => {
    const text = [
      '| A | B |',
      '| --- | --- |',
      '| 1 | 2 |',
      '',
      '**`status`**',
      '',
      '- an item without a full stop',
      '',
      'Run this, between',
      '',
      '```sh',
      'echo | not a table',
      'echo | not a table',
      '```',
      '',
      '<!-- x:start -->',
      '<!-- x:end -->',
      '',
      'Between `<!-- include:PATH -->` and its end, quoted.'
    ].join('\n')
    expect(findRot(text)).toEqual([])
  })
})
