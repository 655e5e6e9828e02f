import { useI18n } from '../../app/context.tsx'
import { BREAKDOWN_LABELS, INDICATOR_TYPES, MAX_INDICATORS, type Indicator, type IndicatorType } from '../../domain/actionPlan.ts'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import { announce } from '../../ui/announce.ts'
import { Icon } from '../../ui/icons.tsx'
import { BREAKDOWN_KEYS, fieldDomId, freeBreakdownText, toggleBreakdown, withFreeBreakdown } from './planForm.ts'
import { itemKey, useDomId, usePlanForm } from './PlanFormContext.tsx'
import { PlanTextField } from './PlanTextField.tsx'
import { ProblemMessages, problemDomIds } from './ProblemMessages.tsx'
import { SectionCard } from './PlanSections.tsx'
import { IndicatorSuggestions } from './IndicatorSuggestions.tsx'

type TextField = 'name' | 'source' | 'unit' | 'baseline' | 'target'
const TEXT_FIELDS: { field: TextField; hint?: 'plan.indicator.sourceHint' | 'plan.indicator.unitHint' | 'plan.indicator.baselineHint' | 'plan.indicator.targetHint'; wide?: boolean }[] = [
  { field: 'name', wide: true },
  { field: 'source', hint: 'plan.indicator.sourceHint' },
  { field: 'unit', hint: 'plan.indicator.unitHint' },
  { field: 'baseline', hint: 'plan.indicator.baselineHint' },
  { field: 'target', hint: 'plan.indicator.targetHint' },
]

/**
 * Indicators: typed process / output / outcome / equity gap, with source, baseline, target,
 * unit and breakdown. Chips add ready-made ones from Ungdata and the public-health profile.
 */
export function IndicatorsSection({ session, score }: { session: WorkshopSession; score: number }) {
  const { t, locale } = useI18n()
  const form = usePlanForm()
  const addId = useDomId('indicators-add')
  const { plan, indicatorIds } = form.view
  const full = plan.indicators.length >= MAX_INDICATORS
  const listProblems = form.problems.get('indicators') ?? []
  const describedBy = [...problemDomIds(addId, listProblems), full ? `${addId}-max` : ''].filter(Boolean).join(' ')

  function add(fields: Partial<Indicator>, name: string | null) {
    const id = session.addPlanItem(form.stepId, 'indicator', fields)
    if (!id) return
    if (name !== null) announce(t('plan.indicator.added', { name }))
    else {
      announce(t('plan.indicator.addedEmpty', { n: plan.indicators.length + 1 }))
      form.focusSoon(fieldDomId(form.stepId, itemKey('indicator', id, 'name')))
    }
  }

  function remove(itemId: string) {
    session.removePlanItem(form.stepId, 'indicator', itemId)
    announce(t('plan.indicator.removed'))
    form.focusSoon(addId)
  }

  return (
    <SectionCard section="indicators" score={score}>
      {plan.indicators.length === 0 ? (
        <p className="muted">{t('plan.indicator.none')}</p>
      ) : (
        <ol className="plan-items">
          {plan.indicators.map((ind, i) => (
            <IndicatorItem key={indicatorIds[i]} itemId={indicatorIds[i] as string} n={i + 1} ind={ind} onRemove={remove} />
          ))}
        </ol>
      )}
      <ProblemMessages baseId={addId} problems={listProblems} />
      {!form.locked && (
        <>
          <div className="row">
            <button id={addId} type="button" className="btn" onClick={() => add({ type: 'outcome' }, null)} disabled={full} aria-describedby={describedBy || undefined} data-testid="plan-add-indicator">
              + {t('plan.indicator.add')}
            </button>
            {full && (
              <p id={`${addId}-max`} className="hint">
                {t('plan.indicator.max', { max: MAX_INDICATORS })}
              </p>
            )}
          </div>
          <IndicatorSuggestions
            disabled={full}
            inPlan={new Set(plan.indicators.map((x) => x.name))}
            onPick={(ind) => add(ind, ind.name)}
            locale={locale}
          />
        </>
      )}
    </SectionCard>
  )
}

