import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react'
import type { Note } from '../../domain/notes.ts'
import { useT } from '../../app/context.tsx'
import { linkClick } from '../../app/router.ts'
import { useConnection, useFlow, useSessionSnapshot, useWorkshopSession } from '../../app/useWorkshopSession.ts'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import { InvitePanel } from '../facilitator/InvitePanel.tsx'
import { Board } from './Board.tsx'
import { Composer } from './Composer.tsx'
import { ConnectionStatus } from './ConnectionStatus.tsx'
import { StorageBanner } from './StorageBanner.tsx'
import { ClusterPanel } from './ClusterPanel.tsx'
import type { NoteTools } from './NoteCard.tsx'
import { Console } from '../facilitator/Console.tsx'
import { SetupPanel } from '../facilitator/SetupPanel.tsx'
import { StepPanel } from '../workshop/StepPanel.tsx'
import { FocusView } from '../workshop/FocusView.tsx'
import { VoteConsole } from '../voting/VoteConsole.tsx'
import { gapOptions, isVoteStep, matrixStepOf } from '../voting/voteSetup.ts'
import { placedEfforts } from '../../app/workshopSession.ts'
import { useI18n } from '../../app/context.tsx'

// The matrix (with its drag-and-drop library) and the action-plan form load only when a step needs them.
const MatrixStep = lazy(() => import('../matrix/MatrixStep.tsx'))
const ActionPlanStep = lazy(() => import('../actionPlan/ActionPlanStep.tsx'))

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
  const { t, locale } = useI18n()
  const snap = useSessionSnapshot(session)
  const flow = useFlow(session)
  const { state, presence } = useConnection(session)
  const title = snap.meta?.title || session.summary.title || t('board.untitled')
  const waiting = session.role === 'participant' && !snap.meta
  const [waitedLong, setWaitedLong] = useState(false)
  useEffect(() => {
    if (!waiting) return
    const timer = setTimeout(() => setWaitedLong(true), 15000)
    return () => clearTimeout(timer)
  }, [waiting])

  const facilitator = session.flow.isFacilitator
  const [previewHidden, setPreviewHidden] = useState(false)
  // A template with a matrix: keep the matrix in every snapshot, for its steps and for a vote on its gaps.
  const matrixStep = matrixStepOf(flow.template)
  const sectorKey = matrixStep?.options.sectors.map((s) => s.id).join('\n') ?? ''
  useEffect(() => {
    if (sectorKey) session.watchMatrix(sectorKey.split('\n'))
  }, [session, sectorKey])
  const view = flow.view
  const step = flow.template && view?.status === 'running' ? (flow.template.steps[view.stepIndex] ?? null) : null
  const locked = !!view?.context.locked || view?.status === 'ended'
  const moderated = useMemo(() => new Set(view?.context.moderated ?? []), [view?.context.moderated])
  const hiddenStep = step?.kind === 'brainstorm' && step.options.hiddenUntilReveal && !view?.context.revealed.includes(step.id)
  // Without a flow (an older workshop, or the facilitator's key not known yet) the board is free.
  const flowless = !flow.template || !view
  const boardVisible = flowless || view.status === 'ended' || (step !== null && ['brainstorm', 'cluster', 'discuss'].includes(step.kind))
  const canWrite = flowless || (step?.kind === 'brainstorm' && !locked)

  let notes = snap.notes.filter((n) => facilitator || !moderated.has(n.id))
  let notice: string | undefined
  // The facilitator may look at the hidden notes on this screen alone, to moderate before the reveal.
  const previewing = hiddenStep && facilitator && previewHidden
  if (hiddenStep && !previewing) {
    const others = notes.filter((n) => !snap.own.has(n.id)).length + snap.sealedHidden
    notes = notes.filter((n) => snap.own.has(n.id))
    if (others > 0) notice = t('flow.hiddenCount', { count: others })
  }
  const clusterStep = step?.kind === 'cluster'
  const stepId = step?.id ?? ''
  const toolsFor = useCallback(
    (n: Note): NoteTools => ({
      locked,
      moderated: moderated.has(n.id),
      ...(facilitator && !flowless && view?.status === 'running'
        ? {
            onFocus: (id: string) => void session.flow.focus(stepId, { kind: 'note', id }),
            onModerate: (id: string, hide: boolean) => void session.flow.dispatch({ type: hide ? 'note.moderate' : 'note.restore', noteId: id }),
          }
        : {}),
      ...(clusterStep
        ? {
            clusters: snap.clusters,
            clusterId: snap.noteClusters.get(n.id) ?? null,
            onDrop: (id: string, x: number, y: number) => {
              const target = document.elementFromPoint(x, y)?.closest<HTMLElement>('[data-cluster-id]')
              if (!target) return false
              session.setNoteCluster(id as Note['id'], target.dataset.clusterId || null)
              return true
            },
          }
        : {}),
    }),
    [locked, moderated, facilitator, flowless, view?.status, session, stepId, clusterStep, snap.clusters, snap.noteClusters],
  )

  return (
    <div className="workshop">
      <div className="workshop-bar">
        <h1 tabIndex={-1} data-testid="workshop-title">
          {title}
        </h1>
        <div className="row">
          {/* The facilitator any time; anyone with an ended session (e.g. a planner who read in an archive). */}
          {(session.role !== 'participant' || view?.status === 'ended') && (
            <a className="btn btn-quiet" href={`/w/${session.id}/export`} onClick={linkClick(`/w/${session.id}/export`)} data-testid="export-open">
              {t('export.open')}
            </a>
          )}
          <ConnectionStatus state={state} />
        </div>
      </div>
      <StorageBanner session={session} problem={snap.persistProblem} />
      {flow.keyStatus === 'mismatch' && (
        <p className="banner banner-error" role="alert" data-testid="key-mismatch">
          {t('flow.keyMismatch')}
        </p>
      )}
      {session.role === 'facilitator' && flow.repaired > 0 && (
        <p className="banner" role="status" data-testid="flow-repaired">
          {t('flow.repaired', { count: flow.repaired })}
        </p>
      )}
      {facilitator && snap.afterLock > 0 && (
        <p className="banner" role="status" data-testid="after-lock">
          {t('flow.afterLock', { count: snap.afterLock })}
        </p>
      )}
      {flow.stats.gaps > 0 && (
        <p className="banner" role="status" data-testid="flow-gaps">
          {t('flow.gaps')}
        </p>
      )}
      {facilitator && hiddenStep && (
        <div className="banner row spread" data-testid="hidden-preview">
          <p>{previewHidden ? t('flow.previewOn') : t('flow.previewOff')}</p>
          <button type="button" className="btn" aria-pressed={previewHidden} onClick={() => setPreviewHidden((v) => !v)} data-testid="hidden-preview-toggle">
            {previewHidden ? t('flow.previewStop') : t('flow.previewStart')}
          </button>
        </div>
      )}
      {waiting && (
        <p className="banner" role="status" data-testid="waiting">
          {waitedLong ? t('board.waitingLong') : t('board.waiting')}
        </p>
      )}
      {session.role === 'facilitator' && <InvitePanel session={session} participants={presence.participants} running={view?.status === 'running'} />}
      {facilitator && view?.status === 'lobby' && <SetupPanel session={session} flow={flow} />}
      {facilitator && <Console session={session} flow={flow} />}
      {facilitator && isVoteStep(step) && view?.status === 'running' && (
        <section className="card console" aria-label={t('console.vote.heading')}>
          <VoteConsole
            session={session}
            flow={flow}
            step={step}
            clusters={snap.clusters}
            notes={snap.notes.filter((n) => !moderated.has(n.id))}
            gaps={step.kind === 'vote' && step.options.source === 'gaps' ? gapOptions(flow.template, placedEfforts(snap.matrix), locale) : []}
          />
        </section>
      )}
      <StepPanel session={session} flow={flow} />
      {(step?.kind === 'matrix' || step?.kind === 'action-plan') && (
        <Suspense fallback={<p role="status">{t('board.loading')}</p>}>
          {step.kind === 'matrix' ? (
            <MatrixStep session={session} step={step} notes={snap.notes.filter((n) => !moderated.has(n.id))} clusters={snap.clusters} locked={locked} />
          ) : (
            <ActionPlanStep session={session} stepId={step.id} locked={locked} />
          )}
        </Suspense>
      )}
      {view?.context.focus && step?.kind === 'discuss' && <FocusView focus={view.context.focus} notes={notes} clusters={snap.clusters} noteClusters={snap.noteClusters} />}
      {boardVisible && (
        <div className={`workshop-body${canWrite || clusterStep ? '' : ' workshop-body-wide'}`}>
          {(canWrite || clusterStep) && (
            <aside className="side stack">
              {canWrite && <Composer session={session} />}
              {clusterStep && (
                <ClusterPanel
                  session={session}
                  clusters={snap.clusters}
                  locked={locked}
                  {...(facilitator ? { onFocus: (id: string) => void session.flow.focus(stepId, { kind: 'cluster', id }) } : {})}
                />
              )}
            </aside>
          )}
          <Board
            session={session}
            notes={notes}
            own={snap.own}
            toolsFor={toolsFor}
            {...(clusterStep ? { clusters: snap.clusters, noteClusters: snap.noteClusters } : {})}
            {...(notice ? { notice } : {})}
          />
        </div>
      )}
    </div>
  )
}
