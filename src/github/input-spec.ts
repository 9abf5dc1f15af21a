import type { Command } from '../commands/catalog.js'
import { COMMANDS } from '../commands/catalog.js'
import type { Config } from '../config.js'

/** One input of the table (input-table.ts): everything about it, said once. */
export interface InputSpec<N extends string = string, K extends keyof Config = keyof Config> {
  name: N
  /** The Config field it fills. */
  key: K
  /** The text action.yml and docs/inputs.md carry, in full (Markdown). */
  description: string
  /** One short line for the README's Inputs table (Markdown). */
  summary: string
  /** action.yml `required: true`. */
  required?: true
  /** The default action.yml declares (the runner passes it along when the input is not set). */
  default?: string
  /** Environment variables read, in order, when the input is empty. */
  env?: readonly string[]
  /** A default that depends on the command (action.yml then declares none). */
  perCommand?: { values: Partial<Record<Command, string>>; otherwise: string }
  /** The README's Default column, when what the code does is not one of the above. */
  defaultDoc?: string
  /** The commands that read it; absent: every command. Set to other than its default elsewhere, it is reported ignored. */
  usedBy?: readonly Command[]
  /** Passed to `parse` untrimmed (its error quotes it as given). */
  untrimmed?: true
  /** The value when the input, its environment and its defaults are all empty (may throw: required). */
  empty?: (name: string) => Config[K]
  /** The value of a non-empty input; throws InputError naming the input and the form it accepts. */
  parse: (raw: string, name: string) => Config[K]
}

export const input = <const N extends string, K extends keyof Config>(spec: InputSpec<N, K>) => spec

/** The commands that read an input. */
export const usedBy = (spec: InputSpec): readonly Command[] => spec.usedBy ?? COMMANDS
