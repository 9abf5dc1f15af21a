/** CreateFunction, GetFunction, PublishVersion, CreateAlias and GetAlias. */
import { createHash, randomUUID } from 'node:crypto'

import { invalidParameter, resourceConflict, resourceNotFound, validation } from './errors.js'
import { type Alias, type FunctionConfig, functionArn, functionRef, lastModified } from './model.js'
import type { LambdaInput, LambdaResult, LambdaService } from './service.js'
import { isRecord } from '../common/wire.js'

const ROLE_RE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/
const ALIAS_RE = /^(?!^[0-9]+$)([a-zA-Z0-9-_]+)$/

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)

/** A configuration as Lambda answers it, for the version (or alias) `qualifier`. */
function configToWire(
  region: string,
  c: FunctionConfig & { RevisionId: string },
  version: string,
  qualifier?: string
): Record<string, unknown> {
  return {
    ...c,
    FunctionArn: functionArn(region, c.FunctionName, qualifier),
    Version: version,
    State: 'Active',
    LastUpdateStatus: 'Successful'
  }
}

/** The code a request uploads, as its size and SHA-256 (base64). */
function codeOf(code: unknown): { CodeSha256: string; CodeSize: number } {
  if (!isRecord(code)) throw invalidParameter('Please provide a source for function code.')
  const bytes =
    typeof code.ZipFile === 'string'
      ? Buffer.from(code.ZipFile, 'base64')
      : typeof code.S3Bucket === 'string' || typeof code.ImageUri === 'string'
        ? Buffer.from(JSON.stringify(code))
        : undefined
  if (!bytes) throw invalidParameter('Please provide a source for function code.')
  return { CodeSha256: createHash('sha256').update(bytes).digest('base64'), CodeSize: bytes.length }
}

export function createFunction(svc: LambdaService, i: LambdaInput, region: string): LambdaResult {
  const { name } = functionRef(i.FunctionName)
  const role = str(i.Role) ?? ''
  if (!ROLE_RE.test(role)) {
    throw validation(
      role,
      'role',
      'Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+'
    )
  }
  if (svc.functions.has(name)) throw resourceConflict(`Function already exist: ${name}`)
  const packageType = str(i.PackageType) ?? 'Zip'
  if (packageType === 'Zip' && (str(i.Runtime) === undefined || str(i.Handler) === undefined)) {
    throw invalidParameter(
      'Runtime and Handler are mandatory parameters for functions created with Zip Package Type'
    )
  }
  const env =
    isRecord(i.Environment) && isRecord(i.Environment.Variables)
      ? i.Environment.Variables
      : undefined
  const config: FunctionConfig & { RevisionId: string } = {
    FunctionName: name,
    Runtime: str(i.Runtime),
    Role: role,
    Handler: str(i.Handler),
    Description: str(i.Description) ?? '',
    Timeout: typeof i.Timeout === 'number' ? i.Timeout : 3,
    MemorySize: typeof i.MemorySize === 'number' ? i.MemorySize : 128,
    ...codeOf(i.Code),
    PackageType: packageType,
    Architectures: Array.isArray(i.Architectures) ? i.Architectures.map(String) : ['x86_64'],
    LastModified: lastModified(svc.now()),
    RevisionId: randomUUID()
  }
  if (env)
    config.Environment = {
      Variables: Object.fromEntries(Object.entries(env).map(([k, v]) => [k, String(v)]))
    }
  const f = {
    name,
    region,
    versions: new Map([['$LATEST', config]]),
    aliases: new Map<string, Alias>(),
    policies: new Map(),
    policyRevision: randomUUID(),
    lastVersion: 0
  }
  svc.functions.set(name, f)
  if (i.Publish === true) return publishVersion(svc, { FunctionName: name }, region)
  return { status: 201, body: configToWire(region, config, '$LATEST') }
}

export function getFunction(svc: LambdaService, i: LambdaInput, region: string): LambdaResult {
  const ref = functionRef(i.FunctionName, i.Qualifier)
  const f = svc.fn(ref, region)
  const c = svc.resolve(f, ref.qualifier)
  const config = configToWire(region, f.versions.get(c.Version)!, c.Version, ref.qualifier)
  return {
    status: 200,
    body: {
      Configuration: config,
      Code: {
        RepositoryType: 'S3',
        Location: `https://awslambda-${region}-tasks.s3.${region}.amazonaws.com/snapshots/${f.name}`
      }
    }
  }
}

export function publishVersion(svc: LambdaService, i: LambdaInput, region: string): LambdaResult {
  const ref = functionRef(i.FunctionName)
  const f = svc.fn(ref, region)
  const latest = f.versions.get('$LATEST')!
  const expected = str(i.CodeSha256)
  if (expected !== undefined && expected !== latest.CodeSha256) {
    throw invalidParameter(
      `CodeSHA256 (${expected}) is different from current CodeSHA256 in $LATEST (${latest.CodeSha256}). Please try again with the CodeSHA256 in $LATEST.`
    )
  }
  // Lambda publishes no new version when nothing changed since the last one
  const last = f.lastVersion > 0 ? f.versions.get(String(f.lastVersion)) : undefined
  const unchanged =
    last && last.CodeSha256 === latest.CodeSha256 && last.RevisionId === latest.RevisionId
  const version = unchanged ? String(f.lastVersion) : String(++f.lastVersion)
  if (!unchanged) {
    f.versions.set(version, {
      ...structuredClone(latest),
      Description: str(i.Description) ?? latest.Description
    })
  }
  return { status: 201, body: configToWire(region, f.versions.get(version)!, version, version) }
}

function aliasToWire(region: string, fnName: string, a: Alias): Record<string, unknown> {
  return { AliasArn: functionArn(region, fnName, a.Name), ...a }
}

export function createAlias(svc: LambdaService, i: LambdaInput, region: string): LambdaResult {
  const ref = functionRef(i.FunctionName)
  const f = svc.fn(ref, region)
  const name = str(i.Name) ?? ''
  if (!ALIAS_RE.test(name) || name.length > 128) {
    throw validation(
      name,
      'name',
      'Member must satisfy regular expression pattern: (?!^[0-9]+$)([a-zA-Z0-9-_]+)'
    )
  }
  const version = str(i.FunctionVersion) ?? ''
  if (!f.versions.has(version)) {
    throw resourceNotFound(`Function not found: ${functionArn(region, f.name, version)}`)
  }
  if (f.aliases.has(name)) {
    throw resourceConflict(`Alias already exists: ${functionArn(region, f.name, name)}`)
  }
  const alias: Alias = {
    Name: name,
    FunctionVersion: version,
    Description: str(i.Description) ?? '',
    RevisionId: randomUUID()
  }
  f.aliases.set(name, alias)
  return { status: 201, body: aliasToWire(region, f.name, alias) }
}

export function getAlias(svc: LambdaService, i: LambdaInput, region: string): LambdaResult {
  const f = svc.fn(functionRef(i.FunctionName), region)
  const name = str(i.Name) ?? ''
  const alias = f.aliases.get(name)
  if (!alias) throw resourceNotFound(`Alias not found: ${functionArn(region, f.name, name)}`)
  return { status: 200, body: aliasToWire(region, f.name, alias) }
}
