/**
 * The infrastructure-as-code snippets of docs/infrastructure-as-code.md are
 * files (docs/iac/), shown whole by the doc (`npm run docs`), and checked
 * here for what the doc promises: the CDK stack is synthesised and leaves the
 * stage's deployment to the action; the Terraform stage is parsed and ignores
 * what the action owns; the SAM template makes no deployment and no stage.
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from '@jest/globals'
import { parse as parseHcl } from '@cdktf/hcl2json'
import { App, Stack } from 'aws-cdk-lib'
import * as apigateway from 'aws-cdk-lib/aws-apigateway'
import { Template } from 'aws-cdk-lib/assertions'
import { parse as parseYaml } from 'yaml'
import { docWithIncludes, includedFiles } from '../scripts/docs-examples.js'
import { OrdersApiStack } from '../docs/iac/cdk-stack.js'

const root = new URL('../', import.meta.url)
const read = (file: string) => readFileSync(new URL(file, root), 'utf8')
const DOC = 'docs/infrastructure-as-code.md'

/** What the action owns on a stage: the deployment it serves and its canary. */
const ACTION_OWNS = ['deployment_id', 'canary_settings']

type Hcl = {
  resource?: Record<string, Record<string, Record<string, unknown>[]>>
}

/** The attributes an aws_api_gateway_stage's lifecycle ignores (`all`: every one). */
function ignoredByStages(hcl: Hcl): Record<string, string[]> {
  const stages = hcl.resource?.aws_api_gateway_stage ?? {}
  return Object.fromEntries(
    Object.entries(stages).map(([name, blocks]) => {
      const lifecycle = (blocks[0]?.lifecycle ?? []) as { ignore_changes?: unknown }[]
      const ignore = lifecycle[0]?.ignore_changes
      // hcl2json keeps references as "${...}" strings: ignore_changes = [deployment_id] -> ["${deployment_id}"]
      const names = Array.isArray(ignore)
        ? ignore.map((v) => String(v).replace(/^\$\{(.*)\}$/, '$1'))
        : typeof ignore === 'string'
          ? [ignore.replace(/^\$\{(.*)\}$/, '$1')]
          : []
      return [name, names]
    })
  )
}

const ownedByTerraform = (ignored: string[]) =>
  ignored.includes('all') ? [] : ACTION_OWNS.filter((a) => !ignored.includes(a))

describe('docs/infrastructure-as-code.md', () => {
  it('shows every snippet file as it is (run `npm run docs`)', () => {
    const doc = read(DOC)
    expect(includedFiles(doc)).toEqual([
      'docs/iac/stage.tf',
      'docs/iac/cdk-stack.ts',
      'docs/iac/sam-template.yaml'
    ])
    expect(doc).toBe(docWithIncludes(doc, read))
  })

  it('notices a snippet edited in the doc but not in its file', () => {
    const doc = read(DOC)
    const edited = doc.replace(
      'ignore_changes = [deployment_id, canary_settings]',
      'ignore_changes = [deployment_id]'
    )
    expect(edited).not.toBe(doc)
    expect(docWithIncludes(edited, read)).toBe(doc)
  })
})

describe('the Terraform stage', () => {
  it('ignores the deployment and the canary, which the action owns', async () => {
    const hcl = (await parseHcl('stage.tf', read('docs/iac/stage.tf'))) as Hcl
    const ignored = ignoredByStages(hcl)
    expect(Object.keys(ignored)).toEqual(['prod'])
    expect(ownedByTerraform(ignored.prod!)).toEqual([])
  })

  it('makes one first deployment, never redeployed by a change of the API', async () => {
    const hcl = (await parseHcl('stage.tf', read('docs/iac/stage.tf'))) as Hcl
    const deployments = hcl.resource?.aws_api_gateway_deployment ?? {}
    expect(Object.keys(deployments)).toEqual(['first'])
    expect(deployments.first![0]).not.toHaveProperty('triggers')
    expect(hcl.resource?.aws_api_gateway_stage?.prod?.[0]?.deployment_id).toBe(
      '${aws_api_gateway_deployment.first.id}'
    )
  })

  it('would catch a stage block without the lifecycle, or with half of it', async () => {
    const stage = (body: string) =>
      parseHcl(
        'x.tf',
        `resource "aws_api_gateway_stage" "s" {\n  deployment_id = "abc"\n${body}\n}\n`
      ) as Promise<Hcl>
    expect(ownedByTerraform(ignoredByStages(await stage('')).s!)).toEqual(ACTION_OWNS)
    expect(
      ownedByTerraform(
        ignoredByStages(await stage('lifecycle {\n ignore_changes = [deployment_id]\n}')).s!
      )
    ).toEqual(['canary_settings'])
    expect(
      ownedByTerraform(ignoredByStages(await stage('lifecycle {\n ignore_changes = all\n}')).s!)
    ).toEqual([])
  })
})

