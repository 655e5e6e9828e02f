import type { WorkshopSession } from '../../app/workshopSession.ts'

export interface ActionPlanStepProps {
  session: WorkshopSession
  stepId: string
  /** Session ended: read-only. */
  locked: boolean
}

/** Placeholder: the action-plan step (being built). */
export default function ActionPlanStep(p: ActionPlanStepProps) {
  return <div data-testid="action-plan">{p.stepId}</div>
}
