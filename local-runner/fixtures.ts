/**
 * The names every test world shares: the unit tests' harness
 * (__tests__/helpers/harness.ts), the end-to-end fixtures, the chaos suite,
 * the demo and the bench. One repository, one API, one stage, one pair of
 * alarms: a test that means "the release's API" says API_NAME, never a
 * spelling of its own. Pure: no SDK, no emulator.
 */

/** The repository releasing (GITHUB_REPOSITORY), in deployment descriptions. */
export const REPO = 'acme/orders-api'
/** The commit a run releases unless told otherwise (GITHUB_SHA of the spawned action). */
export const SHA = '8f3c2a1b9d4e5f60718293a4b5c6d7e8f9a0b1c2'
/** Another commit: another run's canary. */
export const OTHER_SHA = '1111111111222222222233333333334444444444'

/** The REST API's name (CloudWatch's ApiName dimension). */
export const API_NAME = 'orders-api'
/** The REST API's id in unit tests (the emulator picks its own). */
export const REST_API_ID = 'a1b2c3d4e5'
export const STAGE = 'prod'
/** Where API Gateway publishes the canary's metrics: `Stage={stage}/Canary`. */
export const CANARY_STAGE = `${STAGE}/Canary`

/** The stable deployment before the first release, and its stage variables. */
export const STABLE_DESCRIPTION = 'v1.4.2 (initial stable)'
export const STABLE_VARIABLES: Readonly<Record<string, string>> = {
  backend: 'orders-v1',
  logLevel: 'info'
}

/** The alarms the release is gated on, on the canary's metrics. */
export const ERRORS_ALARM = 'orders-api-prod-5xx-errors'
export const LATENCY_ALARM = 'orders-api-prod-latency-p99'
export const ERRORS_OK_REASON = 'Threshold Crossed: no datapoints were above 5'
export const LATENCY_OK_REASON = 'Threshold Crossed: p99 latency below 1500 ms'
