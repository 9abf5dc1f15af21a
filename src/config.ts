import type { Command } from './commands/catalog.js'
import type { KpiMetric } from './analysis/metric-queries.js'

/** Everything the action was asked to do, parsed and validated before any AWS call. */
export interface Config {
  command: Command
  restApiId: string
  stage: string
  /** Requested canary traffic; undefined when not given (the command's default applies). */
  percent: number | 'next' | undefined
  steps: number[]
  bakeTimeMs: number
  pollIntervalMs: number
  alarmNames: string[]
  alarmNamePrefix: string | undefined
  /** Raise traffic or promote with no gate at all (no alarm, analysis not gating), on purpose. */
  allowUngated: boolean
  insufficientData: 'ok' | 'alarm'
  onAlarm: 'rollback' | 'fail'
  rollbackOnCancel: boolean
  stageVariableOverrides: Record<string, string>
  useStageCache: boolean
  /** The user's description; undefined → generated from the workflow context. */
  description: string | undefined
  ifCanaryExists: 'fail' | 'replace'
  promoteOnSuccess: boolean
  rollbackMode: 'zero' | 'remove'
  toDeploymentId: string | undefined
  /** The canary this step may raise or promote; undefined → the one deployed from the workflow's commit. */
  expectedCanaryId: string | undefined
  region: string
  endpointUrl: string | undefined
  maxAttempts: number
  dryRun: boolean
  /** The Stage dimension of canary metrics; undefined → discovered. */
  canaryMetricsStage: string | undefined
  /** Record the release in GitHub's Deployments. */
  githubDeployment: boolean
  /** undefined → no token: the GitHub deployment is skipped with a warning. */
  githubToken: string | undefined
  /** undefined → `{stage} ({region})` (environmentName in deployment-record/record.ts). */
  environment: string | undefined
  environmentUrl: string | undefined
  /** Canary analysis (analysis/github-inputs.ts): off, report only, or gate like an alarm. */
  analysisMode: 'off' | 'report' | 'gate'
  max5xxIncrease: number
  max4xxIncrease: number
  analysisConfidence: number
  maxLatencyIncrease: number
  minCanaryRequests: number
  onInconclusive: 'pass' | 'fail' | 'extend'
  /** How long `on-inconclusive: extend` (or `advance-on-evidence`) may bake in all; undefined → twice `bake-time`. */
  maxBakeTimeMs: number | undefined
  /** End each bake as soon as the judge shows the canary within every allowance (analysis: gate). */
  advanceOnEvidence: boolean
  analysisMetrics: KpiMetric[]
  /** Preflight before deploy and ramp (the preflight command always fails on a ❌). */
  preflight: 'fail' | 'warn' | 'off'
  /** The custom domain to check; undefined → every domain mapped to the stage. */
  domainName: string | undefined
  /** Route 53 zone of the custom domain; undefined → found by name. */
  hostedZoneId: string | undefined
  /** deploy: the OpenAPI definition to import before the canary deployment. */
  openapiFile: string | undefined
  importMode: 'overwrite' | 'merge'
  failOnWarnings: boolean
  importParameters: Record<string, string>
  /** After a rollback, the canary's top errors from its logs and X-Ray (docs/triage.md). */
  triageEnabled: boolean
}
