import { useState } from 'react'
import { BOARD_HEIGHT, BOARD_WIDTH, sortNotesForReading, type Note } from '../../domain/notes.ts'
import { useT } from '../../app/context.tsx'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import { NoteCard } from './NoteCard.tsx'

type View = 'board' | 'list'

/**
 * The shared board. "Board" places notes where people put them (drag or arrow keys); "List" shows
 * the same notes in reading order, which suits phones and screen readers. Both are views of the
 * same doc state.
 */
export function Board({ session, notes, own }: { session: WorkshopSession; notes: Note[]; own: ReadonlySet<string> }) {
  const t = useT()
  const [view, setView] = useState<View>(() => (typeof window !== 'undefined' && window.innerWidth < 700 ? 'list' : 'board'))
  const ordered = sortNotesForReading(notes)
  return (
    <section className="board-section" aria-labelledby="board-h">
      <div className="board-toolbar">
        <h2 id="board-h">
          {t('board.notes')} <span className="count" data-testid="note-count">({notes.length})</span>
        </h2>
        <div className="segmented" role="group" aria-label={t('board.viewLabel')}>
          <button type="button" className="btn" aria-pressed={view === 'board'} onClick={() => setView('board')}>
            {t('board.boardView')}
          </button>
          <button type="button" className="btn" aria-pressed={view === 'list'} onClick={() => setView('list')}>
            {t('board.listView')}
          </button>
        </div>
      </div>
      {notes.length === 0 && <p className="muted">{t('board.empty')}</p>}
      {view === 'board' ? (
        <div className="board-scroll" data-testid="board">
          <ul className="board-surface" style={{ width: BOARD_WIDTH, height: BOARD_HEIGHT }} aria-label={t('board.label', { count: notes.length })}>
            {ordered.map((n) => (
              <NoteCard key={n.id} note={n} own={own.has(n.id)} session={session} placement="board" />
            ))}
          </ul>
        </div>
      ) : (
        <ul className="note-list" data-testid="board" aria-label={t('board.label', { count: notes.length })}>
          {ordered.map((n) => (
            <NoteCard key={n.id} note={n} own={own.has(n.id)} session={session} placement="list" />
          ))}
        </ul>
      )}
    </section>
  )
}
