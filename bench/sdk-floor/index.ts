/**
 * The floor under `status`: the same six AWS reads made with the two SDK
 * clients and nothing else (no inputs library, no @actions/core, no report,
 * no summary). The bench bundles it with ncc exactly as the action is bundled
 * (entry turns on the compile cache, then imports the code chunk), so the
 * difference between the two is what the action itself adds.
 */
import { enableCompileCache } from 'node:module'

enableCompileCache?.()
const { readLikeStatus } = await import('./reads.js')
await readLikeStatus(process.env)
