/**
 * The GitHub runner's protocol, as a JavaScript action speaks it: inputs from
 * INPUT_* variables, workflow commands on stdout, outputs and the job summary
 * appended to the files GITHUB_OUTPUT and GITHUB_STEP_SUMMARY name
 * (https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions).
 *
 * Written here rather than imported from @actions/core: the few functions the
 * action uses are these, with the same formats and escaping, while loading
 * @actions/core (and the HTTP client and process tools it imports for OIDC and
 * platform details the action never uses) cost about 55 ms of every step's
 * start-up (docs/performance.md).
 */
import { randomUUID } from 'node:crypto'
import { accessSync, appendFileSync, constants, existsSync } from 'node:fs'
import { EOL } from 'node:os'

/** An input as the runner passes it: INPUT_ + the name upper-cased, spaces as `_`; '' when not set. */
export function getInput(name: string): string {
  return process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? ''
}

const escapeData = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
const escapeProperty = (s: string) => escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C')

/** `::command key=value,...::message`, payload and properties escaped as the runner unescapes them. */
export function workflowCommand(
  command: string,
  properties: Record<string, string | undefined>,
  message: string
): string {
  const props = Object.entries(properties)
    .filter((e): e is [string, string] => e[1] !== undefined && e[1] !== '')
    .map(([k, v]) => `${k}=${escapeProperty(v)}`)
    .join(',')
  return `::${command}${props ? ` ${props}` : ''}::${escapeData(message)}`
}

const write = (line: string) => void process.stdout.write(line + EOL)

export const info = (message: string): void => write(message)
export const warning = (message: string, title?: string): void =>
  write(workflowCommand('warning', { title }, message))
export const error = (message: string, title?: string): void =>
  write(workflowCommand('error', { title }, message))

/** Runs `fn` inside a collapsible log group. */
export async function group<T>(name: string, fn: () => Promise<T>): Promise<T> {
  write(workflowCommand('group', {}, name))
  try {
    return await fn()
  } finally {
    write('::endgroup::')
  }
}

/** Fails the step: exit code 1 and an error annotation. */
export function setFailed(message: string): void {
  process.exitCode = 1
  error(message)
}

/** Appends to a runner file, which must exist (the runner creates it). */
function appendTo(variable: string, text: string): void {
  const path = process.env[variable]
  if (!path) throw new Error(`Unable to find environment variable for $${variable}.`)
  if (!existsSync(path)) throw new Error(`Missing file at path: ${path}`)
  accessSync(path, constants.R_OK | constants.W_OK)
  appendFileSync(path, text, 'utf8')
}

/** Sets a step output: `name<<delimiter` blocks in GITHUB_OUTPUT, with a delimiter the value cannot contain. */
export function setOutput(name: string, value: string): void {
  if (!process.env.GITHUB_OUTPUT) {
    process.stdout.write(EOL)
    return write(workflowCommand('set-output', { name }, value))
  }
  const delimiter = `ghadelimiter_${randomUUID()}`
  if (name.includes(delimiter) || value.includes(delimiter))
    throw new Error(`Unexpected input: the output ${name} contains the delimiter ${delimiter}`)
  appendTo('GITHUB_OUTPUT', `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`)
}

/** Appends Markdown to the job summary (GITHUB_STEP_SUMMARY). */
export function appendSummary(markdown: string): void {
  appendTo('GITHUB_STEP_SUMMARY', markdown)
}
