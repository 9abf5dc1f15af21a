/**
 * `npm run demo`: a canary release of an API Gateway stage on the local
 * emulator, through the bundled action, with an alarm that rolls it back.
 * Exits 0 when the release behaved as designed, 1 otherwise.
 */
import { main } from './release.js'

process.exitCode = await main()
