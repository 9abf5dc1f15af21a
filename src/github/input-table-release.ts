/**
 * The inputs of preflight and of deploying from an OpenAPI definition
 * (docs/preflight.md, docs/usage.md#deploy-from-an-openapi-definition). They
 * are part of INPUTS (input-table.ts), after the others.
 */
import { fail, matching, parseBoolean, parseOneOf, splitList } from './input-parsers.js'
import { input } from './input-spec.js'
import { InputError } from '../errors.js'

const PREFLIGHT_COMMANDS = ['preflight', 'deploy', 'ramp'] as const

/** The import parameters the action passes to PutRestApi, and the values each accepts. */
export const IMPORT_PARAMETERS: Record<string, readonly string[]> = {
  ignore: ['documentation'],
  basepath: ['ignore', 'prepend', 'split']
}
const PARAMETERS_FORM =
  'comma-separated key=value pairs: ignore=documentation, basepath=ignore|prepend|split'

export function parseImportParameters(name: string, raw: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const pair of splitList(raw)) {
    const [key = '', value = '', ...rest] = pair.split('=').map((s) => s.trim())
    if (key === 'endpointConfigurationTypes') {
      throw new InputError(
        name,
        `Input '${name}' must not set endpointConfigurationTypes: it would change the live API's endpoint type. Change the endpoint with UpdateRestApi on purpose, outside a release.`
      )
    }
    if (rest.length > 0 || !IMPORT_PARAMETERS[key]?.includes(value))
      fail(name, PARAMETERS_FORM, raw)
    out[key] = value
  }
  return out
}

export const RELEASE_INPUTS = [
  input({
    name: 'preflight',
    key: 'preflight',
    description:
      'deploy, ramp: check the stage, its domain, DNS, logging and alarms before any change (see docs/preflight.md). `warn`: report problems, but still fail on those that make the release unsafe (a missing gating alarm, an alarm that cannot fire at the first rung, a stage that does not exist, a custom domain not mapped to it); `fail`: any failed check fails the step before any change; `off`: skip. The `preflight` command always fails on any failed check.',
    default: 'warn',
    usedBy: ['deploy', 'ramp'],
    parse: (raw, name) => parseOneOf(name, ['fail', 'warn', 'off'], raw)
  }),
  input({
    name: 'domain-name',
    key: 'domainName',
    description:
      'preflight, deploy, ramp: the custom domain customers call (e.g. `api.example.com`), checked for its base path mapping to this stage and its Route 53 alias. Empty: every custom domain mapped to the stage.',
    default: '',
    usedBy: PREFLIGHT_COMMANDS,
    ...matching(
      'a domain name such as api.example.com',
      /^(?=.{1,253}$)([A-Za-z0-9*]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}\.?$/
    )
  }),
  input({
    name: 'hosted-zone-id',
    key: 'hostedZoneId',
    description:
      "preflight, deploy, ramp: the Route 53 hosted zone holding the custom domain's records (e.g. `Z0123456789ABC`). Empty: found with `ListHostedZonesByName`.",
    default: '',
    usedBy: PREFLIGHT_COMMANDS,
    ...matching(
      'a Route 53 hosted zone id such as Z0123456789ABC',
      /^(\/hostedzone\/)?[A-Z0-9]{1,32}$/
    )
  }),
  input({
    name: 'openapi-file',
    key: 'openapiFile',
    description:
      "deploy: an OpenAPI 2.0 or 3.0 definition (JSON or YAML, at most 6 MB), relative to the workspace. deploy imports it into the REST API (`PutRestApi`), then creates the canary deployment from it; a re-run whose canary already exists imports nothing. The deployment's description records the file's sha256.",
    default: '',
    usedBy: ['deploy'],
    ...matching('a file path in the workspace, e.g. openapi.yaml', /^[^\0\n\r]{1,1024}$/)
  }),
  input({
    name: 'import-mode',
    key: 'importMode',
    description:
      "deploy with `openapi-file`: `overwrite` (the API becomes exactly the file: what the file no longer has is deleted, as a source-controlled definition expects) or `merge` (the file's paths are added or updated; resources added outside the file are kept).",
    default: 'overwrite',
    usedBy: ['deploy'],
    parse: (raw, name) => parseOneOf(name, ['overwrite', 'merge'], raw)
  }),
  input({
    name: 'fail-on-warnings',
    key: 'failOnWarnings',
    description:
      'deploy with `openapi-file`: refuse the import when API Gateway finds warnings in the definition (nothing is imported or deployed); `false` imports anyway and logs the warnings.',
    default: 'true',
    usedBy: ['deploy'],
    parse: (raw, name) => parseBoolean(name, raw)
  }),
  input({
    name: 'import-parameters',
    key: 'importParameters',
    description:
      "deploy with `openapi-file`: PutRestApi parameters, e.g. `ignore=documentation` or `basepath=prepend`. `endpointConfigurationTypes` is refused: it would change the live API's endpoint type.",
    default: '',
    usedBy: ['deploy'],
    empty: () => ({}),
    parse: (raw, name) => parseImportParameters(name, raw)
  })
] as const
