/**
 * The demo's AWS account: the emulator in-process (local-runner/world.ts), and
 * what a team's infrastructure code would have made before its first canary
 * release — a REGIONAL REST API serving v1 on a `prod` stage with execution
 * logging on (and the account's CloudWatch role), a custom domain mapped to
 * the stage with its Route 53 alias, and two CloudWatch alarms. One of them is
 * wrong, as first attempts often are: the 5XX alarm watches the whole stage,
 * where a canary at 5 % can never trip it. Preflight catches that;
 * `fixErrorsAlarm` does what it says.
 */
import {
  CreateBasePathMappingCommand,
  CreateDomainNameCommand,
  CreateResourceCommand,
  GetResourcesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  UpdateAccountCommand,
  UpdateStageCommand,
  type Stage
} from '@aws-sdk/client-api-gateway'
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch'
import {
  CloudWatchLogsClient,
  CreateLogGroupCommand,
  CreateLogStreamCommand,
  PutLogEventsCommand
} from '@aws-sdk/client-cloudwatch-logs'
import {
  AddPermissionCommand,
  CreateAliasCommand,
  CreateFunctionCommand,
  LambdaClient,
  PublishVersionCommand
} from '@aws-sdk/client-lambda'
import {
  ChangeResourceRecordSetsCommand,
  CreateHostedZoneCommand,
  Route53Client
} from '@aws-sdk/client-route-53'
import {
  stageAlarm,
  startWorld as startEmulatorWorld,
  type Seeded,
  type World as EmulatorWorld
} from '../local-runner/world.js'
import { buildScenario } from '../local-runner/scenario.js'
import { API_NAME, CANARY_STAGE, STAGE } from '../local-runner/fixtures.js'

export { API_NAME, STAGE }
export const DOMAIN = 'api.orders.example.com'
export const ERRORS_ALARM = 'orders-api-prod-canary-5XXError'
export const LATENCY_ALARM = 'orders-api-prod-canary-Latency-p99'
/** The canary's own metrics: API Gateway publishes them under `Stage={stage}/Canary`. */
export { CANARY_STAGE }
const LOGS_ROLE = 'arn:aws:iam::123456789012:role/apigateway-cloudwatch-logs'
const ERRORS_OK = 'Threshold Crossed: no datapoints were above the threshold (0.05).'
const ACCOUNT = '123456789012'
const REGION = 'us-east-1'
/** The Lambda function behind GET /orders; the stage variable backendAlias picks its alias. */
export const FUNCTION = 'orders'
const ORDERS_URI = `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/arn:aws:lambda:${REGION}:${ACCOUNT}:function:${FUNCTION}:\${stageVariables.backendAlias}/invocations`
/** The canary's alias (stage-variable-overrides backendAlias=canary). */
export const CANARY_ALIAS = 'canary'
const emulated = (w: { url: string }) => ({
  region: REGION,
  endpoint: w.url,
  credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  maxAttempts: 2
})

/** The 5XX alarm: an error rate (Average) above 5 %, on `stage` (the whole stage, or the canary's). */
const errorsAlarm = (stage: string) =>
  stageAlarm(
    ERRORS_ALARM,
    '5XXError',
    { apiName: API_NAME, stage },
    {
      AlarmDescription: 'Canary 5XX rate above 5 %',
      Statistic: 'Average',
      Threshold: 0.05,
      TreatMissingData: 'notBreaching'
    }
  )

export interface World extends Omit<EmulatorWorld, 'getStage'>, Seeded {
  /** The `prod` stage as GetStage reports it. */
  getStage(): Promise<Stage>
}

export async function startWorld(): Promise<World> {
  const w = await startEmulatorWorld({ maxAttempts: 2 })
  const seeded = await buildScenario(w, {
    apiName: API_NAME,
    apiDescription: 'Orders service, public REST API',
    endpointTypes: ['REGIONAL'],
    stableDescription: 'orders-api v1.8.0 (stable)',
    stageDescription: 'production',
    variables: { backendAlias: 'live', ordersTable: 'orders-prod', logLevel: 'INFO' },
    alarms: [
      // The mistake preflight catches: the whole stage, Stage=prod, not prod/Canary.
      { alarm: errorsAlarm(STAGE), okReason: ERRORS_OK },
      {
        alarm: stageAlarm(
          LATENCY_ALARM,
          'Latency',
          { apiName: API_NAME, stage: CANARY_STAGE },
          {
            AlarmDescription: 'Canary p99 latency above 1.5 s',
            ExtendedStatistic: 'p99',
            EvaluationPeriods: 3,
            DatapointsToAlarm: 2,
            Threshold: 1500,
            TreatMissingData: 'notBreaching'
          }
        ),
        okReason: 'Threshold Crossed: no datapoints were above the threshold (1500.0).'
      }
    ]
  })
  const { restApiId } = seeded
  // Execution logging, and the account role API Gateway writes logs with.
  await w.apigw.send(
    new UpdateAccountCommand({
      patchOperations: [{ op: 'replace', path: '/cloudwatchRoleArn', value: LOGS_ROLE }]
    })
  )
  await w.apigw.send(
    new UpdateStageCommand({
      restApiId,
      stageName: STAGE,
      patchOperations: [{ op: 'replace', path: '/*/*/logging/loglevel', value: 'ERROR' }]
    })
  )
  // The custom domain customers call, mapped to the stage, and its Route 53 alias.
  const domain = await w.apigw.send(
    new CreateDomainNameCommand({
      domainName: DOMAIN,
      regionalCertificateArn: 'arn:aws:acm:us-east-1:123456789012:certificate/0f1e2d3c',
      endpointConfiguration: { types: ['REGIONAL'] }
    })
  )
  await w.apigw.send(
    new CreateBasePathMappingCommand({ domainName: DOMAIN, restApiId, stage: STAGE })
  )
  const r53 = new Route53Client({
    region: 'us-east-1',
    endpoint: w.url,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: 2
  })
  try {
    const zone = await r53.send(
      new CreateHostedZoneCommand({ Name: 'orders.example.com', CallerReference: 'demo-zone' })
    )
    await r53.send(
      new ChangeResourceRecordSetsCommand({
        HostedZoneId: zone.HostedZone!.Id!.replace('/hostedzone/', ''),
        ChangeBatch: {
          Changes: [
            {
              Action: 'UPSERT',
              ResourceRecordSet: {
                Name: DOMAIN,
                Type: 'A',
                AliasTarget: {
                  DNSName: domain.regionalDomainName!,
                  HostedZoneId: domain.regionalHostedZoneId!,
                  EvaluateTargetHealth: false
                }
              }
            }
          ]
        }
      })
    )
  } finally {
    r53.destroy()
  }
  await ordersBackend(w, restApiId)
  return { ...w, ...seeded, getStage: () => w.getStage(restApiId) }
}

