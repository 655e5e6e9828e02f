import { useEffect, useState } from 'react'
import { useT } from '../../app/context.tsx'
import { linkClick } from '../../app/router.ts'
import { useConnection, useSessionSnapshot, useWorkshopSession } from '../../app/useWorkshopSession.ts'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import { InvitePanel } from '../facilitator/InvitePanel.tsx'
import { Board } from './Board.tsx'
import { Composer } from './Composer.tsx'
import { ConnectionStatus } from './ConnectionStatus.tsx'
import { StorageBanner } from './StorageBanner.tsx'

/** `/w/<id>` — the shared board, for the facilitator and for participants. */
export function BoardScreen({ id }: { id: string }) {
  const t = useT()
  const load = useWorkshopSession(id)
  if (load.status === 'loading') return <p role="status">{t('board.loading')}</p>
  if (load.status === 'missing')
    return (
      <div className="narrow stack">
        <h1 tabIndex={-1}>{t('board.notFound')}</h1>
        <a href="/" onClick={linkClick('/')}>
          {t('board.back')}
        </a>
      </div>
    )
  if (load.status === 'error') return <p role="alert">{t('error.generic', { message: load.message })}</p>
  return <Workshop session={load.session} />
}

function Workshop({ session }: { session: WorkshopSession }) {
  const t = useT()
  const snap = useSessionSnapshot(session)
  const { state, presence } = useConnection(session)
  const title = snap.meta?.title || session.summary.title || t('board.untitled')
  const waiting = session.role === 'participant' && !snap.meta
  const [waitedLong, setWaitedLong] = useState(false)
  useEffect(() => {
    if (!waiting) return
    const timer = setTimeout(() => setWaitedLong(true), 15000)
    return () => clearTimeout(timer)
  }, [waiting])

  return (
    <div className="workshop">
      <div className="workshop-bar">
        <h1 tabIndex={-1} data-testid="workshop-title">
          {title}
        </h1>
        <ConnectionStatus state={state} />
      </div>
      <StorageBanner session={session} problem={snap.persistProblem} />
      {waiting && (
        <p className="banner" role="status" data-testid="waiting">
          {waitedLong ? t('board.waitingLong') : t('board.waiting')}
        </p>
      )}
      {session.role === 'facilitator' && <InvitePanel session={session} participants={presence.participants} />}
      <div className="workshop-body">
        <aside className="side stack">
          <Composer session={session} />
        </aside>
        <Board session={session} notes={snap.notes} own={snap.own} />
      </div>
    </div>
  )
}
