# Terraform: the same alarm.
resource "aws_cloudwatch_metric_alarm" "prod_canary_5xx" {
  alarm_name          = "prod-canary-5xx"
  namespace           = "AWS/ApiGateway"
  metric_name         = "5XXError"
  statistic           = "Average"
  period              = 60
  evaluation_periods  = 3
  datapoints_to_alarm = 2
  threshold           = 0.02
  comparison_operator = "GreaterThanThreshold"
  treat_missing_data  = "notBreaching"

  dimensions = {
    ApiName = "orders-api"
    Stage   = "prod/Canary"
  }
}
