import { useI18n } from '../../app/context.tsx'
import type { LocatedProblem } from './planForm.ts'
import { usePlanForm } from './PlanFormContext.tsx'
import { problemMessage } from './problemText.ts'

export const problemDomIds = (baseId: string, problems: readonly LocatedProblem[]): string[] => problems.map((_, i) => `${baseId}-problem-${i}`)

/**
 * The messages beside one field. Each starts with a word ("Må rettes:", "Tips:") so severity
 * never rests on colour alone; the field points at them with aria-describedby.
 */
export function ProblemMessages({ baseId, problems }: { baseId: string; problems: readonly LocatedProblem[] }) {
  const { t } = useI18n()
  const { view, today } = usePlanForm()
  if (problems.length === 0) return null
  const ids = problemDomIds(baseId, problems)
  return (
    <div className="plan-problems">
      {problems.map((p, i) => (
        <p
          key={`${p.path}:${p.code}`}
          id={ids[i]}
          className={`plan-problem plan-problem-${p.severity}`}
          data-testid="plan-problem"
          data-path={p.path}
          data-code={p.code}
          data-severity={p.severity}
        >
          <strong>{t(p.severity === 'error' ? 'plan.severity.error' : 'plan.severity.warning')}</strong> {problemMessage(p, t, view.plan, today)}
        </p>
      ))}
    </div>
  )
}
