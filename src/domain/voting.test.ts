import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  BALLOT_PLAIN_MAX,
  COUNTS_MIN_VOTERS,
  MAX_OPTION_LABEL,
  MAX_VOTE_OPTIONS,
  PUBLISH_MIN_VOTERS,
  VOTE_METHODS,
  decodeBallotPlain,
  defaultRules,
  encodeBallotPlain,
  isBlankBallot,
  isVoterToken,
  results,
  tally,
  validateBallot,
  validateRound,
  voterTokenFromBytes,
  type Ballot,
  type BallotProblem,
  type Results,
  type RoundProblem,
  type Tally,
  type VoteMethod,
  type VoteOption,
  type VoteRound,
  type VoteRules,
} from './voting.ts'
import { WORST_CASE_TOKEN, longId, sampleRound, worstCaseBallot, worstCaseRound } from './votingFixtures.ts'

const PROPS = { seed: 42, numRuns: 300 } as const
const TOKEN = 'tok_0123456789abcdef'

function opts(...ids: string[]): VoteOption[] {
  return ids.map((id) => ({ id, label: `Label ${id}` }))
}
function round(rules: VoteRules, ids: string[] = ['a', 'b', 'c', 'd']): VoteRound {
  return { roundId: 'r1', options: opts(...ids), rules }
}
const dotsRound = (dots = 3, capPerOption = dots, mustNot = false, ids?: string[]) => round({ method: 'dots', dots, capPerOption, mustNot }, ids)
const rankingRound = (topK = 3, ids?: string[]) => round({ method: 'ranking', topK }, ids)
const scaleRound = (ids?: string[]) => round({ method: 'scale' }, ids)
const trafficRound = (ids?: string[]) => round({ method: 'traffic' }, ids)

function roundProblem(raw: unknown): RoundProblem {
  const r = validateRound(raw)
  if (r.ok) throw new Error('expected a problem, got a valid round')
  return r.problem
}
function ballotProblem(r: VoteRound, raw: unknown): BallotProblem {
  const res = validateBallot(r, raw)
  if (res.ok) throw new Error(`expected a problem, got a valid ballot: ${JSON.stringify(raw)}`)
  return res.problem
}
function valid(r: VoteRound, raw: unknown): Ballot {
  const res = validateBallot(r, raw)
  if (!res.ok) throw new Error(`expected a valid ballot, got ${res.problem}: ${JSON.stringify(raw)}`)
  return res.ballot
}
/** Results as plain data, for checking what a JSON signer would actually see. */
const asJson = (x: unknown): unknown => JSON.parse(JSON.stringify(x))

// ---------------------------------------------------------------------------------------------

describe('validateRound', () => {
  const ok = { roundId: 'r1', options: opts('a', 'b'), rules: { method: 'dots', dots: 3, capPerOption: 3, mustNot: false } }

  test('a valid round comes back normalized: labels trimmed, unknown fields dropped', () => {
    const r = validateRound({ ...ok, extra: 1, options: [{ id: 'a', label: '  Skole  ', colour: 'red' }, { id: 'b', label: 'Fritid' }], rules: { ...ok.rules, foo: 1 } })
    expect(r).toEqual({ ok: true, round: { roundId: 'r1', options: [{ id: 'a', label: 'Skole' }, { id: 'b', label: 'Fritid' }], rules: { method: 'dots', dots: 3, capPerOption: 3, mustNot: false } } })
  })

  test('every method with sane rules is valid', () => {
    for (const rules of [{ method: 'ranking', topK: 2 }, { method: 'scale' }, { method: 'traffic' }, { method: 'dots', dots: 20, capPerOption: 1, mustNot: true }]) {
      expect(validateRound({ ...ok, rules }).ok, rules.method).toBe(true)
    }
  })

  test('malformed: not an object, bad round id, options not a list, bad option', () => {
    for (const raw of [null, 7, 'round', [ok], { ...ok, roundId: '' }, { ...ok, roundId: 'has space' }, { ...ok, roundId: 'x'.repeat(65) }, { ...ok, options: 'a,b' }]) {
      expect(roundProblem(raw), JSON.stringify(raw)).toBe('malformed')
    }
    for (const o of [null, 'a', { id: 'a b', label: 'x' }, { id: '', label: 'x' }, { id: 3, label: 'x' }, { id: '__proto__', label: 'x' }, { id: 'z', label: 3 }, { id: 'z' }]) {
      expect(roundProblem({ ...ok, options: [...ok.options, o] }), JSON.stringify(o)).toBe('malformed')
    }
  })

  test('noOptions', () => {
    expect(roundProblem({ ...ok, options: [] })).toBe('noOptions')
  })

  test(`tooManyOptions above ${MAX_VOTE_OPTIONS}`, () => {
    const many = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `o${i}`, label: `Option ${i}` }))
    expect(validateRound({ ...ok, options: many(MAX_VOTE_OPTIONS) }).ok).toBe(true)
    expect(roundProblem({ ...ok, options: many(MAX_VOTE_OPTIONS + 1) })).toBe('tooManyOptions')
  })

  test('duplicateOption: same id, or a label a voter could not tell apart', () => {
    expect(roundProblem({ ...ok, options: [{ id: 'a', label: 'X' }, { id: 'a', label: 'Y' }] })).toBe('duplicateOption')
    expect(roundProblem({ ...ok, options: [{ id: 'a', label: 'Skole' }, { id: 'b', label: ' skole ' }] })).toBe('duplicateOption')
  })

  test(`badLabel: empty, blank, or over ${MAX_OPTION_LABEL} characters`, () => {
    for (const label of ['', '   ', 'x'.repeat(MAX_OPTION_LABEL + 1)]) expect(roundProblem({ ...ok, options: [{ id: 'a', label }] })).toBe('badLabel')
    expect(validateRound({ ...ok, options: [{ id: 'a', label: 'x'.repeat(MAX_OPTION_LABEL) }] }).ok).toBe(true)
    // Characters, not UTF-16 units: 200 emoji are 400 units and still fine.
    expect(validateRound({ ...ok, options: [{ id: 'a', label: '🙂'.repeat(MAX_OPTION_LABEL) }] }).ok).toBe(true)
  })

  test('badRules: dots 1–20, cap 1–dots, mustNot a boolean', () => {
    const bad = [
      undefined,
      null,
      { method: 'poll' },
      { method: 'dots', dots: 0, capPerOption: 1, mustNot: false },
      { method: 'dots', dots: 21, capPerOption: 1, mustNot: false },
      { method: 'dots', dots: 2.5, capPerOption: 1, mustNot: false },
      { method: 'dots', dots: '3', capPerOption: 1, mustNot: false },
      { method: 'dots', dots: 3, capPerOption: 0, mustNot: false },
      { method: 'dots', dots: 3, capPerOption: 4, mustNot: false },
      { method: 'dots', dots: 3, capPerOption: 3 },
      { method: 'dots', dots: 3, capPerOption: 3, mustNot: 'yes' },
    ]
    for (const rules of bad) expect(roundProblem({ ...ok, rules }), JSON.stringify(rules)).toBe('badRules')
  })

  test('badRules: topK 1–number of options', () => {
    for (const topK of [0, 3, 1.5, -1, '2', undefined]) expect(roundProblem({ ...ok, rules: { method: 'ranking', topK } }), String(topK)).toBe('badRules')
    expect(validateRound({ ...ok, rules: { method: 'ranking', topK: 2 } }).ok).toBe(true)
    expect(validateRound({ ...ok, rules: { method: 'ranking', topK: 1 } }).ok).toBe(true)
  })
})

