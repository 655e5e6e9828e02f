/** Builds a round's options and rules from a vote step's template options and the session's content. */
import type { Note } from '../../domain/notes.ts'
import type { StepDef, Template } from '../../domain/template.ts'
import { findGaps, gapId, gapLabel, type Effort } from '../../domain/matrix.ts'
import { EVALUATION_QUESTIONS } from '../../domain/evaluation.ts'
import { BARRIERS } from '../../domain/equityCheck.ts'
import { MAX_OPTION_LABEL, MAX_VOTE_OPTIONS, type VoteOption, type VoteRules } from '../../domain/voting.ts'

type VoteStep = Extract<StepDef, { kind: 'vote' }>
type MatrixStep = Extract<StepDef, { kind: 'matrix' }>
type EvaluationStep = Extract<StepDef, { kind: 'evaluation' }>
type EquityStep = Extract<StepDef, { kind: 'equity-check' }>
export type VotingStep = VoteStep | EvaluationStep | EquityStep

/**
 * The closing evaluation runs as a sealed 'scale' round over the three questions, so it has the
 * same anonymity (sealed ballots, totals only, nothing below 3 respondents) as any vote.
 */
export function optionsFor(
  step: VotingStep,
  clusters: readonly { id: string; name: string }[],
  notes: readonly Note[],
  locale: 'nb' | 'en' = 'nb',
  gaps: readonly VoteOption[] = [],
): VoteOption[] {
  if (step.kind === 'evaluation') return EVALUATION_QUESTIONS.map((q) => ({ id: q.id, label: q.youthText[locale] }))
  // The equity check gathers participants' views on the barriers anonymously, as traffic lights.
  if (step.kind === 'equity-check') return BARRIERS.map((b) => ({ id: b.id, label: b.youth[locale] }))
  const o = step.options
  const cut = (s: string) => Array.from(s.trim()).slice(0, MAX_OPTION_LABEL).join('')
  const list =
    o.source === 'gaps'
      ? gaps.map((g) => ({ id: g.id, label: cut(g.label) }))
      : o.source === 'custom'
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

/** The matrix step whose sectors the session's gaps are read against: the first in the template. */
export function matrixStepOf(template: Template | null | undefined): MatrixStep | null {
  return (template?.steps.find((s) => s.kind === 'matrix') as MatrixStep | undefined) ?? null
}

/**
 * The gaps on the session's matrix as vote options ("which gap to fill first?"), in the matrix's
 * order. Only sectors the group placed something in count (a sector nobody mapped is not a finding,
 * and 8 empty sectors would be 48 options); if nothing is placed yet, every sector does.
 */
export function gapOptions(template: Template | null | undefined, efforts: readonly Effort[], locale: 'nb' | 'en'): VoteOption[] {
  const m = matrixStepOf(template)
  if (!m) return []
  const used = new Set(efforts.map((e) => e.sector))
  const mapped = m.options.sectors.filter((s) => used.has(s.id))
  const sectors = mapped.length > 0 ? mapped : m.options.sectors
  return findGaps(efforts, sectors).map((g) => ({ id: gapId(g), label: gapLabel(g, locale, sectors) }))
}

export function isVoteStep(s: StepDef | null | undefined): s is VotingStep {
  return s?.kind === 'vote' || s?.kind === 'evaluation' || s?.kind === 'equity-check'
}
