/**
 * npm run release -- vX.Y.Z [--push] [--date YYYY-MM-DD]
 *
 * In the style of actions/typescript-action's script/release: validates the
 * tag (scripts/release-plan.ts), sets package.json's and package-lock.json's
 * version, turns CHANGELOG.md's Unreleased section into the release's, commits
 * that, makes the annotated tag and moves the major tag (v1) to it; on the
 * first release of a new major, opens releases/vN for the previous major. It
 * pushes only with --push, and prints the commands otherwise.
 *
 * npm run release -- --check vX.Y.Z: what .github/workflows/release.yml runs
 * at the tag: package.json says the version and CHANGELOG.md has its section
 * (prints the section: the release notes).
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'
import {
  changelogWithRelease,
  parseTag,
  planRelease,
  releaseNotes,
  withVersion
} from './release-plan.js'

const root = new URL('../', import.meta.url)
const read = (f: string) => readFileSync(new URL(f, root), 'utf8')
const write = (f: string, text: string) => writeFileSync(new URL(f, root), text)
const git = (...args: string[]) => execFileSync('git', args, { cwd: root, encoding: 'utf8' }).trim()
const fail = (message: string): never => {
  console.error(`release: ${message}`)
  process.exit(1)
}

const args = process.argv.slice(2)
const flag = (name: string) => args.includes(name)
const option = (name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const tag =
  args.find((a) => /^v/.test(a) && !a.startsWith('--')) ??
  fail('usage: npm run release -- vX.Y.Z [--push]')

if (flag('--check')) {
  if (!parseTag(tag)) fail(`"${tag}" is not a vX.Y.Z tag`)
  const version = tag.slice(1)
  const pkg = JSON.parse(read('package.json')) as { version: string }
  if (pkg.version !== version) fail(`package.json says ${pkg.version}, the tag ${tag}`)
  const notes = releaseNotes(read('CHANGELOG.md'), version)
  if (notes === undefined) fail(`CHANGELOG.md has no "## ${version} (YYYY-MM-DD)" section`)
  console.log(notes)
  process.exit(0)
}

if (git('status', '--porcelain') !== '')
  fail('the working tree has changes: commit or stash them first')
const branch = git('rev-parse', '--abbrev-ref', 'HEAD')
const plan = planRelease(tag, branch, git('tag', '--list', 'v*').split('\n').filter(Boolean))
if (plan instanceof Error) fail(plan.message)
const { version, majorTag, newMajor, maintenanceBranch } = plan as Exclude<typeof plan, Error>
const date = option('--date') ?? new Date().toISOString().slice(0, 10)

write('package.json', withVersion(read('package.json'), version))
write('package-lock.json', withVersion(read('package-lock.json'), version, true))
try {
  write('CHANGELOG.md', changelogWithRelease(read('CHANGELOG.md'), version, date))
} catch (e) {
  git('checkout', '--', 'package.json', 'package-lock.json')
  fail((e as Error).message)
}
git(
  'commit',
  '--quiet',
  '-m',
  `Release ${tag}`,
  'package.json',
  'package-lock.json',
  'CHANGELOG.md'
)
git('tag', '--annotate', tag, '--message', `${tag} Release`)
git('tag', '--force', '--annotate', majorTag, '--message', `${majorTag}: ${tag}`, `${tag}^{}`)
console.log(`Tagged ${tag}; ${majorTag} ${newMajor ? 'created at' : 'moved to'} ${tag}`)
if (maintenanceBranch) {
  git('branch', maintenanceBranch.name, maintenanceBranch.from)
  console.log(`Branch ${maintenanceBranch.name} opened at ${maintenanceBranch.from} for its fixes`)
}

const push = [
  ['push', 'origin', branch, tag],
  ['push', '--force', 'origin', `refs/tags/${majorTag}`],
  ...(maintenanceBranch ? [['push', 'origin', maintenanceBranch.name]] : [])
]
if (flag('--push')) {
  for (const p of push) git(...p)
  console.log('Pushed. The release workflow checks dist/ at the tag and publishes the release.')
} else {
  console.log('Check, then push:')
  for (const p of push) console.log(`  git ${p.join(' ')}`)
}
