/**
 * Ids that come back from AWS (or from whatever answers at endpoint-url)
 * become outputs, which a later step may paste into a shell script, and parts
 * of the next request's path. API Gateway's ids are letters and digits (REST
 * API ids are the first DNS label of `{id}.execute-api.{region}.amazonaws.com`;
 * deployment ids appear as-is in ARNs): anything else is refused before it is
 * used or written anywhere (docs/aws-behaviour.md, "Ids").
 */
import { StateError } from '../errors.js'

/** The form the action accepts, for inputs and answers alike. */
export const API_GATEWAY_ID = /^[A-Za-z0-9]{1,64}$/
export const API_GATEWAY_ID_FORM = 'letters and digits, at most 64'

/** GitHub's deployment ids are integers. */
export const GITHUB_DEPLOYMENT_ID = /^[1-9][0-9]{0,19}$/

/**
 * `id` when it has API Gateway's form; else a StateError that says which
 * answer held it, without showing it (it may be built to run in a shell).
 */
export function checkedId(id: string, what: string, answeredBy: string): string {
  if (API_GATEWAY_ID.test(id)) return id
  throw new StateError(
    `${answeredBy} answered a ${what} that is not an API Gateway id (${API_GATEWAY_ID_FORM}): refused, and not shown. ` +
      'Something other than AWS may be answering: check endpoint-url and any proxy in between.'
  )
}

/** The ids of a Stage answer, checked (undefined ones stay undefined). */
export function checkedStageIds<
  T extends { deploymentId?: string; canarySettings?: { deploymentId?: string } }
>(stage: T, answeredBy: string): T {
  if (stage.deploymentId !== undefined)
    checkedId(stage.deploymentId, "stage's deployment id", answeredBy)
  if (stage.canarySettings?.deploymentId !== undefined)
    checkedId(stage.canarySettings.deploymentId, "canary's deployment id", answeredBy)
  return stage
}
