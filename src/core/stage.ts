/** The parts of API Gateway's Stage (GetStage, UpdateStage) that say where a release stands. */
export interface ApiStage {
  deploymentId?: string
  variables?: Record<string, string>
  canarySettings?: {
    deploymentId?: string
    percentTraffic?: number
    stageVariableOverrides?: Record<string, string>
    useStageCache?: boolean
  }
  /** When the stage last changed (API Gateway answers whole seconds). */
  lastUpdatedDate?: Date
}

/** The canary part of a stage, when a canary carries a deployment other than the stage's. */
export interface Canary {
  deploymentId: string
  percent: number
  overrides: Record<string, string>
  useStageCache: boolean
}

/**
 * Where a release stands, derived from GetStage alone: the stage is the state.
 * A canary whose deployment equals the stage's (what AWS's promotion leaves
 * behind) is no canary; `leftover` says its settings still need removing.
 */
export interface StageState {
  stableDeploymentId: string
  variables: Record<string, string>
  canary: Canary | undefined
  leftover: boolean
  /** When the stage last changed (epoch ms, whole seconds: GetStage's lastUpdatedDate); absent when the answer had none. */
  updatedAt?: number
}

/** Pure: where a release stands, from a Stage as API Gateway answers it. */
export function stageStateOf(stage: ApiStage): StageState {
  const settings = stage.canarySettings
  const stable = stage.deploymentId ?? ''
  const hasOwnCanary =
    settings !== undefined &&
    settings.deploymentId !== undefined &&
    settings.deploymentId !== stable
  return {
    stableDeploymentId: stable,
    variables: { ...(stage.variables ?? {}) },
    canary: hasOwnCanary
      ? {
          deploymentId: settings.deploymentId!,
          percent: settings.percentTraffic ?? 0,
          overrides: { ...(settings.stageVariableOverrides ?? {}) },
          useStageCache: settings.useStageCache ?? false
        }
      : undefined,
    leftover: settings !== undefined && !hasOwnCanary,
    ...(stage.lastUpdatedDate ? { updatedAt: stage.lastUpdatedDate.getTime() } : {})
  }
}

/** Canary traffic, 0 with no canary. */
export function trafficOf(state: StageState | undefined): number {
  return state?.canary?.percent ?? 0
}

/** `25` → `25%`, `12.5` → `12.5%`. */
export function pct(n: number): string {
  return `${Number(n.toFixed(4))}%`
}
