import { setOutput, summary } from '@actions/core'
import type { Report } from '../core/report.js'
import { errorMessage } from '../errors.js'
import type { Logger } from '../ports.js'
import { failStep } from './logger.js'
import { outputsOf } from './outputs.js'
import { renderSummary } from './summary.js'

/** GitHub refuses a step summary over 1 MiB; stay well under it. */
const SUMMARY_LIMIT = 1_000_000

async function writeSummary(report: Report, log: Logger, overwrite = false): Promise<void> {
  try {
    let md = renderSummary(report)
    if (Buffer.byteLength(md) > SUMMARY_LIMIT) {
      md = `${Buffer.from(md)
        .subarray(0, SUMMARY_LIMIT - 200)
        .toString()}\n\n> [!NOTE]\n> Summary cut at GitHub's 1 MiB limit; the \`report\` output has everything.\n`
    }
    // core.summary buffers: start empty, in case an earlier write failed and kept its buffer.
    await summary.emptyBuffer().addRaw(md).write({ overwrite })
  } catch (err) {
    // No GITHUB_STEP_SUMMARY outside a runner: the logs have it all.
    log.info(`(no job summary written: ${errorMessage(err)})`)
  }
}

/**
 * The end of every step, whatever happened: the outputs, the job summary, and
 * the step's failure (`failure` undefined: it succeeded).
 */
export async function finishStep(report: Report, failure: unknown, log: Logger): Promise<Report> {
  for (const [k, v] of Object.entries(outputsOf(report))) setOutput(k, v)
  await writeSummary(report, log)
  if (failure !== undefined) failStep(report.abortReason ?? errorMessage(failure))
  return report
}

/**
 * After finishStep, when the report gained something (triage after a
 * cancel): the outputs again (the runner keeps an output's last value) and
 * the summary in place of the one written. The step's failure stands as said.
 */
export async function rewriteStep(report: Report, log: Logger): Promise<void> {
  for (const [k, v] of Object.entries(outputsOf(report))) setOutput(k, v)
  await writeSummary(report, log, true)
}
