import { useI18n } from '../../app/context.tsx'
import { PLAN_SECTIONS, type PlanCompleteness, type PlanSection } from '../../domain/actionPlan.ts'
import { usePlanForm } from './PlanFormContext.tsx'
import { sectionHeadingId } from './PlanSections.tsx'

/** Focuses a field or heading by id; for a group (fieldset) its first control. */
export function focusById(id: string): void {
  const el = document.getElementById(id)
  if (!el) return
  const target = el.matches('input, textarea, select, button, [tabindex]') ? el : el.querySelector<HTMLElement>('input:checked, input, textarea, select, button')
  ;(target ?? el).focus()
  ;(target ?? el).scrollIntoView?.({ block: 'center' })
}

/** Links to the sections that are not complete yet. */
export function SectionLinks({ sections }: { sections: readonly PlanSection[] }) {
  const { t } = useI18n()
  const { stepId } = usePlanForm()
  return (
    <ul className="plan-section-links">
      {sections.map((s) => {
        const id = sectionHeadingId(stepId, s)
        return (
          <li key={s}>
            <a
              href={`#${id}`}
              onClick={(e) => {
                e.preventDefault()
                focusById(id)
              }}
            >
              {t(`plan.section.${s}`)}
            </a>
          </li>
        )
      })}
    </ul>
  )
}

/**
 * How far the plan is: a bar that moves with partial credit while people type, the count of
 * complete parts in words, and which parts are still missing.
 */
export function PlanProgress({ completeness }: { completeness: PlanCompleteness }) {
  const { t } = useI18n()
  const { stepId } = usePlanForm()
  const total = PLAN_SECTIONS.length
  const done = total - completeness.missing.length
  const textId = `plan-${stepId}-progress-text`
  const text = t('plan.progress.text', { done, total })
  return (
    <div className="plan-progress" data-testid="plan-progress" data-complete={done}>
      <label className="visually-hidden" htmlFor={`plan-${stepId}-progress`}>
        {t('plan.progress.label')}
      </label>
      <progress id={`plan-${stepId}-progress`} max={total} value={completeness.score * total} aria-valuetext={text} aria-describedby={textId} />
      <p id={textId} className="plan-progress-text">
        {text}
      </p>
      {completeness.missing.length === 0 ? (
        <p className="hint">{t('plan.progress.allDone')}</p>
      ) : (
        <div className="plan-progress-missing">
          <p className="hint">{t('plan.progress.missing')}</p>
          <SectionLinks sections={completeness.missing} />
        </div>
      )}
    </div>
  )
}
