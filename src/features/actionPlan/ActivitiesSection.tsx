import { useI18n } from '../../app/context.tsx'
import { MAX_ACTIVITIES, type Activity } from '../../domain/actionPlan.ts'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import { announce } from '../../ui/announce.ts'
import { Icon } from '../../ui/icons.tsx'
import { fieldDomId } from './planForm.ts'
import { itemKey, useDomId, usePlanForm } from './PlanFormContext.tsx'
import { PlanTextField, type TextKind } from './PlanTextField.tsx'
import { ProblemMessages, problemDomIds } from './ProblemMessages.tsx'
import { SectionCard } from './PlanSections.tsx'

const FIELDS: { field: keyof Activity; kind: TextKind; hint?: 'plan.activity.ownerRoleHint' | 'plan.activity.resourcesHint'; wide: boolean }[] = [
  { field: 'description', kind: 'area', wide: true },
  { field: 'ownerRole', kind: 'text', hint: 'plan.activity.ownerRoleHint', wide: false },
  { field: 'startDate', kind: 'date', wide: false },
  { field: 'resources', kind: 'area', hint: 'plan.activity.resourcesHint', wide: true },
]

/**
 * Activities: what is done, by which role, from when, with what. Adding writes a new item to
 * the doc at once (an empty activity is a normal, visible state for everyone); removing deletes
 * it for everyone. Two devices adding at once get two activities, ordered by creation time.
 */
export function ActivitiesSection({ session, score }: { session: WorkshopSession; score: number }) {
  const { t } = useI18n()
  const form = usePlanForm()
  const addId = useDomId('activities-add')
  const { plan, activityIds } = form.view
  const full = plan.activities.length >= MAX_ACTIVITIES
  const listProblems = form.problems.get('activities') ?? []
  const describedBy = [...problemDomIds(addId, listProblems), full ? `${addId}-max` : ''].filter(Boolean).join(' ')

  function add() {
    const id = session.addPlanItem(form.stepId, 'activity', {})
    if (!id) return
    announce(t('plan.activity.added', { n: plan.activities.length + 1 }))
    form.focusSoon(fieldDomId(form.stepId, itemKey('activity', id, 'description')))
  }

  function remove(itemId: string) {
    session.removePlanItem(form.stepId, 'activity', itemId)
    announce(t('plan.activity.removed'))
    form.focusSoon(addId)
  }

  return (
    <SectionCard section="activities" score={score}>
      {plan.activities.length === 0 ? (
        <p className="muted">{t('plan.activity.none')}</p>
      ) : (
        <ol className="plan-items">
          {plan.activities.map((a, i) => {
            const itemId = activityIds[i] as string
            return (
              <li key={itemId} className="plan-item" data-testid="plan-activity" data-item-id={itemId}>
                <fieldset className="plan-fieldset">
                  <legend>{t('plan.activity.legend', { n: i + 1 })}</legend>
                  <div className="plan-grid">
                    {FIELDS.map(({ field, kind, hint, wide }) => (
                      <div key={field} className={wide ? 'plan-wide' : undefined}>
                        <PlanTextField
                          fieldKey={itemKey('activity', itemId, field)}
                          label={t(`plan.activity.${field}`)}
                          {...(hint ? { hint: t(hint) } : {})}
                          value={a[field]}
                          kind={kind}
                          onCommit={(text) => form.writeItem('activity', itemId, field, text)}
                          attrs={{ 'data-item-field': field }}
                        />
                      </div>
                    ))}
                  </div>
                  {!form.locked && (
                    <div className="plan-item-actions">
                      <button type="button" className="btn plan-remove" onClick={() => remove(itemId)} data-testid="plan-remove-activity">
                        <Icon name="trash" size={18} /> {t('plan.activity.remove', { n: i + 1 })}
                      </button>
                    </div>
                  )}
                </fieldset>
              </li>
            )
          })}
        </ol>
      )}
      <ProblemMessages baseId={addId} problems={listProblems} />
      {!form.locked && (
        <div className="row">
          <button id={addId} type="button" className="btn" onClick={add} disabled={full} aria-describedby={describedBy || undefined} data-testid="plan-add-activity">
            + {t('plan.activity.add')}
          </button>
          {full && (
            <p id={`${addId}-max`} className="hint">
              {t('plan.activity.max', { max: MAX_ACTIVITIES })}
            </p>
          )}
        </div>
      )}
    </SectionCard>
  )
}
