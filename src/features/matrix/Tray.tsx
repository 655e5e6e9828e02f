import { memo, useId, useRef, useState } from 'react'
import { useDroppable } from '@dnd-kit/core'
import { EFFORT_TEXT_MAX } from '../../domain/matrix.ts'
import { useT } from '../../app/context.tsx'
import type { MatrixCard } from '../../app/workshopSession.ts'
import { announce } from '../../ui/announce.ts'
import { Icon } from '../../ui/icons.tsx'
import { PiiWarning } from '../board/PiiWarning.tsx'
import { DragHead } from './DragHead.tsx'
import { MoveSelect } from './MoveSelect.tsx'
import { useFocusAfterMove, useMatrix } from './matrixContext.ts'
import { TRAY, sameTrayItem, type Tray as TrayModel, type TrayItem } from './matrixModel.ts'

const SOURCE_LABEL = { note: 'matrix.source.note', example: 'matrix.source.example', typed: 'matrix.source.typed' } as const

/**
 * What can be placed: cards without a cell, the session's notes and groups, the source's examples,
 * and a field to type a new effort. Also a drop target: a card dropped here leaves the matrix.
 */
export function Tray({ tray, status }: { tray: TrayModel; status: MatrixCard['status'] }) {
  const t = useT()
  const headingId = useId()
  const { setNodeRef, isOver } = useDroppable({ id: TRAY, data: { order: 0 } })
  const empty = tray.efforts.length + tray.notes.length + tray.examples.length === 0
  // Open at first: the examples show what an effort looks like before anyone has placed one.
  const [examplesOpen, setExamplesOpen] = useState(true)
  return (
    <section ref={setNodeRef} className={`mx-tray card${isOver ? ' mx-over' : ''}`} aria-labelledby={headingId} data-testid="matrix-tray">
      <h2 id={headingId}>{t('matrix.tray.heading')}</h2>
      <p className="hint">{t('matrix.tray.hint')}</p>
      <TypedEffort status={status} />
      {empty && <p className="muted">{t('matrix.tray.empty')}</p>}
      <TrayGroup title={t('matrix.tray.efforts')} items={tray.efforts} />
      <TrayGroup title={t('matrix.tray.notes')} items={tray.notes} />
      {tray.examples.length > 0 && (
        <details className="mx-examples" data-testid="matrix-examples" open={examplesOpen} onToggle={(e) => setExamplesOpen(e.currentTarget.open)}>
          <summary>{t('matrix.tray.examples', { count: tray.examples.length })}</summary>
          <p className="hint">{t('matrix.tray.examplesHint')}</p>
          <ul className="mx-list">
            {tray.examples.map((item) => (
              <TrayEntry key={item.id} item={item} />
            ))}
          </ul>
        </details>
      )}
    </section>
  )
}

function TrayGroup({ title, items }: { title: string; items: readonly TrayItem[] }) {
  const id = useId()
  if (items.length === 0) return null
  return (
    <div className="mx-tray-group" role="group" aria-labelledby={id}>
      <h3 id={id}>{title}</h3>
      <ul className="mx-list">
        {items.map((item) => (
          <TrayEntry key={item.id} item={item} />
        ))}
      </ul>
    </div>
  )
}

const TrayEntry = memo(
  function TrayEntry({ item }: { item: TrayItem }) {
    const t = useT()
    const { locked, facilitator, remove } = useMatrix()
    const handleRef = useRef<HTMLButtonElement | null>(null)
    const moveRef = useRef<HTMLSelectElement | null>(null)
    useFocusAfterMove(item.id, handleRef, moveRef)
    const source = item.kind === 'cluster' || item.source === 'cluster' ? t('matrix.source.cluster', { count: item.noteCount }) : t(SOURCE_LABEL[item.source])
    return (
      <li className="mx-card mx-tray-item" data-testid="matrix-tray-item" data-item-id={item.id} data-kind={item.kind}>
        <DragHead id={item.id} text={item.text} from="tray" locked={locked} handleRef={handleRef} />
        <p className="mx-tags small">
          <span className={item.source === 'example' ? 'badge' : 'mx-source'}>{source}</span>
          {item.targetGroup && <span className="mx-for">{t('matrix.forGroup', { group: item.targetGroup })}</span>}
        </p>
        <MoveSelect id={item.id} current={null} selectRef={moveRef} />
        {facilitator && !locked && item.kind === 'effort' && item.source === 'typed' && (
          <button type="button" className="btn btn-quiet mx-delete" onClick={() => remove(item.id, item.text)} aria-label={t('matrix.deleteLabel', { text: item.text })} data-testid="matrix-delete">
            <Icon name="trash" size={18} /> {t('matrix.delete')}
          </button>
        )}
      </li>
    )
  },
  (a, b) => sameTrayItem(a.item, b.item),
)

/** Types a new effort into the tray. Nothing typed is lost on a problem: the text stays in the field. */
function TypedEffort({ status }: { status: MatrixCard['status'] }) {
  const t = useT()
  const { session, locked } = useMatrix()
  const id = useId()
  const [text, setText] = useState('')
  const [problem, setProblem] = useState<string | null>(null)
  const length = Array.from(text.trim()).length
  const submit = (e: { preventDefault(): void }) => {
    e.preventDefault()
    if (length === 0) return setProblem(t('matrix.error.missingText'))
    if (length > EFFORT_TEXT_MAX) return setProblem(t('matrix.error.textTooLong', { count: length, max: EFFORT_TEXT_MAX }))
    const res = session.addEffort({ text, status, source: 'typed' }, null)
    if (!res.ok) {
      setProblem(t(res.problem === 'textTooLong' ? 'matrix.error.textTooLong' : 'matrix.error.missingText', { count: length, max: EFFORT_TEXT_MAX }))
      return
    }
    announce(t('matrix.typed.added', { text: text.trim() }))
    setText('')
    setProblem(null)
  }
  return (
    <form className="mx-typed stack" onSubmit={submit} noValidate>
      <label htmlFor={id} className="mx-typed-label">
        {t('matrix.typed.label')}
      </label>
      <p id={`${id}-hint`} className="mx-field-hint">
        {t('matrix.typed.hint')}
      </p>
      <textarea
        id={id}
        rows={2}
        value={text}
        disabled={locked}
        aria-invalid={problem ? true : undefined}
        aria-describedby={`${id}-hint ${id}-count${problem ? ` ${id}-error` : ''}`}
        data-testid="matrix-typed-text"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) submit(e)
        }}
      />
      <p id={`${id}-count`} className={`counter${length > EFFORT_TEXT_MAX ? ' counter-over' : ''}`}>
        {t('matrix.typed.counter', { count: length, max: EFFORT_TEXT_MAX })}
      </p>
      {problem && (
        <p id={`${id}-error`} className="field-error" role="alert" data-testid="matrix-error">
          {problem}
        </p>
      )}
      <PiiWarning text={text} context="compose" />
      <button type="submit" className="btn" disabled={locked} data-testid="matrix-typed-add">
        {t('matrix.typed.add')}
      </button>
    </form>
  )
}
