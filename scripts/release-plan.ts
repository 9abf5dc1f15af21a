/**
 * The decisions of a release (scripts/release.ts does the git work): is the
 * new tag a valid `vX.Y.Z` above the ones before it and allowed on this
 * branch, which major tag moves, and the package.json, package-lock.json and
 * CHANGELOG.md that go with it. Pure: text in, text or a verdict out.
 */

export interface Version {
  major: number
  minor: number
  patch: number
}

const TAG = /^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/

/** `vX.Y.Z` (no leading zeros, no pre-release) as numbers; undefined for anything else. */
export function parseTag(tag: string): Version | undefined {
  const m = TAG.exec(tag)
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined
}

export const compare = (a: Version, b: Version) =>
  a.major - b.major || a.minor - b.minor || a.patch - b.patch

const show = (v: Version) => `v${v.major}.${v.minor}.${v.patch}`

/** The release tags among `tags`, highest first. */
export const releaseTags = (tags: string[]) =>
  tags
    .map(parseTag)
    .filter((v): v is Version => v !== undefined)
    .sort((a, b) => compare(b, a))

export interface ReleasePlan {
  tag: string
  version: string
  /** The floating major tag that moves to the new release, e.g. `v1`. */
  majorTag: string
  /** The first release of its major: the major tag is created, not moved. */
  newMajor: boolean
  /** The branch to create for the previous major's fixes (`releases/v1` when v2.0.0 ships). */
  maintenanceBranch?: { name: string; from: string }
}

/**
 * The release of `tag` from `branch`, given the tags that exist; or an Error
 * saying why not. The policy: `main` releases the highest major only, each
 * tag above every tag before it; `releases/vN` releases fixes of major N
 * only, above that major's last tag. The first `vN+1.0.0` from main opens
 * `releases/vN` at the last `vN` tag.
 */
export function planRelease(tag: string, branch: string, tags: string[]): ReleasePlan | Error {
  const next = parseTag(tag)
  if (!next) {
    return new Error(
      `"${tag}" is not a release tag: use vMAJOR.MINOR.PATCH, e.g. v1.2.3 (no leading zeros, no suffix)`
    )
  }
  const existing = releaseTags(tags)
  if (existing.some((v) => compare(v, next) === 0)) return new Error(`${tag} exists already`)
  const majorTag = `v${next.major}`
  const sameMajor = existing.filter((v) => v.major === next.major)
  const highest = existing[0]
  const maintenance = /^releases\/v(\d+)$/.exec(branch)

  if (maintenance) {
    if (Number(maintenance[1]) !== next.major) {
      return new Error(`${branch} releases v${maintenance[1]}.x.y only, not ${tag}`)
    }
    const last = sameMajor[0]
    if (!last) return new Error(`${branch} has no v${next.major} release to fix`)
    if (compare(next, last) <= 0) return new Error(`${tag} is not above ${show(last)}`)
    return { tag, version: tag.slice(1), majorTag, newMajor: false }
  }
  if (branch !== 'main')
    return new Error(`release from main or a releases/vN branch, not ${branch}`)
  if (highest && compare(next, highest) <= 0) {
    return new Error(
      `${tag} is not above ${show(highest)}: a fix of an older major goes out from releases/v${next.major}`
    )
  }
  if (highest && next.major > highest.major + 1) {
    return new Error(`${tag} skips a major: the next one is v${highest.major + 1}.0.0`)
  }
  const newMajor = sameMajor.length === 0
  if (newMajor && (next.minor !== 0 || next.patch !== 0) && existing.length > 0) {
    return new Error(`a new major starts at v${next.major}.0.0, not ${tag}`)
  }
  const plan: ReleasePlan = { tag, version: tag.slice(1), majorTag, newMajor }
  if (newMajor && highest) {
    plan.maintenanceBranch = { name: `releases/v${highest.major}`, from: show(highest) }
  }
  return plan
}

/** package.json (or package-lock.json) with its own version set, formatting kept. */
export function withVersion(json: string, version: string, lockfile = false): string {
  const top = /^( {2}"version": )"[^"]*"/m
  if (!top.test(json)) throw new Error('no top-level "version" field')
  let out = json.replace(top, `$1"${version}"`)
  if (lockfile) {
    // packages[""] carries the root package's version too
    out = out.replace(
      /("packages": \{\n {4}"": \{\n(?: {6}.*\n)*? {6}"version": )"[^"]*"/,
      `$1"${version}"`
    )
  }
  return out
}

const UNRELEASED = /^## (?:Unreleased|(\d+\.\d+\.\d+) \(unreleased\))[ \t]*$/im

/**
 * CHANGELOG.md with its unreleased section turned into the release's
 * (`## 1.2.3 (2026-12-06)`) and a new empty `## Unreleased` above it. The
 * section must say something: a release without a changelog entry is refused.
 */
export function changelogWithRelease(changelog: string, version: string, date: string): string {
  const m = UNRELEASED.exec(changelog)
  if (!m) throw new Error('CHANGELOG.md has no "## Unreleased" section')
  const start = m.index + m[0].length
  const nextHeading = changelog.slice(start).search(/^## /m)
  const body = changelog.slice(start, nextHeading < 0 ? undefined : start + nextHeading)
  if (body.trim() === '') throw new Error('CHANGELOG.md: the Unreleased section is empty')
  const heading = `## ${version} (${date})`
  return `${changelog.slice(0, m.index)}## Unreleased\n\n${heading}${changelog.slice(start)}`
}

/** The notes of one release: its CHANGELOG section without the heading; undefined if none. */
export function releaseNotes(changelog: string, version: string): string | undefined {
  const escaped = version.replace(/\./g, '\\.')
  const m = new RegExp(`^## ${escaped} \\(\\d{4}-\\d{2}-\\d{2}\\)\\s*$`, 'm').exec(changelog)
  if (!m) return undefined
  const rest = changelog.slice(m.index + m[0].length)
  const end = rest.search(/^## /m)
  return (end < 0 ? rest : rest.slice(0, end)).trim()
}