/** Lets API Gateway invoke an alias of `orders` from this API's GET /orders (aws lambda add-permission). */
export async function allowAlias(w: { url: string }, restApiId: string, alias: string) {
  const l = new LambdaClient(emulated(w))
  try {
    await l.send(
      new AddPermissionCommand({
        FunctionName: FUNCTION,
        Qualifier: alias,
        StatementId: `apigateway-${alias}`,
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: `arn:aws:execute-api:${REGION}:${ACCOUNT}:${restApiId}/*/GET/orders`
      })
    )
  } finally {
    l.destroy()
  }
}

/**
 * GET /orders → the `orders` function's alias named by ${stageVariables.backendAlias}: `live`
 * (the stage's) may be invoked by the API; `canary` exists, but its permission was forgotten.
 */
async function ordersBackend(w: EmulatorWorld, restApiId: string): Promise<void> {
  const l = new LambdaClient(emulated(w))
  try {
    await l.send(
      new CreateFunctionCommand({
        FunctionName: FUNCTION,
        Role: `arn:aws:iam::${ACCOUNT}:role/orders-lambda`,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Code: { ZipFile: Buffer.from('orders v1.9.0') }
      })
    )
    const v = await l.send(new PublishVersionCommand({ FunctionName: FUNCTION }))
    for (const alias of ['live', CANARY_ALIAS])
      await l.send(
        new CreateAliasCommand({ FunctionName: FUNCTION, Name: alias, FunctionVersion: v.Version })
      )
  } finally {
    l.destroy()
  }
  await allowAlias(w, restApiId, 'live')
  const root = (await w.apigw.send(new GetResourcesCommand({ restApiId }))).items!.find(
    (r) => r.path === '/'
  )!
  const orders = await w.apigw.send(
    new CreateResourceCommand({ restApiId, parentId: root.id!, pathPart: 'orders' })
  )
  const method = { restApiId, resourceId: orders.id!, httpMethod: 'GET' }
  await w.apigw.send(new PutMethodCommand({ ...method, authorizationType: 'NONE' }))
  await w.apigw.send(
    new PutIntegrationCommand({
      ...method,
      type: 'AWS_PROXY',
      integrationHttpMethod: 'POST',
      uri: ORDERS_URI
    })
  )
}

/** What API Gateway writes to the canary's execution log group when its Lambda alias throws. */
export async function canaryFailureLogs(w: World, failures: number): Promise<void> {
  const logs = new CloudWatchLogsClient(emulated(w))
  const group = `API-Gateway-Execution-Logs_${w.restApiId}/${STAGE}/Canary`
  try {
    await logs.send(new CreateLogGroupCommand({ logGroupName: group }))
    await logs.send(new CreateLogStreamCommand({ logGroupName: group, logStreamName: 'canary' }))
    const now = Date.now()
    const lines = (i: number) => [
      `(d7c1a2b3-0000-4000-8000-${String(i).padStart(12, '0')}) Lambda execution failed with status 200 due to customer function error: TypeError: Cannot read properties of undefined (reading 'total')`,
      `(d7c1a2b3-0000-4000-8000-${String(i).padStart(12, '0')}) Method completed with status: 502`
    ]
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: group,
        logStreamName: 'canary',
        logEvents: Array.from({ length: failures }, (_, i) => lines(i))
          .flat()
          .map((message) => ({ timestamp: now, message }))
      })
    )
  } finally {
    logs.destroy()
  }
}

/** What preflight said to do: the same 5XX alarm on the canary's own metrics (`Stage=prod/Canary`). */
export async function fixErrorsAlarm(w: World): Promise<void> {
  await w.cw.send(new PutMetricAlarmCommand(errorsAlarm(CANARY_STAGE)))
  await w.setAlarm(ERRORS_ALARM, 'OK', ERRORS_OK)
}

/** CloudWatch's own wording for a metric alarm that crossed its threshold. */
export function thresholdCrossedReason(value: number, threshold: number, at = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0')
  const n = (x: number) => (Number.isInteger(x) ? x.toFixed(1) : String(x))
  const stamp = `${p(at.getUTCDate())}/${p(at.getUTCMonth() + 1)}/${p(at.getUTCFullYear() % 100)} ${p(at.getUTCHours())}:${p(at.getUTCMinutes())}:00`
  return `Threshold Crossed: 1 out of the last 1 datapoints [${n(value)} (${stamp})] was greater than the threshold (${n(threshold)}) (minimum 1 datapoint for OK -> ALARM transition).`
}
