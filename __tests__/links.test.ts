/**
 * Every relative link in the project's Markdown (README, CONTRIBUTING,
 * CHANGELOG, docs/, emulator/) leads to a file that exists, and every
 * `#anchor` to a heading of the Markdown file it names, as GitHub makes them.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from '@jest/globals'

const root = fileURLToPath(new URL('../', import.meta.url))
const FILES = [
  'README.md',
  'CONTRIBUTING.md',
  'CHANGELOG.md',
  'emulator/README.md',
  ...readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`)
]

/** Markdown without fenced code blocks and code spans, where `[x](y)` is not a link. */
const prose = (md: string) => md.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '')

/** The anchors GitHub gives a file's headings: lower case, punctuation dropped, spaces to `-`. */
export function anchors(md: string): Set<string> {
  const seen = new Map<string, number>()
  const out = new Set<string>()
  for (const [, text] of md.replace(/^```[\s\S]*?^```/gm, '').matchAll(/^#{1,6} (.+)$/gm)) {
    const slug = text!
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N} _-]/gu, '')
      .replace(/ /g, '-')
    const n = seen.get(slug) ?? 0
    seen.set(slug, n + 1)
    out.add(n === 0 ? slug : `${slug}-${n}`)
  }
  return out
}

/** The relative links of `file` (a path under root) that lead nowhere. */
export function brokenLinks(
  file: string,
  md: string,
  read = (f: string) => readFileSync(f, 'utf8')
) {
  const broken: string[] = []
  for (const [, target] of prose(md).matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/i.test(target!)) continue // https:, mailto:
    const [path, anchor] = target!.split('#') as [string, string | undefined]
    const full = path ? join(dirname(join(root, file)), path) : join(root, file)
    if (!existsSync(full)) broken.push(`${target}: no ${relative(root, full)}`)
    else if (anchor !== undefined && full.endsWith('.md') && !anchors(read(full)).has(anchor)) {
      broken.push(`${target}: no heading #${anchor} in ${relative(root, full)}`)
    }
  }
  return broken
}

describe('links in the Markdown files', () => {
  it.each(FILES)('%s: every relative link and anchor resolves', (file) => {
    expect(brokenLinks(file, readFileSync(join(root, file), 'utf8'))).toEqual([])
  })

  it('finds a missing file, a missing heading, and knows how GitHub names headings', () => {
    expect(anchors('# A `b`: c\n## A `b`: c\n```\n# not a heading\n```\n### Why, then?')).toEqual(
      new Set(['a-b-c', 'a-b-c-1', 'why-then'])
    )
    const md =
      '[x](docs/nope.md) [y](#nowhere) [z](docs/usage.md#commands) `[c](nope)` [w](https://x/y)'
    expect(brokenLinks('README.md', md, () => '## Commands\n')).toEqual([
      'docs/nope.md: no docs/nope.md',
      '#nowhere: no heading #nowhere in README.md'
    ])
  })
})
