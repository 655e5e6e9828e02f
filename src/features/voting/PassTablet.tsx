import { useEffect, useRef, useState } from 'react'
import type { Ballot, VoteRound } from '../../domain/voting.ts'
import { useT } from '../../app/context.tsx'
import { useVotes } from '../../app/useWorkshopSession.ts'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import { BallotForm, emptyBallot } from './BallotForm.tsx'

type Phase = 'privacy' | 'voting' | 'thanks'

/**
 * Pass-the-tablet: with no network, one device goes round. Each person votes behind a privacy
 * screen; the form is rebuilt empty for every voter, so nothing of the previous vote is visible;
 * each ballot is sealed and counted exactly like one from another device.
 */
export function PassTablet({ session, round, onDone }: { session: WorkshopSession; round: VoteRound; onDone(): void }) {
  const t = useT()
  const votes = useVotes(session)
  const [phase, setPhase] = useState<Phase>('privacy')
  const [voter, setVoter] = useState(0)
  const [ballot, setBallot] = useState<Ballot>(() => emptyBallot(round))
  const [busy, setBusy] = useState(false)
  const heading = useRef<HTMLHeadingElement>(null)
  useEffect(() => heading.current?.focus(), [phase])

  async function send() {
    setBusy(true)
    const r = await session.votes.castPassed(ballot)
    setBusy(false)
    if (r.ok) {
      setBallot(emptyBallot(round))
      setVoter((v) => v + 1)
      setPhase('thanks')
    }
  }

  return (
    <div className="pass-tablet" role="dialog" aria-modal="true" aria-labelledby="pass-h" data-testid="pass-tablet" data-phase={phase}>
      <div className="pass-inner stack">
        <h2 id="pass-h" ref={heading} tabIndex={-1}>
          {t('pass.heading')}
        </h2>
        <p className="muted" data-testid="pass-count">
          {t('pass.count', { count: votes.passed })}
        </p>
        {phase === 'privacy' && (
          <>
            <p>{t('pass.intro')}</p>
            <button type="button" className="btn btn-primary pass-big" onClick={() => setPhase('voting')} data-testid="pass-start">
              {t('pass.start')}
            </button>
            <button type="button" className="btn" onClick={onDone} data-testid="pass-finish">
              {t('pass.finish')}
            </button>
          </>
        )}
        {phase === 'voting' && (
          <>
            <BallotForm key={voter} round={round} value={ballot} onChange={setBallot} disabled={busy} />
            <div className="row">
              <button type="button" className="btn btn-primary" disabled={busy} onClick={() => void send()} data-testid="pass-send">
                {t('vote.send')}
              </button>
              <button
                type="button"
                className="btn"
                onClick={() => {
                  setBallot(emptyBallot(round))
                  setVoter((v) => v + 1)
                  setPhase('privacy')
                }}
              >
                {t('pass.cancel')}
              </button>
            </div>
          </>
        )}
        {phase === 'thanks' && (
          <>
            <p role="status" data-testid="pass-thanks">
              {t('pass.done')}
            </p>
            <button type="button" className="btn btn-primary pass-big" onClick={() => setPhase('voting')} data-testid="pass-next">
              {t('pass.start')}
            </button>
            <button type="button" className="btn" onClick={onDone}>
              {t('pass.finish')}
            </button>
          </>
        )}
      </div>
    </div>
  )
}
