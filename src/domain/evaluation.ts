/**
 * The anonymous closing evaluation: three questions from DOMAIN.md, each on a 1–5 scale or
 * skipped. It measures the two failures the Trøndelag research found (youth felt they had no
 * influence and heard nothing back) from the youth's side, session by session.
 *
 * Decisions worth knowing:
 * - An answer comes off the network (or a shared tablet), so `validateEvaluationAnswer` checks
 *   it and returns a fresh copy. A question left out counts as skipped: skipping is always
 *   allowed, and a participant who closes the screen half-way has skipped the rest. A question
 *   we do not know is an error, not something to drop silently.
 * - The small-number rule is the voting rule (voting.ts): per question, fewer than
 *   PUBLISH_MIN_VOTERS answers show nothing, fewer than COUNTS_MIN_VOTERS show no numbers at all
 *   (no n, no distribution, no mean; a mean of three answers on a five-point scale gives away the
 *   sum). Skips do not count towards the thresholds, as blank ballots do not.
 * - Below the counts threshold a question can still show where it ranks against the others, as a
 *   vote shows its order. But a rank next to another question's published mean would bound the
 *   hidden mean ("above 4.6" with three answers means nearly all said 5), so ranks are shown only
 *   when every published question is at the same level.
 */
import * as v from 'valibot'
import type { LocalizedText } from './template.ts'
import { publishLevel, type Publish, type ScaleDistribution } from './voting.ts'

export type EvaluationQuestionId = 'couldSay' | 'willMatter' | 'wasClear'
export type EvaluationValue = 1 | 2 | 3 | 4 | 5 | 'skip'
export const EVALUATION_VALUES: readonly EvaluationValue[] = [1, 2, 3, 4, 5, 'skip']

export interface EvaluationQuestion {
  id: EvaluationQuestionId
  /** The question as DOMAIN.md words it, for facilitators and the planner's summary. */
  text: LocalizedText
  /** The same question in plain words for participants (reading age ~12). */
  youthText: LocalizedText
  /** A short heading for the summary table. */
  label: LocalizedText
  /** What 1 and 5 mean, shown at the ends of the scale. */
  low: LocalizedText
  high: LocalizedText
}

export const EVALUATION_QUESTIONS: readonly EvaluationQuestion[] = [
  {
    id: 'couldSay',
    text: { nb: 'Fikk du sagt det du ville?', en: 'Could you say what you wanted?' },
    youthText: { nb: 'Fikk du sagt det du hadde lyst til å si i dag?', en: 'Did you get to say what you wanted to say today?' },
    label: { nb: 'Fikk sagt det de ville', en: 'Could say what they wanted' },
    low: { nb: 'Nei, ikke i det hele tatt', en: 'No, not at all' },
    high: { nb: 'Ja, alt', en: 'Yes, all of it' },
  },
  {
    id: 'willMatter',
    text: { nb: 'Tror du det vil bety noe?', en: 'Do you believe it will matter?' },
    youthText: { nb: 'Tror du at det vi kom fram til i dag, blir brukt?', en: 'Do you think what we came up with today will be used?' },
    label: { nb: 'Tror det vil bety noe', en: 'Believe it will matter' },
    low: { nb: 'Nei, ikke i det hele tatt', en: 'No, not at all' },
    high: { nb: 'Ja, helt sikkert', en: 'Yes, for sure' },
  },
  {
    id: 'wasClear',
    text: { nb: 'Var det tydelig?', en: 'Was it clear?' },
    youthText: { nb: 'Skjønte du hva vi skulle gjøre, og hvorfor?', en: 'Did you understand what we were doing, and why?' },
    label: { nb: 'Var tydelig', en: 'Was clear' },
    low: { nb: 'Nei, ikke i det hele tatt', en: 'No, not at all' },
    high: { nb: 'Ja, helt', en: 'Yes, completely' },
  },
]
export const EVALUATION_QUESTION_IDS: readonly EvaluationQuestionId[] = EVALUATION_QUESTIONS.map((q) => q.id)
export const SKIP_LABEL: LocalizedText = { nb: 'Hopp over', en: 'Skip' }

/** One participant's answers. It carries no identity: nothing links it to a device or a person. */
export type EvaluationAnswer = Record<EvaluationQuestionId, EvaluationValue>

