/**
 * npm run local-action:seed [-- FILE]: makes the sample API that FILE (default
 * .env, a copy of .env.example) describes on the emulator it points at
 * (AWS_ENDPOINT_URL): the REST API `orders-api` with a first deployment, the
 * stage INPUT_STAGE, and each alarm of INPUT_ALARM-NAMES on the canary's 5XX
 * errors, in OK. Then writes the new API's id into FILE as INPUT_REST-API-ID,
 * so that `npm run local-action` finds it; and creates the empty job summary
 * file GITHUB_STEP_SUMMARY names, as the runner does before a step.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { parseEnv } from 'node:util'
import { APIGatewayClient } from '@aws-sdk/client-api-gateway'
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch'
import { seedAccount, stageAlarm } from './world.js'

/** The env file with INPUT_REST-API-ID set to `id` (added when missing); the rest kept. */
export function envWithRestApiId(text: string, id: string): string {
  const line = `INPUT_REST-API-ID=${id}`
  return /^INPUT_REST-API-ID=.*$/m.test(text)
    ? text.replace(/^INPUT_REST-API-ID=.*$/m, line)
    : `${text.replace(/\n*$/, '\n')}${line}\n`
}

/** The alarm names of an INPUT_ALARM-NAMES value (commas or new lines). */
export const alarmNames = (value: string | undefined) =>
  (value ?? '')
    .split(/[,\n]/)
    .map((n) => n.trim())
    .filter(Boolean)

async function main(file: string): Promise<void> {
  const env = parseEnv(readFileSync(file, 'utf8')) as Record<string, string | undefined>
  const url = env.AWS_ENDPOINT_URL
  if (!url) throw new Error(`${file} sets no AWS_ENDPOINT_URL: the seed runs on the emulator only`)
  const client = {
    region: env.AWS_REGION ?? 'us-east-1',
    endpoint: url,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID ?? 'local',
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY ?? 'local'
    }
  }
  const stage = env.INPUT_STAGE || 'prod'
  const seeded = await seedAccount(
    { url, apigw: new APIGatewayClient(client), cw: new CloudWatchClient(client) },
    {
      reset: false,
      apiName: 'orders-api',
      stage,
      stableDescription: 'First deployment (npm run local-action:seed)',
      alarms: alarmNames(env['INPUT_ALARM-NAMES']).map((name) => ({
        alarm: stageAlarm(
          name,
          '5XXError',
          { apiName: 'orders-api', stage: `${stage}/Canary` },
          { Statistic: 'Sum', Threshold: 0 }
        ),
        okReason: 'Seeded in OK (npm run local-action:seed)'
      }))
    }
  )
  writeFileSync(file, envWithRestApiId(readFileSync(file, 'utf8'), seeded.restApiId))
  const summary = env.GITHUB_STEP_SUMMARY
  if (summary && !existsSync(summary)) writeFileSync(summary, '')
  console.log(
    `Made orders-api (${seeded.restApiId}) with stage ${stage} on ${url}; ${file}: INPUT_REST-API-ID=${seeded.restApiId}`
  )
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main(process.argv[2] ?? '.env').catch((e: unknown) => {
    console.error(`local-action:seed: ${(e as Error).message}`)
    process.exit(1)
  })
}
