import { useEffect, useState } from 'react'
import type { Ballot } from '../../domain/voting.ts'
import type { ReceiptStatus } from '../../domain/votingLedger.ts'
import type { PassStatus } from '../../app/voteController.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
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
          {session.role === 'participant' && <ParticipantBallot key={open.round.roundId} session={session} round={open.round} cast={votes.cast} pass={votes.pass} waiting={votes.waiting} />}
        </>
      ) : last?.results ? (
        <>
          {session.role === 'participant' && <Receipt status={votes.receipts[last.round.roundId]} />}
          <ResultsView round={last.round} results={last.results} />
        </>
      ) : (
        <p className="muted" data-testid="vote-not-open">
          {t('vote.notOpen')}
        </p>
      )}
      <VoteHelp audience={session.role === 'facilitator' ? 'facilitator' : 'participant'} />
    </div>
  )
}

/** The voter's receipt: its own fingerprint found (or not) on the published board. Says nothing about anyone else. */
function Receipt({ status }: { status: ReceiptStatus | undefined }) {
  const t = useT()
  if (!status || status === 'none') return null
  const ok = status === 'counted'
  return (
    <p role={ok ? 'status' : 'alert'} className={ok ? 'banner banner-ok' : 'banner'} data-testid="vote-receipt" data-status={status}>
      {t(`vote.receipt.${status}` as MessageKey)}
    </p>
  )
}

function ParticipantBallot({ session, round, cast, pass, waiting }: { session: WorkshopSession; round: Parameters<typeof emptyBallot>[0]; cast: boolean; pass: PassStatus; waiting: boolean }) {
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
      {cast && !dirty && !waiting && (
        <p role="status" className="banner banner-ok" data-testid="vote-sent">
          {t('vote.sent')}
        </p>
      )}
      <p role="status" className="hint" data-testid="vote-pass" data-pass={pass} data-waiting={waiting ? '1' : '0'}>
        {waiting && pass !== 'refused' && pass !== 'failed' ? t('vote.pass.waiting') : pass === 'asking' ? t('vote.pass.asking') : ''}
      </p>
      {(pass === 'refused' || pass === 'failed') && (
        <p role="alert" className="field-error" data-testid="vote-pass-problem">
          {t(pass === 'refused' ? 'vote.pass.refused' : 'vote.pass.failed')}
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
