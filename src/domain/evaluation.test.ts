import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import {
  EVALUATION_QUESTIONS,
  EVALUATION_QUESTION_IDS,
  EVALUATION_VALUES,
  isBlankEvaluation,
  summarizeEvaluation,
  validateEvaluationAnswer,
  type EvaluationAnswer,
  type EvaluationValue,
  type QuestionSummary,
} from './evaluation.ts'
import { COUNTS_MIN_VOTERS, PUBLISH_MIN_VOTERS } from './voting.ts'

const PROPS = { seed: 42, numRuns: 200 } as const

const ans = (couldSay: EvaluationValue, willMatter: EvaluationValue = couldSay, wasClear: EvaluationValue = couldSay): EvaluationAnswer => ({ couldSay, willMatter, wasClear })
const repeat = (n: number, a: EvaluationAnswer) => Array.from({ length: n }, () => ({ ...a }))
const q = (s: { questions: QuestionSummary[] }, id: string) => s.questions.find((x) => x.questionId === id)!

describe('EVALUATION_QUESTIONS', () => {
  test('the three questions of DOMAIN.md, in order, with nb and en wording for facilitators and youth', () => {
    expect(EVALUATION_QUESTION_IDS).toEqual(['couldSay', 'willMatter', 'wasClear'])
    expect(EVALUATION_QUESTIONS.map((x) => x.text.en)).toEqual(['Could you say what you wanted?', 'Do you believe it will matter?', 'Was it clear?'])
    for (const x of EVALUATION_QUESTIONS) {
      for (const field of [x.text, x.youthText, x.label, x.low, x.high]) {
        expect(field.nb.trim(), x.id).not.toBe('')
        expect(field.en.trim(), x.id).not.toBe('')
      }
      // Plain language for participants: short sentences.
      expect(x.youthText.nb.split(/\s+/).length, x.id).toBeLessThanOrEqual(12)
    }
  })
})

describe('validateEvaluationAnswer', () => {
  test('a full answer is valid and copied', () => {
    const raw = { couldSay: 5, willMatter: 'skip', wasClear: 1 }
    const r = validateEvaluationAnswer(raw)
    expect(r).toEqual({ ok: true, answer: raw })
    if (r.ok) expect(r.answer).not.toBe(raw)
  })

  test('a question left out counts as skipped; an empty object is an all-skip answer', () => {
    expect(validateEvaluationAnswer({ couldSay: 4 })).toEqual({ ok: true, answer: { couldSay: 4, willMatter: 'skip', wasClear: 'skip' } })
    const r = validateEvaluationAnswer({})
    expect(r.ok && isBlankEvaluation(r.answer)).toBe(true)
  })

  test.each([
    ['zero', { couldSay: 0 }],
    ['six', { couldSay: 6 }],
    ['a fraction', { willMatter: 2.5 }],
    ['a string digit', { wasClear: '3' }],
    ['null', { couldSay: null }],
    ["'unknown' (that is the vote scale's word)", { couldSay: 'unknown' }],
  ])('a bad value is badValue: %s', (_l, raw) => {
    expect(validateEvaluationAnswer(raw)).toEqual({ ok: false, problem: 'badValue' })
  })

  test('an unknown question is refused, including a JSON __proto__ key', () => {
    expect(validateEvaluationAnswer({ couldSay: 3, name: 'Kari' })).toEqual({ ok: false, problem: 'unknownQuestion' })
    expect(validateEvaluationAnswer(JSON.parse('{"__proto__": {"couldSay": 5}}'))).toEqual({ ok: false, problem: 'unknownQuestion' })
  })

  test.each([null, undefined, 3, 'skip', [1, 2, 3]])('not an object is malformed: %j', (raw) => {
    expect(validateEvaluationAnswer(raw)).toEqual({ ok: false, problem: 'malformed' })
  })
})

