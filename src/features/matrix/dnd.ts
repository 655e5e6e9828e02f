/**
 * The drag-and-drop rules of the matrix, for @dnd-kit/core: how a drop target is found, where the
 * arrow keys take a card, and what screen readers hear. The geometry itself is in keyboardNav.ts.
 */
import { pointerWithin, type Active, type Announcements, type CollisionDetection, type DroppableContainer, type KeyboardCoordinateGetter, type Over } from '@dnd-kit/core'
import type { DragData } from './DragHead.tsx'
import type { Translate } from '../../i18n/i18n.ts'
import { ARROW_DIRECTIONS, centredOn, contains, nextTarget, type Target } from './keyboardNav.ts'
import { TRAY, parseCellId, type CellId } from './matrixModel.ts'

const fromTray = (active: Active | null) => (active?.data.current as Partial<DragData> | undefined)?.from === 'tray'
const orderOf = (d: DroppableContainer) => {
  const order = (d.data.current as { order?: unknown } | undefined)?.order
  return typeof order === 'number' ? order : 99
}

/**
 * A pointer drops where the pointer is. A keyboard drag has no pointer: the target is the one
 * the card's centre lies in (each arrow press centres the card on a target). A placed card picked
 * up by keyboard is over its own cell, so Space twice does nothing. A card picked up from the tray
 * is aimed at the first cell straight away: putting it back into the tray would do nothing, and
 * this way every arrow press, from the first, moves between cells.
 */
export const matrixCollision: CollisionDetection = (args) => {
  if (args.pointerCoordinates) return pointerWithin(args)
  const r = args.collisionRect
  const c = { x: r.left + r.width / 2, y: r.top + r.height / 2 }
  const hit = (d: DroppableContainer) => [{ id: d.id, data: { droppableContainer: d, value: 0 } }]
  const tray = fromTray(args.active)
  let first: DroppableContainer | null = null
  for (const d of args.droppableContainers) {
    const box = args.droppableRects.get(d.id)
    if (d.id !== TRAY && (!first || orderOf(d) < orderOf(first))) first = d
    if (box && contains(box, c) && !(tray && d.id === TRAY)) return hit(d)
  }
  return tray && first ? hit(first) : []
}

/** Arrow keys jump between the tray and the six cells instead of moving 25 px. */
export const matrixKeyboardCoordinates: KeyboardCoordinateGetter = (event, { context }) => {
  const dir = ARROW_DIRECTIONS[event.code]
  const { active, collisionRect, droppableRects, droppableContainers, over } = context
  if (!dir || !collisionRect) return undefined
  event.preventDefault()
  const tray = fromTray(active)
  const targets: (Target & { order: number })[] = []
  for (const d of droppableContainers.getEnabled()) {
    const box = droppableRects.get(d.id)
    if (box && !(tray && d.id === TRAY)) targets.push({ id: String(d.id), box, order: orderOf(d) })
  }
  targets.sort((a, b) => a.order - b.order)
  // Move from the target the card is over (for a tray item at the start: the first cell).
  const overBox = over ? droppableRects.get(over.id) : undefined
  const to = nextTarget(targets, over ? String(over.id) : null, overBox ?? collisionRect, dir)
  const box = to === null ? undefined : droppableRects.get(to)
  return box ? centredOn(box, collisionRect) : undefined
}

const textOf = (active: Active) => (active.data.current as { text?: string } | undefined)?.text ?? String(active.id)

/** What screen readers hear during a drag, naming the card and the cell. */
export function matrixAnnouncements(t: Translate, cellLabel: (cell: CellId) => string): Announcements {
  const where = (over: Over | null): string | null => {
    if (!over) return null
    const id = String(over.id)
    if (id === TRAY) return t('matrix.dnd.tray')
    return parseCellId(id) ? cellLabel(id as CellId) : null
  }
  return {
    onDragStart: ({ active }) => t('matrix.dnd.start', { text: textOf(active) }),
    onDragOver: ({ active, over }) => {
      const cell = where(over)
      return cell ? t('matrix.dnd.over', { text: textOf(active), cell }) : t('matrix.dnd.overNone', { text: textOf(active) })
    },
    onDragEnd: ({ active, over }) => {
      const cell = where(over)
      return cell ? t('matrix.dnd.end', { text: textOf(active), cell }) : t('matrix.dnd.endNone', { text: textOf(active) })
    },
    onDragCancel: ({ active }) => t('matrix.dnd.cancel', { text: textOf(active) }),
  }
}