function IndicatorItem({ itemId, n, ind, onRemove }: { itemId: string; n: number; ind: Indicator; onRemove(id: string): void }) {
  const { t } = useI18n()
  const form = usePlanForm()
  const typeId = useDomId(itemKey('indicator', itemId, 'type'))
  const typeProblems = form.problems.get(itemKey('indicator', itemId, 'type')) ?? []
  return (
    <li className="plan-item" data-testid="plan-indicator" data-item-id={itemId} data-type={ind.type}>
      <fieldset className="plan-fieldset">
        <legend>{t('plan.indicator.legend', { n })}</legend>
        <div className="plan-grid">
          <div className="field plan-wide">
            <label htmlFor={typeId}>{t('plan.indicator.type')}</label>
            <select
              id={typeId}
              value={ind.type}
              disabled={form.locked}
              aria-invalid={typeProblems.some((p) => p.severity === 'error') ? true : undefined}
              aria-describedby={[`${typeId}-hint`, ...problemDomIds(typeId, typeProblems)].join(' ')}
              onChange={(e) => form.writeItem('indicator', itemId, 'type', e.target.value as IndicatorType)}
              data-item-field="type"
            >
              {INDICATOR_TYPES.map((ty) => (
                <option key={ty} value={ty}>
                  {t(`plan.indicatorType.${ty}`)}
                </option>
              ))}
            </select>
            <p id={`${typeId}-hint`} className="hint">
              {t(`plan.indicatorTypeHint.${ind.type}`)}
            </p>
            <ProblemMessages baseId={typeId} problems={typeProblems} />
          </div>
          {TEXT_FIELDS.map(({ field, hint, wide }) => (
            <div key={field} className={wide ? 'plan-wide' : undefined}>
              <PlanTextField
                fieldKey={itemKey('indicator', itemId, field)}
                label={t(`plan.indicator.${field}`)}
                {...(hint ? { hint: t(hint) } : {})}
                value={ind[field]}
                kind="text"
                onCommit={(text) => form.writeItem('indicator', itemId, field, text)}
                attrs={{ 'data-item-field': field }}
              />
            </div>
          ))}
          <div className="plan-wide">
            <Breakdown itemId={itemId} list={ind.breakdown} />
          </div>
        </div>
        {!form.locked && (
          <div className="plan-item-actions">
            <button type="button" className="btn plan-remove" onClick={() => onRemove(itemId)} data-testid="plan-remove-indicator">
              <Icon name="trash" size={18} /> {t('plan.indicator.remove', { n })}
            </button>
          </div>
        )}
      </fieldset>
    </li>
  )
}

/** Checkboxes for the known breakdowns and a free-text line for the rest; each change writes the whole list. */
function Breakdown({ itemId, list }: { itemId: string; list: readonly string[] }) {
  const { t, locale } = useI18n()
  const form = usePlanForm()
  const key = itemKey('indicator', itemId, 'breakdown')
  const id = useDomId(key)
  const problems = form.problems.get(key) ?? []
  const problemIds = problemDomIds(id, problems)
  const write = (next: string[]) => form.writeItem('indicator', itemId, 'breakdown', next)
  return (
    <fieldset id={id} className="plan-fieldset plan-breakdown" aria-describedby={[`${id}-hint`, ...problemIds].join(' ')}>
      <legend>{t('plan.indicator.breakdown')}</legend>
      <p id={`${id}-hint`} className="hint">
        {t('plan.indicator.breakdownHint')}
      </p>
      <div className="plan-checks">
        {BREAKDOWN_KEYS.map((b) => (
          <label key={b} className="check plan-check">
            <input
              type="checkbox"
              value={b}
              checked={list.includes(b)}
              disabled={form.locked}
              onChange={(e) => write(toggleBreakdown(list, b, e.target.checked))}
              data-item-field="breakdown"
            />
            {BREAKDOWN_LABELS[b][locale]}
          </label>
        ))}
      </div>
      <PlanTextField
        fieldKey={itemKey('indicator', itemId, 'breakdownOther')}
        problemKey={key}
        externalProblemIds={problemIds}
        counter={false}
        label={t('plan.indicator.breakdownOther')}
        hint={t('plan.indicator.breakdownOtherHint')}
        value={freeBreakdownText(list)}
        kind="text"
        onCommit={(text) => write(withFreeBreakdown(list, text))}
        attrs={{ 'data-item-field': 'breakdownOther' }}
      />
      <ProblemMessages baseId={id} problems={problems} />
    </fieldset>
  )
}
