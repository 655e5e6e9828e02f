import type { ReactNode } from 'react'
import { useI18n } from '../../app/context.tsx'
import { APPROACHES, PLAN_SECTIONS, type Approach, type PlanSection } from '../../domain/actionPlan.ts'
import type { PlanField } from '../../app/workshopSession.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { fieldDomId, rawAt } from './planForm.ts'
import { useDomId, usePlanForm } from './PlanFormContext.tsx'
import { PlanTextField, type TextKind } from './PlanTextField.tsx'
import { ProblemMessages, problemDomIds } from './ProblemMessages.tsx'

export const sectionHeadingId = (stepId: string, s: PlanSection): string => fieldDomId(stepId, `section-${s}`)

/** One numbered part of the plan, with its heading, a done / started / not started badge and a one-line intro. */
export function SectionCard({ section, score, children }: { section: PlanSection; score: number; children: ReactNode }) {
  const { t } = useI18n()
  const { stepId } = usePlanForm()
  const hid = sectionHeadingId(stepId, section)
  const status = score >= 1 ? 'done' : score > 0 ? 'partial' : 'empty'
  return (
    <section className="card plan-section" aria-labelledby={hid} data-section={section}>
      <div className="plan-section-head">
        <h3 id={hid} tabIndex={-1}>
          {t('plan.sectionHeading', { n: PLAN_SECTIONS.indexOf(section) + 1, title: t(`plan.section.${section}`) })}
        </h3>
        <span className={`plan-status plan-status-${status}`}>{t(`plan.status.${status}`)}</span>
      </div>
      <p className="hint">{t(`plan.intro.${section}`)}</p>
      {children}
    </section>
  )
}

/** A scalar text field of the plan, labelled from the catalogue (`plan.field.*`, `plan.hint.*`). */
export function ScalarField({ field, kind, hint = false }: { field: PlanField; kind: TextKind; hint?: boolean }) {
  const { t } = useI18n()
  const form = usePlanForm()
  const value = rawAt(form.view, field)
  return (
    <PlanTextField
      fieldKey={field}
      label={t(`plan.field.${field}` as MessageKey)}
      {...(hint ? { hint: t(`plan.hint.${field}` as MessageKey) } : {})}
      value={typeof value === 'string' ? value : ''}
      kind={kind}
      onCommit={(text) => form.writeField(field, text)}
      attrs={{ 'data-testid': 'plan-field', 'data-field': field }}
    />
  )
}

export function GoalSection({ score }: { score: number }) {
  return (
    <SectionCard section="equityGoal" score={score}>
      <ScalarField field="equityGoal" kind="area" hint />
    </SectionCard>
  )
}

export function TraceSection({ score }: { score: number }) {
  return (
    <SectionCard section="planTrace" score={score}>
      <div className="plan-grid">
        <ScalarField field="planTrace.plan" kind="text" hint />
        <ScalarField field="planTrace.measure" kind="text" hint />
        <div className="plan-wide">
          <ScalarField field="planTrace.goal" kind="area" hint />
        </div>
      </div>
    </SectionCard>
  )
}

export function TargetGroupSection({ score }: { score: number }) {
  return (
    <SectionCard section="targetGroup" score={score}>
      <ApproachChoice />
      <ScalarField field="targetGroup.group" kind="area" hint />
      <ScalarField field="targetGroup.extraFor" kind="area" hint />
      <ScalarField field="targetGroup.justification" kind="area" hint />
    </SectionCard>
  )
}

/** Universal / proportionate / targeted as a radio group; a choice is written at once. */
function ApproachChoice() {
  const { t } = useI18n()
  const form = usePlanForm()
  const id = useDomId('targetGroup.approach')
  const problems = form.problems.get('targetGroup.approach') ?? []
  const current = form.view.plan.targetGroup.approach
  return (
    <fieldset id={id} className="plan-fieldset" aria-describedby={problems.length ? problemDomIds(id, problems).join(' ') : undefined}>
      <legend>{t('plan.field.targetGroup.approach')}</legend>
      <div className="plan-choices">
        {APPROACHES.map((a: Approach) => (
          <label key={a} className="plan-choice">
            <input
              type="radio"
              name={id}
              value={a}
              checked={current === a}
              disabled={form.locked}
              onChange={() => form.writeField('targetGroup.approach', a)}
              aria-describedby={`${id}-${a}-hint`}
              data-testid="plan-field"
              data-field="targetGroup.approach"
            />
            <span className="plan-choice-text">
              <span className="plan-choice-label">{t(`plan.approach.${a}`)}</span>
              <span id={`${id}-${a}-hint`} className="plan-choice-hint">
                {t(`plan.approach.${a}.hint`)}
              </span>
            </span>
          </label>
        ))}
      </div>
      <ProblemMessages baseId={id} problems={problems} />
    </fieldset>
  )
}

const LINKS = ['input', 'activity', 'output', 'outcome', 'equityImpact'] as const

/** The logic chain as a chain: five links, each leading to the next. */
export function LogicChainSection({ score }: { score: number }) {
  const { t } = useI18n()
  return (
    <SectionCard section="logicChain" score={score}>
      <ol className="plan-chain">
        {LINKS.map((k, i) => (
          <li key={k} className="plan-chain-link">
            <ScalarField field={`logicChain.${k}`} kind="area" hint />
            {i < LINKS.length - 1 && (
              <p className="plan-chain-arrow">
                <span aria-hidden="true">↓ </span>
                {t('plan.chain.next')}
              </p>
            )}
          </li>
        ))}
      </ol>
    </SectionCard>
  )
}

export function EvaluationSection({ score }: { score: number }) {
  return (
    <SectionCard section="equityEvaluation" score={score}>
      <div className="plan-grid">
        <ScalarField field="equityEvaluation.when" kind="date" />
        <div className="plan-wide">
          <ScalarField field="equityEvaluation.how" kind="area" hint />
        </div>
        <div className="plan-wide">
          <ScalarField field="equityEvaluation.whoHears" kind="area" hint />
        </div>
      </div>
    </SectionCard>
  )
}

export function UnintendedSection({ score }: { score: number }) {
  return (
    <SectionCard section="unintendedEffects" score={score}>
      <ScalarField field="unintendedEffects.risks" kind="area" hint />
      <ScalarField field="unintendedEffects.howWeNotice" kind="area" />
    </SectionCard>
  )
}

export function FeedbackSection({ score }: { score: number }) {
  return (
    <SectionCard section="youthFeedback" score={score}>
      <div className="plan-grid">
        <ScalarField field="youthFeedback.date" kind="date" />
        <ScalarField field="youthFeedback.channel" kind="text" hint />
      </div>
    </SectionCard>
  )
}
