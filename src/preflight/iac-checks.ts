/**
 * Preflight check 7: the stage's tags name the infrastructure-as-code tool
 * that manages it, and so what that tool's next run does to a canary or a
 * promotion (docs/infrastructure-as-code.md). Pure: tags in, a warning out;
 * no row when no tag names a tool.
 */
import type { CheckResult } from './types.js'

export type IacTool = 'cloudformation' | 'cdk' | 'sam' | 'terraform'

export interface IacOwner {
  tool: IacTool
  /** What the tags say, e.g. `stack orders-api (logical id OrdersApiProdStage)`. */
  evidence: string
}

const DOC = 'docs/infrastructure-as-code.md'
const TERRAFORM_KEY = /^(managed[-_ ]?by|provisioner|provisioned[-_ ]?by|iac|tool)$/i

/** The tool whose tags the stage carries, if any. */
export function iacOwner(tags: Record<string, string>, stage: string): IacOwner | undefined {
  const stack = tags['aws:cloudformation:stack-name']
  if (stack !== undefined) {
    const logicalId = tags['aws:cloudformation:logical-id'] ?? ''
    const evidence = `tag aws:cloudformation:stack-name=${stack}${logicalId ? `, logical id ${logicalId}` : ''}`
    // CDK's RestApi names its stage DeploymentStage.<stage>; SAM names it <api><Stage>Stage.
    if (/DeploymentStage/.test(logicalId)) return { tool: 'cdk', evidence }
    const samStage = `${stage.charAt(0).toUpperCase()}${stage.slice(1)}Stage`
    if (/^ServerlessRestApi/.test(logicalId) || logicalId.endsWith(samStage)) {
      return { tool: 'sam', evidence }
    }
    return { tool: 'cloudformation', evidence }
  }
  for (const [key, value] of Object.entries(tags)) {
    if (
      (TERRAFORM_KEY.test(key) && /terraform|opentofu/i.test(value)) ||
      /^terraform[:_-]/i.test(key)
    ) {
      return { tool: 'terraform', evidence: `tag ${key}=${value}` }
    }
  }
  return undefined
}

const NAME: Record<IacTool, string> = {
  cloudformation: 'CloudFormation',
  cdk: 'AWS CDK',
  sam: 'AWS SAM',
  terraform: 'Terraform'
}

/** What the owner's next run does to the stage, and what to do about it. */
function consequences(tool: IacTool): { next: string; todo: string } {
  if (tool === 'terraform') {
    return {
      next: "Unless the stage's aws_api_gateway_stage ignores them, the next `terraform apply` points the stage back at the deployment in its configuration (undoing a promotion) and removes the canary settings (dropping a canary mid-release).",
      todo: `Add \`lifecycle { ignore_changes = [deployment_id, canary_settings] }\` to the stage's aws_api_gateway_stage, and no \`triggers\` on its deployment (${DOC}#terraform).`
    }
  }
  const deployer =
    tool === 'cdk'
      ? "RestApi's default deploy: true"
      : tool === 'sam'
        ? 'an AWS::Serverless::Api'
        : 'an AWS::ApiGateway::Deployment'
  const refused =
    tool === 'cloudformation'
      ? ' (a Deployment with a StageName is refused while a canary is on the stage: Non canary deployment not supported)'
      : ''
  return {
    next: `If the stack deploys the API (${deployer}), its next update that changes the API deploys it straight to the stage, beside the canary and ungated${refused}; a drift-aware change set puts the stage's deployment and canary back to the template's.`,
    todo:
      tool === 'cdk'
        ? `Give the RestApi \`deploy: false\` and take the stage out of the stack (${DOC}#aws-cdk).`
        : tool === 'sam'
          ? `Declare the API as an AWS::ApiGateway::RestApi without Api events, and take the stage out of the stack (${DOC}#aws-sam).`
          : `Take the stage and its deployments out of the stack (DeletionPolicy: Retain, then remove them) (${DOC}#cloudformation).`
  }
}

export function checkInfrastructureAsCode(
  tags: Record<string, string>,
  stage: string
): CheckResult | undefined {
  const owner = iacOwner(tags, stage)
  if (!owner) return undefined
  const { next, todo } = consequences(owner.tool)
  return {
    id: 'infrastructure-as-code',
    title: 'Infrastructure as code',
    status: 'warn',
    found: `Stage ${stage} is managed by ${NAME[owner.tool]} (${owner.evidence}). ${next}`,
    todo
  }
}
