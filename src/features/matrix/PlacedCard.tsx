import { memo, useId, useRef } from 'react'
import { EFFORT_STATUSES, cellKey, type EffortStatus } from '../../domain/matrix.ts'
import { useT } from '../../app/context.tsx'
import type { MatrixCard } from '../../app/workshopSession.ts'
import { Icon } from '../../ui/icons.tsx'
import { CommitField } from './CommitField.tsx'
import { DragHead } from './DragHead.tsx'
import { MoveSelect } from './MoveSelect.tsx'
import { ReachToggle } from './ReachToggle.tsx'
import { useFocusAfterMove, useMatrix } from './matrixContext.ts'
import { cellIdOf, sameCard } from './matrixModel.ts'

const STATUS_LABEL = { existing: 'matrix.status.existing', planned: 'matrix.status.planned', proposed: 'matrix.status.proposed' } as const

/**
 * A card placed in a cell of the sector on screen: its text, status, target group (required in the
 * targeted row), owner role, the youth reach question (universal row), a warning when two devices
 * placed it at once, and the move menu. Memoised on the card's fields, because every snapshot
 * builds new card objects.
 */
export const PlacedCard = memo(
  function PlacedCard({ card, notReaching }: { card: MatrixCard; notReaching: boolean }) {
    const t = useT()
    const { session, locked, facilitator, placeLabel, remove } = useMatrix()
    const handleRef = useRef<HTMLButtonElement | null>(null)
    const moveRef = useRef<HTMLSelectElement | null>(null)
    useFocusAfterMove(card.id, handleRef, moveRef)
    const statusId = useId()
    const cell = card.cell
    if (!cell) return null
    const targeted = cell.row === 'targeted'
    return (
      <li className="mx-card" data-testid="matrix-card" data-effort-id={card.id} data-cell={cellKey(cell)} data-status={card.status}>
        <DragHead id={card.id} text={card.text} from="cell" locked={locked} handleRef={handleRef} />
        {(card.source === 'example' || notReaching) && (
          <p className="mx-tags">
            {card.source === 'example' && <span className="badge">{t('matrix.source.example')}</span>}
            {notReaching && (
              <span className="mx-badge-warn" data-testid="matrix-not-reaching">
                {t('matrix.reach.notReaching')}
              </span>
            )}
          </p>
        )}
        {card.conflict && (
          <p className="mx-conflict" data-testid="matrix-conflict">
            {t('matrix.conflict', { cell: placeLabel(card.conflict) })}
          </p>
        )}
        {targeted && (
          <CommitField
            label={t('matrix.targetGroup.label')}
            value={card.targetGroup}
            disabled={locked}
            testId="matrix-target-group"
            required={targeted}
            {...(targeted && !card.targetGroup ? { problem: t('matrix.targetGroup.required') } : {})}
            onCommit={(targetGroup) => session.updateEffort(card.id, { targetGroup })}
          />
        )}
        {/* Compact by default: a sector can hold dozens of cards. A missing target group stays outside. */}
        <details className="mx-details">
          <summary data-testid="matrix-details">
            {t('matrix.details', { status: t(STATUS_LABEL[card.status]) })}
            {card.ownerRole ? ` · ${card.ownerRole}` : ''}
          </summary>
          <div className="mx-field">
            <label htmlFor={statusId}>{t('matrix.status.label')}</label>
            <select
              id={statusId}
              value={card.status}
              disabled={locked}
              data-testid="matrix-status"
              onChange={(e) => session.updateEffort(card.id, { status: e.target.value as EffortStatus })}
            >
              {EFFORT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(STATUS_LABEL[s])}
                </option>
              ))}
            </select>
          </div>
          {!targeted && (
            <CommitField
              label={t('matrix.targetGroup.label')}
              value={card.targetGroup}
              disabled={locked}
              testId="matrix-target-group"
              onCommit={(targetGroup) => session.updateEffort(card.id, { targetGroup })}
            />
          )}
          <CommitField
            label={t('matrix.owner.label')}
            hint={t('matrix.owner.hint')}
            placeholder={t('matrix.owner.placeholder')}
            value={card.ownerRole}
            disabled={locked}
            testId="matrix-owner"
            onCommit={(ownerRole) => session.updateEffort(card.id, { ownerRole })}
          />
        </details>
        {cell.row === 'universal' && <ReachToggle effortId={card.id} reach={card.reach} />}
        <MoveSelect id={card.id} current={cellIdOf(cell)} selectRef={moveRef} />
        {facilitator && !locked && card.source === 'typed' && (
          <button type="button" className="btn btn-quiet mx-delete" onClick={() => remove(card.id, card.text)} aria-label={t('matrix.deleteLabel', { text: card.text })} data-testid="matrix-delete">
            <Icon name="trash" size={18} /> {t('matrix.delete')}
          </button>
        )}
      </li>
    )
  },
  (a, b) => a.notReaching === b.notReaching && sameCard(a.card, b.card),
)
