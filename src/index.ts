/**
 * The action's entrypoint (runs.main in action.yml). It turns on Node's
 * compile cache before loading the action, so that the second and later steps
 * of a job on the same runner skip most of the bundle's compile time; the
 * action itself is a separate chunk for that reason.
 */
import { enableCompileCache } from 'node:module'

enableCompileCache?.()
const { run } = await import('./main.js')
await run()
// The step is over once its outputs and summary are written (synchronously): a
// connection a library left behind (an aborted request's, an idle keep-alive
// one) must not hold the runner's step for seconds more. Where pipes are asynchronous (macOS
// runners) the last log lines are flushed first.
const flushed = (s: NodeJS.WriteStream) => new Promise<void>((done) => s.write('', () => done()))
await Promise.all([flushed(process.stdout), flushed(process.stderr)])
process.exit()
