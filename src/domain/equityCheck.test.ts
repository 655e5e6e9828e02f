import { describe, expect, test } from 'vitest'
import {
  BARRIERS,
  BARRIER_IDS,
  CHECKLIST,
  INEQUALITY_LEVELS,
  LEVEL_TEXTS,
  NOTE_MAX,
  QUESTIONS,
  QUESTION_IDS,
  followUpTasks,
  isQuestionId,
  summarize,
  validateAnswers,
  type AnswerProblemCode,
  type EquityAnswers,
  type QuestionId,
} from './equityCheck.ts'
import type { Bilingual } from './matrix.ts'

function problems(raw: unknown): AnswerProblemCode[] {
  const r = validateAnswers(raw)
  if (r.ok) throw new Error(`expected problems, got valid answers: ${JSON.stringify(raw)}`)
  return r.problems.map((p) => p.code)
}
const both = (t: Bilingual, where: string) => {
  expect(t.nb.trim().length, `${where} nb`).toBeGreaterThan(0)
  expect(t.en.trim().length, `${where} en`).toBeGreaterThan(0)
}
const allGreen = (): EquityAnswers => Object.fromEntries(QUESTION_IDS.map((id) => [id, { rating: 'green' }]))

describe('CHECKLIST', () => {
  test('section ids and question ids are unique and follow S0–S6', () => {
    const sections = CHECKLIST.sections.map((s) => s.id)
    expect(new Set(sections).size).toBe(sections.length)
    expect(sections.map((s) => s.slice(0, 2))).toEqual(['S0', 'S1', 'S2', 'S3', 'S4', 'S5', 'S6'])
    expect(new Set(QUESTION_IDS).size).toBe(QUESTION_IDS.length)
    expect(QUESTION_IDS).toHaveLength(20)
    for (const s of CHECKLIST.sections) for (const q of s.questions) expect(q.id.startsWith(`${s.id.slice(0, 2)}.`), q.id).toBe(true)
  })

  test('every text, youth wording, title, prompt, option and barrier has nb and en', () => {
    for (const s of CHECKLIST.sections) {
      both(s.title, `${s.id} title`)
      both(s.youthTitle, `${s.id} youth title`)
    }
    for (const q of QUESTIONS) {
      both(q.text, `${q.id} text`)
      both(q.youth, `${q.id} youth`)
      for (const p of q.prompts ?? []) both(p, `${q.id} prompt`)
      for (const o of q.options ?? []) both(o.label, `${q.id} option ${o.id}`)
    }
    for (const b of BARRIERS) {
      both(b.label, `barrier ${b.id}`)
      both(b.youth, `barrier ${b.id} youth`)
    }
    for (const l of INEQUALITY_LEVELS) both(LEVEL_TEXTS[l], l)
  })

  test('youth wording is shorter or plainer than the facilitator text, never a copy', () => {
    for (const q of QUESTIONS) {
      expect(q.youth.nb, q.id).not.toBe(q.text.nb)
      expect(q.youth.en, q.id).not.toBe(q.text.en)
    }
  })

  test('the four levels appear, definitional power is asked, and the eight barriers hang on S4.2', () => {
    const levels = new Set(CHECKLIST.sections.map((s) => s.level).filter(Boolean))
    expect(levels).toEqual(new Set(INEQUALITY_LEVELS))
    expect(QUESTIONS.find((q) => q.id === 'S5.1')?.text.nb).toMatch(/definisjonsmakt/)
    expect(BARRIERS.map((b) => b.id)).toEqual([...BARRIER_IDS])
    expect(BARRIER_IDS).toEqual(['transport', 'equipment', 'parental_permission', 'feeling_welcome', 'cost', 'time_and_place', 'language_and_information', 'digital_access'])
    expect(QUESTIONS.filter((q) => q.barriers).map((q) => q.id)).toEqual(['S4.2'])
    expect(QUESTIONS.find((q) => q.id === 'S4.2')?.youth.nb).toBe('Hva kan stoppe noen fra å bli med?')
    expect(isQuestionId('S3.3')).toBe(true)
    expect(isQuestionId('S9.9')).toBe(false)
  })
})