describe('the CDK stack', () => {
  const resourcesOf = (stack: Stack) =>
    Object.values(Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string }>)
      .map((r) => r.Type)
      .sort()

  it("has the API and its methods, and no deployment and no stage: those are the action's", () => {
    const stack = new OrdersApiStack(new App(), 'OrdersApi')
    const types = resourcesOf(stack)
    expect(types).toContain('AWS::ApiGateway::RestApi')
    expect(types).toContain('AWS::ApiGateway::Method')
    expect(types).not.toContain('AWS::ApiGateway::Deployment')
    expect(types).not.toContain('AWS::ApiGateway::Stage')
    Template.fromStack(stack).hasOutput('RestApiId', {})
  })

  it("would catch RestApi's default (deploy: true), which deploys straight to a stage", () => {
    const stack = new Stack(new App(), 'Default')
    new apigateway.RestApi(stack, 'Api').root.addMethod('GET', new apigateway.MockIntegration())
    const types = resourcesOf(stack)
    expect(types).toContain('AWS::ApiGateway::Deployment')
    expect(types).toContain('AWS::ApiGateway::Stage')
  })
})

describe('the SAM template', () => {
  type Template = {
    Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>
  }
  const template = parseYaml(read('docs/iac/sam-template.yaml')) as Template
  const types = Object.values(template.Resources).map((r) => r.Type)

  it('has a REST API with its definition, and nothing that makes a deployment or a stage', () => {
    expect(types).toContain('AWS::ApiGateway::RestApi')
    expect(types).not.toContain('AWS::Serverless::Api')
    expect(types).not.toContain('AWS::ApiGateway::Deployment')
    expect(types).not.toContain('AWS::ApiGateway::Stage')
    const events = Object.values(template.Resources).flatMap((r) =>
      Object.values((r.Properties?.Events ?? {}) as Record<string, { Type: string }>)
    )
    expect(events.filter((e) => e.Type === 'Api')).toEqual([])
  })
})

describe("the README's prerequisites", () => {
  /** Whether a Stage dimension value watches a canary (`<stage>/Canary`). */
  const watchesCanary = (stage: unknown) =>
    typeof stage === 'string' && /^[\w-]+\/Canary$/.test(stage)

  it('alarms on the canary’s own metrics (Stage=<stage>/Canary), in all three forms', async () => {
    const sh = read('docs/iac/alarm.sh')
    expect(watchesCanary(/Name=Stage,Value=([^\s\\]+)/.exec(sh)?.[1])).toBe(true)

    type Cfn = {
      Resources: Record<string, { Properties: { Dimensions: { Name: string; Value: string }[] } }>
    }
    const cfn = parseYaml(read('docs/iac/alarm.yaml')) as Cfn
    const dims = Object.values(cfn.Resources)[0]!.Properties.Dimensions
    expect(watchesCanary(dims.find((d) => d.Name === 'Stage')?.Value)).toBe(true)

    const tf = (await parseHcl('alarm.tf', read('docs/iac/alarm.tf'))) as Hcl
    const alarm = Object.values(tf.resource?.aws_cloudwatch_metric_alarm ?? {})[0]?.[0] as {
      dimensions?: { Stage?: string }
    }
    expect(watchesCanary(alarm.dimensions?.Stage)).toBe(true)
    expect(watchesCanary('prod')).toBe(false)
  })

  it("trusts GitHub's OIDC tokens for the branch's jobs and the environment's", () => {
    type Policy = {
      Statement: { Action: string; Condition: Record<string, Record<string, string | string[]>> }[]
    }
    const statement = (JSON.parse(read('docs/iac/trust-policy.json')) as Policy).Statement[0]!
    expect(statement.Action).toBe('sts:AssumeRoleWithWebIdentity')
    const equals = statement.Condition.StringEquals!
    expect(equals['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com')
    expect(equals['token.actions.githubusercontent.com:sub']).toEqual([
      'repo:your-org/your-repo:ref:refs/heads/main',
      // the job of docs/examples/approval-flow.yml that names `environment: production`
      'repo:your-org/your-repo:environment:production'
    ])
    expect(read('docs/examples/approval-flow.yml')).toMatch(/^ {4}environment: production$/m)
  })
})
