/** Preflight's shared vocabulary: a check's result and a denied read (docs/preflight.md). */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skipped'

export interface CheckResult {
  id: string
  title: string
  status: CheckStatus
  /** What preflight found, in a sentence or two. */
  found: string
  /** What to do about a warning or failure. */
  todo?: string
}

/** A read the action was not allowed to make: the IAM action it needed. */
export interface Denied {
  denied: string
}

export const isDenied = (x: unknown): x is Denied =>
  typeof x === 'object' && x !== null && typeof (x as Denied).denied === 'string'

export const skippedFor = (id: string, title: string, d: Denied, what: string): CheckResult => ({
  id,
  title,
  status: 'skipped',
  found: `Could not read ${what}: access denied.`,
  todo: `Allow ${d.denied} to the role the action runs as, to have this checked.`
})

const RANK: Record<CheckStatus, number> = { skipped: 0, pass: 1, warn: 2, fail: 3 }

/** The worst of some statuses (pass when there are none). */
export const worst = (statuses: CheckStatus[]): CheckStatus =>
  statuses.reduce<CheckStatus>((w, s) => (RANK[s] > RANK[w] ? s : w), 'pass')