export type EvaluationProblem = 'malformed' | 'unknownQuestion' | 'badValue'
export type EvaluationAnswerResult = { ok: true; answer: EvaluationAnswer } | { ok: false; problem: EvaluationProblem }

const ValueSchema = v.optional(v.picklist(EVALUATION_VALUES, 'badValue'), 'skip')
const AnswerSchema = v.object({ couldSay: ValueSchema, willMatter: ValueSchema, wasClear: ValueSchema })

/** Checks an untrusted answer; missing questions become 'skip'. */
export function validateEvaluationAnswer(raw: unknown): EvaluationAnswerResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: 'malformed' }
  // Own keys, so a JSON "__proto__" key is seen (and refused) rather than ignored.
  if (Object.keys(raw).some((k) => !(EVALUATION_QUESTION_IDS as readonly string[]).includes(k))) return { ok: false, problem: 'unknownQuestion' }
  const res = v.safeParse(AnswerSchema, raw)
  if (!res.success) return { ok: false, problem: 'badValue' }
  return { ok: true, answer: { couldSay: res.output.couldSay, willMatter: res.output.willMatter, wasClear: res.output.wasClear } }
}

export function isBlankEvaluation(a: EvaluationAnswer): boolean {
  return EVALUATION_QUESTION_IDS.every((id) => a[id] === 'skip')
}

export type QuestionSummary =
  | { questionId: EvaluationQuestionId; publish: 'none' }
  | { questionId: EvaluationQuestionId; publish: 'rankOnly'; rank?: number }
  | {
      questionId: EvaluationQuestionId
      publish: 'full'
      /** Answers on the scale (skips not included). */
      n: number
      skipped: number
      /** Counts of 1, 2, 3, 4, 5. */
      distribution: ScaleDistribution
      /** Rounded to one decimal. */
      mean: number
      rank?: number
    }

export interface EvaluationSummary {
  /** Everyone who sent an answer, including all-skip ones; the room sees this number anyway. */
  respondents: number
  /** The level for the evaluation as a whole, from respondents who answered at least one question. */
  publish: Publish
  /** In the order of EVALUATION_QUESTIONS. */
  questions: QuestionSummary[]
}

/**
 * The publishable view of the answers. Numbers below the thresholds are not in the object at
 * all, so no view can leak them by accident. Ranks are competition ranks (1, 1, 3) by the mean
 * rounded to one decimal, the same figure a reader sees, so two questions showing 4.3 share a rank.
 */
export function summarizeEvaluation(answers: readonly EvaluationAnswer[]): EvaluationSummary {
  const respondents = answers.length
  const blank = answers.filter(isBlankEvaluation).length
  const stats = EVALUATION_QUESTION_IDS.map((questionId) => {
    const distribution: ScaleDistribution = [0, 0, 0, 0, 0]
    for (const a of answers) {
      const val = a[questionId]
      if (typeof val === 'number') distribution[val - 1] = (distribution[val - 1] ?? 0) + 1
    }
    const n = distribution.reduce((s, c) => s + c, 0)
    const sum = distribution.reduce((s, c, i) => s + c * (i + 1), 0)
    // Integer tenths: round(sum * 10 / n) is exact for the small integers involved.
    const tenths = n > 0 ? Math.round((sum * 10) / n) : 0
    return { questionId, publish: publishLevel(n, 0), n, distribution, tenths }
  })
  const published = stats.filter((s) => s.publish !== 'none')
  const ranked = published.length > 0 && published.every((s) => s.publish === published[0]?.publish)
  const rankOf = (tenths: number) => 1 + published.filter((s) => s.tenths > tenths).length

  const questions = stats.map((s): QuestionSummary => {
    if (s.publish === 'none') return { questionId: s.questionId, publish: 'none' }
    const rank = ranked ? { rank: rankOf(s.tenths) } : {}
    if (s.publish === 'rankOnly') return { questionId: s.questionId, publish: 'rankOnly', ...rank }
    return { questionId: s.questionId, publish: 'full', n: s.n, skipped: respondents - s.n, distribution: s.distribution, mean: s.tenths / 10, ...rank }
  })
  return { respondents, publish: publishLevel(respondents, blank), questions }
}
