import { useId } from 'react'
import { useDroppable } from '@dnd-kit/core'
import { COLUMNS, COLUMN_TEXTS, ROWS, ROW_TEXTS, type Column, type Row } from '../../domain/matrix.ts'
import { useI18n } from '../../app/context.tsx'
import type { MatrixCard } from '../../app/workshopSession.ts'
import { PlacedCard } from './PlacedCard.tsx'
import { useMatrix } from './matrixContext.ts'
import { CELL_IDS, cellIdOf, type CellId, type StructuralGapKind } from './matrixModel.ts'

const GAP_BADGE = { emptyCell: 'matrix.cell.gap.emptyCell', targetedWithoutUniversal: 'matrix.cell.gap.targetedWithoutUniversal' } as const

/**
 * The 2 × 3 grid of the sector on screen. On a tablet: column headers on top, a header row per
 * row; on a phone (CSS only) the same cells stack into one column, each with its own heading.
 * Only this sector's cards are rendered.
 */
export function MatrixGrid(props: {
  byCell: ReadonlyMap<CellId, MatrixCard[]>
  gapCells: ReadonlyMap<CellId, StructuralGapKind>
  notReaching: ReadonlySet<string>
}) {
  const { t, locale } = useI18n()
  const { sector } = useMatrix()
  const headingId = useId()
  return (
    <section className="mx-board" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('matrix.grid.heading', { sector: sector.name[locale] })}</h2>
      <div className="mx-grid">
        {/* Visual column headers; each cell repeats its column for screen readers and the phone layout. */}
        {COLUMNS.map((c) => (
          <div key={c} className="mx-colhead" aria-hidden="true">
            <span className="mx-colhead-label">{COLUMN_TEXTS[c].label[locale]}</span>
            <span className="mx-colhead-hint">{COLUMN_TEXTS[c].hint[locale]}</span>
          </div>
        ))}
        {ROWS.map((r) => (
          <RowBlock key={r} row={r} {...props} />
        ))}
      </div>
    </section>
  )
}

function RowBlock({ row, byCell, gapCells, notReaching }: { row: Row; byCell: ReadonlyMap<CellId, MatrixCard[]>; gapCells: ReadonlyMap<CellId, StructuralGapKind>; notReaching: ReadonlySet<string> }) {
  const { locale } = useI18n()
  return (
    <>
      <div className="mx-rowhead">
        <h3>{ROW_TEXTS[row].label[locale]}</h3>
        <p className="hint">{ROW_TEXTS[row].hint[locale]}</p>
      </div>
      {COLUMNS.map((column) => {
        const id = cellIdOf({ row, column })
        return <MatrixCell key={id} row={row} column={column} cards={byCell.get(id) ?? []} gap={gapCells.get(id) ?? null} notReaching={notReaching} />
      })}
    </>
  )
}

function MatrixCell({ row, column, cards, gap, notReaching }: { row: Row; column: Column; cards: readonly MatrixCard[]; gap: StructuralGapKind | null; notReaching: ReadonlySet<string> }) {
  const { t, locale } = useI18n()
  const { sector, locked } = useMatrix()
  const id = cellIdOf({ row, column })
  const headingId = useId()
  const { setNodeRef, isOver } = useDroppable({ id, disabled: locked, data: { order: 1 + CELL_IDS.indexOf(id) } })
  return (
    <div
      ref={setNodeRef}
      role="group"
      aria-labelledby={headingId}
      className={`mx-cell mx-cell-${row}${isOver ? ' mx-over' : ''}${gap ? ' mx-cell-gap' : ''}`}
      data-testid="matrix-cell"
      data-sector={sector.id}
      data-row={row}
      data-column={column}
      {...(gap ? { 'data-gap': 'true' } : {})}
      {...(isOver ? { 'data-drop-target': 'true' } : {})}
    >
      <div className="mx-cell-title">
        <h4 id={headingId}>
          <span className="mx-cell-row">{ROW_TEXTS[row].label[locale]}: </span>
          {COLUMN_TEXTS[column].label[locale]}
        </h4>
        <p className="hint">{COLUMN_TEXTS[column].hint[locale]}</p>
      </div>
      {gap && (
        <p className="mx-badge-warn mx-gap-badge" data-testid="matrix-cell-gap">
          {t(GAP_BADGE[gap])}
        </p>
      )}
      {cards.length === 0 ? (
        <p className="muted small mx-cell-empty">{t('matrix.cell.empty')}</p>
      ) : (
        <ul className="mx-list">
          {cards.map((c) => (
            <PlacedCard key={c.id} card={c} notReaching={notReaching.has(c.id)} />
          ))}
        </ul>
      )}
    </div>
  )
}
