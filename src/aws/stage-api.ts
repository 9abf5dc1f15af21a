import {
  CreateDeploymentCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetStageCommand,
  GetStagesCommand,
  PutRestApiCommand,
  UpdateStageCommand
} from '@aws-sdk/client-api-gateway'
import { errorMessage, StateError } from '../errors.js'
import { apiNotFound, stageNotFound } from '../core/not-found.js'
import type { CallOptions, Change, NewCanary, StageApi } from '../ports.js'
import { stageStateOf } from '../core/stage.js'
import { checkedId, checkedStageIds } from '../core/aws-ids.js'
import type { Clients } from './clients.js'
import { pages } from './pages.js'

export function createDeploymentInput(
  restApiId: string,
  stageName: string,
  c: NewCanary
): Extract<Change, { operation: 'CreateDeployment' }>['input'] {
  return {
    restApiId,
    stageName,
    description: c.description,
    canarySettings: {
      percentTraffic: c.percent,
      ...(Object.keys(c.overrides).length ? { stageVariableOverrides: c.overrides } : {}),
      useStageCache: c.useStageCache
    }
  }
}

/** The one stage this run works on. Thin: every decision is made elsewhere. */
export function awsStageApi(
  clients: Pick<Clients, 'apigateway' | 'apigatewayOnce' | 'apigatewaySlow' | 'apigatewayUrgent'>,
  restApiId: string,
  stageName: string,
  /** Aborts reads and CreateDeployment in flight when the job is cancelled. */
  cancel?: AbortSignal,
  /**
   * Aborts an UpdateStage in flight a little after a cancel: long enough for a
   * write to finish (so its result is known), short enough that SDK retries
   * under throttling cannot eat the runner's grace. Recovery then re-reads.
   */
  writeGrace?: AbortSignal
): StageApi {
  const { apigateway: client, apigatewayOnce: once } = clients
  const reading = (opts?: CallOptions) => ({ abortSignal: opts?.abortSignal ?? cancel })
  /** Why GetStage found nothing: no such API, or no such stage (and which stages there are). */
  const notFound = async (opts?: CallOptions): Promise<string> => {
    const region = await client.config.region()
    try {
      const stages = await client.send(new GetStagesCommand({ restApiId }), reading(opts))
      const names = (stages?.item ?? []).flatMap((st) => (st.stageName ? [st.stageName] : []))
      return stageNotFound({ restApiId, stage: stageName, region }, names)
    } catch (err) {
      if (err instanceof Error && err.name === 'NotFoundException')
        return apiNotFound({ restApiId, region })
      return `Stage '${stageName}' of REST API '${restApiId}' in ${region} was not found (${errorMessage(err)} when listing its stages).`
    }
  }
  return {
    async getStage(opts) {
      try {
        const answer = await client.send(
          new GetStageCommand({ restApiId, stageName }),
          reading(opts)
        )
        return stageStateOf(checkedStageIds(answer, 'GetStage'))
      } catch (err) {
        if (err instanceof Error && err.name === 'NotFoundException')
          throw new StateError(await notFound(opts))
        throw err
      }
    },
    async deploymentDescription(deploymentId, opts) {
      const d = await client.send(
        new GetDeploymentCommand({ restApiId, deploymentId }),
        reading(opts)
      )
      return d.description
    },
    async updateStage(patchOperations, opts) {
      // A rollback goes out on a new connection per attempt, with a short deadline (clients.ts).
      const via = opts?.urgent ? clients.apigatewayUrgent : client
      const answer = await via.send(
        new UpdateStageCommand({ restApiId, stageName, patchOperations }),
        { abortSignal: opts?.abortSignal ?? writeGrace }
      )
      return stageStateOf(checkedStageIds(answer, 'UpdateStage'))
    },
    async createCanaryDeployment(c) {
      // Aborted by a cancel, the answer is lost like any other: the caller re-reads the stage.
      const res = await once.send(
        new CreateDeploymentCommand(createDeploymentInput(restApiId, stageName, c)),
        reading()
      )
      if (!res.id) throw new Error('CreateDeployment answered without a deployment id')
      return checkedId(res.id, 'deployment id', 'CreateDeployment')
    },
    async findDeployment(description) {
      let best: { id: string; at: number } | undefined
      await pages(
        'GetDeployments',
        (position) =>
          client.send(new GetDeploymentsCommand({ restApiId, limit: 500, position }), reading()),
        (page) => page.position,
        (page) => {
          for (const d of page.items ?? []) {
            if (d.id && d.description === description) {
              const at = d.createdDate?.getTime() ?? 0
              if (!best || at > best.at) best = { id: d.id, at }
            }
          }
        }
      )
      const found = best as { id: string } | undefined
      return found && checkedId(found.id, 'deployment id', 'GetDeployments')
    },
    async putRestApi(d) {
      const res = await clients.apigatewaySlow.send(
        new PutRestApiCommand({
          restApiId,
          mode: d.mode,
          failOnWarnings: d.failOnWarnings,
          ...(Object.keys(d.parameters).length > 0 ? { parameters: d.parameters } : {}),
          body: d.body
        }),
        reading()
      )
      return { warnings: res.warnings ?? [] }
    }
  }
}
