import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from '@jest/globals'

// CI fails when the committed bundle is not what a fresh build makes: the
// action runs dist/, so a stale dist/ ships code nobody tested.
describe('dist/', () => {
  it('is exactly what a fresh `npm run bundle` makes', () => {
    const out = mkdtempSync(join(tmpdir(), 'dist-'))
    execFileSync(
      join('node_modules', '.bin', 'ncc'),
      [
        'build',
        'src/index.ts',
        '-o',
        out,
        '--license',
        'licenses.txt',
        '--transpile-only',
        '--quiet'
      ],
      { stdio: 'pipe' }
    )
    const fresh = readdirSync(out).sort()
    expect(readdirSync('dist').sort()).toEqual(fresh)
    for (const f of fresh) {
      const same = readFileSync(join(out, f)).equals(readFileSync(join('dist', f)))
      expect([f, same ? 'matches' : 'differs: run npm run bundle and commit dist/']).toEqual([
        f,
        'matches'
      ])
    }
  }, 120_000)
})
