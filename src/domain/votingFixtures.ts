/**
 * Fixed rounds and ballots for tests of voting and of the layers around it (sealing, awareness,
 * UI). The worst cases are the largest plain texts `encodeBallotPlain` can produce, which is what
 * BALLOT_PLAIN_MAX and the sealing padding must hold.
 */
import { MAX_DOTS, MAX_VOTE_OPTIONS, type Ballot, type VoteMethod, type VoteRound, type VoteRules } from './voting.ts'

/** A 64-character id that differs from its neighbours only at the end, like a real worst case. */
export const longId = (i: number): string => `o${String(i).padStart(2, '0')}`.padEnd(64, 'x')
export const WORST_CASE_TOKEN = 'T'.repeat(64)

/** 40 options with 64-character ids and the most generous rules of each method. */
export function worstCaseRound(method: VoteMethod): VoteRound {
  const options = Array.from({ length: MAX_VOTE_OPTIONS }, (_, i) => ({ id: longId(i), label: `Option ${i + 1}` }))
  const rules: VoteRules =
    method === 'dots'
      ? { method, dots: MAX_DOTS, capPerOption: MAX_DOTS, mustNot: true }
      : method === 'ranking'
        ? { method, topK: MAX_VOTE_OPTIONS }
        : { method }
  return { roundId: `worst-${method}`, options, rules }
}

/**
 * The longest valid ballot for a worst-case round: one dot on each of 20 options plus a
 * must-not (more digits need ≥ 10 dots on one option, so fewer entries); all 40 ranked; every
 * statement answered with the longest answer ("unknown").
 */
export function worstCaseBallot(round: VoteRound): Ballot {
  const ids = round.options.map((o) => o.id)
  switch (round.rules.method) {
    case 'dots': {
      const budget = round.rules.dots
      return { method: 'dots', dots: Object.fromEntries(ids.slice(0, budget).map((id) => [id, 1])), mustNot: ids[ids.length - 1] ?? '' }
    }
    case 'ranking':
      return { method: 'ranking', order: ids.slice(0, round.rules.topK) }
    case 'scale':
      return { method: 'scale', answers: Object.fromEntries(ids.map((id) => [id, 'unknown' as const])) }
    case 'traffic':
      return { method: 'traffic', answers: Object.fromEntries(ids.map((id) => [id, 'unknown' as const])) }
  }
}

/** A small, readable round per method for UI and flow tests. */
export function sampleRound(method: VoteMethod): VoteRound {
  const options = [
    { id: 'school', label: 'Trygg skolevei' },
    { id: 'youth-club', label: 'Fritidsklubb åpen i helgene' },
    { id: 'sports', label: 'Gratis idrett for alle' },
    { id: 'mental', label: 'Noen å snakke med' },
  ]
  const rules: VoteRules =
    method === 'dots' ? { method, dots: 3, capPerOption: 3, mustNot: true } : method === 'ranking' ? { method, topK: 3 } : { method }
  return { roundId: `sample-${method}`, options, rules }
}
