# The API, its first deployment and its stage, for a stage that apigw-canary
# releases. Terraform owns the API's definition (body) and the stage's
# settings; the action owns which deployment the stage serves and its canary.

resource "aws_api_gateway_rest_api" "orders" {
  name = "orders-api"

  # Terraform owns the definition: the workflow runs `terraform apply`, then the
  # action's `deploy` (without openapi-file) snapshots the API as Terraform left it.
  body = file("${path.module}/openapi.yaml")

  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

# The stage's first deployment, made once. No `triggers`: Terraform never makes
# another deployment, so a change of `body` never reaches the stage by itself.
resource "aws_api_gateway_deployment" "first" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  description = "First deployment; releases are made by apigw-canary"
}

# snippet:start stage
resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.orders.id
  stage_name    = "prod"
  deployment_id = aws_api_gateway_deployment.first.id

  xray_tracing_enabled = true

  tags = {
    ManagedBy = "terraform"
  }

  lifecycle {
    # After the first apply the action owns these: without this line the next
    # apply points the stage back at the first deployment (undoing every
    # promotion) and removes the canary settings (dropping a canary mid-release).
    ignore_changes = [deployment_id, canary_settings]
  }
}
# snippet:end stage

# Execution logging and metrics for every method (preflight checks them).
resource "aws_api_gateway_method_settings" "prod" {
  rest_api_id = aws_api_gateway_rest_api.orders.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"

  settings {
    metrics_enabled = true
    logging_level   = "ERROR"
  }
}

output "rest_api_id" {
  value = aws_api_gateway_rest_api.orders.id
}
