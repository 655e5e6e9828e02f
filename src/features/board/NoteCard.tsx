import { useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import { NOTE_COLORS, NOTE_MAX_LENGTH, noteLength, validateNoteText, type Note } from '../../domain/notes.ts'
import { useT } from '../../app/context.tsx'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { announce } from '../../ui/announce.ts'
import { ColorPicker } from './ColorPicker.tsx'
import { Icon } from '../../ui/icons.tsx'

const STEP = 16
const BIG_STEP = 80

/**
 * One note. Anyone may move and recolour it; only the device that wrote it may edit or delete it
 * (it is the only device that knows it wrote it). A move is committed once, when the drag ends, so
 * peers get one update per move rather than one per pixel.
 */
export function NoteCard(props: { note: Note; own: boolean; session: WorkshopSession; placement: 'board' | 'list' }) {
  const { note, own, session, placement } = props
  const t = useT()
  const [drag, setDrag] = useState<{ dx: number; dy: number } | null>(null)
  const start = useRef<{ x: number; y: number; id: number } | null>(null)
  const [editing, setEditing] = useState(false)
  const [showColors, setShowColors] = useState(false)
  const hintId = useId()

  function onPointerDown(e: PointerEvent<HTMLButtonElement>) {
    if (placement !== 'board') return
    e.currentTarget.setPointerCapture(e.pointerId)
    start.current = { x: e.clientX, y: e.clientY, id: e.pointerId }
    setDrag({ dx: 0, dy: 0 })
  }
  function onPointerMove(e: PointerEvent<HTMLButtonElement>) {
    if (!start.current || start.current.id !== e.pointerId) return
    setDrag({ dx: e.clientX - start.current.x, dy: e.clientY - start.current.y })
  }
  function onPointerUp(e: PointerEvent<HTMLButtonElement>) {
    if (!start.current || start.current.id !== e.pointerId) return
    const dx = e.clientX - start.current.x
    const dy = e.clientY - start.current.y
    start.current = null
    setDrag(null)
    if (Math.abs(dx) + Math.abs(dy) > 2) session.moveNote(note.id, note.x + dx, note.y + dy)
  }
  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    const step = e.shiftKey ? BIG_STEP : STEP
    const d: Record<string, [number, number]> = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] }
    const m = d[e.key]
    if (!m) return
    e.preventDefault()
    session.moveNote(note.id, note.x + m[0], note.y + m[1])
    announce(t('note.moved'))
  }

  const style =
    placement === 'board'
      ? { transform: `translate(${note.x + (drag?.dx ?? 0)}px, ${note.y + (drag?.dy ?? 0)}px)` }
      : undefined

  return (
    <li className={`note note-${note.color}${drag ? ' note-dragging' : ''} note-${placement}`} style={style} data-testid="note" data-note-id={note.id}>
      {editing ? (
        <EditNote note={note} session={session} onDone={() => setEditing(false)} />
      ) : (
        <p className="note-text">
          {note.text}
        </p>
      )}
      {own && !editing && <span className="note-own small">{t('note.yours')}</span>}
      {!editing && (
        <div className="note-actions">
          {placement === 'board' && (
            <button
              type="button"
              className="icon-btn drag-handle"
              aria-label={t('note.label', { text: note.text.slice(0, 60) })}
              aria-describedby={hintId}
              onPointerDown={onPointerDown}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onPointerCancel={() => {
                start.current = null
                setDrag(null)
              }}
              onKeyDown={onKeyDown}
              data-testid="note-move"
            >
              <Icon name="move" />
            </button>
          )}
          <span id={hintId} className="visually-hidden">
            {t('note.moveHint')}
          </span>
          <button type="button" className="icon-btn" aria-expanded={showColors} onClick={() => setShowColors((v) => !v)} aria-label={t('note.color')}>
            <Icon name="palette" />
          </button>
          {own && (
            <>
              <button type="button" className="icon-btn" onClick={() => setEditing(true)} aria-label={t('note.edit')} data-testid="note-edit">
                <Icon name="edit" />
              </button>
              <button
                type="button"
                className="icon-btn"
                aria-label={t('note.delete')}
                data-testid="note-delete"
                onClick={() => {
                  if (!window.confirm(t('note.deleteConfirm'))) return
                  void session.deleteNote(note.id).then(() => announce(t('note.deleted')))
                }}
              >
                <Icon name="trash" />
              </button>
            </>
          )}
        </div>
      )}
      {showColors && !editing && (
        <ColorPicker
          label={t('note.color')}
          value={note.color}
          colors={NOTE_COLORS}
          onChange={(c) => {
            session.recolorNote(note.id, c)
            setShowColors(false)
          }}
        />
      )}
    </li>
  )
}

function EditNote({ note, session, onDone }: { note: Note; session: WorkshopSession; onDone(): void }) {
  const t = useT()
  const [text, setText] = useState(note.text)
  const [error, setError] = useState<MessageKey | null>(null)
  const id = useId()
  const length = noteLength(text.trim())
  function save() {
    const v = validateNoteText(text)
    if (!v.ok) {
      setError(v.problem === 'empty' ? 'note.error.empty' : 'note.error.tooLong')
      return
    }
    const res = session.editNote(note.id, text)
    if (!res.ok) {
      setError(`note.error.${res.problem}`)
      return
    }
    onDone()
  }
  return (
    <div className="stack note-edit">
      <label htmlFor={id} className="visually-hidden">
        {t('note.editLabel')}
      </label>
      <textarea
        id={id}
        value={text}
        rows={3}
        autoFocus
        onChange={(e) => {
          setText(e.target.value)
          setError(null)
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape') onDone()
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) save()
        }}
        data-testid="note-edit-text"
      />
      <span className={`counter small${length > NOTE_MAX_LENGTH ? ' counter-over' : ''}`}>{t('composer.counter', { count: length, max: NOTE_MAX_LENGTH })}</span>
      {error && (
        <p className="field-error" role="alert">
          {t(error, { count: length, max: NOTE_MAX_LENGTH })}
        </p>
      )}
      <div className="row">
        <button type="button" className="btn btn-primary" onClick={save} data-testid="note-save">
          {t('note.save')}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          {t('note.cancel')}
        </button>
      </div>
    </div>
  )
}
