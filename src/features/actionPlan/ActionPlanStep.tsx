import '../../i18n/parts/plan.ts'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { emptyPlan, planCompleteness, validatePlan } from '../../domain/actionPlan.ts'
import { useI18n, useServices } from '../../app/context.tsx'
import { useSessionSnapshot } from '../../app/useWorkshopSession.ts'
import type { PlanField, PlanItemKind, PlanRead, WorkshopSession } from '../../app/workshopSession.ts'
import { Icon } from '../../ui/icons.tsx'
import { expectRead, groupByKey, inlineProblems, localIsoDate, locateProblems, overlayPlan, sameValue, type FieldValue, type Kept } from './planForm.ts'
import { itemKey, PlanFormContext, type PlanForm } from './PlanFormContext.tsx'
import { EvaluationSection, FeedbackSection, GoalSection, LogicChainSection, TargetGroupSection, TraceSection, UnintendedSection } from './PlanSections.tsx'
import { ActivitiesSection } from './ActivitiesSection.tsx'
import { IndicatorsSection } from './IndicatorsSection.tsx'
import { PlanProgress } from './PlanProgress.tsx'
import { PlanSummary } from './PlanSummary.tsx'
import './actionPlan.css'

export interface ActionPlanStepProps {
  session: WorkshopSession
  stepId: string
  /** Session ended: read-only. */
  locked: boolean
}

const EMPTY_READ: PlanRead = { plan: emptyPlan(), activityIds: [], indicatorIds: [] }

/**
 * The action-plan step (DOMAIN.md "The action plan"): the fields municipal plans lack, filled
 * in together by everyone in the session, on the facilitator's tablet and on phones alike.
 *
 * The plan lives in the session doc, one entry per field (planDoc.ts), so people writing in
 * different fields never overwrite each other; each text field writes once, when it is left.
 * Validation runs on every render against today's local date. "Required" waits until this
 * device has touched the field; everything else (a target without a baseline, a feedback date
 * already passed) shows at once. Text the doc reads back shorter than written (over a limit)
 * is kept on this device and shown, flagged, instead of silently cut.
 */
export default function ActionPlanStep({ session, stepId, locked }: ActionPlanStepProps) {
  const { t } = useI18n()
  const services = useServices()
  const snap = useSessionSnapshot(session)
  useEffect(() => session.watchPlan(stepId), [session, stepId])
  const read = snap.plans[stepId] ?? EMPTY_READ

  const [kept, setKept] = useState<ReadonlyMap<string, Kept>>(() => new Map())
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set())
  const [pendingFocus, setPendingFocus] = useState<string | null>(null)

  const view = useMemo(() => overlayPlan(read, kept), [read, kept])
  const today = localIsoDate(new Date(services.now()))
  const validation = useMemo(() => validatePlan(view.plan, today), [view, today])
  const located = useMemo(() => locateProblems(validation, view), [validation, view])
  const inline = useMemo(() => groupByKey(inlineProblems(located, touched)), [located, touched])
  const completeness = useMemo(() => planCompleteness(view.plan), [view])

  useEffect(() => {
    if (!pendingFocus) return
    const el = document.getElementById(pendingFocus)
    if (el) {
      el.focus()
      setPendingFocus(null)
    }
  }, [pendingFocus, view])

  const remember = useCallback((key: string, value: FieldValue) => {
    const expect = expectRead(key, value)
    const cut = !sameValue(expect, value)
    setKept((prev) => {
      if (!cut && !prev.has(key)) return prev
      const next = new Map(prev)
      if (cut) next.set(key, { value, expect })
      else next.delete(key)
      return next
    })
  }, [])

  const touch = useCallback((key: string) => setTouched((prev) => (prev.has(key) ? prev : new Set(prev).add(key))), [])

  const form = useMemo<PlanForm>(
    () => ({
      stepId,
      locked,
      today,
      view,
      problems: inline,
      touch,
      writeField(field: PlanField, value: string) {
        if (locked) return
        session.setPlanField(stepId, field, value)
        remember(field, value)
      },
      writeItem(kind: PlanItemKind, itemId: string, field: string, value: FieldValue) {
        if (locked) return
        if (session.setPlanItemField(stepId, kind, itemId, field, value)) remember(itemKey(kind, itemId, field), value)
      },
      focusSoon: setPendingFocus,
    }),
    [stepId, locked, today, view, inline, touch, session, remember],
  )

  const s = completeness.sections
  return (
    <PlanFormContext.Provider value={form}>
      <div className="stack action-plan" data-testid="action-plan" data-locked={locked}>
        <section className="card plan-head stack" aria-labelledby={`plan-${stepId}-h`}>
          <h2 id={`plan-${stepId}-h`}>{t('plan.heading')}</h2>
          {locked ? (
            <p className="read-only-note">
              <Icon name="lock" size={18} /> {t('plan.locked')}
            </p>
          ) : (
            <p className="hint">{t('plan.intro')}</p>
          )}
          <PlanProgress completeness={completeness} />
        </section>
        <GoalSection score={s.equityGoal} />
        <TraceSection score={s.planTrace} />
        <TargetGroupSection score={s.targetGroup} />
        <LogicChainSection score={s.logicChain} />
        <ActivitiesSection session={session} score={s.activities} />
        <IndicatorsSection session={session} score={s.indicators} />
        <EvaluationSection score={s.equityEvaluation} />
        <UnintendedSection score={s.unintendedEffects} />
        <FeedbackSection score={s.youthFeedback} />
        <PlanSummary problems={located} missing={completeness.missing} />
      </div>
    </PlanFormContext.Provider>
  )
}
