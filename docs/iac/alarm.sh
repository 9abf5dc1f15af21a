# A 5XX alarm on the canary's own metrics: the Stage dimension is "<stage>/Canary".
aws cloudwatch put-metric-alarm \
  --alarm-name prod-canary-5xx \
  --namespace AWS/ApiGateway --metric-name 5XXError \
  --dimensions Name=ApiName,Value=orders-api Name=Stage,Value=prod/Canary \
  --statistic Average --period 60 --evaluation-periods 3 --datapoints-to-alarm 2 \
  --threshold 0.02 --comparison-operator GreaterThanThreshold \
  --treat-missing-data notBreaching
