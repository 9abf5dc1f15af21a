/**
 * Pure: what to say when the REST API or the stage does not exist. AWS's own
 * NotFound names neither the region nor what does exist; a wrong stage is far
 * more often a typo than a stage still to create, so the line lists the
 * stages there are, names the closest, and says to check the input.
 */
import { distance } from 'fastest-levenshtein'

export interface Where {
  restApiId: string
  stage: string
  region: string
}

export function apiNotFound(w: Pick<Where, 'restApiId' | 'region'>): string {
  return `REST API '${w.restApiId}' was not found in ${w.region}: check rest-api-id (the API's id, such as a1b2c3d4e5, not its name) and aws-region.`
}

/** The existing name `name` was most likely meant to be: same but for case, or a few edits away. */
export function closestName(name: string, names: readonly string[]): string | undefined {
  const same = names.find((n) => n.toLowerCase() === name.toLowerCase())
  if (same) return same
  const limit = Math.max(1, Math.floor(name.length / 3))
  let best: { name: string; d: number } | undefined
  for (const n of names) {
    const d = distance(name.toLowerCase(), n.toLowerCase())
    if (d <= limit && (!best || d < best.d)) best = { name: n, d }
  }
  return best?.name
}

/** What the stages of the API are, and which one `stage` probably meant. */
export function stageNotFound(w: Where, stages: readonly string[]): string {
  const shown = stages.slice(0, 20).join(', ') + (stages.length > 20 ? ', …' : '')
  const there = stages.length ? `its stages are ${shown}` : 'it has no stage'
  const near = closestName(w.stage, stages)
  return `Stage '${w.stage}' of REST API '${w.restApiId}' in ${w.region} was not found: ${there}. ${
    near ? `Did you mean '${near}'? Check the stage input.` : 'Check the stage input.'
  }`
}

/**
 * Preflight's advice for a stage that does not exist: stageNotFound's line;
 * creating the stage is mentioned only when no existing stage is close to
 * the name (then it may be a new stage rather than a typo).
 */
export function missingStageTodo(w: Where, stages: readonly string[]): string {
  const line = stageNotFound(w, stages)
  if (closestName(w.stage, stages)) return line
  return `${line} If ${w.stage} is a new stage, create it with its first deployment before the first canary release.`
}
