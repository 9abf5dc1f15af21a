/**
 * Lambda's control plane as the emulator serves it: functions, versions and
 * aliases (functions.ts), resource-based policies (policy.ts), and the
 * lookups that fail with Lambda's messages.
 */
import { resourceNotFound } from './errors.js'
import { type FunctionConfig, type FunctionRef, type LambdaFunction, functionArn } from './model.js'

export type LambdaInput = Record<string, unknown>
export interface LambdaResult {
  status: number
  body?: unknown
}

export class LambdaService {
  readonly functions = new Map<string, LambdaFunction>()

  constructor(readonly now: () => number = Date.now) {}

  reset(): void {
    this.functions.clear()
  }

  /** The function named by `ref`, or Lambda's `Function not found: {arn}`. */
  fn(ref: FunctionRef, region: string): LambdaFunction {
    const f = this.functions.get(ref.name)
    if (!f || f.region !== region) {
      throw resourceNotFound(`Function not found: ${functionArn(region, ref.name, ref.qualifier)}`)
    }
    return f
  }

  /**
   * The version a qualifier names: `$LATEST` when none, a version number, or
   * the version an alias points to. Missing ones fail as Lambda does.
   */
  resolve(f: LambdaFunction, qualifier: string | undefined): FunctionConfig & { Version: string } {
    const q = qualifier ?? '$LATEST'
    const alias = f.aliases.get(q)
    const version = alias ? alias.FunctionVersion : q
    const config = f.versions.get(version)
    if (!config) throw resourceNotFound(`Function not found: ${functionArn(f.region, f.name, q)}`)
    return { ...config, Version: version }
  }
}
