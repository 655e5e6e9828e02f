import { useMemo } from 'react'
import type { Ballot, VoteRound } from '../../domain/voting.ts'
import { useT } from '../../app/context.tsx'
import { AnswerBallot } from './AnswerBallot.tsx'
import { emptyBallot as empty, normalizeBallot } from './ballotEdit.ts'
import { DotsBallot } from './DotsBallot.tsx'
import { RankingBallot } from './RankingBallot.tsx'

/** A ballot that says nothing, the starting point of every form (valid: abstaining is allowed). */
export function emptyBallot(round: VoteRound): Ballot {
  return empty(round)
}

/**
 * The voter's ballot for one round, presentational: the ballot comes in as `value` and every
 * change goes out through `onChange` as a new ballot that `validateBallot(round, …)` accepts
 * (the edits live in ballotEdit.ts). A `value` that does not fit the round is shown as empty.
 * `disabled` (round closed, sending) disables every control through the outer fieldset.
 */
export function BallotForm(props: { round: VoteRound; value: Ballot; onChange(b: Ballot): void; disabled?: boolean }) {
  const t = useT()
  const { round, value, onChange, disabled = false } = props
  const ballot = useMemo(() => normalizeBallot(round, value), [round, value])
  const change = (b: Ballot) => {
    if (!disabled) onChange(b)
  }
  const rules = round.rules
  return (
    <fieldset className="ballot-form" data-testid="ballot-form" data-method={rules.method} disabled={disabled}>
      <legend className="visually-hidden">{t('voting.ballot.label')}</legend>
      {rules.method === 'dots' && <DotsBallot round={round} rules={rules} ballot={ballot} onChange={change} />}
      {rules.method === 'ranking' && <RankingBallot round={round} topK={rules.topK} ballot={ballot} onChange={change} />}
      {(rules.method === 'scale' || rules.method === 'traffic') && <AnswerBallot round={round} method={rules.method} ballot={ballot} onChange={change} />}
    </fieldset>
  )
}
