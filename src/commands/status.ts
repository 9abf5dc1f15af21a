import type { RunContext } from '../context.js'
import { loadCanaryCommit, readGate, readStage } from './shared.js'

/** Read-only: the stage, the canary (and the commit it carries), the alarms. */
export async function status(ctx: RunContext): Promise<void> {
  await ctx.log.group('Read stage', async () => {
    const s = await readStage(ctx)
    if (s.canary) {
      await loadCanaryCommit(ctx, s.canary.deploymentId)
      ctx.log.info(
        `Canary ${s.canary.deploymentId} was deployed from ${ctx.report.canaryDescription ? `"${ctx.report.canaryDescription}"` : 'a deployment with no description'}.`
      )
    }
  })
  if (ctx.readAlarms) {
    await ctx.log.group('Alarms', async () => {
      const verdict = (await readGate(ctx))!
      for (const a of ctx.report.alarms ?? [])
        ctx.log.info(`${a.name}: ${a.state}${a.reason ? ` (${a.reason})` : ''}`)
      ctx.log.info(`Worst state: ${verdict.worst}`)
    })
  }
}
