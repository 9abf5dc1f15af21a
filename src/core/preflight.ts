/**
 * Step 0 preflight: pure checks of what was read from API Gateway, Route 53
 * and CloudWatch, each answering one question about whether a canary release
 * of this stage will work and be watched. docs/preflight.md describes each
 * check, what it reads and what to do about a warning or a failure.
 */
export * from './preflight-types.js'
export * from './preflight-dns.js'
export * from './preflight-stage.js'