describe('validateAnswers', () => {
  test('valid answers come back as a clean copy: notes trimmed, blank notes and unknown fields dropped', () => {
    const r = validateAnswers({
      'S0.2': { rating: 'green', choice: 'proportionate_universal', extra: true },
      'S2.1': { rating: 'red', note: '  Gutter i distriktet  ' },
      'S4.2': { rating: 'yellow', note: '   ', barriers: { transport: 'yes', cost: 'unknown' } },
    })
    expect(r).toEqual({
      ok: true,
      answers: {
        'S0.2': { rating: 'green', choice: 'proportionate_universal' },
        'S2.1': { rating: 'red', note: 'Gutter i distriktet' },
        'S4.2': { rating: 'yellow', barriers: { transport: 'yes', cost: 'unknown' } },
      },
    })
  })

  test('an empty object is valid (nothing answered yet)', () => {
    expect(validateAnswers({})).toEqual({ ok: true, answers: {} })
  })

  test('problems are named', () => {
    expect(problems(null)).toEqual(['notObject'])
    expect(problems([])).toEqual(['notObject'])
    expect(problems({ 'S9.1': { rating: 'green' } })).toEqual(['unknownQuestion'])
    expect(problems(JSON.parse('{"__proto__": {"rating": "green"}}'))).toEqual(['unknownQuestion'])
    expect(problems({ 'S1.1': { rating: 'blue' } })).toEqual(['badRating'])
    expect(problems({ 'S1.1': { note: 'no rating' } })).toEqual(['badRating'])
    expect(problems({ 'S1.1': 'green' })).toEqual(['malformed'])
    expect(problems({ 'S1.1': { rating: 'red', note: 'x'.repeat(NOTE_MAX + 1) } })).toEqual(['noteTooLong'])
    expect(problems({ 'S1.1': { rating: 'red', note: 42 } })).toEqual(['malformed'])
    expect(problems({ 'S0.2': { rating: 'green', choice: 'prevent' } })).toEqual(['badChoice'])
    expect(problems({ 'S1.1': { rating: 'green', choice: 'universal' } })).toEqual(['badChoice'])
    expect(problems({ 'S4.2': { rating: 'green', barriers: { weather: 'yes' } } })).toEqual(['unknownBarrier'])
    expect(problems({ 'S4.1': { rating: 'green', barriers: { cost: 'yes' } } })).toEqual(['unknownBarrier'])
    expect(problems({ 'S4.2': { rating: 'green', barriers: { cost: 'maybe' } } })).toEqual(['badBarrierAnswer'])
  })

  test('a 500-character note is fine (counted in code points)', () => {
    expect(validateAnswers({ 'S1.1': { rating: 'red', note: '😀'.repeat(NOTE_MAX) } }).ok).toBe(true)
  })
})

