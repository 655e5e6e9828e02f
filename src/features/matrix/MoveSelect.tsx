import { useId, type RefObject } from 'react'
import { useT } from '../../app/context.tsx'
import { useMatrix } from './matrixContext.ts'
import { CELL_IDS, TRAY, parseMoveTarget, type CellId } from './matrixModel.ts'

/**
 * The non-drag way to place a card (WCAG 2.2 SC 2.5.7): the six cells of the sector on screen,
 * plus "back to the tray" for a placed card. Choosing an option moves the card at once; focus then
 * follows the card to its new place (see useFocusAfterMove).
 */
export function MoveSelect({ id, current, selectRef }: { id: string; current: CellId | null; selectRef: RefObject<HTMLSelectElement | null> }) {
  const t = useT()
  const { cellLabel, move, locked } = useMatrix()
  const selectId = useId()
  return (
    <div className="mx-field mx-move">
      <label htmlFor={selectId}>{t('matrix.move.label')}</label>
      <select
        id={selectId}
        ref={selectRef}
        value={current ?? ''}
        disabled={locked}
        data-testid="matrix-move"
        onChange={(e) => {
          const target = parseMoveTarget(e.target.value)
          if (target) move(id, target, 'select')
        }}
      >
        {current === null && (
          <option value="" disabled>
            {t('matrix.move.placeholder')}
          </option>
        )}
        {CELL_IDS.map((c) => (
          <option key={c} value={c}>
            {cellLabel(c)}
          </option>
        ))}
        {current !== null && <option value={TRAY}>{t('matrix.move.tray')}</option>}
      </select>
    </div>
  )
}
