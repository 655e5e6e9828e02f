import { useId, useMemo, useState } from 'react'
import { useI18n } from '../../app/context.tsx'
import { indicatorFromSuggestion, suggestIndicators, type Indicator, type Locale } from '../../domain/actionPlan.ts'

/**
 * Ready-made indicators as chips, with a search field. Searching is local to this device; a
 * chip adds an indicator to the shared plan (name and unit in the UI language, breakdown as
 * suggested, baseline and target left to fill in). A chip whose indicator is already in the
 * plan says so in its text, and can still be added again (e.g. with another breakdown).
 */
export function IndicatorSuggestions(props: { disabled: boolean; inPlan: ReadonlySet<string>; onPick(ind: Indicator): void; locale: Locale }) {
  const { t } = useI18n()
  const [query, setQuery] = useState('')
  const searchId = useId()
  const headingId = useId()
  const found = useMemo(() => suggestIndicators(query, props.locale), [query, props.locale])
  return (
    <div className="plan-suggest" role="group" aria-labelledby={headingId}>
      <h4 id={headingId}>{t('plan.suggest.heading')}</h4>
      <p className="hint">{t('plan.suggest.intro')}</p>
      <div className="field plan-suggest-search">
        <label htmlFor={searchId}>{t('plan.suggest.search')}</label>
        <p id={`${searchId}-hint`} className="hint">
          {t('plan.suggest.searchHint')}
        </p>
        <input
          id={searchId}
          type="search"
          value={query}
          autoComplete="off"
          aria-describedby={`${searchId}-hint ${searchId}-count`}
          onChange={(e) => setQuery(e.target.value)}
          data-testid="plan-indicator-search"
        />
      </div>
      <p id={`${searchId}-count`} className="small plan-suggest-count" role="status">
        {t('plan.suggest.count', { count: found.length })}
      </p>
      {found.length > 0 && (
        <ul className="plan-chips">
          {found.map((s) => {
            const name = s.name[props.locale]
            const added = props.inPlan.has(name)
            return (
              <li key={s.id}>
                <button
                  type="button"
                  className={`plan-chip${added ? ' plan-chip-added' : ''}`}
                  disabled={props.disabled}
                  onClick={() => props.onPick(indicatorFromSuggestion(s, props.locale))}
                  data-testid="plan-indicator-chip"
                  data-id={s.id}
                  data-source={s.source}
                  data-type={s.type}
                >
                  <span className="plan-chip-name">
                    <span aria-hidden="true">+ </span>
                    {name}
                  </span>
                  <span className="plan-chip-meta">
                    {t('plan.suggest.meta', { source: s.source, type: t(`plan.indicatorTypeShort.${s.type}`) })}
                    {added && <> · ✓ {t('plan.suggest.inPlan')}</>}
                  </span>
                </button>
              </li>
            )
          })}
        </ul>
      )}
    </div>
  )
}
