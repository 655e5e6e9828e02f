/** Builds a round's options and rules from a vote step's template options and the session's content. */
import type { Note } from '../../domain/notes.ts'
import type { StepDef } from '../../domain/template.ts'
import { EVALUATION_QUESTIONS } from '../../domain/evaluation.ts'
import { BARRIERS } from '../../domain/equityCheck.ts'
import { MAX_OPTION_LABEL, MAX_VOTE_OPTIONS, type VoteOption, type VoteRules } from '../../domain/voting.ts'

type VoteStep = Extract<StepDef, { kind: 'vote' }>
type EvaluationStep = Extract<StepDef, { kind: 'evaluation' }>
type EquityStep = Extract<StepDef, { kind: 'equity-check' }>
export type VotingStep = VoteStep | EvaluationStep | EquityStep

/**
 * The closing evaluation runs as a sealed 'scale' round over the three questions, so it has the
 * same anonymity (sealed ballots, totals only, nothing below 3 respondents) as any vote.
 */
export function optionsFor(step: VotingStep, clusters: readonly { id: string; name: string }[], notes: readonly Note[], locale: 'nb' | 'en' = 'nb'): VoteOption[] {
  if (step.kind === 'evaluation') return EVALUATION_QUESTIONS.map((q) => ({ id: q.id, label: q.youthText[locale] }))
  // The equity check gathers participants' views on the barriers anonymously, as traffic lights.
  if (step.kind === 'equity-check') return BARRIERS.map((b) => ({ id: b.id, label: b.youth[locale] }))
  const o = step.options
  const cut = (s: string) => Array.from(s.trim()).slice(0, MAX_OPTION_LABEL).join('')
  const list =
    o.source === 'custom'
      ? o.custom.map((label, i) => ({ id: `c${i + 1}`, label: cut(label) }))
      : o.source === 'notes'
        ? notes.map((n) => ({ id: n.id, label: cut(n.text) }))
        : clusters.map((c) => ({ id: c.id, label: cut(c.name) }))
  // Two options with the same label would confuse voters (and the round validator refuses them).
  const seen = new Set<string>()
  return list.filter((x) => x.label && !seen.has(x.label.toLowerCase()) && seen.add(x.label.toLowerCase())).slice(0, MAX_VOTE_OPTIONS)
}

export function rulesFor(step: VotingStep, optionCount: number): VoteRules {
  if (step.kind === 'evaluation') return { method: 'scale' }
  if (step.kind === 'equity-check') return { method: 'traffic' }
  const o = step.options
  switch (o.method) {
    case 'dots':
      return { method: 'dots', dots: o.dots, capPerOption: o.capPerOption > 0 ? Math.min(o.capPerOption, o.dots) : o.dots, mustNot: o.mustNot }
    case 'ranking':
      return { method: 'ranking', topK: Math.max(1, Math.min(o.topK, optionCount)) }
    case 'scale':
      return { method: 'scale' }
    case 'traffic':
      return { method: 'traffic' }
  }
}

export function isVoteStep(s: StepDef | null | undefined): s is VotingStep {
  return s?.kind === 'vote' || s?.kind === 'evaluation' || s?.kind === 'equity-check'
}