describe('defaultRules', () => {
  test('three dots, no cap beyond the budget, no must-not', () => {
    expect(defaultRules('dots', 7)).toEqual({ method: 'dots', dots: 3, capPerOption: 3, mustNot: false })
  })
  test('rank the top three, or all when there are fewer', () => {
    expect(defaultRules('ranking', 10)).toEqual({ method: 'ranking', topK: 3 })
    expect(defaultRules('ranking', 2)).toEqual({ method: 'ranking', topK: 2 })
    expect(defaultRules('ranking', 0)).toEqual({ method: 'ranking', topK: 1 })
    expect(defaultRules('ranking', Number.NaN)).toEqual({ method: 'ranking', topK: 1 })
  })
  test('scale and traffic have no parameters', () => {
    expect(defaultRules('scale', 5)).toEqual({ method: 'scale' })
    expect(defaultRules('traffic', 5)).toEqual({ method: 'traffic' })
  })
  test('the defaults make a valid round for every method and option count', () => {
    for (const method of VOTE_METHODS) {
      for (let n = 1; n <= MAX_VOTE_OPTIONS; n++) {
        const ids = Array.from({ length: n }, (_, i) => `o${i}`)
        expect(validateRound({ roundId: 'r', options: opts(...ids), rules: defaultRules(method, n) }).ok, `${method} ${n}`).toBe(true)
      }
    }
  })
})

// ---------------------------------------------------------------------------------------------

describe('validateBallot: every method', () => {
  const rounds = [dotsRound(), rankingRound(), scaleRound(), trafficRound()]

  test('malformed: not an object or no method', () => {
    for (const r of rounds) {
      for (const raw of [null, undefined, 3, 'dots', [], [{ method: r.rules.method }], {}, { method: 7 }]) {
        expect(ballotProblem(r, raw), `${r.rules.method} ${JSON.stringify(raw)}`).toBe('malformed')
      }
    }
  })

  test('wrongMethod for a ballot of another method', () => {
    for (const r of rounds) {
      for (const m of [...VOTE_METHODS, 'poll']) {
        if (m === r.rules.method) continue
        expect(ballotProblem(r, { method: m, dots: {}, order: [], answers: {} })).toBe('wrongMethod')
      }
    }
  })

  test('unknown fields are malformed (a ballot is untrusted and size-bounded)', () => {
    expect(ballotProblem(dotsRound(), { method: 'dots', dots: {}, note: 'hi' })).toBe('malformed')
    expect(ballotProblem(rankingRound(), { method: 'ranking', order: [], dots: {} })).toBe('malformed')
    expect(ballotProblem(scaleRound(), { method: 'scale', answers: {}, voter: 'me' })).toBe('malformed')
    expect(ballotProblem(trafficRound(), { method: 'traffic', answers: {}, order: [] })).toBe('malformed')
  })

  test('an empty ballot is valid and blank', () => {
    const empties = [
      [dotsRound(), { method: 'dots', dots: {} }],
      [dotsRound(), { method: 'dots', dots: { a: 0, b: 0 } }],
      [rankingRound(), { method: 'ranking', order: [] }],
      [scaleRound(), { method: 'scale', answers: {} }],
      [trafficRound(), { method: 'traffic', answers: {} }],
    ] as const
    for (const [r, raw] of empties) expect(isBlankBallot(valid(r, raw))).toBe(true)
  })
})

describe('validateBallot: dots', () => {
  const r = dotsRound(3, 2, true)

  test('a valid ballot comes back canonical: round order, zeros dropped, a copy', () => {
    const raw = { method: 'dots', dots: { c: 1, a: 2, b: 0 }, mustNot: 'd' }
    const b = valid(r, raw)
    expect(b).toEqual({ method: 'dots', dots: { a: 2, c: 1 }, mustNot: 'd' })
    expect(Object.keys(b.method === 'dots' ? b.dots : {})).toEqual(['a', 'c'])
    raw.dots.a = 99
    expect(b.method === 'dots' && b.dots.a).toBe(2)
  })

  test('using fewer dots than the budget is fine', () => {
    expect(valid(r, { method: 'dots', dots: { b: 1 } })).toEqual({ method: 'dots', dots: { b: 1 } })
  })

  test('unknownOption, also for a key that JSON made into an own __proto__', () => {
    expect(ballotProblem(r, { method: 'dots', dots: { zz: 1 } })).toBe('unknownOption')
    expect(ballotProblem(r, JSON.parse('{"method":"dots","dots":{"__proto__":1}}'))).toBe('unknownOption')
    expect(ballotProblem(r, { method: 'dots', dots: { toString: 1 } })).toBe('unknownOption')
  })

  test('overBudget: more dots than allowed in total', () => {
    expect(ballotProblem(r, { method: 'dots', dots: { a: 2, b: 2 } })).toBe('overBudget')
    expect(ballotProblem(r, { method: 'dots', dots: { a: 1, b: 1, c: 1, d: 1 } })).toBe('overBudget')
    expect(valid(r, { method: 'dots', dots: { a: 2, b: 1 } })).toBeTruthy()
  })

  test('overCap: more dots on one option than the cap', () => {
    expect(ballotProblem(r, { method: 'dots', dots: { a: 3 } })).toBe('overCap')
    expect(ballotProblem(r, { method: 'dots', dots: { a: 1e300 } })).toBe('overCap')
  })

  test('negative', () => {
    expect(ballotProblem(r, { method: 'dots', dots: { a: 2, b: 1, c: 1, d: -1 } })).toBe('negative')
  })

  test('notInteger, including NaN and Infinity', () => {
    for (const n of [0.5, 1.0000001, Number.NaN, Number.POSITIVE_INFINITY]) expect(ballotProblem(r, { method: 'dots', dots: { a: n } }), String(n)).toBe('notInteger')
  })

  test('a count that is not a number, or dots that are not a record, is malformed', () => {
    for (const n of ['1', null, true, [1], { n: 1 }]) expect(ballotProblem(r, { method: 'dots', dots: { a: n } }), JSON.stringify(n)).toBe('malformed')
    for (const dots of [undefined, null, [1, 2], 'a', 3]) expect(ballotProblem(r, { method: 'dots', dots }), JSON.stringify(dots)).toBe('malformed')
  })

  test('mustNot: only when the rules allow it, on a known option, as a string', () => {
    expect(ballotProblem(dotsRound(3, 3, false), { method: 'dots', dots: {}, mustNot: 'a' })).toBe('mustNotDisabled')
    expect(ballotProblem(r, { method: 'dots', dots: {}, mustNot: 'zz' })).toBe('unknownOption')
    expect(ballotProblem(r, { method: 'dots', dots: {}, mustNot: 1 })).toBe('malformed')
    expect(ballotProblem(r, { method: 'dots', dots: {}, mustNot: ['a'] })).toBe('malformed')
    // Only a must-not, no dots: an opinion, not blank.
    expect(isBlankBallot(valid(r, { method: 'dots', dots: {}, mustNot: 'a' }))).toBe(false)
    // Dots and a must-not on the same option are counted separately rather than losing the ballot.
    expect(valid(r, { method: 'dots', dots: { a: 1 }, mustNot: 'a' })).toEqual({ method: 'dots', dots: { a: 1 }, mustNot: 'a' })
  })
})

