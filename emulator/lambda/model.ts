/**
 * Lambda's data as the emulator keeps it: functions, their published
 * versions and aliases, and one resource-based policy per qualifier, plus
 * how function names, ARNs and qualifiers are read.
 */
import { invalidParameter, validation } from './errors.js'
import { ACCOUNT_ID } from '../common/wire.js'

export interface FunctionConfig {
  FunctionName: string
  Runtime?: string
  Role: string
  Handler?: string
  Description: string
  Timeout: number
  MemorySize: number
  CodeSha256: string
  CodeSize: number
  Environment?: { Variables: Record<string, string> }
  PackageType: string
  Architectures: string[]
  LastModified: string
}

export interface Alias {
  Name: string
  FunctionVersion: string
  Description: string
  RevisionId: string
}

/** One statement of a resource-based policy, as AWS writes it. */
export interface Statement {
  Sid: string
  Effect: 'Allow'
  Principal: string | { Service: string } | { AWS: string }
  Action: string
  Resource: string
  Condition?: Record<string, Record<string, string>>
}

export interface LambdaFunction {
  name: string
  region: string
  /** `$LATEST` and each published version ("1", "2", ...). */
  versions: Map<string, FunctionConfig & { RevisionId: string }>
  aliases: Map<string, Alias>
  /** Statements by qualifier; `''` is the unqualified function (and `$LATEST`). */
  policies: Map<string, Statement[]>
  policyRevision: string
  lastVersion: number
}

const NAME_RE = /^[a-zA-Z0-9-_]{1,64}$/
const ARN_RE =
  /^arn:aws[a-zA-Z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?$/
const PARTIAL_RE = /^(\d{12}):function:([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?$/
const NAME_QUALIFIER_RE = /^([a-zA-Z0-9-_]+)(?::([a-zA-Z0-9-_$]+))?$/
const FUNCTION_NAME_PATTERN =
  '(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_\\.]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?'

/** A function name as requests give it: name, `name:qualifier`, partial or full ARN. */
export interface FunctionRef {
  name: string
  qualifier?: string
}

/** Reads a `FunctionName` path parameter and the `Qualifier` query parameter. */
export function functionRef(raw: unknown, qualifierParam?: unknown): FunctionRef {
  const s = typeof raw === 'string' ? raw : ''
  const m = ARN_RE.exec(s) ?? PARTIAL_RE.exec(s)
  let name: string | undefined
  let qualifier: string | undefined
  if (m && m.length === 5) {
    name = m[3]
    qualifier = m[4]
  } else if (m) {
    name = m[2]
    qualifier = m[3]
  } else {
    const n = NAME_QUALIFIER_RE.exec(s)
    name = n?.[1]
    qualifier = n?.[2]
  }
  if (name === undefined || !NAME_RE.test(name)) {
    throw validation(
      s,
      'functionName',
      `Member must satisfy regular expression pattern: ${FUNCTION_NAME_PATTERN}`
    )
  }
  const param =
    typeof qualifierParam === 'string' && qualifierParam !== '' ? qualifierParam : undefined
  if (param !== undefined && qualifier !== undefined && param !== qualifier) {
    throw invalidParameter(
      'The derived qualifier from the function name does not match the specified qualifier.'
    )
  }
  return { name, qualifier: param ?? qualifier }
}

export function functionArn(region: string, name: string, qualifier?: string): string {
  const base = `arn:aws:lambda:${region}:${ACCOUNT_ID}:function:${name}`
  return qualifier === undefined ? base : `${base}:${qualifier}`
}

/** Lambda's `LastModified`: `2026-01-01T12:00:00.000+0000`. */
export const lastModified = (ms: number): string => new Date(ms).toISOString().replace('Z', '+0000')