describe('summarizeEvaluation', () => {
  test('uses the vote thresholds: 3 to publish anything, 5 for numbers', () => {
    expect(PUBLISH_MIN_VOTERS).toBe(3)
    expect(COUNTS_MIN_VOTERS).toBe(5)
  })

  test('no answers: nothing published', () => {
    const s = summarizeEvaluation([])
    expect(s).toEqual({ respondents: 0, publish: 'none', questions: EVALUATION_QUESTION_IDS.map((questionId) => ({ questionId, publish: 'none' })) })
  })

  test('two respondents: only the count of respondents, nothing per question', () => {
    const s = summarizeEvaluation([ans(5), ans(1)])
    expect(s.respondents).toBe(2)
    expect(s.publish).toBe('none')
    for (const x of s.questions) expect(x).toEqual({ questionId: x.questionId, publish: 'none' })
  })

  test('three or four respondents: ranks only, no n, no distribution, no mean', () => {
    const s = summarizeEvaluation([ans(5, 2, 4), ans(4, 2, 4), ans(5, 3, 3), ans(4, 1, 4)])
    expect(s.publish).toBe('rankOnly')
    expect(s.questions).toEqual([
      { questionId: 'couldSay', publish: 'rankOnly', rank: 1 },
      { questionId: 'willMatter', publish: 'rankOnly', rank: 3 },
      { questionId: 'wasClear', publish: 'rankOnly', rank: 2 },
    ])
    // Nothing numeric beyond the rank is in the object at all.
    expect(JSON.stringify(s.questions)).not.toMatch(/"(n|mean|distribution|skipped)"/)
  })

  test('five respondents: n, skipped, distribution, mean with one decimal, and ranks', () => {
    const answers = [ans(5, 2, 4), ans(4, 2, 4), ans(5, 3, 3), ans(4, 1, 4), ans(3, 5, 5)]
    const s = summarizeEvaluation(answers)
    expect(s.publish).toBe('full')
    expect(q(s, 'couldSay')).toEqual({ questionId: 'couldSay', publish: 'full', n: 5, skipped: 0, distribution: [0, 0, 1, 2, 2], mean: 4.2, rank: 1 })
    expect(q(s, 'willMatter')).toEqual({ questionId: 'willMatter', publish: 'full', n: 5, skipped: 0, distribution: [1, 2, 1, 0, 1], mean: 2.6, rank: 3 })
    expect(q(s, 'wasClear')).toEqual({ questionId: 'wasClear', publish: 'full', n: 5, skipped: 0, distribution: [0, 0, 1, 3, 1], mean: 4, rank: 2 })
  })

  test('means round half up on the exact fraction (no floating-point drift)', () => {
    // 49 / 20 = 2.45 → 2.5; 2.45 itself is not exact in binary.
    const answers = [...repeat(11, ans(2)), ...repeat(9, ans(3))]
    const s = summarizeEvaluation(answers)
    expect(q(s, 'couldSay')).toMatchObject({ n: 20, mean: 2.5 })
    // 14 / 6 = 2.333… → 2.3
    expect(q(summarizeEvaluation([...repeat(4, ans(2)), ...repeat(2, ans(3))]), 'couldSay')).toMatchObject({ mean: 2.3 })
  })

  test('questions with equal shown means share a rank (1, 1, 3)', () => {
    const s = summarizeEvaluation(repeat(5, ans(4, 4, 2)))
    expect(s.questions.map((x) => ('rank' in x ? x.rank : undefined))).toEqual([1, 1, 3])
  })

  test('skips do not count towards the thresholds', () => {
    // Six respondents, but only two answered "will it matter?".
    const answers = [...repeat(4, ans(4, 'skip', 5)), ans(3, 1, 4), ans(5, 2, 5)]
    const s = summarizeEvaluation(answers)
    expect(s.respondents).toBe(6)
    expect(s.publish).toBe('full')
    expect(q(s, 'willMatter')).toEqual({ questionId: 'willMatter', publish: 'none' })
    expect(q(s, 'couldSay')).toMatchObject({ publish: 'full', n: 6, skipped: 0, distribution: [0, 0, 1, 4, 1] })
  })

  test('all-skip answers count as respondents but not as voices', () => {
    const answers = [...repeat(3, ans('skip')), ...repeat(2, ans(5))]
    const s = summarizeEvaluation(answers)
    expect(s.respondents).toBe(5)
    expect(s.publish).toBe('none')
    expect(s.questions.every((x) => x.publish === 'none')).toBe(true)
  })

  test('with a question at 3–4 answers next to a question with numbers, no ranks are shown (a rank would bound the hidden mean)', () => {
    const answers = [...repeat(3, ans(5, 5, 'skip')), ans(1, 5, 'skip'), ans(2, 'skip', 3), ans(2, 'skip', 'skip')]
    const s = summarizeEvaluation(answers)
    expect(q(s, 'couldSay')).toMatchObject({ publish: 'full', n: 6, skipped: 0 })
    expect(q(s, 'couldSay')).not.toHaveProperty('rank')
    expect(q(s, 'willMatter')).toEqual({ questionId: 'willMatter', publish: 'rankOnly' })
    expect(q(s, 'wasClear')).toEqual({ questionId: 'wasClear', publish: 'none' })
  })

  test('the summary does not depend on the order of the answers', () => {
    const answers = [ans(5, 2, 4), ans(4, 'skip', 4), ans(5, 3, 3), ans(4, 1, 4), ans(3, 5, 5), ans(1)]
    expect(summarizeEvaluation([...answers].reverse())).toEqual(summarizeEvaluation(answers))
  })

  const valueArb = fc.constantFrom(...EVALUATION_VALUES)
  const answerArb = fc.record({ couldSay: valueArb, willMatter: valueArb, wasClear: valueArb })

  test('property: a question shows numbers only with at least 5 answers, and anything only with at least 3', () => {
    fc.assert(
      fc.property(fc.array(answerArb, { maxLength: 12 }), (answers) => {
        const s = summarizeEvaluation(answers)
        expect(s.respondents).toBe(answers.length)
        for (const x of s.questions) {
          const n = answers.filter((a) => a[x.questionId] !== 'skip').length
          const expected = n < PUBLISH_MIN_VOTERS ? 'none' : n < COUNTS_MIN_VOTERS ? 'rankOnly' : 'full'
          expect(x.publish).toBe(expected)
          if (x.publish === 'full') {
            expect(x.n).toBe(n)
            expect(x.skipped).toBe(answers.length - n)
            expect(x.distribution.reduce((a, b) => a + b, 0)).toBe(n)
            expect(x.mean).toBeGreaterThanOrEqual(1)
            expect(x.mean).toBeLessThanOrEqual(5)
            expect(Math.round(x.mean * 10) / 10).toBe(x.mean)
          } else {
            expect(x).not.toHaveProperty('n')
            expect(x).not.toHaveProperty('mean')
            expect(x).not.toHaveProperty('distribution')
          }
          if (x.publish === 'none') expect(x).not.toHaveProperty('rank')
        }
        // Ranks appear only when every published question is at the same level.
        const published = s.questions.filter((x) => x.publish !== 'none')
        const sameLevel = published.every((x) => x.publish === published[0]?.publish)
        for (const x of published) expect('rank' in x).toBe(sameLevel)
      }),
      PROPS,
    )
  })

  test('property: every well-formed answer survives JSON and validation unchanged', () => {
    fc.assert(
      fc.property(answerArb, (a) => {
        const r = validateEvaluationAnswer(JSON.parse(JSON.stringify(a)))
        expect(r).toEqual({ ok: true, answer: a })
      }),
      PROPS,
    )
  })
})