describe('validateBallot: ranking', () => {
  const r = rankingRound(3)

  test('a full, a partial and an empty ranking are valid', () => {
    expect(valid(r, { method: 'ranking', order: ['c', 'a', 'd'] })).toEqual({ method: 'ranking', order: ['c', 'a', 'd'] })
    expect(valid(r, { method: 'ranking', order: ['b'] })).toEqual({ method: 'ranking', order: ['b'] })
    expect(isBlankBallot(valid(r, { method: 'ranking', order: [] }))).toBe(true)
  })

  test('tooManyRanked: more than top k', () => {
    expect(ballotProblem(r, { method: 'ranking', order: ['a', 'b', 'c', 'd'] })).toBe('tooManyRanked')
  })

  test('duplicateRank', () => {
    expect(ballotProblem(r, { method: 'ranking', order: ['a', 'b', 'a'] })).toBe('duplicateRank')
  })

  test('unknownOption', () => {
    expect(ballotProblem(r, { method: 'ranking', order: ['a', 'x'] })).toBe('unknownOption')
  })

  test('malformed: order not a list, or an entry not a string', () => {
    for (const order of [undefined, 'a,b', { 0: 'a' }]) expect(ballotProblem(r, { method: 'ranking', order })).toBe('malformed')
    expect(ballotProblem(r, { method: 'ranking', order: ['a', 2] })).toBe('malformed')
    expect(ballotProblem(r, { method: 'ranking', order: [null] })).toBe('malformed')
  })
})

describe('validateBallot: scale', () => {
  const r = scaleRound()

  test('1–5 and "unknown" per statement, any subset, round order', () => {
    const b = valid(r, { method: 'scale', answers: { d: 'unknown', a: 1, b: 5 } })
    expect(b).toEqual({ method: 'scale', answers: { a: 1, b: 5, d: 'unknown' } })
    expect(Object.keys(b.method === 'scale' ? b.answers : {})).toEqual(['a', 'b', 'd'])
  })

  test('badAnswer for anything else', () => {
    for (const a of [0, 6, 2.5, -1, '3', 'dunno', 'green', null, true, [3]]) expect(ballotProblem(r, { method: 'scale', answers: { a } }), JSON.stringify(a)).toBe('badAnswer')
  })

  test('unknownOption and malformed answers', () => {
    expect(ballotProblem(r, { method: 'scale', answers: { x: 3 } })).toBe('unknownOption')
    for (const answers of [undefined, null, [3, 4], 'a']) expect(ballotProblem(r, { method: 'scale', answers })).toBe('malformed')
  })
})

describe('validateBallot: traffic', () => {
  const r = trafficRound()

  test('green, yellow, red and unknown', () => {
    expect(valid(r, { method: 'traffic', answers: { a: 'green', b: 'yellow', c: 'red', d: 'unknown' } })).toEqual({ method: 'traffic', answers: { a: 'green', b: 'yellow', c: 'red', d: 'unknown' } })
  })

  test('badAnswer for anything else', () => {
    for (const a of ['blue', 'Green', '', 1, 'ok', null, false]) expect(ballotProblem(r, { method: 'traffic', answers: { a } }), JSON.stringify(a)).toBe('badAnswer')
  })

  test('unknownOption and malformed answers', () => {
    expect(ballotProblem(r, { method: 'traffic', answers: { x: 'red' } })).toBe('unknownOption')
    expect(ballotProblem(r, { method: 'traffic', answers: ['red'] })).toBe('malformed')
  })
})

// ---------------------------------------------------------------------------------------------

