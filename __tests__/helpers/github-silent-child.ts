/**
 * Child process of __tests__/github-silent.test.ts: one call of the GitHub
 * Deployments adapter against `url` with a small budget. It prints the result
 * and ends when nothing holds the process any more, as the action's step does.
 */
import { createDeploymentsClient } from '../../src/deployment-record/github-client.js'
import { REPO, REST_API_ID, SHA, STAGE } from '../../local-runner/fixtures.js'

const [url = '', call = ''] = process.argv.slice(2)
const client = createDeploymentsClient({
  token: 'ghs_test',
  repository: REPO,
  baseUrl: url,
  budgetMs: 300,
  totalMs: 600,
  retryBaseMs: 5,
  spaceWrites: false
})
const release = {
  restApiId: REST_API_ID,
  stage: STAGE,
  region: 'us-east-1',
  canaryDeploymentId: 'd1'
}
const req = {
  sha: SHA,
  environment: STAGE,
  productionEnvironment: true,
  release
}
const result =
  call === 'findDeployment'
    ? await client.findDeployment(req)
    : call === 'ensureDeployment'
      ? await client.ensureDeployment(req)
      : await client.postStatus({ deploymentId: 1, state: 'success', description: 'x' })
process.stdout.write(`${JSON.stringify(result)}\n`)
