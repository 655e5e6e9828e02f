import { createContext, useContext } from 'react'
import type { PlanField, PlanItemKind, PlanRead } from '../../app/workshopSession.ts'
import { fieldDomId, type FieldValue, type LocatedProblem } from './planForm.ts'

/** What every part of the plan form needs: the plan as shown, its problems, and how to write. */
export interface PlanForm {
  stepId: string
  locked: boolean
  /** yyyy-mm-dd, local. */
  today: string
  /** The doc's plan with this device's kept over-long texts laid over it. */
  view: PlanRead
  /** Problems to show beside fields, by field key. */
  problems: ReadonlyMap<string, readonly LocatedProblem[]>
  touch(key: string): void
  /** Writes a field to the shared doc (last writer wins per field). Ignored while locked. */
  writeField(field: PlanField, value: string): void
  writeItem(kind: PlanItemKind, itemId: string, field: string, value: FieldValue): void
  /** Moves focus to a DOM id once it exists (a newly added item renders after the doc update). */
  focusSoon(domId: string): void
}

export const PlanFormContext = createContext<PlanForm | null>(null)

export function usePlanForm(): PlanForm {
  const f = useContext(PlanFormContext)
  if (!f) throw new Error('usePlanForm outside ActionPlanStep')
  return f
}

export function useDomId(key: string): string {
  return fieldDomId(usePlanForm().stepId, key)
}

export const itemKey = (kind: PlanItemKind, itemId: string, field: string): string => `${kind === 'activity' ? 'activities' : 'indicators'}.${itemId}.${field}`

