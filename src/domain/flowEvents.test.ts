import { describe, expect, test } from 'vitest'
import { parseFlowEvent } from './flowEvents.ts'

const contract = { question: 'Q', open: '', fixed: '', decisionOwner: 'Kommunestyret', decisionDate: '', feedbackDate: '2099-01-01', feedbackChannel: '' }

describe('parseFlowEvent: the integrity fields (issue 12)', () => {
  test('session.start may name its template; an odd name is refused, an absent one is an older log', () => {
    expect(parseFlowEvent({ type: 'session.start', at: 1, contract, tpl: 'abcDEF_-12' })).toMatchObject({ tpl: 'abcDEF_-12' })
    expect(parseFlowEvent({ type: 'session.start', at: 1, contract })).not.toHaveProperty('tpl')
    expect(parseFlowEvent({ type: 'session.start', at: 1, contract, tpl: 'a b' })).toBeNull()
    expect(parseFlowEvent({ type: 'session.start', at: 1, contract, tpl: 7 })).toBeNull()
  })

  test('a lock may carry a bounded base64 state vector', () => {
    expect(parseFlowEvent({ type: 'input.lock', at: 1, step: 'ideas', sv: 'AQID' })).toEqual({ type: 'input.lock', at: 1, step: 'ideas', sv: 'AQID' })
    expect(parseFlowEvent({ type: 'input.lock', at: 1, step: 'ideas' })).toEqual({ type: 'input.lock', at: 1, step: 'ideas' })
    expect(parseFlowEvent({ type: 'input.lock', at: 1, step: 'ideas', sv: '<script>' })).toBeNull()
    expect(parseFlowEvent({ type: 'input.lock', at: 1, step: 'ideas', sv: 'A'.repeat(9000) })).toBeNull()
  })

  test('seal and reveal keys are bounded base64', () => {
    expect(parseFlowEvent({ type: 'notes.seal', at: 1, step: 'ideas', key: 'BAAA' })).toEqual({ type: 'notes.seal', at: 1, step: 'ideas', key: 'BAAA' })
    expect(parseFlowEvent({ type: 'notes.seal', at: 1, step: 'ideas' })).toBeNull()
    expect(parseFlowEvent({ type: 'notes.seal', at: 1, step: 'ideas', key: 'A'.repeat(300) })).toBeNull()
    expect(parseFlowEvent({ type: 'notes.reveal', at: 1, step: 'ideas', key: 'MIGH' })).toMatchObject({ key: 'MIGH' })
    expect(parseFlowEvent({ type: 'notes.reveal', at: 1, step: 'ideas' })).toEqual({ type: 'notes.reveal', at: 1, step: 'ideas' })
    expect(parseFlowEvent({ type: 'notes.reveal', at: 1, step: 'ideas', key: {} })).toBeNull()
  })
})
