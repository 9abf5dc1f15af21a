/** Every output of the action, in action.yml's order; action.yml and the README's table are made from it (npm run docs). */
export interface OutputSpec {
  name: string
  /** The text action.yml carries (Markdown: the README prints it as is). */
  description: string
}

export const OUTPUTS = [
  {
    name: 'status',
    description:
      'The stage after the step: `no-canary`, `canary`, `promoted` or `rolled-back`. Empty when the stage could not be read (bad input, missing stage).'
  },
  {
    name: 'percent',
    description:
      'Canary traffic after the step (0 with no canary). Empty when the stage could not be read.'
  },
  {
    name: 'previous-percent',
    description: 'Canary traffic before the step. Empty when the stage could not be read.'
  },
  {
    name: 'next-percent',
    description: 'The next rung of `steps` above `percent`; empty when there is none or no canary.'
  },
  {
    name: 'canary-deployment-id',
    description: "The canary's deployment id; empty with no canary."
  },
  { name: 'stable-deployment-id', description: "The stage's deployment after the step." },
  {
    name: 'previous-stable-deployment-id',
    description:
      'Set by `promote`, by `ramp` with `promote-on-success` once it promoted, and by `rollback` with `to-deployment-id`: the deployment the stage served before.'
  },
  {
    name: 'canary-commit',
    description:
      'The commit SHA recorded on the canary deployment, if any (read by `deploy`, `shift` when it raises traffic, `ramp`, `promote`, `rollback` and `status`).'
  },
  {
    name: 'alarm-state',
    description:
      'Worst state of the gating alarms: `OK`, `ALARM`, `INSUFFICIENT_DATA`, or `NONE` when none are configured; empty when they are configured but the step ended before reading them (like the other outputs it could not determine).'
  },
  { name: 'alarms', description: 'JSON array of `{name, state, reason, updated}`.' },
  {
    name: 'abort-reason',
    description:
      'Why the step stopped early (alarm name and reason, gate refusal, conflict, cancel, error); empty otherwise.'
  },
  {
    name: 'github-deployment-id',
    description:
      "The id of the release's GitHub deployment; empty when none was recorded (`github-deployment: false`, `status`, a dry run, or GitHub failed: see the warning)."
  },
  {
    name: 'analysis',
    description:
      "The canary analysis's last verdict: `pass`, `fail` or `inconclusive`; empty when none ran (`analysis: off`, no bake, no complete minute of metrics). Per metric in `report`'s `analysis`."
  },
  {
    name: 'blast-radius',
    description:
      "JSON of what the canary cost users, when the analysis ran: `{rungs, release}`, each `{canaryRequests, canary5xx, excess5xx, excessLow, excessHigh}` (rungs also `percent`): the canary's requests and 5XX, and its 5XX beyond what the stable side's rate predicts for the same requests, with an interval at `analysis-confidence`; empty otherwise."
  },
  {
    name: 'preflight',
    description:
      'JSON array of the preflight checks, `{id, title, status, found, todo?}` with `status` `pass`, `warn`, `fail` or `skipped` (backend rows also `backend: {stable, canary}`); `[]` when preflight did not run.'
  },
  {
    name: 'report',
    description:
      'JSON of all of the above plus `command`, `restApiId`, `stage`, `dryRun`, `timeline` (every traffic change, bake and alarm, with times), `changes` (every call that changed the stage, as sent), `metrics` (canary beside stable from CloudWatch, when the step baked and the analysis did not run), `startedAt` and `finishedAt`; every field in docs/outputs.md.'
  }
] as const satisfies readonly OutputSpec[]
