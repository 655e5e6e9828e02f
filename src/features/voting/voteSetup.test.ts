import { describe, expect, test } from 'vitest'
import { BUILT_IN_TEMPLATES } from '../../domain/builtInTemplates.ts'
import type { Effort } from '../../domain/matrix.ts'
import { gapOptions, matrixStepOf, optionsFor } from './voteSetup.ts'

const templateC = BUILT_IN_TEMPLATES.find((t) => t.id === 'c-kartlegg-innsatsene')
const voteStep = templateC?.steps.find((s) => s.id === 'vote')

describe('a vote on the matrix gaps (template C)', () => {
  test('template C votes on gaps, against the sectors of its matrix step', () => {
    expect(voteStep?.kind === 'vote' && voteStep.options.source).toBe('gaps')
    expect(matrixStepOf(templateC)?.id).toBe('map')
  })

  test('every gap becomes an option with a stable id and a readable label; a filled cell is not an option', () => {
    const efforts: Effort[] = [
      { id: 'e1', text: 'Gratis fritidskort', sector: 'oppvekst', row: 'universal', column: 'prevent', status: 'existing' },
      { id: 'e2', text: 'Leksehjelp', sector: 'oppvekst', row: 'targeted', column: 'reduce_risk', status: 'existing', targetGroup: 'Elever som strever' },
    ]
    const options = gapOptions(templateC, efforts, 'nb')
    // Only the sector that was mapped: 6 cells, minus the 2 filled ones.
    expect(options).toHaveLength(4)
    expect(options.map((o) => o.id)).not.toContain('gap-oppvekst-universal-prevent')
    expect(options.find((o) => o.id === 'gap-oppvekst-universal-reduce_risk')?.label).toBe('Oppvekst: universelle innsatser – redusere risiko')
    expect(new Set(options.map((o) => o.id)).size).toBe(options.length)
    if (voteStep?.kind !== 'vote') throw new Error('no vote step')
    expect(optionsFor(voteStep, [], [], 'nb', options)).toEqual(options)
    // Nothing placed yet: every sector's cells, cut to the 40 options a round can hold.
    expect(gapOptions(templateC, [], 'nb')).toHaveLength(48)
    expect(optionsFor(voteStep, [], [], 'nb', gapOptions(templateC, [], 'nb'))).toHaveLength(40)
    expect(gapOptions(templateC, efforts, 'en').find((o) => o.id === 'gap-oppvekst-targeted-prevent')?.label).toBe('Childhood and education: targeted efforts – prevent inequality')
  })

  test('a template without a matrix has no gaps to vote on', () => {
    expect(gapOptions(BUILT_IN_TEMPLATES[0], [], 'nb')).toEqual([])
  })
})
