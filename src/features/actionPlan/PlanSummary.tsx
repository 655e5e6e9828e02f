import { useI18n } from '../../app/context.tsx'
import type { PlanSection } from '../../domain/actionPlan.ts'
import { fieldDomId, type LocatedProblem } from './planForm.ts'
import { usePlanForm } from './PlanFormContext.tsx'
import { focusById, SectionLinks } from './PlanProgress.tsx'
import { sectionHeadingId } from './PlanSections.tsx'
import { problemMessage, problemWhere } from './problemText.ts'

/**
 * The end of the form: everything still wrong (including required fields nobody has touched
 * yet), what is worth another look, and the parts not yet filled in. Each line links to its field.
 */
export function PlanSummary({ problems, missing }: { problems: readonly LocatedProblem[]; missing: readonly PlanSection[] }) {
  const { t } = useI18n()
  const form = usePlanForm()
  const errors = problems.filter((p) => p.severity === 'error')
  const warnings = problems.filter((p) => p.severity === 'warning')
  const hid = `plan-${form.stepId}-summary-h`
  const list = (ps: readonly LocatedProblem[]) => (
    <ul className="plan-summary-list">
      {ps.map((p) => {
        const target = p.field === undefined ? sectionHeadingId(form.stepId, p.section) : fieldDomId(form.stepId, p.key)
        return (
          <li key={`${p.path}:${p.code}`} data-testid="plan-summary-item" data-path={p.path} data-code={p.code} data-severity={p.severity}>
            <a
              href={`#${target}`}
              onClick={(e) => {
                e.preventDefault()
                focusById(target)
              }}
            >
              <span className="plan-summary-where">{t('plan.summary.where', { where: problemWhere(p, t) })}</span> {problemMessage(p, t, form.view.plan, form.today)}
            </a>
          </li>
        )
      })}
    </ul>
  )
  return (
    <section className="card plan-summary" aria-labelledby={hid} data-testid="plan-summary" data-errors={errors.length} data-warnings={warnings.length}>
      <h3 id={hid}>{t('plan.summary.heading')}</h3>
      {errors.length === 0 ? (
        <p className="plan-summary-ok">
          <span aria-hidden="true">✓ </span>
          {t('plan.summary.ok')}
        </p>
      ) : (
        <>
          <h4 className="plan-summary-errors">{t('plan.summary.errors', { count: errors.length })}</h4>
          {list(errors)}
        </>
      )}
      {warnings.length > 0 && (
        <>
          <h4>{t('plan.summary.warnings', { count: warnings.length })}</h4>
          {list(warnings)}
        </>
      )}
      {missing.length > 0 && (
        <>
          <p className="plan-summary-missing">{t('plan.summary.missing')}</p>
          <SectionLinks sections={missing} />
        </>
      )}
    </section>
  )
}
