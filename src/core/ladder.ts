import { InputError, shownValue } from '../errors.js'

const STEPS_FORM =
  'a strictly ascending list of percentages, each above 0 and at most 100, e.g. 5,10,25,50,100'

/** Parses the traffic ladder (`5,10,25,50,100`, `%` accepted). */
export function parseSteps(input: string, raw: string): number[] {
  const parts = raw.split(/[,\n\s]+/).filter(Boolean)
  const bad = (): never => {
    throw new InputError(input, `Input '${input}' must be ${STEPS_FORM}; got ${shownValue(raw)}.`)
  }
  if (parts.length === 0) bad()
  const steps = parts.map((p) => {
    if (!/^\d+(\.\d+)?%?$/.test(p)) bad()
    return Number(p.replace('%', ''))
  })
  steps.forEach((s, i) => {
    if (!(s > 0 && s <= 100)) bad()
    if (i > 0 && s <= steps[i - 1]!) bad()
  })
  return steps
}

/** The smallest rung strictly above `percent`, or undefined at (or past) the top. */
export function nextRung(steps: readonly number[], percent: number): number | undefined {
  return steps.find((s) => s > percent + 1e-9)
}

/** Every rung strictly above `percent`, in order: what a ramp still has to walk. */
export function rungsAbove(steps: readonly number[], percent: number): number[] {
  return steps.filter((s) => s > percent + 1e-9)
}
