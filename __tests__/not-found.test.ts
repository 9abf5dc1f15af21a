/** What a wrong rest-api-id or stage is told (src/core/not-found.ts). */
import { describe, expect, it } from '@jest/globals'
import { apiNotFound, closestName, missingStageTodo, stageNotFound } from '../src/core/not-found.js'

const where = { restApiId: 'a1b2c3d4e5', stage: 'prodd', region: 'eu-west-1' }

describe('not found', () => {
  it('names the API id and the region for a REST API that does not exist', () => {
    expect(apiNotFound(where)).toBe(
      "REST API 'a1b2c3d4e5' was not found in eu-west-1: check rest-api-id (the API's id, such as a1b2c3d4e5, not its name) and aws-region."
    )
  })

  it('lists the stages there are and names the one probably meant', () => {
    expect(stageNotFound(where, ['prod', 'staging'])).toBe(
      "Stage 'prodd' of REST API 'a1b2c3d4e5' in eu-west-1 was not found: its stages are prod, staging. Did you mean 'prod'? Check the stage input."
    )
    expect(stageNotFound(where, [])).toContain('it has no stage. Check the stage input.')
  })

  it('finds the closest name by case or a few edits, and nothing for a different word', () => {
    expect(closestName('Prod', ['prod', 'dev'])).toBe('prod')
    expect(closestName('porduction', ['production', 'dev'])).toBe('production')
    expect(closestName('qa', ['prod', 'staging'])).toBeUndefined()
  })

  it('never advises creating a typo; a name close to nothing may be a new stage', () => {
    expect(missingStageTodo(where, ['prod'])).not.toMatch(/create/i)
    expect(missingStageTodo({ ...where, stage: 'qa' }, ['prod'])).toContain(
      'If qa is a new stage, create it with its first deployment'
    )
  })
})