describe('tally', () => {
  test('dots: sums dots and must-nots separately; blanks count as voters', () => {
    const r = dotsRound(3, 2, true)
    const t = tally(r, [
      { method: 'dots', dots: { a: 2, b: 1 }, mustNot: 'd' },
      { method: 'dots', dots: { a: 1, c: 2 }, mustNot: 'd' },
      { method: 'dots', dots: {}, mustNot: 'a' },
      { method: 'dots', dots: {} },
    ])
    expect(t).toEqual({ roundId: 'r1', method: 'dots', voters: 4, blank: 1, dots: { a: 3, b: 1, c: 2, d: 0 }, mustNot: { a: 1, b: 0, c: 0, d: 2 } })
  })

  test('ranking: Borda points k … 1 over the top k, partial rankings too, and first choices', () => {
    const r = rankingRound(3)
    const t = tally(r, [
      { method: 'ranking', order: ['a', 'b', 'c'] },
      { method: 'ranking', order: ['b', 'a'] },
      { method: 'ranking', order: ['d'] },
      { method: 'ranking', order: [] },
    ])
    expect(t).toEqual({ roundId: 'r1', method: 'ranking', voters: 4, blank: 1, points: { a: 5, b: 5, c: 1, d: 3 }, firsts: { a: 1, b: 1, c: 0, d: 1 } })
  })

  test('scale: a distribution over 1–5 and "don\'t know" counted apart', () => {
    const r = scaleRound(['a', 'b'])
    const t = tally(r, [
      { method: 'scale', answers: { a: 5, b: 'unknown' } },
      { method: 'scale', answers: { a: 4, b: 1 } },
      { method: 'scale', answers: { a: 5 } },
    ])
    expect(t).toEqual({ roundId: 'r1', method: 'scale', voters: 3, blank: 0, distribution: { a: [0, 0, 0, 1, 2], b: [1, 0, 0, 0, 0] }, unknown: { a: 0, b: 1 } })
  })

  test('traffic: counts per colour per option', () => {
    const r = trafficRound(['a', 'b'])
    const t = tally(r, [
      { method: 'traffic', answers: { a: 'green', b: 'red' } },
      { method: 'traffic', answers: { a: 'green', b: 'unknown' } },
      { method: 'traffic', answers: { a: 'yellow' } },
    ])
    expect(t).toEqual({ roundId: 'r1', method: 'traffic', voters: 3, blank: 0, counts: { a: { green: 2, yellow: 1, red: 0, unknown: 0 }, b: { green: 0, yellow: 0, red: 1, unknown: 1 } } })
  })

  test('a ballot that fails validation is not counted, so the bounds hold for any input', () => {
    const r = dotsRound(3, 2)
    const t = tally(r, [{ method: 'dots', dots: { a: 99 } }, { method: 'ranking', order: ['a'] }, { method: 'dots', dots: { b: 1 } }] as Ballot[])
    expect(t.voters).toBe(1)
    expect(t.method === 'dots' && t.dots).toEqual({ a: 0, b: 1, c: 0, d: 0 })
  })

  test('no ballots: zeros for every option', () => {
    expect(tally(scaleRound(['a']), [])).toEqual({ roundId: 'r1', method: 'scale', voters: 0, blank: 0, distribution: { a: [0, 0, 0, 0, 0] }, unknown: { a: 0 } })
  })
})

// ---------------------------------------------------------------------------------------------

const dotBallots = (...spec: Record<string, number>[]): Ballot[] => spec.map((dots) => ({ method: 'dots', dots }))

describe('results', () => {
  const r = dotsRound(3, 3, false, ['a', 'b', 'c', 'd', 'e'])

  test(`nothing is published below ${PUBLISH_MIN_VOTERS} voters, but the number who voted is`, () => {
    const res = results(r, tally(r, dotBallots({ a: 3 }, { b: 3 })))
    expect(res).toEqual({ roundId: 'r1', method: 'dots', publish: 'none', voters: 2, ranked: [] })
  })

  test(`below ${COUNTS_MIN_VOTERS} voters only the ranking, with no numbers in the object at all`, () => {
    const res = results(r, tally(r, dotBallots({ a: 3 }, { a: 2, b: 1 }, { b: 1, c: 2 })))
    expect(res.publish).toBe('rankOnly')
    expect(asJson(res)).toEqual({
      roundId: 'r1',
      method: 'dots',
      publish: 'rankOnly',
      voters: 3,
      ranked: [
        { optionIds: ['a'], rank: 1 },
        { optionIds: ['b', 'c'], rank: 2 },
        { optionIds: ['d', 'e'], rank: 4 },
      ],
    })
    for (const g of res.ranked) expect(Object.keys(g).sort()).toEqual(['optionIds', 'rank'])
    expect(Object.hasOwn(res, 'blank')).toBe(false)
  })

  test(`from ${COUNTS_MIN_VOTERS} voters: full totals; ties share a rank (1, 2, 2, 4)`, () => {
    const res = results(r, tally(r, dotBallots({ a: 3 }, { a: 2, b: 1 }, { b: 1, c: 2 }, { d: 1 }, { b: 1, c: 1, d: 1 })))
    expect(res).toEqual({
      roundId: 'r1',
      method: 'dots',
      publish: 'full',
      voters: 5,
      blank: 0,
      ranked: [
        { optionIds: ['a'], rank: 1, score: 5, details: [{ optionId: 'a', dots: 5 }] },
        { optionIds: ['b', 'c'], rank: 2, score: 3, details: [{ optionId: 'b', dots: 3 }, { optionId: 'c', dots: 3 }] },
        { optionIds: ['d'], rank: 4, score: 2, details: [{ optionId: 'd', dots: 2 }] },
        { optionIds: ['e'], rank: 5, score: 0, details: [{ optionId: 'e', dots: 0 }] },
      ],
    })
  })

  test('blank ballots count as voters but not towards the thresholds', () => {
    const five = dotBallots({ a: 1 }, { b: 1 }, {}, {}, {})
    expect(results(r, tally(r, five))).toEqual({ roundId: 'r1', method: 'dots', publish: 'none', voters: 5, ranked: [] })
    const sevenWithTwoBlank = dotBallots({ a: 1 }, { b: 1 }, { c: 1 }, { a: 1 }, {}, {})
    expect(results(r, tally(r, sevenWithTwoBlank)).publish).toBe('rankOnly')
    const fiveExpressed = [...sevenWithTwoBlank, ...dotBallots({ e: 1 })]
    const full = results(r, tally(r, fiveExpressed))
    expect([full.publish, full.voters, full.blank]).toEqual(['full', 7, 2])
  })

  test('dots: ties on dots are broken by fewer must-not dots', () => {
    const rm = dotsRound(3, 3, true, ['a', 'b', 'c'])
    const bs: Ballot[] = [
      { method: 'dots', dots: { a: 1, b: 1 }, mustNot: 'a' },
      { method: 'dots', dots: { a: 1, b: 1 } },
      { method: 'dots', dots: { c: 1 }, mustNot: 'a' },
      { method: 'dots', dots: { c: 1 }, mustNot: 'c' },
      { method: 'dots', dots: {}, mustNot: 'b' },
    ]
    const res = results(rm, tally(rm, bs))
    expect(res.ranked.map((g) => [g.optionIds, g.rank, g.score])).toEqual([
      [['b', 'c'], 1, 2],
      [['a'], 3, 2],
    ])
    expect(res.ranked[0]?.details).toEqual([
      { optionId: 'b', dots: 2, mustNot: 1 },
      { optionId: 'c', dots: 2, mustNot: 1 },
    ])
  })

  test('ranking: by Borda points, with first choices alongside', () => {
    const rr = rankingRound(2, ['a', 'b', 'c'])
    const orders = [['a', 'b'], ['a', 'c'], ['b', 'a'], ['c'], ['b']]
    const res = results(rr, tally(rr, orders.map((order) => ({ method: 'ranking', order }))))
    // a: 2+2+1 = 5, b: 1+2+2 = 5, c: 1+2 = 3
    expect(res.ranked).toEqual([
      { optionIds: ['a', 'b'], rank: 1, score: 5, details: [{ optionId: 'a', points: 5, firsts: 2 }, { optionId: 'b', points: 5, firsts: 2 }] },
      { optionIds: ['c'], rank: 3, score: 3, details: [{ optionId: 'c', points: 3, firsts: 1 }] },
    ])
  })

  test('scale: by mean, ties by number of answers; nobody answered = last and no score', () => {
    const rs = scaleRound(['a', 'b', 'c', 'd', 'e'])
    const bs: Ballot[] = [
      { method: 'scale', answers: { a: 4, b: 4, c: 5, d: 'unknown' } },
      { method: 'scale', answers: { a: 4, b: 4, c: 1 } },
      { method: 'scale', answers: { b: 4 } },
      { method: 'scale', answers: { e: 2 } },
      { method: 'scale', answers: { e: 2, d: 'unknown' } },
    ]
    const res = results(rs, tally(rs, bs))
    expect(res.ranked.map((g) => [g.optionIds, g.rank, g.score])).toEqual([
      [['b'], 1, 4],
      [['a'], 2, 4],
      [['c'], 3, 3],
      [['e'], 4, 2],
      [['d'], 5, undefined],
    ])
    expect(Object.hasOwn(res.ranked[4] ?? {}, 'score')).toBe(false)
    expect(res.ranked[4]?.details).toEqual([{ optionId: 'd', answers: 0, distribution: [0, 0, 0, 0, 0], unknown: 2 }])
    expect(res.ranked[2]?.details).toEqual([{ optionId: 'c', answers: 2, mean: 3, distribution: [1, 0, 0, 0, 1], unknown: 0 }])
  })

  test('scale: the same mean from different answers is a tie, with per-option details', () => {
    const rs = scaleRound(['a', 'b'])
    const bs: Ballot[] = [
      { method: 'scale', answers: { a: 3, b: 1 } },
      { method: 'scale', answers: { a: 3, b: 5 } },
      { method: 'scale', answers: { a: 'unknown' } },
      { method: 'scale', answers: { a: 'unknown' } },
      { method: 'scale', answers: { a: 'unknown' } },
    ]
    const [g] = results(rs, tally(rs, bs)).ranked
    expect(g?.optionIds).toEqual(['a', 'b'])
    expect(g?.details).toEqual([
      { optionId: 'a', answers: 2, mean: 3, distribution: [0, 0, 2, 0, 0], unknown: 3 },
      { optionId: 'b', answers: 2, mean: 3, distribution: [1, 0, 0, 0, 1], unknown: 0 },
    ])
  })

  test('traffic: by green − red, ties by fewer reds', () => {
    const rt = trafficRound(['a', 'b', 'c', 'd'])
    const rows: Record<string, 'green' | 'yellow' | 'red' | 'unknown'>[] = [
      { a: 'green', b: 'green', c: 'yellow', d: 'red' },
      { a: 'green', b: 'green', c: 'yellow', d: 'red' },
      { a: 'red', b: 'yellow', c: 'unknown', d: 'green' },
      { a: 'green', b: 'unknown', c: 'yellow' },
      { a: 'yellow', c: 'yellow' },
    ]
    const res = results(rt, tally(rt, rows.map((answers) => ({ method: 'traffic', answers }))))
    expect(res.ranked.map((g) => [g.optionIds, g.rank, g.score])).toEqual([
      [['b'], 1, 2], // 2 − 0
      [['a'], 2, 2], // 3 − 1
      [['c'], 3, 0],
      [['d'], 4, -1],
    ])
    expect(res.ranked[1]?.details).toEqual([{ optionId: 'a', green: 3, yellow: 1, red: 1, unknown: 0 }])
  })

  test('output does not depend on the order of options in the round', () => {
    const bs = dotBallots({ e: 1, a: 1 }, { c: 1 }, { a: 1 }, { e: 1 }, { b: 1 })
    const r2 = dotsRound(3, 3, false, ['e', 'd', 'c', 'b', 'a'])
    const res1 = results(r, tally(r, bs))
    const res2 = results(r2, tally(r2, bs))
    expect(res2.ranked).toEqual(res1.ranked)
    expect(res1.ranked.map((g) => g.optionIds)).toEqual([['a', 'e'], ['b', 'c'], ['d']])
  })

  test('a tally of another round or method is refused', () => {
    const t = tally(r, [])
    expect(() => results(rankingRound(), t)).toThrow()
    expect(() => results({ ...r, roundId: 'other' }, t)).toThrow()
  })
})

