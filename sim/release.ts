/**
 * One simulated release: the ladder's rungs in order, each baked minute by
 * minute through the judge (src/analysis/rung-judge.ts) and the bake policy
 * (src/analysis/bake-policy.ts), exactly as the action reads: one read a
 * minute, when the minute is published, over the rung's whole minutes.
 */
import { bakeStep, type BakePolicy } from '../src/analysis/bake-policy.js'
import type { CountMinute } from '../src/analysis/count-test.js'
import { judgeRung, type KpiCounts, type RungSettings } from '../src/analysis/rung-judge.js'
import { preRungThresholds, simulateMinute, type SimMinute, type World } from './worlds.js'

const MINUTE = 60_000
/** The action's default poll-interval: the alarms are read every 15 s while baking. */
const POLL_MS = 15_000

export interface ReleaseOutcome {
  rolledBack: boolean
  /**
   * Rung index where it was rolled back, and minutes after its first whole canary minute was
   * published (−1: caught on the minute the first bake started in, published a minute earlier).
   */
  rung?: number
  detectMinutes?: number
  /** The same from the release's first whole canary minute's publication (all rungs before included). */
  releaseDetectMinutes?: number
  /** Wall time per rung (ms) and in all. */
  rungMs: number[]
  totalMs: number
  /** Rungs that ended on time without evidence (evidence mode: at max-bake-time). */
  advancedWithoutEvidence: number
}

export interface ReleaseSettings {
  ladder: readonly number[]
  judge: Omit<RungSettings, 'rungs'>
  policy: BakePolicy
  kpiChange: number
}

/** Pure given `rand`: one release of world `w`. */
export function simulateRelease(w: World, rand: () => number, s: ReleaseSettings): ReleaseOutcome {
  const rungMs: number[] = []
  let before = 0
  let advancedWithoutEvidence = 0
  // The step's minutes, pooled over its rungs (the judge's e-processes run over the whole step).
  const pooled: SimMinute[] = []
  // The five stable minutes before the first rung, read with the thresholds.
  const preRung = Array.from({ length: 5 }, (_, m) => simulateMinute(w, rand, -1 - m, 0, [], 0))
  const stablePrior = {
    requests: preRung.reduce((a, x) => a + x.rung.stable.requests, 0),
    errors5xx: preRung.reduce((a, x) => a + x.rung.stable.errors5xx, 0),
    errors4xx: preRung.reduce((a, x) => a + x.rung.stable.errors4xx, 0)
  }
  for (const [r, percent] of s.ladder.entries()) {
    const thresholds = preRungThresholds(w, rand, percent)
    // The bake starts at a random second: the first whole minute starts `offset` later.
    const offset = Math.floor(rand() * 60) * 1000
    const minutes = pooled
    let extended = false
    let elapsed = 0
    let last: ReturnType<typeof judgeRung> | undefined
    let stopped = false
    // The step created the canary at the first rung: the minute its bake starts in holds the
    // canary's first `offset` ms, all of them this canary's, and is judged (startMinuteIsOwn).
    const startMinute = r === 0 && offset > 0
    for (let m = startMinute ? 0 : 1; ; m++) {
      // The bake's own end (bake-time, or max-bake-time with advance-on-evidence or once
      // extended): the action ends it by the poll at the deadline with a last read of the minutes
      // published by then (src/steps/bake.ts, src/analysis/step-analysis.ts), not at the next
      // minute's publication.
      const endMs = s.policy.advanceOnEvidence || extended ? s.policy.maxBakeMs : s.policy.bakeMs
      if (s.policy.mode === 'gate' && offset + (m + 1) * MINUTE > endMs) {
        const step = bakeStep(s.policy, endMs, last, extended)
        if (step.action === 'extend') {
          extended = true
        } else {
          elapsed = endMs
          if (step.action === 'fail') stopped = true
          else if (s.policy.advanceOnEvidence && step.action === 'done' && step.why !== 'evidence')
            advancedWithoutEvidence++
          break
        }
      }
      const share = m === 0 ? offset / MINUTE : 1
      minutes.push(
        simulateMinute(
          { ...w, shareFactor: (w.shareFactor ?? 1) * share },
          rand,
          r * 1000 + m,
          percent,
          thresholds,
          s.judge.maxLatencyIncrease
        )
      )
      // Minute m (the m-th whole minute; 0 the one the bake started in, which ends `offset` into
      // the bake) is published a minute after it ends.
      elapsed = offset + (m + 1) * MINUTE
      const kpis: KpiCounts[] = w.kpis
        ? [
            kpi(
              'sum KPI',
              w.kpis.sumDirection,
              s.kpiChange,
              minutes.map((x) => x.sumKpi!)
            ),
            kpi(
              'rate KPI',
              w.kpis.rateDirection,
              s.kpiChange,
              minutes.map((x) => x.rateKpi!)
            )
          ]
        : []
      const verdict = judgeRung(
        {
          minutes: minutes.map((x) => x.rung),
          stablePrior,
          tail: { thresholds, minutes: minutes.map((x) => x.tail) },
          kpis
        },
        { ...s.judge, rungs: s.ladder.length, stepRungs: s.ladder.length }
      )
      last = verdict
      const step = bakeStep(s.policy, elapsed, verdict, extended)
      if (step.action === 'fail' && step.why === 'worse') {
        return {
          rolledBack: true,
          rung: r,
          detectMinutes: m - 1,
          releaseDetectMinutes: before / MINUTE + m - 1,
          rungMs: [...rungMs, elapsed],
          totalMs: before + elapsed,
          advancedWithoutEvidence
        }
      }
      if (step.action === 'fail') {
        stopped = true
        break
      }
      if (step.action === 'extend') extended = true
      // The action polls the alarms every poll-interval between reads and ends an evidence-mode
      // bake at the first poll past the minimum bake once a read has shown the evidence
      // (src/analysis/step-analysis.ts), not at the next read.
      if (
        step.action === 'continue' &&
        s.policy.advanceOnEvidence &&
        verdict.evidence &&
        elapsed + MINUTE > s.policy.minBakeMs
      ) {
        elapsed = Math.ceil(s.policy.minBakeMs / POLL_MS) * POLL_MS
        break
      }
      if (step.action === 'done') {
        if (s.policy.advanceOnEvidence && step.why !== 'evidence') advancedWithoutEvidence++
        break
      }
      if (m > 240) break
    }
    if (stopped) {
      // Inconclusive at the end under on-inconclusive: fail: stopped, not a detection.
      return {
        rolledBack: false,
        rung: r,
        rungMs: [...rungMs, elapsed],
        totalMs: before + elapsed,
        advancedWithoutEvidence
      }
    }
    rungMs.push(elapsed)
    before += elapsed
  }
  return { rolledBack: false, rungMs, totalMs: before, advancedWithoutEvidence }
}

function kpi(
  name: string,
  direction: KpiCounts['direction'],
  change: number,
  minutes: CountMinute[]
): KpiCounts {
  return { name, unit: 'None', per: 'request', direction, maxChangePercent: change, minutes }
}
