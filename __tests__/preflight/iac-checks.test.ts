/**
 * Preflight's infrastructure-as-code row: the stage's tags name the tool that
 * manages it, and the row says what that tool's next run does and what to do.
 */
import { describe, expect, it } from '@jest/globals'
import { checkInfrastructureAsCode, iacOwner } from '../../src/preflight/iac-checks.js'

const cfn = (logicalId: string) => ({
  'aws:cloudformation:stack-name': 'orders-api',
  'aws:cloudformation:stack-id': 'arn:aws:cloudformation:us-east-1:1:stack/orders-api/x',
  'aws:cloudformation:logical-id': logicalId
})

describe('iacOwner', () => {
  it('tells CloudFormation, CDK and SAM stacks apart by the stage’s logical id', () => {
    expect(iacOwner(cfn('ProdStage1A2B'), 'prod')?.tool).toBe('cloudformation')
    expect(iacOwner(cfn('OrdersApiDeploymentStageprod3F1E2D'), 'prod')?.tool).toBe('cdk')
    expect(iacOwner(cfn('OrdersApiProdStage'), 'prod')?.tool).toBe('sam')
    expect(iacOwner(cfn('ServerlessRestApiProdStage'), 'prod')?.tool).toBe('sam')
    expect(iacOwner(cfn('Stage'), 'prod')?.evidence).toBe(
      'tag aws:cloudformation:stack-name=orders-api, logical id Stage'
    )
  })

  it('recognises the usual Terraform tags, and nothing in a stage without them', () => {
    expect(iacOwner({ ManagedBy: 'terraform' }, 'prod')).toEqual({
      tool: 'terraform',
      evidence: 'tag ManagedBy=terraform'
    })
    expect(iacOwner({ 'managed-by': 'Terraform Cloud' }, 'prod')?.tool).toBe('terraform')
    expect(iacOwner({ 'terraform:workspace': 'prod' }, 'prod')?.tool).toBe('terraform')
    expect(iacOwner({ team: 'orders', ManagedBy: 'hand' }, 'prod')).toBeUndefined()
    expect(iacOwner({}, 'prod')).toBeUndefined()
  })
})

describe('checkInfrastructureAsCode', () => {
  it('warns what the next terraform apply does, and how to stop it', () => {
    const c = checkInfrastructureAsCode({ ManagedBy: 'terraform' }, 'prod')!
    expect(c.status).toBe('warn')
    expect(c.found).toMatch(/^Stage prod is managed by Terraform \(tag ManagedBy=terraform\)\./)
    expect(c.found).toContain('points the stage back at the deployment in its configuration')
    expect(c.found).toContain('removes the canary settings')
    expect(c.todo).toContain('lifecycle { ignore_changes = [deployment_id, canary_settings] }')
    expect(c.todo).toContain('docs/infrastructure-as-code.md#terraform')
  })

  it('warns what a stack update does, with the fix for its tool', () => {
    const cdk = checkInfrastructureAsCode(cfn('OrdersApiDeploymentStageprod3F1E2D'), 'prod')!
    expect(cdk.found).toContain('managed by AWS CDK')
    expect(cdk.found).toContain("RestApi's default deploy: true")
    expect(cdk.found).toContain('deploys it straight to the stage, beside the canary and ungated')
    expect(cdk.todo).toContain('`deploy: false`')
    const sam = checkInfrastructureAsCode(cfn('OrdersApiProdStage'), 'prod')!
    expect(sam.todo).toContain('AWS::ApiGateway::RestApi without Api events')
    const plain = checkInfrastructureAsCode(cfn('Stage'), 'prod')!
    expect(plain.todo).toContain('DeletionPolicy: Retain')
    expect(plain.found).toContain('Non canary deployment not supported')
  })

  it('adds no row for a stage no tool claims', () => {
    expect(checkInfrastructureAsCode({ team: 'orders' }, 'prod')).toBeUndefined()
  })
})