// ---------------------------------------------------------------------------------------------

describe('ballot plain text', () => {
  test('compact JSON {v,t,b} that decodes back to a ballot that validates', () => {
    const r = dotsRound(3, 3, true)
    const b = valid(r, { method: 'dots', dots: { a: 2, b: 0 }, mustNot: 'c' })
    const text = encodeBallotPlain(b, TOKEN)
    expect(text).toBe(`{"v":1,"t":"${TOKEN}","b":{"method":"dots","dots":{"a":2},"mustNot":"c"}}`)
    const d = decodeBallotPlain(text)
    expect(d?.token).toBe(TOKEN)
    expect(valid(r, d?.ballot)).toEqual(b)
  })

  test('equal votes encode equally: zero dots dropped, keys in a fixed order', () => {
    expect(encodeBallotPlain({ method: 'dots', dots: { a: 1, b: 0 } }, TOKEN)).toBe(encodeBallotPlain({ method: 'dots', dots: { a: 1 } }, TOKEN))
    expect(encodeBallotPlain({ method: 'dots', dots: { e: 1, a: 1 } }, TOKEN)).toBe(encodeBallotPlain({ method: 'dots', dots: { a: 1, e: 1 } }, TOKEN))
    expect(encodeBallotPlain({ method: 'scale', answers: { b: 2, a: 'unknown' } }, TOKEN)).toBe(encodeBallotPlain({ method: 'scale', answers: { a: 'unknown', b: 2 } }, TOKEN))
  })

  test('text padded with spaces to the full size still decodes', () => {
    const text = encodeBallotPlain({ method: 'ranking', order: ['a'] }, TOKEN)
    const padded = text.padEnd(BALLOT_PLAIN_MAX, ' ')
    expect(padded.length).toBe(BALLOT_PLAIN_MAX)
    expect(decodeBallotPlain(padded)).toEqual({ token: TOKEN, ballot: { method: 'ranking', order: ['a'] } })
    expect(decodeBallotPlain(`${padded} `)).toBeNull()
  })

  test('decode refuses anything else', () => {
    const b = { method: 'scale', answers: {} }
    for (const text of [
      '',
      'not json',
      'null',
      '[]',
      JSON.stringify({ v: 2, t: TOKEN, b }),
      JSON.stringify({ t: TOKEN, b }),
      JSON.stringify({ v: 1, t: 'short', b }),
      JSON.stringify({ v: 1, t: 'x'.repeat(65), b }),
      JSON.stringify({ v: 1, t: 'has space in it!!', b }),
      JSON.stringify({ v: 1, t: TOKEN }),
      JSON.stringify({ v: 1, t: TOKEN, b, x: 1 }),
    ]) {
      expect(decodeBallotPlain(text), text).toBeNull()
    }
  })

  test('encode refuses a bad token or an oversized ballot', () => {
    expect(() => encodeBallotPlain({ method: 'ranking', order: [] }, 'short')).toThrow()
    expect(() => encodeBallotPlain({ method: 'ranking', order: Array.from({ length: 200 }, (_, i) => longId(i)) }, TOKEN)).toThrow()
  })

  test('the worst case of every method (40 options, 64-character ids and token) is valid and fits', () => {
    for (const method of VOTE_METHODS) {
      const r = worstCaseRound(method)
      expect(validateRound(r)).toEqual({ ok: true, round: r })
      const b = worstCaseBallot(r)
      expect(validateBallot(r, b)).toEqual({ ok: true, ballot: b })
      const text = encodeBallotPlain(b, WORST_CASE_TOKEN)
      expect(text.length, method).toBeLessThanOrEqual(BALLOT_PLAIN_MAX)
      // ASCII only: characters are bytes, which is what the sealing layer pads.
      expect(new TextEncoder().encode(text).length).toBe(text.length)
    }
  })

  test('voter tokens from random bytes are valid base64url', () => {
    const t16 = voterTokenFromBytes(new Uint8Array(16).fill(255))
    expect(t16).toBe('_'.repeat(21) + 'w')
    expect(isVoterToken(t16)).toBe(true)
    expect(voterTokenFromBytes(new Uint8Array(12))).toBe('A'.repeat(16))
    expect(isVoterToken(voterTokenFromBytes(new Uint8Array(100).fill(7)))).toBe(true)
    expect(() => voterTokenFromBytes(new Uint8Array(11))).toThrow()
  })

  test('the sample rounds are valid', () => {
    for (const m of VOTE_METHODS) expect(validateRound(sampleRound(m)).ok).toBe(true)
  })
})