describe('summarize', () => {
  test('nothing answered: everything unanswered, overall unknown, not complete', () => {
    const s = summarize({})
    expect(s.total).toEqual({ green: 0, yellow: 0, red: 0, unknown: 0, unanswered: QUESTION_IDS.length })
    expect(s.overall).toBe('unknown')
    expect(s.complete).toBe(false)
  })

  test('all green: overall green and complete', () => {
    const s = summarize(allGreen())
    expect(s.overall).toBe('green')
    expect(s.complete).toBe(true)
    expect(s.total.green).toBe(QUESTION_IDS.length)
    expect(s.bySection.S4_within_intervention.green).toBe(3)
    // S4 and S5 both ask about the intervention itself.
    expect(s.byLevel.within_intervention.green).toBe(6)
  })

  test('counts per colour per section and per level', () => {
    const answers: EquityAnswers = {
      'S1.1': { rating: 'red', note: 'Ensomhet høyere enn i fylket' },
      'S1.2': { rating: 'green' },
      'S2.1': { rating: 'yellow' },
      'S2.4': { rating: 'unknown' },
      'S3.3': { rating: 'red' },
      'S5.1': { rating: 'yellow' },
      'S6.1': { rating: 'unknown' },
    }
    const s = summarize(answers)
    expect(s.bySection.S1_between_municipalities).toEqual({ green: 1, yellow: 0, red: 1, unknown: 0, unanswered: 0 })
    expect(s.bySection.S2_between_groups).toEqual({ green: 0, yellow: 1, red: 0, unknown: 1, unanswered: 2 })
    expect(s.byLevel.between_groups).toEqual(s.bySection.S2_between_groups)
    expect(s.byLevel.within_groups).toEqual({ green: 0, yellow: 0, red: 1, unknown: 0, unanswered: 2 })
    expect(s.byLevel.within_intervention).toEqual({ green: 0, yellow: 1, red: 0, unknown: 0, unanswered: 5 })
    expect(s.bySection.S6_monitoring.unknown).toBe(1)
    expect(s.total).toEqual({ green: 1, yellow: 2, red: 2, unknown: 2, unanswered: QUESTION_IDS.length - 7 })
    expect(s.overall).toBe('red')
  })

  test('overall: red beats yellow beats unknown beats green; unanswered does not spoil green', () => {
    expect(summarize({ 'S1.1': { rating: 'yellow' }, 'S1.2': { rating: 'unknown' } }).overall).toBe('yellow')
    expect(summarize({ 'S1.1': { rating: 'green' }, 'S1.2': { rating: 'unknown' } }).overall).toBe('unknown')
    const short = summarize({ 'S2.1': { rating: 'green' }, 'S4.2': { rating: 'green' } })
    expect(short.overall).toBe('green')
    expect(short.complete).toBe(false)
  })

  test('barriers marked yes are listed in list order', () => {
    const s = summarize({ 'S4.2': { rating: 'yellow', barriers: { cost: 'yes', transport: 'yes', equipment: 'no', feeling_welcome: 'unknown' } } })
    expect(s.barriersFound).toEqual(['transport', 'cost'])
  })
})

describe('followUpTasks', () => {
  test('every unknown becomes a find-out task with the question text', () => {
    const tasks = followUpTasks({ 'S2.4': { rating: 'unknown' }, 'S1.1': { rating: 'unknown' }, 'S1.2': { rating: 'green' } })
    expect(tasks.map((t) => [t.kind, t.questionId])).toEqual([
      ['findOut', 'S1.1'],
      ['findOut', 'S2.4'],
    ])
    expect(tasks[0]?.text).toEqual(QUESTIONS.find((q) => q.id === 'S1.1')?.text)
  })

  test('a red without a note is flagged; a red with a note is not', () => {
    const tasks = followUpTasks({ 'S3.3': { rating: 'red' }, 'S5.1': { rating: 'red', note: 'De voksne snakket mest' }, 'S5.2': { rating: 'red', note: '  ' } })
    expect(tasks.map((t) => [t.kind, t.questionId])).toEqual([
      ['redNeedsNote', 'S3.3'],
      ['redNeedsNote', 'S5.2'],
    ])
  })

  test('barriers marked unknown become find-out tasks naming the barrier', () => {
    const tasks = followUpTasks({ 'S4.2': { rating: 'unknown', barriers: { digital_access: 'unknown', transport: 'unknown', cost: 'yes' } } })
    expect(tasks.map((t) => [t.kind, t.questionId, 'barrierId' in t ? t.barrierId : undefined])).toEqual([
      ['findOut', 'S4.2', undefined],
      ['findOut', 'S4.2', 'transport'],
      ['findOut', 'S4.2', 'digital_access'],
    ])
    expect(tasks[1]?.text.nb).toBe('Hvem trenger ekstra støtte for å kunne bruke tiltaket? (Transport)')
  })

  test('all green, or nothing answered, gives no tasks', () => {
    expect(followUpTasks(allGreen())).toEqual([])
    expect(followUpTasks({})).toEqual([])
  })

  test('tasks follow checklist order for any answers', () => {
    const answers: EquityAnswers = Object.fromEntries([...QUESTION_IDS].reverse().map((id, i) => [id, { rating: i % 2 ? 'unknown' : 'red' }]))
    const order = followUpTasks(answers).map((t) => QUESTION_IDS.indexOf(t.questionId as QuestionId))
    expect(order).toEqual([...order].sort((a, b) => a - b))
    expect(order).toHaveLength(QUESTION_IDS.length)
  })
})
