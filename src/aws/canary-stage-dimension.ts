/**
 * The `Stage` dimension API Gateway gives a canary's metrics. AWS does not
 * document it (docs/aws-behaviour.md#canary-metrics): it is taken from
 * `canary-metrics-stage` when given, else found among the API's `Count`
 * metrics (ListMetrics, every page: with detailed metrics on, an API's
 * per-method series can fill many pages of 500), else `{stage}/Canary`.
 * Preflight and the metric reads both ask it here.
 */
import { ListMetricsCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { pages } from './pages.js'

export interface CanaryStageDimension {
  canaryStage: string
  canaryStageSource: 'input' | 'discovered' | 'default'
}

/** Pure: the canary's Stage value among the Stage values listed (`{stage}/Canary` first, any case). */
export function pickCanaryStage(stage: string, listed: readonly string[]): string | undefined {
  const own = listed.filter((v) => v !== stage && v.startsWith(`${stage}/`))
  return own.find((v) => v.toLowerCase() === `${stage}/canary`) ?? own[0]
}

export async function canaryStageDimension(
  cloudwatch: CloudWatchClient,
  apiName: string,
  stage: string,
  input: string | undefined,
  signal?: AbortSignal
): Promise<CanaryStageDimension> {
  if (input) return { canaryStage: input, canaryStageSource: 'input' }
  const listed: string[] = []
  const found = () => pickCanaryStage(stage, listed)?.toLowerCase()
  await pages(
    "ListMetrics (the canary metrics' Stage dimension)",
    async (token) =>
      (await cloudwatch.send(
        new ListMetricsCommand({
          Namespace: 'AWS/ApiGateway',
          MetricName: 'Count',
          Dimensions: [{ Name: 'ApiName', Value: apiName }],
          ...(token ? { NextToken: token } : {})
        }),
        { abortSignal: signal }
      )) ?? {},
    // Stops at the page that lists `{stage}/Canary`: no later page can beat it.
    (page) => (found() === `${stage}/canary`.toLowerCase() ? undefined : page.NextToken),
    (page) => {
      for (const m of page.Metrics ?? []) {
        const v = m.Dimensions?.find((d) => d.Name === 'Stage')?.Value
        if (v !== undefined) listed.push(v)
      }
    }
  )
  const canary = pickCanaryStage(stage, listed)
  return canary
    ? { canaryStage: canary, canaryStageSource: 'discovered' }
    : { canaryStage: `${stage}/Canary`, canaryStageSource: 'default' }
}