// ---------------------------------------------------------------------------------------------
// Property tests. Fixed seed so a failure replays; fast-check prints the counterexample.

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-'.split('')
const idArb = fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 1, maxLength: 64 }).filter((s) => s !== '__proto__')
const tokenArb = fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 16, maxLength: 64 })
const toOptions = (ids: string[]): VoteOption[] => ids.map((id, i) => ({ id, label: `Option ${i + 1}` }))
const optionsArb = fc.uniqueArray(idArb, { minLength: 1, maxLength: MAX_VOTE_OPTIONS }).map(toOptions)
/** Few short ids: many ties. */
const smallOptionsArb = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'), { minLength: 1, maxLength: 6 }).map(toOptions)
/** The largest rounds: 40 options with 64-character ids. */
const bigOptionsArb = fc
  .uniqueArray(fc.string({ unit: fc.constantFrom(...ID_CHARS), minLength: 64, maxLength: 64 }), { minLength: MAX_VOTE_OPTIONS, maxLength: MAX_VOTE_OPTIONS })
  .map(toOptions)

function rulesArb(method: VoteMethod, optionCount: number): fc.Arbitrary<VoteRules> {
  switch (method) {
    case 'dots':
      return fc
        .integer({ min: 1, max: 20 })
        .chain((dots) => fc.record({ method: fc.constant('dots' as const), dots: fc.constant(dots), capPerOption: fc.integer({ min: 1, max: dots }), mustNot: fc.boolean() }))
    case 'ranking':
      return fc.integer({ min: 1, max: optionCount }).map((topK) => ({ method: 'ranking' as const, topK }))
    case 'scale':
      return fc.constant({ method: 'scale' as const })
    case 'traffic':
      return fc.constant({ method: 'traffic' as const })
  }
}

function roundArb(methods: readonly VoteMethod[] = VOTE_METHODS, options: fc.Arbitrary<VoteOption[]> = fc.oneof(optionsArb, smallOptionsArb)): fc.Arbitrary<VoteRound> {
  return fc
    .tuple(fc.constantFrom(...methods), options)
    .chain(([method, opts]) => rulesArb(method, opts.length).map((rules): VoteRound => ({ roundId: 'r1', options: opts, rules })))
}

function answersArb<A>(ids: string[], values: readonly A[]): fc.Arbitrary<Record<string, A>> {
  return fc
    .subarray(ids)
    .chain((sel) => fc.array(fc.constantFrom(...values), { minLength: sel.length, maxLength: sel.length }).map((vals) => Object.fromEntries(sel.map((id, i) => [id, vals[i] as A]))))
}

/** A ballot that follows the rules (not necessarily in canonical form). */
function ballotArb(r: VoteRound): fc.Arbitrary<Ballot> {
  const ids = r.options.map((o) => o.id)
  const rules = r.rules
  switch (rules.method) {
    case 'dots':
      return fc
        .tuple(fc.array(fc.constantFrom(...ids), { maxLength: rules.dots }), rules.mustNot ? fc.option(fc.constantFrom(...ids), { nil: undefined }) : fc.constant(undefined))
        .map(([picks, mustNot]) => {
          const dots: Record<string, number> = {}
          for (const id of picks) if ((dots[id] ?? 0) < rules.capPerOption) dots[id] = (dots[id] ?? 0) + 1
          return mustNot === undefined ? { method: 'dots', dots } : { method: 'dots', dots, mustNot }
        })
    case 'ranking':
      return fc.shuffledSubarray(ids, { maxLength: rules.topK }).map((order) => ({ method: 'ranking', order }))
    case 'scale':
      return answersArb(ids, [1, 2, 3, 4, 5, 'unknown'] as const).map((answers) => ({ method: 'scale', answers }))
    case 'traffic':
      return answersArb(ids, ['green', 'yellow', 'red', 'unknown'] as const).map((answers) => ({ method: 'traffic', answers }))
  }
}

const roundWithBallots = (maxBallots: number, r: fc.Arbitrary<VoteRound> = roundArb()) =>
  r.chain((round) => fc.tuple(fc.constant(round), fc.array(ballotArb(round), { maxLength: maxBallots })))

