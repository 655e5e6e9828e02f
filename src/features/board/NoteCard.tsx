import { memo, useId, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react'
import { NOTE_COLORS, NOTE_MAX_LENGTH, noteLength, validateNoteText, type Note } from '../../domain/notes.ts'
import { useT } from '../../app/context.tsx'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { announce } from '../../ui/announce.ts'
import { ColorPicker } from './ColorPicker.tsx'
import { PiiWarning } from './PiiWarning.tsx'
import { Icon } from '../../ui/icons.tsx'

const STEP = 16
const BIG_STEP = 80

/**
 * One note. Anyone may move and recolour it; only the device that wrote it may edit or delete it
 * (it is the only device that knows it wrote it). A move is committed once, when the drag ends, so
 * peers get one update per move rather than one per pixel.
 */
/** Extra controls a step adds to each note: facilitator focus/moderation, cluster choice, lock. */
export interface NoteTools {
  locked: boolean
  /** Facilitator only: put the note in focus on every screen. */
  onFocus?: (id: string) => void
  /** Facilitator only: hide or show the note for everyone (without revealing who wrote it). */
  onModerate?: (id: string, hide: boolean) => void
  moderated?: boolean
  /** Cluster step: the groups to choose from and the note's current group. */
  clusters?: readonly { id: string; name: string }[]
  clusterId?: string | null
  /** Called when a note is dropped (pointer) at a screen point, e.g. onto a cluster. */
  onDrop?: (id: string, clientX: number, clientY: number) => boolean
}

const NO_TOOLS: NoteTools = { locked: false }

export const NoteCard = memo(function NoteCard(props: { note: Note; own: boolean; session: WorkshopSession; placement: 'board' | 'list'; hintId: string; tools?: NoteTools }) {
  const { note, own, session, placement, hintId } = props
  const tools = props.tools ?? NO_TOOLS
  const canMove = !tools.locked && (placement === 'board' || !!tools.onDrop)
  const t = useT()
  const [drag, setDrag] = useState<{ dx: number; dy: number } | null>(null)
  const start = useRef<{ x: number; y: number; id: number } | null>(null)
  const [editing, setEditing] = useState(false)
  const [showColors, setShowColors] = useState(false)

  function onPointerDown(e: PointerEvent<HTMLButtonElement>) {
    if (!canMove) return
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
    if (Math.abs(dx) + Math.abs(dy) <= 2) return
    if (tools.onDrop?.(note.id, e.clientX, e.clientY)) return
    if (placement === 'board') session.moveNote(note.id, note.x + dx, note.y + dy)
  }
  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>) {
    if (placement !== 'board' || tools.locked) return
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
      : drag
        ? { transform: `translate(${drag.dx}px, ${drag.dy}px)`, position: 'relative' as const, zIndex: 5 }
        : undefined

  return (
    <li
      className={`note note-${note.color}${drag ? ' note-dragging' : ''} note-${placement}${tools.moderated ? ' note-moderated' : ''}`}
      style={style}
      data-testid="note"
      data-note-id={note.id}
    >
      {tools.moderated && <span className="small note-flag">{t('note.moderated')}</span>}
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
          {canMove && (
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
          <button type="button" className="icon-btn" aria-expanded={showColors} onClick={() => setShowColors((v) => !v)} aria-label={t('note.color')}>
            <Icon name="palette" />
          </button>
          {tools.onFocus && (
            <button type="button" className="icon-btn" onClick={() => tools.onFocus?.(note.id)} aria-label={t('note.focus')} data-testid="note-focus">
              <Icon name="focus" />
            </button>
          )}
          {tools.onModerate && (
            <button
              type="button"
              className="icon-btn"
              onClick={() => tools.onModerate?.(note.id, !tools.moderated)}
              aria-label={tools.moderated ? t('note.restore') : t('note.moderate')}
              data-testid={tools.moderated ? 'note-restore' : 'note-moderate'}
            >
              <Icon name={tools.moderated ? 'eye' : 'eyeOff'} />
            </button>
          )}
          {own && !tools.locked && (
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
      {tools.clusters && !editing && (
        <label className="note-cluster small">
          {t('note.cluster')}
          <select
            value={tools.clusterId ?? ''}
            disabled={tools.locked}
            onChange={(e) => session.setNoteCluster(note.id, e.target.value || null)}
            data-testid="note-cluster"
          >
            <option value="">{t('note.noCluster')}</option>
            {tools.clusters.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
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
})

function EditNote({ note, session, onDone }: { note: Note; session: WorkshopSession; onDone(): void }) {
  const t = useT()
  const [text, setText] = useState(note.text)
  const [error, setError] = useState<MessageKey | null>(null)
  const id = useId()
  const piiId = useId()
  const length = noteLength(text.trim())
  async function save() {
    const v = validateNoteText(text)
    if (!v.ok) {
      setError(v.problem === 'empty' ? 'note.error.empty' : 'note.error.tooLong')
      return
    }
    const res = await session.editNote(note.id, text)
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
        aria-describedby={piiId}
        data-testid="note-edit-text"
      />
      <span className={`counter small${length > NOTE_MAX_LENGTH ? ' counter-over' : ''}`}>{t('composer.counter', { count: length, max: NOTE_MAX_LENGTH })}</span>
      <PiiWarning text={text} id={piiId} context="edit" />
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
