/**
 * Pure edits of a ballot as the voter builds it. Every function takes the round and the current
 * ballot and returns a NEW ballot that `validateBallot(round, …)` accepts, whatever it was given:
 * a ballot that does not fit the round (another method, a stale round) is replaced by an empty
 * one first, and an edit the rules do not allow (a dot over the budget, a fourth choice in a
 * top three) leaves the ballot as it was. So the UI cannot produce an invalid ballot.
 *
 * One choice beyond the domain rules: with "must not" on, a must-not and dots on the same option
 * contradict each other, so the last action wins (marking must-not returns that option's dots to
 * the pool; adding a dot clears its must-not). The domain would accept both, it is only clearer.
 */
import { validateBallot, type Ballot, type ScaleAnswer, type TrafficAnswer, type VoteRound } from '../../domain/voting.ts'

/** A ballot that says nothing (valid for every round: abstaining is allowed). */
export function emptyBallot(round: VoteRound): Ballot {
  switch (round.rules.method) {
    case 'dots':
      return { method: 'dots', dots: {} }
    case 'ranking':
      return { method: 'ranking', order: [] }
    case 'scale':
      return { method: 'scale', answers: {} }
    case 'traffic':
      return { method: 'traffic', answers: {} }
  }
}

/** A canonical, valid copy of `ballot`, or an empty ballot when it does not fit the round. */
export function normalizeBallot(round: VoteRound, ballot: unknown): Ballot {
  const r = validateBallot(round, ballot)
  return r.ok ? r.ballot : emptyBallot(round)
}

/** Applies `edit` to a valid copy and keeps the result only if it is valid too. */
function apply(round: VoteRound, ballot: unknown, edit: (b: Ballot) => Ballot | null): Ballot {
  const start = normalizeBallot(round, ballot)
  const next = edit(start)
  if (!next) return start
  const r = validateBallot(round, next)
  return r.ok ? r.ballot : start
}

const known = (round: VoteRound, optionId: string) => round.options.some((o) => o.id === optionId)

// ---------------------------------------------------------------------------------------------
// Dots

export function dotsUsed(ballot: Ballot): number {
  return ballot.method === 'dots' ? Object.values(ballot.dots).reduce((a, n) => a + n, 0) : 0
}

/** Dots still to place (0 for other methods). */
export function dotsLeft(round: VoteRound, ballot: Ballot): number {
  return round.rules.method === 'dots' ? Math.max(0, round.rules.dots - dotsUsed(ballot)) : 0
}

export function dotsOn(ballot: Ballot, optionId: string): number {
  return ballot.method === 'dots' && Object.hasOwn(ballot.dots, optionId) ? (ballot.dots[optionId] ?? 0) : 0
}

/** Whether one more dot may go on the option (budget and per-option cap). */
export function canAddDot(round: VoteRound, ballot: Ballot, optionId: string): boolean {
  const rules = round.rules
  return rules.method === 'dots' && known(round, optionId) && dotsLeft(round, ballot) > 0 && dotsOn(ballot, optionId) < rules.capPerOption
}

export function addDot(round: VoteRound, ballot: Ballot, optionId: string): Ballot {
  return apply(round, ballot, (b) => {
    if (b.method !== 'dots' || !canAddDot(round, b, optionId)) return null
    const next: Ballot = { method: 'dots', dots: { ...b.dots, [optionId]: dotsOn(b, optionId) + 1 } }
    if (b.mustNot !== undefined && b.mustNot !== optionId) next.mustNot = b.mustNot
    return next
  })
}

export function removeDot(round: VoteRound, ballot: Ballot, optionId: string): Ballot {
  return apply(round, ballot, (b) => {
    if (b.method !== 'dots' || dotsOn(b, optionId) === 0) return null
    return { ...b, dots: { ...b.dots, [optionId]: dotsOn(b, optionId) - 1 } }
  })
}

/** Marks the option as "must not" (replacing any other), or clears it when it already is. */
export function toggleMustNot(round: VoteRound, ballot: Ballot, optionId: string): Ballot {
  return apply(round, ballot, (b) => {
    if (b.method !== 'dots' || round.rules.method !== 'dots' || !round.rules.mustNot || !known(round, optionId)) return null
    if (b.mustNot === optionId) return { method: 'dots', dots: { ...b.dots } }
    const dots = { ...b.dots }
    delete dots[optionId]
    return { method: 'dots', dots, mustNot: optionId }
  })
}

// ---------------------------------------------------------------------------------------------
// Ranking

export function rankOf(ballot: Ballot, optionId: string): number | null {
  if (ballot.method !== 'ranking') return null
  const i = ballot.order.indexOf(optionId)
  return i < 0 ? null : i + 1
}

export function canRankAdd(round: VoteRound, ballot: Ballot, optionId: string): boolean {
  return round.rules.method === 'ranking' && ballot.method === 'ranking' && known(round, optionId) && !ballot.order.includes(optionId) && ballot.order.length < round.rules.topK
}

/** Puts the option last in the ranking. */
export function rankAdd(round: VoteRound, ballot: Ballot, optionId: string): Ballot {
  return apply(round, ballot, (b) => (b.method === 'ranking' && canRankAdd(round, b, optionId) ? { method: 'ranking', order: [...b.order, optionId] } : null))
}

/** Moves a ranked option `delta` places (−1 is up, towards first). Out of range: no change. */
export function rankMove(round: VoteRound, ballot: Ballot, optionId: string, delta: number): Ballot {
  return apply(round, ballot, (b) => {
    if (b.method !== 'ranking') return null
    const from = b.order.indexOf(optionId)
    const to = from + delta
    if (from < 0 || !Number.isInteger(delta) || to < 0 || to >= b.order.length || to === from) return null
    const order = [...b.order]
    order.splice(from, 1)
    order.splice(to, 0, optionId)
    return { method: 'ranking', order }
  })
}

export function rankRemove(round: VoteRound, ballot: Ballot, optionId: string): Ballot {
  return apply(round, ballot, (b) => (b.method === 'ranking' && b.order.includes(optionId) ? { method: 'ranking', order: b.order.filter((id) => id !== optionId) } : null))
}

// ---------------------------------------------------------------------------------------------
// Scale and traffic light

export type Answer = ScaleAnswer | TrafficAnswer

export function answerOf(ballot: Ballot, optionId: string): Answer | undefined {
  if (ballot.method !== 'scale' && ballot.method !== 'traffic') return undefined
  return Object.hasOwn(ballot.answers, optionId) ? ballot.answers[optionId] : undefined
}

/** Sets the answer for one statement; `null` clears it. An answer of the wrong kind: no change. */
export function setAnswer(round: VoteRound, ballot: Ballot, optionId: string, answer: Answer | null): Ballot {
  return apply(round, ballot, (b) => {
    if ((b.method !== 'scale' && b.method !== 'traffic') || !known(round, optionId)) return null
    const answers: Record<string, unknown> = { ...b.answers }
    if (answer === null) delete answers[optionId]
    else answers[optionId] = answer
    // validateBallot checks each answer against the method and makes the types exact again.
    return { method: b.method, answers } as Ballot
  })
}