/** Test-side sort key of one option (larger is better), written from the issue text, not the code. */
function expectedKey(t: Tally, id: string): number[] {
  switch (t.method) {
    case 'dots':
      return [t.dots[id] ?? 0, -(t.mustNot[id] ?? 0)]
    case 'ranking':
      return [t.points[id] ?? 0]
    case 'scale': {
      const d = t.distribution[id] ?? [0, 0, 0, 0, 0]
      const n = d.reduce((a, b) => a + b, 0)
      return n === 0 ? [-Infinity, 0] : [d.reduce((a, c, i) => a + c * (i + 1), 0) / n, n]
    }
    case 'traffic': {
      const c = t.counts[id] ?? { green: 0, yellow: 0, red: 0, unknown: 0 }
      return [c.green - c.red, -c.red]
    }
  }
}
const cmpKey = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0) ? 1 : -1
  return 0
}

type Invalid = { raw: unknown; expected: BallotProblem[] }

/** Breaks a valid ballot in one way and says which problem(s) that may be reported as. */
function invalidArb(r: VoteRound, b: Ballot): fc.Arbitrary<Invalid> {
  const ids = r.options.map((o) => o.id)
  const strangerArb = idArb.filter((id) => !ids.includes(id))
  const common: fc.Arbitrary<Invalid>[] = [
    fc.constantFrom(null, 1, 'ballot', true, [] as unknown[]).map((raw) => ({ raw, expected: ['malformed'] })),
    fc.constantFrom(...VOTE_METHODS.filter((m) => m !== r.rules.method), 'poll').map((method) => ({ raw: { ...b, method }, expected: ['wrongMethod'] })),
    fc.constantFrom('extra', 'voter', 'order', 'answers', 'dots').filter((k) => !Object.hasOwn(b, k)).map((k) => ({ raw: { ...b, [k]: 1 }, expected: ['malformed'] })),
  ]
  const pickId = fc.constantFrom(...ids)
  const rules = r.rules
  switch (b.method) {
    case 'dots': {
      if (rules.method !== 'dots') throw new Error('unreachable')
      const cap = rules.capPerOption
      const specific: fc.Arbitrary<Invalid>[] = [
        fc.tuple(strangerArb, fc.integer({ min: 0, max: 3 })).map(([id, n]) => ({ raw: { ...b, dots: { ...b.dots, [id]: n } }, expected: ['unknownOption'] })),
        fc.tuple(pickId, fc.integer({ min: cap + 1, max: 1000 })).map(([id, n]) => ({ raw: { ...b, dots: { ...b.dots, [id]: n } }, expected: ['overCap'] })),
        fc.tuple(pickId, fc.integer({ min: -1000, max: -1 })).map(([id, n]) => ({ raw: { ...b, dots: { ...b.dots, [id]: n } }, expected: ['negative'] })),
        fc.tuple(pickId, fc.constantFrom(0.5, 1.25, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY)).map(([id, n]) => ({ raw: { ...b, dots: { ...b.dots, [id]: n } }, expected: ['notInteger'] })),
        fc.tuple(pickId, fc.constantFrom('1', null, true, [1])).map(([id, n]) => ({ raw: { ...b, dots: { ...b.dots, [id]: n } }, expected: ['malformed'] })),
        rules.mustNot
          ? strangerArb.map((id) => ({ raw: { ...b, mustNot: id }, expected: ['unknownOption'] }))
          : pickId.map((id) => ({ raw: { ...b, mustNot: id }, expected: ['mustNotDisabled'] })),
      ]
      // Over budget without breaking the cap: only possible when cap × options > dots.
      if (cap * ids.length > rules.dots) {
        specific.push(
          fc.shuffledSubarray(ids, { minLength: ids.length, maxLength: ids.length }).map((order) => {
            const dots: Record<string, number> = {}
            let left = rules.dots + 1
            for (const id of order) {
              if (left <= 0) break
              dots[id] = Math.min(cap, left)
              left -= dots[id]
            }
            return { raw: { ...b, dots }, expected: ['overBudget'] as BallotProblem[] }
          }),
        )
      }
      return fc.oneof(...common, ...specific)
    }
    case 'ranking': {
      if (rules.method !== 'ranking') throw new Error('unreachable')
      const k = rules.topK
      const specific: fc.Arbitrary<Invalid>[] = [
        fc.array(pickId, { minLength: k + 1, maxLength: k + 5 }).map((order) => ({ raw: { method: 'ranking', order }, expected: ['tooManyRanked'] })),
        fc.tuple(strangerArb, fc.nat()).map(([id, at]) => {
          const order = [...b.order]
          order.splice(at % (order.length + 1), 0, id)
          return { raw: { method: 'ranking', order }, expected: order.length > k ? ['tooManyRanked'] : ['unknownOption'] }
        }),
        fc.constantFrom(3, null, { id: 'a' }, ['a']).map((bad) => ({ raw: { method: 'ranking', order: [...b.order.slice(0, k - 1), bad] }, expected: ['malformed'] })),
      ]
      if (b.order.length > 0) {
        specific.push(
          fc.tuple(fc.nat(), fc.nat()).map(([from, at]) => {
            const order = [...b.order]
            order.splice(at % (order.length + 1), 0, b.order[from % b.order.length] as string)
            return { raw: { method: 'ranking', order }, expected: order.length > k ? ['tooManyRanked'] : ['duplicateRank'] }
          }),
        )
      }
      return fc.oneof(...common, ...specific)
    }
    case 'scale':
    case 'traffic': {
      const bad = b.method === 'scale' ? [0, 6, -3, 2.5, '3', 'green', null, true, 'Unknown'] : ['blue', 'GREEN', 1, '', null, false, 'amber']
      const specific: fc.Arbitrary<Invalid>[] = [
        fc.tuple(pickId, fc.constantFrom(...bad)).map(([id, a]) => ({ raw: { ...b, answers: { ...b.answers, [id]: a } }, expected: ['badAnswer'] })),
        fc.tuple(strangerArb, fc.constantFrom('unknown', 'red', 3)).map(([id, a]) => ({ raw: { ...b, answers: { ...b.answers, [id]: a } }, expected: ['unknownOption'] })),
        fc.constantFrom(null, [] as unknown[], 'all', 5).map((answers) => ({ raw: { ...b, answers }, expected: ['malformed'] })),
      ]
      return fc.oneof(...common, ...specific)
    }
  }
}

