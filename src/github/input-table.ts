/**
 * Every input, said once (outputs: output-table.ts). action.yml and the README's
 * tables are made from here (`npm run docs`; a test keeps them equal), and
 * parseInputs (inputs.ts) is a loop over INPUTS. The analysis inputs are
 * the analysis feature's own (src/analysis/github-inputs.ts).
 */
import type { Config } from '../config.js'
import {
  MAX_BAKE_MS,
  MAX_POLL_MS,
  requiredError,
  requiredMatching,
  parseAlarmNames,
  parseBoolean,
  parseDurationInput,
  matching,
  parseOneOf,
  parsePercent,
  parseStageVariables,
  parseText,
  parseUrl,
  parseWhole,
  fail,
  splitList
} from './input-parsers.js'
import { parseSteps } from '../core/ladder.js'
import { InputError } from '../errors.js'
import { ANALYSIS_INPUTS } from '../analysis/github-inputs.js'
import { TRIAGE_INPUTS } from '../triage/github-inputs.js'
import { COMMANDS, commandsWhere, type Command } from '../commands/catalog.js'
import { input } from './input-spec.js'
import { API_GATEWAY_ID } from '../core/aws-ids.js'
export { COMMANDS, type Command }
export { input, usedBy, type InputSpec } from './input-spec.js'

const code = (s: string) => `\`${s}\``
const DEPLOYMENT_ID_FORM = 'a deployment id (letters and digits, e.g. abc123)'
const REGION_ENV = ['AWS_REGION', 'AWS_DEFAULT_REGION'] as const
/** The commands that record a release in GitHub's Deployments. */
const GITHUB_COMMANDS = commandsWhere((t) => t.githubDeployment !== 'none')

/**
 * The inputs of preflight and of deploying from an OpenAPI definition
 * (docs/preflight.md, docs/usage.md#deploy-from-an-openapi-definition), after the others.
 */
const PREFLIGHT_COMMANDS = commandsWhere((t) => t.preflight !== undefined)

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
    // Own keys only: `constructor` or `__proto__` are keys of every object, not parameters.
    if (
      rest.length > 0 ||
      !Object.hasOwn(IMPORT_PARAMETERS, key) ||
      !IMPORT_PARAMETERS[key]!.includes(value)
    )
      fail(name, PARAMETERS_FORM, raw)
    out[key] = value
  }
  return out
}

