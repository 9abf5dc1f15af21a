/**
 * The release script's decisions (scripts/release-plan.ts): which tags it
 * accepts from which branch, which major tag moves, when a maintenance
 * branch opens, and the package.json and CHANGELOG.md that go with a tag.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse as parseYaml } from 'yaml'
import {
  changelogWithRelease,
  parseTag,
  planRelease,
  releaseNotes,
  withVersion
} from '../scripts/release-plan.js'

const read = (f: string) => readFileSync(new URL(`../${f}`, import.meta.url), 'utf8')
const error = (r: unknown) => (r instanceof Error ? r.message : `accepted: ${JSON.stringify(r)}`)

describe('release tags', () => {
  it('accepts vX.Y.Z only', () => {
    expect(parseTag('v1.2.3')).toEqual({ major: 1, minor: 2, patch: 3 })
    expect(parseTag('v10.0.0')).toEqual({ major: 10, minor: 0, patch: 0 })
    for (const bad of ['1.2.3', 'v1.2', 'v1', 'v01.2.3', 'v1.2.3-rc.1', 'v1.2.3 ', 'V1.2.3']) {
      expect(parseTag(bad)).toBeUndefined()
    }
  })

  it('refuses a malformed tag, an existing one, and one not above the latest', () => {
    const tags = ['v1.0.0', 'v1.1.0', 'v1']
    expect(error(planRelease('1.2.0', 'main', tags))).toMatch(/not a release tag: use vMAJOR/)
    expect(error(planRelease('v1.1.0', 'main', tags))).toBe('v1.1.0 exists already')
    expect(error(planRelease('v1.0.5', 'main', tags))).toMatch(/^v1\.0\.5 is not above v1\.1\.0/)
  })

  it('moves the major tag on a minor or patch release, creates it on a new major', () => {
    expect(planRelease('v1.1.1', 'main', ['v1.0.0', 'v1.1.0', 'v1'])).toEqual({
      tag: 'v1.1.1',
      version: '1.1.1',
      majorTag: 'v1',
      newMajor: false
    })
    expect(planRelease('v1.0.0', 'main', [])).toEqual({
      tag: 'v1.0.0',
      version: '1.0.0',
      majorTag: 'v1',
      newMajor: true
    })
  })

  it('opens releases/vN for the previous major when vN+1.0.0 ships, and refuses to skip', () => {
    expect(planRelease('v2.0.0', 'main', ['v1.0.0', 'v1.4.2', 'v1'])).toEqual({
      tag: 'v2.0.0',
      version: '2.0.0',
      majorTag: 'v2',
      newMajor: true,
      maintenanceBranch: { name: 'releases/v1', from: 'v1.4.2' }
    })
    expect(error(planRelease('v3.0.0', 'main', ['v1.4.2']))).toMatch(
      /skips a major: the next one is v2\.0\.0/
    )
    expect(error(planRelease('v2.1.0', 'main', ['v1.4.2']))).toMatch(/new major starts at v2\.0\.0/)
  })

  it('releases fixes of an older major from its releases/vN branch only', () => {
    const tags = ['v1.4.2', 'v1', 'v2.0.0', 'v2']
    expect(error(planRelease('v1.4.3', 'main', tags))).toMatch(/from releases\/v1$/)
    expect(planRelease('v1.4.3', 'releases/v1', tags)).toEqual({
      tag: 'v1.4.3',
      version: '1.4.3',
      majorTag: 'v1',
      newMajor: false
    })
    expect(error(planRelease('v2.0.1', 'releases/v1', tags))).toBe(
      'releases/v1 releases v1.x.y only, not v2.0.1'
    )
    expect(error(planRelease('v1.4.1', 'releases/v1', tags))).toBe('v1.4.1 is not above v1.4.2')
    expect(error(planRelease('v1.5.0', 'feature/x', tags))).toMatch(
      /from main or a releases\/vN branch/
    )
  })
})

describe('the files a release changes', () => {
  it("sets package.json's and package-lock.json's own version, nothing else", () => {
    const pkg = read('package.json')
    const bumped = withVersion(pkg, '1.0.0')
    expect(JSON.parse(bumped)).toEqual({ ...JSON.parse(pkg), version: '1.0.0' })
    const lock = read('package-lock.json')
    const lockBumped = JSON.parse(withVersion(lock, '1.0.0', true)) as {
      version: string
      packages: Record<string, { version?: string }>
    }
    expect(lockBumped.version).toBe('1.0.0')
    expect(lockBumped.packages['']!.version).toBe('1.0.0')
    const before = JSON.parse(lock) as typeof lockBumped
    expect(lockBumped.packages['node_modules/yaml']).toEqual(before.packages['node_modules/yaml'])
  })

  it('turns the Unreleased section into the release, with a new empty one above', () => {
    const changelog =
      '# Changelog\n\n## Unreleased\n\n- Fixed a thing.\n\n## 1.0.0 (2026-01-02)\n\n- First.\n'
    const out = changelogWithRelease(changelog, '1.0.1', '2026-12-06')
    expect(out).toBe(
      '# Changelog\n\n## Unreleased\n\n## 1.0.1 (2026-12-06)\n\n- Fixed a thing.\n\n## 1.0.0 (2026-01-02)\n\n- First.\n'
    )
    expect(releaseNotes(out, '1.0.1')).toBe('- Fixed a thing.')
    expect(releaseNotes(out, '1.0.0')).toBe('- First.')
    expect(releaseNotes(out, '1.0.2')).toBeUndefined()
  })

  it('refuses a release whose Unreleased section is empty or missing', () => {
    expect(() =>
      changelogWithRelease('# C\n\n## Unreleased\n\n## 1.0.0 (2026-01-02)\n', '1.0.1', 'd')
    ).toThrow('the Unreleased section is empty')
    expect(() => changelogWithRelease('# C\n', '1.0.1', 'd')).toThrow('no "## Unreleased" section')
  })

  it("takes today's CHANGELOG.md (its unreleased 0.1.0 section) to a first release", () => {
    const out = changelogWithRelease(read('CHANGELOG.md'), '1.0.0', '2026-12-06')
    expect(out).toMatch(/^## Unreleased\n\n## 1\.0\.0 \(2026-12-06\)\n/m)
    expect(releaseNotes(out, '1.0.0')).toContain('Commands `deploy`')
  })
})

describe('the Release workflow', () => {
  type Workflow = {
    on: { push: { tags: string[] } }
    permissions: Record<string, string>
    jobs: Record<string, { permissions?: Record<string, string>; steps: { run?: string }[] }>
  }
  const wf = parseYaml(read('.github/workflows/release.yml')) as Workflow
  const runs = (job: string) => wf.jobs[job]!.steps.map((s) => s.run ?? '').join('\n')

  it('runs on release tags, checks the version, the CHANGELOG and dist/ at the tag, then publishes', () => {
    expect(wf.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+'])
    expect(runs('check')).toContain('npm run -s release -- --check "$GITHUB_REF_NAME"')
    expect(runs('check')).toMatch(/npm run bundle\n[\s\S]*git status --porcelain -- dist\//)
    expect(wf.permissions).toEqual({ contents: 'read' })
    expect(wf.jobs.publish!.permissions).toEqual({ contents: 'write' })
    expect(runs('publish')).toContain('gh release create "$GITHUB_REF_NAME"')
  })
})