describe('properties', () => {
  test('generated ballots are valid and come back unchanged in content', () => {
    fc.assert(
      fc.property(roundWithBallots(5), ([r, bs]) => {
        expect(validateRound(r)).toEqual({ ok: true, round: r })
        for (const b of bs) expect(validateBallot(r, b)).toEqual({ ok: true, ballot: expect.objectContaining({ method: b.method }) })
        for (const b of bs) expect(encodeBallotPlain(valid(r, b), TOKEN)).toBe(encodeBallotPlain(b, TOKEN))
      }),
      PROPS,
    )
  })

  test('(a) dots: total ≤ dots × voters, each option ≤ cap × voters, must-nots ≤ voters', () => {
    fc.assert(
      fc.property(roundWithBallots(30, roundArb(['dots'])), ([r, bs]) => {
        const t = tally(r, bs)
        if (t.method !== 'dots' || r.rules.method !== 'dots') throw new Error('unreachable')
        expect(t.voters).toBe(bs.length)
        const values = Object.values(t.dots)
        expect(values.reduce((a, n) => a + n, 0)).toBeLessThanOrEqual(r.rules.dots * t.voters)
        for (const n of values) expect(n).toBeLessThanOrEqual(r.rules.capPerOption * t.voters)
        expect(Object.values(t.mustNot).reduce((a, n) => a + n, 0)).toBeLessThanOrEqual(t.voters)
      }),
      PROPS,
    )
  })

  test('(a′) dots bounds hold even for arbitrary junk handed to tally', () => {
    const junk = fc.record({ method: fc.constant('dots'), dots: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'zz'), fc.oneof(fc.integer({ min: -5, max: 50 }), fc.double())) })
    fc.assert(
      fc.property(roundArb(['dots'], smallOptionsArb), fc.array(junk, { maxLength: 20 }), (r, bs) => {
        const t = tally(r, bs as Ballot[])
        if (t.method !== 'dots' || r.rules.method !== 'dots') throw new Error('unreachable')
        expect(Object.values(t.dots).reduce((a, n) => a + n, 0)).toBeLessThanOrEqual(r.rules.dots * t.voters)
        for (const n of Object.values(t.dots)) expect(n).toBeLessThanOrEqual(r.rules.capPerOption * t.voters)
      }),
      PROPS,
    )
  })

  test('(b) tally and results do not depend on ballot order', () => {
    const arb = roundWithBallots(25).chain(([r, bs]) => fc.tuple(fc.constant(r), fc.constant(bs), fc.shuffledSubarray(bs, { minLength: bs.length, maxLength: bs.length })))
    fc.assert(
      fc.property(arb, ([r, bs, shuffled]) => {
        const t1 = tally(r, bs)
        const t2 = tally(r, shuffled)
        expect(t2).toEqual(t1)
        expect(JSON.stringify(results(r, t2))).toBe(JSON.stringify(results(r, t1)))
      }),
      PROPS,
    )
  })

  test('(c) every invalid ballot is rejected, with the problem its defect names, and not counted', () => {
    const arb = roundArb().chain((r) => ballotArb(r).chain((b) => fc.tuple(fc.constant(r), invalidArb(r, b))))
    fc.assert(
      fc.property(arb, ([r, { raw, expected }]) => {
        const res = validateBallot(r, raw)
        expect(res.ok).toBe(false)
        if (!res.ok) expect(expected).toContain(res.problem)
        expect(tally(r, [raw as Ballot]).voters).toBe(0)
      }),
      PROPS,
    )
  })

  test('(d) nothing below 3 voters, no numbers below 5', () => {
    const arb = roundWithBallots(8)
    fc.assert(
      fc.property(arb, ([r, bs]) => {
        const t = tally(r, bs)
        const res = asJson(results(r, t)) as Results
        if (t.voters < PUBLISH_MIN_VOTERS) {
          expect(res).toEqual({ roundId: 'r1', method: r.rules.method, publish: 'none', voters: t.voters, ranked: [] })
        }
        if (t.voters < COUNTS_MIN_VOTERS) {
          expect(res.publish).not.toBe('full')
          expect(Object.keys(res).sort()).toEqual(['method', 'publish', 'ranked', 'roundId', 'voters'])
          for (const g of res.ranked) expect(Object.keys(g).sort()).toEqual(['optionIds', 'rank'])
        }
        // Whatever the count, the level follows the non-blank ballots.
        const expressed = t.voters - t.blank
        expect(res.publish).toBe(expressed < PUBLISH_MIN_VOTERS ? 'none' : expressed < COUNTS_MIN_VOTERS ? 'rankOnly' : 'full')
        if (res.publish === 'none') expect(res.ranked).toEqual([])
      }),
      PROPS,
    )
  })

  test('(e) ties share a rank, ranks follow the scores, every option appears once', () => {
    const arb = roundWithBallots(20, roundArb(VOTE_METHODS, fc.oneof(smallOptionsArb, optionsArb)))
    fc.assert(
      fc.property(arb, ([r, bs]) => {
        const t = tally(r, bs)
        const res = results(r, t)
        if (res.publish === 'none') return
        const all = res.ranked.flatMap((g) => g.optionIds)
        expect([...all].sort()).toEqual(r.options.map((o) => o.id).sort())
        let expectedRank = 1
        let prevKey: number[] | undefined
        let prevScore: number | undefined
        for (const g of res.ranked) {
          expect(g.rank).toBe(expectedRank)
          expectedRank += g.optionIds.length
          expect(g.optionIds.length).toBeGreaterThan(0)
          expect(g.optionIds).toEqual([...g.optionIds].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
          const key = expectedKey(t, g.optionIds[0] as string)
          for (const id of g.optionIds) expect(cmpKey(expectedKey(t, id), key)).toBe(0)
          if (prevKey) expect(cmpKey(prevKey, key)).toBe(1)
          prevKey = key
          if (res.publish === 'full') {
            expect(g.details?.map((d) => d.optionId)).toEqual(g.optionIds)
            if (g.score !== undefined) {
              expect(g.score).toBe(key[0])
              if (prevScore !== undefined) expect(g.score).toBeLessThanOrEqual(prevScore)
              prevScore = g.score
            } else {
              expect(r.rules.method).toBe('scale')
              expect(g).toBe(res.ranked[res.ranked.length - 1])
            }
          }
        }
      }),
      PROPS,
    )
  })

  test('(f) encode/decode round trip, and every encoding fits BALLOT_PLAIN_MAX', () => {
    const arb = roundArb(VOTE_METHODS, fc.oneof(optionsArb, bigOptionsArb)).chain((r) => fc.tuple(fc.constant(r), ballotArb(r), tokenArb))
    fc.assert(
      fc.property(arb, ([r, b, token]) => {
        const ballot = valid(r, b)
        const text = encodeBallotPlain(ballot, token)
        expect(text.length).toBeLessThanOrEqual(BALLOT_PLAIN_MAX)
        const d = decodeBallotPlain(text.padEnd(BALLOT_PLAIN_MAX, ' '))
        expect(d?.token).toBe(token)
        expect(validateBallot(r, d?.ballot)).toEqual({ ok: true, ballot })
      }),
      PROPS,
    )
  })
})
