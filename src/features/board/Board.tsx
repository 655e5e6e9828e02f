import { useId, useState } from 'react'
import { BOARD_HEIGHT, BOARD_WIDTH, sortNotesForReading, type Note } from '../../domain/notes.ts'
import { useT } from '../../app/context.tsx'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import { NoteCard, type NoteTools } from './NoteCard.tsx'

type View = 'board' | 'list'

export interface BoardProps {
  session: WorkshopSession
  notes: Note[]
  own: ReadonlySet<string>
  /** Per-note controls the current step adds (lock, focus, moderation, clusters). */
  toolsFor?: (note: Note) => NoteTools
  /** Cluster step: notes shown in their groups, moved by drag onto a group or with the group select. */
  clusters?: { id: string; name: string }[]
  noteClusters?: ReadonlyMap<string, string>
  /** Shown above the notes (e.g. "12 notes are hidden until they are shown"). */
  notice?: string
}

/**
 * The shared board. "Board" places notes where people put them (drag or arrow keys); "List" shows
 * the same notes in reading order, which suits phones and screen readers. Both are views of the
 * same doc state. In a cluster step the notes are shown in their groups.
 */
export function Board({ session, notes, own, toolsFor, clusters, noteClusters, notice }: BoardProps) {
  const t = useT()
  const [view, setView] = useState<View>(() => (typeof window !== 'undefined' && window.innerWidth < 700 ? 'list' : 'board'))
  const ordered = sortNotesForReading(notes)
  const hintId = useId()
  const card = (n: Note, placement: 'board' | 'list') => (
    <NoteCard key={n.id} note={n} own={own.has(n.id)} session={session} placement={placement} hintId={hintId} tools={toolsFor?.(n)} />
  )
  return (
    <section className="board-section" aria-labelledby="board-h">
      <div className="board-toolbar">
        <h2 id="board-h">
          {t('board.notes')} <span className="count" data-testid="note-count">({notes.length})</span>
        </h2>
        {!clusters && (
          <div className="segmented" role="group" aria-label={t('board.viewLabel')}>
            <button type="button" className="btn" aria-pressed={view === 'board'} onClick={() => setView('board')}>
              {t('board.boardView')}
            </button>
            <button type="button" className="btn" aria-pressed={view === 'list'} onClick={() => setView('list')}>
              {t('board.listView')}
            </button>
          </div>
        )}
      </div>
      <span id={hintId} className="visually-hidden">
        {t('note.moveHint')}
      </span>
      {notice && (
        <p className="banner" role="status" data-testid="board-notice">
          {notice}
        </p>
      )}
      {notes.length === 0 && !notice && <p className="muted">{t('board.empty')}</p>}
      {clusters ? (
        <div className="cluster-columns" data-testid="board">
          {[...clusters, { id: '', name: t('cluster.ungrouped') }].map((c) => {
            const inCluster = ordered.filter((n) => (noteClusters?.get(n.id) ?? '') === c.id)
            return (
              <section key={c.id || 'none'} className="cluster-column" data-cluster-id={c.id} aria-label={c.name} data-testid="cluster-column">
                <h3>
                  {c.name} <span className="muted small">{t('cluster.count', { count: inCluster.length })}</span>
                </h3>
                <ul className="note-list">{inCluster.map((n) => card(n, 'list'))}</ul>
              </section>
            )
          })}
        </div>
      ) : view === 'board' ? (
        <div className="board-scroll" data-testid="board">
          <ul className="board-surface" style={{ width: BOARD_WIDTH, height: BOARD_HEIGHT }} aria-label={t('board.label', { count: notes.length })}>
            {ordered.map((n) => card(n, 'board'))}
          </ul>
        </div>
      ) : (
        <ul className="note-list" data-testid="board" aria-label={t('board.label', { count: notes.length })}>
          {ordered.map((n) => card(n, 'list'))}
        </ul>
      )}
    </section>
  )
}
