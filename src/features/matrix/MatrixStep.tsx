import type { StepDef } from '../../domain/template.ts'
import type { Note } from '../../domain/notes.ts'
import type { Cluster, WorkshopSession } from '../../app/workshopSession.ts'

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

/** Placeholder: the mapping-matrix step (being built). */
export default function MatrixStep(p: MatrixStepProps) {
  return <div data-testid="matrix-step">{p.step.id}</div>
}
