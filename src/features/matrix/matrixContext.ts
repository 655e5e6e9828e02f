import { createContext, useContext, useEffect, type RefObject } from 'react'
import type { Cell, Sector } from '../../domain/matrix.ts'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import type { CellId, MoveTarget } from './matrixModel.ts'

/** Which control of a card should get focus when the card appears in its new place. */
export interface FocusRequest {
  id: string
  target: 'handle' | 'move'
}

/**
 * What every card of the matrix screen shares. Kept stable between snapshots (it changes only with
 * the sector, the lock, the locale), so a remote edit re-renders only the card it touched.
 */
export interface MatrixShared {
  session: WorkshopSession
  sector: Sector
  sectors: readonly Sector[]
  locked: boolean
  facilitator: boolean
  /** "Universell – forebygge ulikhet": a cell of the sector on screen. */
  cellLabel(cell: CellId): string
  /** "Oppvekst – målrettet – redusere risiko": any cell, sector included. */
  placeLabel(cell: Cell): string
  /** Places (or sends back) a card or a tray item; reports problems itself. */
  move(id: string, target: MoveTarget, how: 'select' | 'drag'): void
  remove(id: string, text: string): void
  /** Set by `move`; claimed by the card that mounts with that id. */
  focusAfterMove: RefObject<FocusRequest | null>
}

export const MatrixContext = createContext<MatrixShared | null>(null)

export function useMatrix(): MatrixShared {
  const m = useContext(MatrixContext)
  if (!m) throw new Error('useMatrix outside MatrixStep')
  return m
}

/**
 * A card moved to another cell (or between tray and grid) is a new element there. If the move
 * came from this device, focus follows it, so a keyboard user is not dropped back at the page top.
 */
export function useFocusAfterMove(id: string, handle: RefObject<HTMLElement | null>, move: RefObject<HTMLElement | null>): void {
  const { focusAfterMove } = useMatrix()
  useEffect(() => {
    const req = focusAfterMove.current
    if (req?.id !== id) return
    const el = req.target === 'handle' ? (handle.current ?? move.current) : (move.current ?? handle.current)
    if (!el) return
    focusAfterMove.current = null
    el.focus()
  }, [focusAfterMove, id, handle, move])
}
