/**
 * Setup mistakes in one line. The SDK's own text for a missing credential, a
 * wrong endpoint or region, or a service that kept failing says neither which
 * call failed, nor where, nor what to do. This is the one place that says it:
 * run() puts the line in `abort-reason` (and the step's error annotation).
 */
import type { Report } from '../core/report.js'
import { trafficOf } from '../core/stage.js'
import { errorMessage } from '../errors.js'
import { withoutUserinfo } from '../core/endpoint-url.js'

/** Where the error came from, set by tagOperations on the SDK's error object. */
const OPERATION = Symbol.for('apigw-canary.operation')

interface Tagged {
  [OPERATION]?: string
  name?: string
  code?: string
  message?: string
  $metadata?: { attempts?: number; httpStatusCode?: number }
  $retryable?: unknown
}

interface WithStack {
  middlewareStack: { add(middleware: unknown, options: { step: 'initialize'; name: string }): void }
}
type Next = (args: unknown) => Promise<unknown>

/** AWS's "no such thing": API Gateway's NotFoundException, Lambda's and Logs' ResourceNotFoundException. */
export const isNotFound = (err: unknown): boolean =>
  ['NotFoundException', 'ResourceNotFoundException'].includes(
    (err as { name?: string })?.name ?? ''
  )

/** Marks every error a client's call throws with the call's name (GetStage, UpdateStage, ...). */
export function tagOperations(client: WithStack): void {
  client.middlewareStack.add(
    (next: Next, context: { commandName?: string }) => async (args: unknown) => {
      try {
        return await next(args)
      } catch (e) {
        if (e && typeof e === 'object' && !(OPERATION in e)) {
          const name = context.commandName ?? ''
          Object.defineProperty(e, OPERATION, { value: name.replace(/Command$/, '') })
        }
        throw e
      }
    },
    { step: 'initialize', name: 'apigwCanaryOperationTag' }
  )
}

export interface FailureScene {
  region: string
  /** The endpoint-url input; undefined → AWS's own endpoint for the region. */
  endpointUrl: string | undefined
  maxAttempts: number
  /** Whether the stage was read before the failure (else nothing was changed). */
  stageRead: boolean
  /** Canary traffic the stage was left at (after recovery). */
  percent: number
}

type Kind = 'credentials' | 'dns' | 'refused' | 'unavailable' | 'silent'

function kindOf(e: Tagged, text: string): Kind | undefined {
  if (e.name === 'CredentialsProviderError' || /Could not load credentials/i.test(text))
    return 'credentials'
  if (/\b(ENOTFOUND|EAI_AGAIN)\b|getaddrinfo/.test(text) || e.code === 'ENOTFOUND') return 'dns'
  if (/\bECONNREFUSED\b/.test(text) || e.code === 'ECONNREFUSED') return 'refused'
  if (e.name === 'NoAnswerError') return 'silent'
  if (
    e.name === 'ServiceUnavailableException' ||
    e.name === 'ServiceUnavailable' ||
    e.$metadata?.httpStatusCode === 503
  )
    return 'unavailable'
  return undefined
}

/**
 * One line for a setup mistake: which operation failed, where, what traffic
 * the stage was left at, what to do. undefined for any other error (its own
 * message says enough).
 */
export function explainSetupError(err: unknown, s: FailureScene): string | undefined {
  if (!err || typeof err !== 'object') return undefined
  const e = err as Tagged
  const raw = errorMessage(err)
  const kind = kindOf(e, raw)
  if (!kind) return undefined
  const op = e[OPERATION] || 'the first AWS call'
  const where = s.endpointUrl
    ? `in ${s.region} at endpoint-url ${withoutUserinfo(s.endpointUrl)}`
    : `in ${s.region} (AWS's endpoint)`
  const left = s.stageRead
    ? `The stage was left at ${s.percent} % canary traffic.`
    : 'Nothing was changed: the stage was never read.'
  const todo: Record<Kind, string> = {
    credentials:
      'No AWS credentials reached the action: add aws-actions/configure-aws-credentials before this step (role-to-assume, with permissions: id-token: write).',
    dns: s.endpointUrl
      ? 'The host could not be resolved: check endpoint-url (leave it empty for AWS) and aws-region.'
      : 'The host could not be resolved: check aws-region and the runner network (DNS, proxy).',
    refused: s.endpointUrl
      ? "Nothing answered there: check endpoint-url (leave it empty for AWS's own endpoints) and that the endpoint is reachable from the runner."
      : 'The connection was refused: check the runner network (proxy, firewall) and re-run.',
    silent:
      'The connection was made but AWS did not answer in time: check the runner network (a proxy or NAT that drops connections), then re-run.',
    unavailable: `AWS kept answering 503 after ${e.$metadata?.attempts ?? s.maxAttempts} attempts: re-run the job later, or raise max-attempts.`
  }
  return `${op} failed ${where}. ${todo[kind]} ${left} (${raw})`
}

/** After the command and its recovery: a setup mistake's one-line explanation, for the abort-reason (undefined: not a setup mistake). */
export function explainFailure(
  report: Pick<Report, 'before' | 'after'>,
  failure: unknown,
  cfg: Pick<FailureScene, 'region' | 'endpointUrl' | 'maxAttempts'>
): string | undefined {
  return explainSetupError(failure, {
    ...cfg,
    stageRead: report.before !== undefined,
    percent: trafficOf(report.after)
  })
}
