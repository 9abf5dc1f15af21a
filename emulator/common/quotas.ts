/**
 * `POST /_emulator/quotas`: API Gateway's control-plane quotas
 * (docs/aws-behaviour.md#quotas-and-throttling): a token bucket of 10 requests/s with a
 * burst of 40 shared by all calls, and CreateDeployment at most once per 5 s.
 */
export class Quotas {
  enabled = false
  private tokens = QUOTA_BURST
  private lastRefill = 0
  private lastCreateDeployment = -Infinity

  constructor(private readonly now: () => number = Date.now) {}

  setEnabled(on: boolean): void {
    this.enabled = on
    this.tokens = QUOTA_BURST
    this.lastRefill = this.now()
    this.lastCreateDeployment = -Infinity
  }

  /** True when the call may proceed; false when it must be throttled. */
  admit(operation: string): boolean {
    if (!this.enabled) return true
    const now = this.now()
    this.tokens = Math.min(QUOTA_BURST, this.tokens + ((now - this.lastRefill) / 1000) * QUOTA_RATE)
    this.lastRefill = now
    if (this.tokens < 1) return false
    if (operation === 'CreateDeployment') {
      if (now - this.lastCreateDeployment < CREATE_DEPLOYMENT_INTERVAL_MS) return false
      this.lastCreateDeployment = now
    }
    this.tokens -= 1
    return true
  }
}

export const QUOTA_RATE = 10
export const QUOTA_BURST = 40
export const CREATE_DEPLOYMENT_INTERVAL_MS = 5000
