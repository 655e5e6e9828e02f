import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { validateBallot, type Ballot, type VoteRound, type VoteRules } from '../../domain/voting.ts'
import {
  addDot,
  answerOf,
  canAddDot,
  dotsLeft,
  emptyBallot,
  normalizeBallot,
  rankAdd,
  rankMove,
  rankOf,
  rankRemove,
  removeDot,
  setAnswer,
  toggleMustNot,
  type Answer,
} from './ballotEdit.ts'

const PROPS = { seed: 42, numRuns: 200 } as const
const ANSWERS: readonly (Answer | null)[] = [1, 2, 3, 4, 5, 'unknown', 'green', 'yellow', 'red', null]

const roundArb: fc.Arbitrary<VoteRound> = fc.integer({ min: 1, max: 6 }).chain((n) => {
  const options = Array.from({ length: n }, (_, i) => ({ id: `o${i}`, label: `Option ${i}` }))
  const rules: fc.Arbitrary<VoteRules> = fc.oneof(
    fc.integer({ min: 1, max: 20 }).chain((dots) =>
      fc.record({ method: fc.constant('dots' as const), dots: fc.constant(dots), capPerOption: fc.integer({ min: 1, max: dots }), mustNot: fc.boolean() }),
    ),
    fc.record({ method: fc.constant('ranking' as const), topK: fc.integer({ min: 1, max: n }) }),
    fc.constant({ method: 'scale' as const }),
    fc.constant({ method: 'traffic' as const }),
  )
  return rules.map((r) => ({ roundId: 'r1', options, rules: r }))
})

/** Option ids the edits are tried with: the round's own plus one it does not know. */
const idArb = fc.oneof(fc.integer({ min: 0, max: 6 }).map((i) => `o${i}`), fc.constant('nope'))
type Edit = (r: VoteRound, b: Ballot) => Ballot
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  idArb.map((id): Edit => (r, b) => addDot(r, b, id)),
  idArb.map((id): Edit => (r, b) => removeDot(r, b, id)),
  idArb.map((id): Edit => (r, b) => toggleMustNot(r, b, id)),
  idArb.map((id): Edit => (r, b) => rankAdd(r, b, id)),
  fc.tuple(idArb, fc.integer({ min: -3, max: 3 })).map(([id, d]): Edit => (r, b) => rankMove(r, b, id, d)),
  idArb.map((id): Edit => (r, b) => rankRemove(r, b, id)),
  fc.tuple(idArb, fc.constantFrom(...ANSWERS)).map(([id, a]): Edit => (r, b) => setAnswer(r, b, id, a)),
)

function expectValid(r: VoteRound, b: Ballot) {
  const res = validateBallot(r, b)
  expect(res.ok, JSON.stringify({ rules: r.rules, b, problem: res.ok ? null : res.problem })).toBe(true)
}

describe('ballot edits', () => {
  test('every edit sequence keeps the ballot valid and never mutates its input', () => {
    fc.assert(
      fc.property(roundArb, fc.array(editArb, { maxLength: 40 }), (r, edits) => {
        let b = emptyBallot(r)
        expectValid(r, b)
        for (const edit of edits) {
          const before = JSON.stringify(b)
          const next = edit(r, b)
          expect(JSON.stringify(b)).toBe(before)
          expect(next).not.toBe(b)
          expectValid(r, next)
          b = next
        }
      }),
      PROPS,
    )
  })

  test('a ballot that does not fit the round is replaced by an empty one', () => {
    fc.assert(
      fc.property(roundArb, fc.constantFrom<Ballot>({ method: 'ranking', order: ['x', 'x'] }, { method: 'dots', dots: { o0: 99 } }, { method: 'scale', answers: { o0: 'green' as unknown as 1 } }), (r, junk) => {
        expectValid(r, addDot(r, junk, 'o0'))
        expectValid(r, setAnswer(r, junk, 'o0', 'unknown'))
        const v = validateBallot(r, junk)
        expect(normalizeBallot(r, junk)).toEqual(v.ok ? v.ballot : emptyBallot(r))
      }),
      PROPS,
    )
  })

  test('dots respect budget and cap; must-not and dots on one option: the last action wins', () => {
    const r: VoteRound = { roundId: 'r', options: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }], rules: { method: 'dots', dots: 3, capPerOption: 2, mustNot: true } }
    let b = addDot(r, addDot(r, addDot(r, emptyBallot(r), 'a'), 'a'), 'a')
    expect(b).toEqual({ method: 'dots', dots: { a: 2 } })
    expect(canAddDot(r, b, 'a')).toBe(false)
    b = addDot(r, b, 'b')
    expect(dotsLeft(r, b)).toBe(0)
    expect(addDot(r, b, 'b')).toEqual(b)
    b = toggleMustNot(r, b, 'b')
    expect(b).toEqual({ method: 'dots', dots: { a: 2 }, mustNot: 'b' })
    b = addDot(r, b, 'b')
    expect(b).toEqual({ method: 'dots', dots: { a: 2, b: 1 } })
    b = toggleMustNot(r, removeDot(r, b, 'b'), 'b')
    expect(toggleMustNot(r, b, 'b')).toEqual({ method: 'dots', dots: { a: 2 } })
  })

  test('ranking adds up to top k and moves within the list', () => {
    const r: VoteRound = { roundId: 'r', options: ['a', 'b', 'c', 'd'].map((id) => ({ id, label: id })), rules: { method: 'ranking', topK: 3 } }
    let b = ['a', 'b', 'c', 'd'].reduce((acc, id) => rankAdd(r, acc, id), emptyBallot(r))
    expect(b).toEqual({ method: 'ranking', order: ['a', 'b', 'c'] })
    b = rankMove(r, b, 'c', -1)
    expect(rankOf(b, 'c')).toBe(2)
    expect(rankMove(r, b, 'a', -1)).toEqual(b)
    b = rankRemove(r, b, 'a')
    expect(b).toEqual({ method: 'ranking', order: ['c', 'b'] })
  })

  test('answers of the wrong kind are refused; null clears', () => {
    const r: VoteRound = { roundId: 'r', options: [{ id: 'a', label: 'A' }], rules: { method: 'traffic' } }
    const b = setAnswer(r, emptyBallot(r), 'a', 'red')
    expect(answerOf(b, 'a')).toBe('red')
    expect(setAnswer(r, b, 'a', 3)).toEqual(b)
    expect(setAnswer(r, b, 'a', null)).toEqual({ method: 'traffic', answers: {} })
  })
})
