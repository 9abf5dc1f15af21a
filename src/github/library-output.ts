/**
 * What libraries print on their own: the `yaml` parser's warnings quote the
 * source line they are about, the AWS SDK's timestamp and endpoint warnings
 * quote values from a response, Node prints every `process.emitWarning`. The
 * runner reads workflow commands from stderr as well as stdout, so any of
 * these could carry a line `::add-mask::…` or `::stop-commands::…` from a
 * value the action did not write. The action calls what it uses so that they
 * do not print (yaml with `logLevel: 'error'`, Octokit with its own `log`);
 * this guard catches the rest: whatever reaches `console` or Node's warning
 * printer is written to stderr as one line made safe by logText().
 */
import { format } from 'node:util'
import { logText } from './untrusted.js'

const METHODS = ['log', 'info', 'warn', 'error', 'debug', 'trace', 'dir', 'table'] as const

type Console = Pick<typeof console, (typeof METHODS)[number]>
type Proc = Pick<NodeJS.Process, 'on' | 'removeAllListeners'> & {
  stderr: Pick<NodeJS.WriteStream, 'write'>
}

/** Routes `console` and process warnings through logText(), one stderr line per call. */
export function guardLibraryOutput(proc: Proc = process, con: Console = console): void {
  const write = (text: string) => void proc.stderr.write(`${logText(text)}\n`)
  for (const m of METHODS) con[m] = (...args: unknown[]) => write(format(...args))
  // Node's own printer is the one 'warning' listener it installs at start-up.
  proc.removeAllListeners('warning')
  proc.on('warning', (w: Error) => write(`${w.name}: ${w.message}`))
}
