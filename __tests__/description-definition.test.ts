/** The OpenAPI definition's sha256 in a deployment's description, beside the commit mark. */
import { describe, expect, it } from '@jest/globals'
import { buildDescription, commitOf, definitionOf, sameCommit } from '../src/core/description.js'
import { REPO, SHA } from '../local-runner/fixtures.js'

const p = {
  repository: REPO,
  sha: SHA,
  runId: '42',
  runAttempt: '1',
  actor: 'octocat'
}
const SHA256 = 'ABCDEF0123456789'.toLowerCase() + '0'.repeat(48)

describe('definition sha256 in the description', () => {
  it('is appended after the step in a generated description; the commit still reads', () => {
    const d = buildDescription(undefined, p, 'beef', SHA256)
    expect(d).toBe(
      `apigw-canary: ${REPO}@${p.sha} run 42 attempt 1 by octocat, step beef, definition sha256:abcdef012345`
    )
    expect(commitOf(d)).toEqual({ repository: REPO, sha: p.sha })
    expect(sameCommit(d, p)).toBe(true)
    expect(definitionOf(d)).toBe('abcdef012345')
  })
  it('sits inside the mark of a custom description', () => {
    const d = buildDescription('release 2.0', p, 'beef', SHA256)
    expect(d).toBe(
      `release 2.0 (apigw-canary: ${REPO}@${p.sha}, step beef, definition sha256:abcdef012345)`
    )
    expect(commitOf(d)?.sha).toBe(p.sha)
    expect(definitionOf(d)).toBe('abcdef012345')
  })
  it('is absent without a definition, and the description is as before', () => {
    const d = buildDescription(undefined, p, 'beef')
    expect(d).toBe(`apigw-canary: ${REPO}@${p.sha} run 42 attempt 1 by octocat, step beef`)
    expect(definitionOf(d)).toBeUndefined()
    expect(commitOf(d)?.sha).toBe(p.sha)
  })
  it('is not read from the user’s own words, nor does it hide the commit', () => {
    expect(definitionOf('my definition sha256:abcdef012345')).toBeUndefined()
    expect(
      commitOf(`apigw-canary: ${REPO}@${p.sha}, step beef, definition sha256:xyz`)
    ).toBeUndefined()
  })
  it('records a manual deployment’s definition too', () => {
    const d = buildDescription(
      undefined,
      { ...p, repository: undefined, sha: undefined },
      'beef',
      SHA256
    )
    expect(definitionOf(d)).toBe('abcdef012345')
    expect(commitOf(d)).toBeUndefined()
  })
})