export const RELEASE_INPUTS = [
  input({
    name: 'preflight',
    summary: '`deploy`, `ramp`: check the setup first: `warn`, `fail` or `off`.',
    key: 'preflight',
    description:
      'deploy, ramp: check the stage, its domain, DNS, logging, alarms and backends before any change (see docs/preflight.md). `warn`: report problems, but still fail on those that make the release unsafe (a missing gating alarm, an alarm that cannot fire at the first rung, a stage that does not exist, a custom domain not mapped to it, a backend the canary cannot call); `fail`: any failed check fails the step before any change; `off`: skip. The `preflight` command always fails on any failed check.',
    default: 'warn',
    usedBy: ['deploy', 'ramp'],
    parse: (raw, name) => parseOneOf(name, ['fail', 'warn', 'off'], raw)
  }),
  input({
    name: 'domain-name',
    summary: 'The custom domain customers call, for preflight.',
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
    summary: "The custom domain's Route 53 hosted zone, for preflight.",
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
    summary: '`deploy`: an OpenAPI definition to import (`PutRestApi`) before the canary.',
    key: 'openapiFile',
    description:
      "deploy: an OpenAPI 2.0 or 3.0 definition (JSON or YAML, at most 6 MB), relative to the workspace or absolute; its real path (symlinks followed) must be inside the workspace or `RUNNER_TEMP`, and it is checked before any AWS call. deploy imports it into the REST API (`PutRestApi`), then creates the canary deployment from it; a re-run whose canary already exists imports nothing. The deployment's description records the file's sha256.",
    default: '',
    usedBy: ['deploy'],
    ...matching(
      'a file path in the workspace or RUNNER_TEMP, e.g. openapi.yaml',
      /^[^\0\n\r]{1,1024}$/
    )
  }),
  input({
    name: 'import-mode',
    summary: '`deploy` with `openapi-file`: `overwrite` or `merge`.',
    key: 'importMode',
    description:
      "deploy with `openapi-file`: `overwrite` (the API becomes exactly the file: what the file no longer has is deleted, as a source-controlled definition expects) or `merge` (the file's paths are added or updated; resources added outside the file are kept).",
    default: 'overwrite',
    usedBy: ['deploy'],
    parse: (raw, name) => parseOneOf(name, ['overwrite', 'merge'], raw)
  }),
  input({
    name: 'fail-on-warnings',
    summary: '`deploy` with `openapi-file`: refuse a definition with warnings.',
    key: 'failOnWarnings',
    description:
      'deploy with `openapi-file`: refuse the import when API Gateway finds warnings in the definition (nothing is imported or deployed); `false` imports anyway and logs the warnings.',
    default: 'true',
    usedBy: ['deploy'],
    parse: (raw, name) => parseBoolean(name, raw)
  }),
  input({
    name: 'import-parameters',
    summary: '`deploy` with `openapi-file`: `PutRestApi` parameters.',
    key: 'importParameters',
    description:
      "deploy with `openapi-file`: PutRestApi parameters, e.g. `ignore=documentation` or `basepath=prepend`. `endpointConfigurationTypes` is refused: it would change the live API's endpoint type.",
    default: '',
    usedBy: ['deploy'],
    empty: () => ({}),
    parse: (raw, name) => parseImportParameters(name, raw)
  })
] as const

