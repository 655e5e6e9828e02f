import { useCallback, type RefObject } from 'react'
import { useDraggable } from '@dnd-kit/core'
import { useT } from '../../app/context.tsx'
import { Icon } from '../../ui/icons.tsx'

/** What a drag carries, for announcements and the drag preview. */
export interface DragData {
  text: string
  /** Where the drag started: a tray item has no use for the tray as a target. */
  from: 'tray' | 'cell'
}

const short = (s: string) => (Array.from(s).length > 60 ? `${Array.from(s).slice(0, 59).join('')}…` : s)

/**
 * The draggable top of a card: a handle (the keyboard's way in: Space/Enter picks the card up) and
 * the card's text (a mouse can grab that too). Only the handle has `touch-action: none`, so on a
 * phone a swipe over the text still scrolls the page. Read-only when locked: no handle at all.
 */
export function DragHead({ id, text, from, locked, handleRef }: { id: string; text: string; from: DragData['from']; locked: boolean; handleRef: RefObject<HTMLButtonElement | null> }) {
  const t = useT()
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, isDragging } = useDraggable({
    id,
    data: { text, from } satisfies DragData,
    disabled: locked,
    attributes: { roleDescription: t('matrix.roleDescription') },
  })
  const setHandle = useCallback(
    (el: HTMLButtonElement | null) => {
      setActivatorNodeRef(el)
      handleRef.current = el
    },
    [setActivatorNodeRef, handleRef],
  )
  return (
    <div ref={setNodeRef} className={`mx-head${isDragging ? ' mx-dragging' : ''}`} {...(locked ? {} : listeners)}>
      {!locked && (
        <button type="button" ref={setHandle} className="icon-btn mx-handle" {...attributes} aria-label={t('matrix.handle', { text: short(text) })} data-testid="matrix-drag-handle">
          <Icon name="move" />
        </button>
      )}
      <p className="mx-text">{text}</p>
    </div>
  )
}
