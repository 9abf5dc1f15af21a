import { describe, expect, it } from '@jest/globals'

import { inferStageIncludesCanary } from '../../src/analysis/judge.js'

describe('inferStageIncludesCanary', () => {
  it('tells the two models apart at 50 % and stays undecided where they coincide', () => {
    expect(inferStageIncludesCanary(10_000, 5_020, 50)).toBe(true)
    expect(inferStageIncludesCanary(5_000, 5_020, 50)).toBe(false)
    expect(inferStageIncludesCanary(1_000, 50, 5)).toBeUndefined()
    expect(inferStageIncludesCanary(0, 0, 5)).toBeUndefined()
  })
})