/** In the order parseInputs reads them, which is the order of action.yml and the README. */
export const INPUTS = [
  input({
    name: 'command',
    summary:
      'What the step does: `deploy`, `shift`, `ramp`, `promote`, `rollback`, `status` or `preflight`.',
    key: 'command',
    description: `What this step does: ${COMMANDS.slice(0, -1).map(code).join(', ')} or ${code(COMMANDS.at(-1)!)}.`,
    required: true,
    empty: (name) => {
      throw requiredError(name, `one of ${COMMANDS.join(', ')}`)
    },
    parse: (raw, name) => parseOneOf(name, COMMANDS, raw)
  }),
  input({
    name: 'rest-api-id',
    summary: "The REST API's id, e.g. `a1b2c3d4e5`.",
    key: 'restApiId',
    description: "The REST API's id (e.g. `a1b2c3d4e5`), not its name.",
    ...requiredMatching(
      "the REST API's id (letters and digits, e.g. a1b2c3d4e5), not its name",
      API_GATEWAY_ID
    )
  }),
  input({
    name: 'stage',
    summary: 'The stage, e.g. `prod`.',
    key: 'stage',
    description: 'The stage name, e.g. `prod`.',
    ...requiredMatching(
      'a stage name of letters, digits, - and _ (up to 128)',
      /^[A-Za-z0-9_-]{1,128}$/
    )
  }),
  input({
    name: 'steps',
    summary: 'The traffic ladder, in percent.',
    key: 'steps',
    description: 'The traffic ladder, strictly ascending, each above 0 and at most 100.',
    default: '5,10,25,50,100',
    parse: (raw, name) => parseSteps(name, raw)
  }),
  input({
    name: 'percent',
    summary: '`deploy`, `shift`: canary traffic, or `next` (the next rung); required for `shift`.',
    key: 'percent',
    description:
      'Canary traffic: a number from 0 to 100 (decimals allowed, a trailing `%` accepted), or `next` (shift only: the smallest rung of `steps` above the current traffic). Used by `deploy` and `shift`; required for `shift`.',
    defaultDoc: 'the first rung of `steps` for deploy',
    usedBy: ['deploy', 'shift'],
    empty: () => undefined,
    parse: (raw, name) => parsePercent(name, raw)
  }),
  input({
    name: 'bake-time',
    summary: 'How long to watch the alarms after each traffic change, e.g. `10m`.',
    key: 'bakeTimeMs',
    description:
      "How long to watch the alarms after each traffic change: `90s`, `5m`, `1h30m`, or a number of seconds; at most 5 days (a self-hosted runner's job limit).",
    perCommand: { values: { ramp: '5m', preflight: '5m' }, otherwise: '0' },
    parse: (raw, name) => parseDurationInput(name, raw, 0, MAX_BAKE_MS)
  }),
  input({
    name: 'poll-interval',
    summary: 'How often the alarms are read while baking.',
    key: 'pollIntervalMs',
    description: 'How often the alarms are read while baking (1 s to 1 h).',
    default: '15s',
    parse: (raw, name) => parseDurationInput(name, raw, 1000, MAX_POLL_MS)
  }),
  input({
    name: 'alarm-names',
    summary: 'The CloudWatch alarms that gate every increase and the promotion.',
    key: 'alarmNames',
    description:
      'CloudWatch alarms (metric or composite) that gate every traffic increase and promotion; comma- or newline-separated.',
    default: '',
    empty: () => [],
    parse: (raw, name) => parseAlarmNames(name, raw)
  }),
  input({
    name: 'alarm-name-prefix',
    summary: 'Also gate on every alarm whose name starts with this.',
    key: 'alarmNamePrefix',
    description: 'Also gate on every alarm whose name starts with this.',
    default: '',
    parse: (raw, name) => parseText(name, 'an alarm name prefix of up to 255 characters', 255, raw)
  }),
  input({
    name: 'allow-ungated',
    summary: 'Release with no gate at all, on purpose (no alarm and no gating analysis).',
    key: 'allowUngated',
    description:
      'deploy, shift, ramp, promote: release with no gate at all on purpose. A step that would raise canary traffic or promote while nothing could stop a failing canary (no alarm in `alarm-names` or `alarm-name-prefix`, and no `analysis: gate` judging a bake of this step) fails before any change unless this is `true`; then the log and the job summary say the release was ungated.',
    default: 'false',
    usedBy: ['deploy', 'shift', 'ramp', 'promote'],
    parse: (raw, name) => parseBoolean(name, raw)
  }),
  input({
    name: 'insufficient-data',
    summary: 'How an alarm in INSUFFICIENT_DATA counts: `ok` or `alarm`.',
    key: 'insufficientData',
    description: 'How an alarm in INSUFFICIENT_DATA counts: `ok` (with a warning) or `alarm`.',
    default: 'ok',
    parse: (raw, name) => parseOneOf(name, ['ok', 'alarm'], raw)
  }),
  input({
    name: 'on-alarm',
    summary: 'What an alarm during a bake does: `rollback` or `fail`.',
    key: 'onAlarm',
    description:
      'What an alarm during a bake does: `rollback` (canary to 0 %, step fails) or `fail` (traffic left as is, step fails).',
    default: 'rollback',
    parse: (raw, name) => parseOneOf(name, ['rollback', 'fail'], raw)
  }),
  input({
    name: 'rollback-on-cancel',
    summary: 'Set the canary to 0 % when the job is cancelled.',
    key: 'rollbackOnCancel',
    description:
      'When the job is cancelled while this step has raised canary traffic, set the canary to 0 % before exiting.',
    default: 'true',
    parse: (raw, name) => parseBoolean(name, raw)
  }),
  input({
    name: 'stage-variable-overrides',
    summary: "`deploy`: the canary's own stage variables.",
    key: 'stageVariableOverrides',
    description:
      "deploy: the canary's stage variables, `key=value` lines or a JSON object. Names: letters, digits, `_` (up to 64); values: letters, digits and `-._~:/?#&=,` (up to 512); at most 100. preflight: the overrides to check the backends with (empty: the existing canary's).",
    default: '',
    usedBy: ['deploy', 'preflight'],
    untrimmed: true,
    empty: () => ({}),
    parse: (raw, name) => parseStageVariables(name, raw)
  }),
  input({
    name: 'use-stage-cache',
    summary: '`deploy`: whether canary requests use the stage cache.',
    key: 'useStageCache',
    description: 'deploy: whether canary requests use the stage cache.',
    default: 'false',
    usedBy: ['deploy'],
    parse: (raw, name) => parseBoolean(name, raw)
  }),
  input({
    name: 'description',
    summary: "`deploy`: the deployment's description.",
    key: 'description',
    description:
      "deploy: the deployment's description (up to 1024 characters). By default it records repository, commit SHA, run id and attempt, actor and a random step id; a custom one gets `(apigw-canary: owner/repo@sha, step <id>)` appended so re-runs recognise their canary.",
    default: '',
    defaultDoc: 'generated',
    usedBy: ['deploy'],
    parse: (raw, name) => parseText(name, 'a description of up to 1024 characters', 1024, raw)
  }),
  input({
    name: 'if-canary-exists',
    summary: '`deploy`: when another canary carries traffic, `fail` or `replace`.',
    key: 'ifCanaryExists',
    description: 'deploy: what to do when another canary carries traffic: `fail` or `replace`.',
    default: 'fail',
    usedBy: ['deploy'],
    parse: (raw, name) => parseOneOf(name, ['fail', 'replace'], raw)
  }),
  input({
    name: 'promote-on-success',
    summary: '`ramp`: promote after the last rung baked clean.',
    key: 'promoteOnSuccess',
    description: 'ramp: promote after the last rung baked clean.',
    default: 'false',
    usedBy: ['ramp'],
    parse: (raw, name) => parseBoolean(name, raw)
  }),
  input({
    name: 'rollback-mode',
    summary: '`rollback`: `zero` (keep the canary at 0 %) or `remove`.',
    key: 'rollbackMode',
    description:
      'rollback: `zero` (canary kept at 0 % for investigation) or `remove` (canary settings deleted).',
    default: 'zero',
    usedBy: ['rollback'],
    parse: (raw, name) => parseOneOf(name, ['zero', 'remove'], raw)
  }),
  input({
    name: 'to-deployment-id',
    summary: '`rollback`: also point the stage back at this deployment (undo a promotion).',
    key: 'toDeploymentId',
    description:
      'rollback: point the stage itself back at this deployment (the undo of a promotion).',
    default: '',
    usedBy: ['rollback'],
    ...matching(DEPLOYMENT_ID_FORM, API_GATEWAY_ID)
  }),
  input({
    name: 'expected-canary-deployment-id',
    summary: '`shift`, `ramp`, `promote`: the only canary the step may raise or promote.',
    key: 'expectedCanaryId',
    description:
      "shift (an increase), ramp, promote: the canary deployment this step may raise or promote. Empty: only the canary deployed from the workflow's own commit (`GITHUB_SHA`); set it to drive another commit's canary on purpose, e.g. from a manual `workflow_dispatch` ramp. The step refuses if the stage's canary is any other deployment.",
    default: '',
    usedBy: ['shift', 'ramp', 'promote'],
    ...matching(DEPLOYMENT_ID_FORM, API_GATEWAY_ID)
  }),
  input({
    name: 'aws-region',
    summary: 'The AWS region.',
    key: 'region',
    description: 'The AWS region.',
    env: REGION_ENV,
    empty: (name) => {
      throw new InputError(
        name,
        `Input '${name}' is required when ${REGION_ENV.join(' and ')} are not set: a region such as us-east-1.`
      )
    },
    ...matching('an AWS region such as us-east-1 or eu-west-2', /^[a-z]{2,4}(-[a-z]+)+-\d{1,2}$/)
  }),
  input({
    name: 'endpoint-url',
    summary: 'A custom endpoint for the AWS APIs (the emulator, a VPC endpoint).',
    key: 'endpointUrl',
    description:
      "A custom endpoint for every AWS call (API Gateway, CloudWatch, Route 53, Lambda, CloudWatch Logs and X-Ray): a VPC interface endpoint, or a local stand-in such as LocalStack. Leave it empty for AWS's own endpoints.",
    env: ['AWS_ENDPOINT_URL'],
    parse: (raw, name) => parseUrl(name, raw)
  }),
  input({
    name: 'max-attempts',
    summary: 'SDK attempts per AWS call.',
    key: 'maxAttempts',
    description:
      "SDK attempts per AWS call (1 to 20), with the SDK's standard retry backoff. API Gateway's control plane allows 10 requests/s per account.",
    default: '6',
    parse: (raw, name) => parseWhole(name, 1, 20, raw)
  }),
  input({
    name: 'dry-run',
    summary: 'Read, gate and print the calls that would be made; change nothing.',
    key: 'dryRun',
    description: 'Read, gate and print the exact calls that would be made; change nothing.',
    default: 'false',
    parse: (raw, name) => parseBoolean(name, raw)
  }),
  input({
    name: 'github-deployment',
    summary: "Record the release in the repository's GitHub Deployments.",
    key: 'githubDeployment',
    description:
      "Record the release in the repository's GitHub Deployments: a deployment per canary in `environment`, and a status per step (`in_progress` with the traffic, `success` on promotion, `failure` on an alarm or a failed step, `inactive` after a manual rollback). Needs `permissions: deployments: write`; a GitHub failure is a warning, never a failed step.",
    default: 'true',
    usedBy: GITHUB_COMMANDS,
    parse: (raw, name) => parseBoolean(name, raw)
  }),
  input({
    name: 'github-token',
    summary: "The token for GitHub's Deployments API.",
    key: 'githubToken',
    description: "The token for GitHub's Deployments API: the job's `GITHUB_TOKEN` by default.",
    default: '${{ github.token }}',
    // Never quoted in an error. An expression left unevaluated (a local run) is no token.
    parse: (raw) => (raw.includes('${{') ? undefined : raw)
  }),
  input({
    name: 'environment',
    summary: 'The GitHub environment the release is recorded in.',
    key: 'environment',
    description:
      "The GitHub environment the release's deployment is recorded in. Name it apart from the job's own `environment:` (see docs/multi-region.md).",
    default: '',
    defaultDoc: '`{stage} ({region})`, e.g. `prod (us-east-1)`',
    usedBy: GITHUB_COMMANDS,
    parse: (raw, name) => parseText(name, 'an environment name of up to 255 characters', 255, raw)
  }),
  input({
    name: 'environment-url',
    summary: 'The URL GitHub shows for that environment.',
    key: 'environmentUrl',
    description: "The URL GitHub shows for the environment, e.g. the stage's invoke URL.",
    default: '',
    usedBy: GITHUB_COMMANDS,
    parse: (raw, name) => parseUrl(name, raw)
  }),
  input({
    name: 'canary-metrics-stage',
    summary: "The CloudWatch `Stage` dimension of the canary's metrics.",
    key: 'canaryMetricsStage',
    description:
      "The CloudWatch `Stage` dimension of the canary's metrics, for the canary analysis (see `analysis`) and the canary-vs-stable comparison in the job summary. Empty: found with `ListMetrics`, else `{stage}/Canary`.",
    default: '',
    ...matching('a CloudWatch Stage dimension value such as prod/Canary', /^[A-Za-z0-9_/-]{1,256}$/)
  }),
  ...RELEASE_INPUTS,
  ...ANALYSIS_INPUTS,
  ...TRIAGE_INPUTS
] as const

export type InputName = (typeof INPUTS)[number]['name']

// Every Config field comes from one input: this fails to compile if one does not.
const _everyFieldFilled: Record<Exclude<keyof Config, (typeof INPUTS)[number]['key']>, never> = {}
void _everyFieldFilled
