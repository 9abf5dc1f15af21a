/** Triage's input (docs/triage.md), spread into INPUTS (input-table.ts) like the others. */
import { parseBoolean } from '../github/input-parsers.js'
import { input } from '../github/input-spec.js'

export const TRIAGE_INPUTS = [
  input({
    name: 'triage',
    summary: "After a rollback, the canary's top errors from its logs and X-Ray.",
    key: 'triageEnabled',
    description:
      "After a rollback, query the canary's execution and access logs (Logs Insights) and X-Ray for its top errors, with counts, into the summary, the `report` output and the log (see docs/triage.md). Runs after the rollback, within 10 s (after a cancel, once the outputs are written, until 5 s after SIGINT); never shows request bodies. `false`: skip.",
    default: 'true',
    usedBy: ['deploy', 'shift', 'ramp', 'promote', 'rollback'],
    parse: (raw, name) => parseBoolean(name, raw)
  })
] as const
