import { useEffect, useState } from 'react'
import type { Ballot } from '../../domain/voting.ts'
import { useT } from '../../app/context.tsx'
import type { FlowState } from '../../app/flowController.ts'
import { openRoundOf } from '../../machines/workshopMachine.ts'
import { useConnection, useVotes } from '../../app/useWorkshopSession.ts'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import { BallotForm, emptyBallot } from './BallotForm.tsx'
import { ResultsView } from './ResultsView.tsx'
import { VoteHelp } from './VoteHelp.tsx'
import { VoteStatus } from './VoteStatus.tsx'

/**
 * The vote step as every device shows it: the ballot form while a round is open (participants),
 * "N of M have voted" (everyone), and after the facilitator closes the round, the published
 * results only.
 */
export function VoteStep({ session, flow, stepId }: { session: WorkshopSession; flow: FlowState; stepId: string }) {
  const t = useT()
  const votes = useVotes(session)
  const { presence } = useConnection(session)
  const ctx = flow.view?.context
  const open = openRoundOf(ctx)
  const closed = Object.values(ctx?.votes ?? {}).filter((v) => v.step === stepId && v.status === 'closed' && v.results)
  const last = closed[closed.length - 1]
  const participants = presence.participants + (session.role === 'participant' ? 1 : 0)
  return (
    <div className="stack vote-step" data-testid="vote-step">
      {open ? (
        <>
          <VoteStatus submitted={votes.submitted} participants={participants} />
          {session.role === 'participant' && <ParticipantBallot key={open.round.roundId} session={session} round={open.round} cast={votes.cast} />}
        </>
      ) : last?.results ? (
        <ResultsView round={last.round} results={last.results} />
      ) : (
        <p className="muted" data-testid="vote-not-open">
          {t('vote.notOpen')}
        </p>
      )}
      <VoteHelp audience={session.role === 'facilitator' ? 'facilitator' : 'participant'} />
    </div>
  )
}

function ParticipantBallot({ session, round, cast }: { session: WorkshopSession; round: Parameters<typeof emptyBallot>[0]; cast: boolean }) {
  const t = useT()
  const [ballot, setBallot] = useState<Ballot>(() => emptyBallot(round))
  const [dirty, setDirty] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const { state } = useConnection(session)
  useEffect(() => setDirty(true), [ballot])
  async function send() {
    setBusy(true)
    try {
      const r = await session.votes.cast(ballot)
      if (r.ok) {
        setDirty(false)
        setError(null)
      } else setError(t('vote.invalid', { problem: r.problem }))
    } catch (err) {
      setError(t('vote.sealError', { message: err instanceof Error ? err.message : String(err) }))
    }
    setBusy(false)
  }
  return (
    <div className="stack">
      <BallotForm round={round} value={ballot} onChange={setBallot} disabled={busy} />
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={() => void send()} disabled={busy || (cast && !dirty)} data-testid="vote-send">
          {cast ? t('vote.change') : t('vote.send')}
        </button>
      </div>
      {cast && !dirty && (
        <p role="status" className="banner banner-ok" data-testid="vote-sent">
          {t('vote.sent')}
        </p>
      )}
      {state.kind !== 'connected' && <p className="hint">{t('vote.noAwareness')}</p>}
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
    </div>
  )
}
