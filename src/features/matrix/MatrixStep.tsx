import '../../i18n/parts/matrix.ts'
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react'
import { DndContext, DragOverlay, KeyboardSensor, PointerSensor, useSensor, useSensors, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core'
import { COLUMN_TEXTS, DEFAULT_SECTORS, EFFORT_FIELD_MAX, EFFORT_TEXT_MAX, findGaps, type Cell, type Sector } from '../../domain/matrix.ts'
import type { StepDef } from '../../domain/template.ts'
import type { Note } from '../../domain/notes.ts'
import { useI18n } from '../../app/context.tsx'
import { useSessionSnapshot } from '../../app/useWorkshopSession.ts'
import { placedEfforts, type Cluster, type EffortWriteResult, type WorkshopSession } from '../../app/workshopSession.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { announce } from '../../ui/announce.ts'
import type { DragData } from './DragHead.tsx'
import { GapsPanel } from './GapsPanel.tsx'
import { MatrixGrid } from './MatrixGrid.tsx'
import { SectorSwitcher } from './SectorSwitcher.tsx'
import { Tray } from './Tray.tsx'
import { matrixAnnouncements, matrixCollision, matrixKeyboardCoordinates } from './dnd.ts'
import { MatrixContext, type FocusRequest, type MatrixShared } from './matrixContext.ts'
import { TRAY, buildTray, cardsByCell, cellIdOf, parseCellId, summarizeGaps, type CellId, type MoveTarget } from './matrixModel.ts'
import './matrix.css'

export type MatrixStepDef = Extract<StepDef, { kind: 'matrix' }>

export interface MatrixStepProps {
  session: WorkshopSession
  step: MatrixStepDef
  /** Notes and clusters the tray offers as cards (moderated notes already removed). */
  notes: readonly Note[]
  clusters: readonly Cluster[]
  /** Input lock or session ended: the matrix is read-only. */
  locked: boolean
}

type Problem = Exclude<EffortWriteResult, { ok: true }>['problem']
const PROBLEM_KEY: Record<Problem, MessageKey> = {
  badId: 'matrix.error.badId',
  missingText: 'matrix.error.missingText',
  textTooLong: 'matrix.error.textTooLong',
  notFound: 'matrix.error.notFound',
  fieldTooLong: 'matrix.error.fieldTooLong',
}
const ROW_SHORT = { universal: 'matrix.row.universal.short', targeted: 'matrix.row.targeted.short' } as const
const FALLBACK_SECTOR = DEFAULT_SECTORS[0] as Sector

/**
 * The mapping-matrix step (DOMAIN.md "The mapping matrix"): one sector at a time, a tray of what
 * can be placed, the 2 × 3 grid, and the gaps. Every device places cards; placements, fields and
 * reach answers go through the session's commands into the shared doc, so they work offline and
 * merge when devices meet (two devices placing one card at once: see sync/matrixDoc.ts).
 */
export default function MatrixStep({ session, step, notes, clusters, locked }: MatrixStepProps) {
  const { t, locale } = useI18n()
  const snap = useSessionSnapshot(session)
  const { sectors, examples, gaps: showGaps, defaultStatus } = step.options
  const sectorKey = sectors.map((s) => s.id).join('\n')
  useEffect(() => session.watchMatrix(sectorKey.split('\n')), [session, sectorKey])

  const [chosen, setChosen] = useState<string | null>(null)
  const sector = sectors.find((s) => s.id === chosen) ?? sectors[0] ?? FALLBACK_SECTOR
  const cards = snap.matrix

  const byCell = useMemo(() => cardsByCell(cards, sector.id), [cards, sector.id])
  const cardsById = useMemo(() => new Map(cards.map((c) => [c.id, c])), [cards])
  const gaps = useMemo(() => summarizeGaps(showGaps ? findGaps(placedEfforts(cards), sectors) : [], sector.id), [cards, sectors, showGaps, sector.id])
  const tray = useMemo(
    () => buildTray({ cards, notes, clusters, noteClusters: snap.noteClusters, examples, locale }),
    [cards, notes, clusters, snap.noteClusters, examples, locale],
  )
  const trayById = useMemo(() => new Map([...tray.efforts, ...tray.notes, ...tray.examples].map((i) => [i.id, i])), [tray])

  const [problem, setProblem] = useState<string | null>(null)
  const focusAfterMove = useRef<FocusRequest | null>(null)
  // A card that moved claims focus in its mount effect, which runs before this one; whatever was
  // not claimed in that same commit is dropped, so it cannot steal focus later.
  useEffect(() => {
    focusAfterMove.current = null
  })

  // The latest data for the stable callbacks below (cards re-render only when their own fields change).
  const latest = useRef({ cardsById, trayById, sectorId: sector.id, defaultStatus })
  useLayoutEffect(() => {
    latest.current = { cardsById, trayById, sectorId: sector.id, defaultStatus }
  })

  const labels = useMemo(() => {
    const cap = (s: string) => s.charAt(0).toLocaleUpperCase(locale) + s.slice(1)
    const part = (c: { row: Cell['row']; column: Cell['column'] }) => ({ row: t(ROW_SHORT[c.row]), column: COLUMN_TEXTS[c.column].short[locale] })
    return {
      cellLabel: (id: CellId) => {
        const c = parseCellId(id)
        return c ? cap(t('matrix.cellName', part(c))) : id
      },
      placeLabel: (c: Cell) => t('matrix.cellNameInSector', { sector: sectors.find((s) => s.id === c.sector)?.name[locale] ?? c.sector, ...part(c) }),
    }
  }, [t, locale, sectors])

  const problemText = useCallback(
    (p: Problem, text: string) =>
      t(PROBLEM_KEY[p], { max: p === 'fieldTooLong' ? EFFORT_FIELD_MAX : EFFORT_TEXT_MAX, count: Array.from(text).length }),
    [t],
  )

  const move = useCallback(
    (id: string, target: MoveTarget, how: 'select' | 'drag') => {
      const { cardsById, trayById, sectorId, defaultStatus } = latest.current
      const at = target === TRAY ? null : parseCellId(target)
      const cell: Cell | null = at ? { sector: sectorId, ...at } : null
      const card = cardsById.get(id)
      let res: EffortWriteResult
      let text: string
      if (card) {
        if (card.cell && cell && card.cell.sector === cell.sector && cellIdOf(card.cell) === target) return
        if (!card.cell && !cell) return
        res = session.placeEffort(id, cell)
        text = card.text
      } else {
        const item = trayById.get(id)
        if (!item || !cell) return
        res = session.addEffort({ id, text: item.text, status: defaultStatus, source: item.source, ...(item.targetGroup ? { targetGroup: item.targetGroup } : {}) }, cell)
        text = item.text
      }
      if (!res.ok) {
        setProblem(problemText(res.problem, text))
        return
      }
      setProblem(null)
      focusAfterMove.current = { id, target: how === 'select' ? 'move' : 'handle' }
      // A drag is announced by the drag-and-drop announcements; a menu choice is announced here.
      if (how === 'select') announce(cell ? t('matrix.moved', { text, cell: labels.cellLabel(target as CellId) }) : t('matrix.movedToTray', { text }))
    },
    [session, t, labels, problemText],
  )

  const remove = useCallback(
    (id: string, text: string) => {
      const res = session.deleteEffort(id)
      if (res.ok) announce(t('matrix.deleted', { text }))
      else setProblem(problemText(res.problem, text))
    },
    [session, t, problemText],
  )

  const shared = useMemo<MatrixShared>(
    () => ({ session, sector, sectors, locked, facilitator: session.role === 'facilitator', ...labels, move, remove, focusAfterMove }),
    [session, sector, sectors, locked, labels, move, remove],
  )

  const sensors = useSensors(
    // A few pixels before a drag starts, so a tap on the handle or the text stays a tap.
    useSensor(PointerSensor, { activationConstraint: { distance: 6 } }),
    // Instant scrolling: the next arrow press must see where the card already is.
    useSensor(KeyboardSensor, { coordinateGetter: matrixKeyboardCoordinates, scrollBehavior: 'auto' }),
  )
  const accessibility = useMemo(
    () => ({ announcements: matrixAnnouncements(t, labels.cellLabel), screenReaderInstructions: { draggable: t('matrix.dnd.instructions') } }),
    [t, labels],
  )
  const [dragging, setDragging] = useState<string | null>(null)
  const onDragStart = useCallback((e: DragStartEvent) => setDragging((e.active.data.current as DragData | undefined)?.text ?? null), [])
  const onDragEnd = useCallback(
    (e: DragEndEvent) => {
      setDragging(null)
      if (!e.over) return
      const target = String(e.over.id)
      if (target === TRAY || parseCellId(target)) move(String(e.active.id), target as MoveTarget, 'drag')
    },
    [move],
  )
  const onDragCancel = useCallback(() => setDragging(null), [])

  return (
    <MatrixContext.Provider value={shared}>
      <div className="mx" data-testid="matrix-step" data-sector={sector.id} data-locked={locked || undefined}>
        <SectorSwitcher sectors={sectors} current={sector.id} gapCounts={showGaps ? gaps.perSector : null} onChoose={setChosen} />
        {locked && (
          <p className="banner mx-locked" role="status">
            {t('matrix.locked')}
          </p>
        )}
        {problem && (
          <div className="banner banner-error mx-problem" role="alert">
            <p data-testid="matrix-error">{problem}</p>
            <button type="button" className="btn" onClick={() => setProblem(null)}>
              {t('matrix.error.dismiss')}
            </button>
          </div>
        )}
        <DndContext sensors={sensors} collisionDetection={matrixCollision} accessibility={accessibility} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={onDragCancel}>
          <div className="mx-layout">
            <Tray tray={tray} status={defaultStatus} />
            <MatrixGrid byCell={byCell} gapCells={gaps.cells} notReaching={gaps.notReaching} />
          </div>
          <DragOverlay dropAnimation={null}>{dragging !== null && <div className="mx-overlay">{dragging}</div>}</DragOverlay>
        </DndContext>
        {showGaps && <GapsPanel gaps={gaps.list} />}
      </div>
    </MatrixContext.Provider>
  )
}
