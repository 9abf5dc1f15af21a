/**
 * An AWS CDK stack for an API that apigw-canary releases: the stack owns the
 * API's resources, methods and integrations, and nothing that deploys them.
 * `deploy: false` makes no AWS::ApiGateway::Deployment and no
 * AWS::ApiGateway::Stage; the stage is created once outside the stack (see
 * docs/infrastructure-as-code.md) and from then on its deployment and canary
 * belong to the action.
 */
import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib'
import * as apigateway from 'aws-cdk-lib/aws-apigateway'
import type { Construct } from 'constructs'

export class OrdersApiStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props)

    const api = new apigateway.RestApi(this, 'OrdersApi', {
      restApiName: 'orders-api',
      endpointConfiguration: { types: [apigateway.EndpointType.REGIONAL] },
      // No Deployment, no Stage: `cdk deploy` changes the API, never what the stage serves.
      deploy: false
    })

    const orders = api.root.addResource('orders')
    orders.addMethod(
      'GET',
      new apigateway.MockIntegration({
        requestTemplates: { 'application/json': '{"statusCode": 200}' },
        integrationResponses: [{ statusCode: '200' }]
      }),
      { methodResponses: [{ statusCode: '200' }] }
    )

    // The workflow's REST_API_ID.
    new CfnOutput(this, 'RestApiId', { value: api.restApiId })
  }
}
