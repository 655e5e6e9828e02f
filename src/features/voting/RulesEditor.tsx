import { useId } from 'react'
import { MAX_DOTS, VOTE_METHODS, type VoteMethod, type VoteRules } from '../../domain/voting.ts'
import { useT } from '../../app/context.tsx'
import type { MessageKey } from '../../i18n/i18n.ts'

/**
 * The facilitator chooses the method and its rules when opening a round (the vote step's
 * template options are the defaults). Values are kept within the domain's limits, so the
 * round is always valid.
 */
export function RulesEditor({ rules, optionCount, onChange }: { rules: VoteRules; optionCount: number; onChange(r: VoteRules): void }) {
  const t = useT()
  const ids = { method: useId(), dots: useId(), cap: useId(), topK: useId() }
  const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(Number.isFinite(n) ? n : lo)))
  function setMethod(m: VoteMethod) {
    if (m === 'dots') onChange({ method: 'dots', dots: 3, capPerOption: 3, mustNot: false })
    else if (m === 'ranking') onChange({ method: 'ranking', topK: clamp(3, 1, Math.max(1, optionCount)) })
    else onChange({ method: m })
  }
  return (
    <div className="row vote-rules" data-testid="vote-rules">
      <label htmlFor={ids.method}>{t('console.vote.method')}</label>
      <select id={ids.method} value={rules.method} onChange={(e) => setMethod(e.target.value as VoteMethod)} data-testid="vote-method">
        {VOTE_METHODS.map((m) => (
          <option key={m} value={m}>
            {t(`console.vote.method.${m}` as MessageKey)}
          </option>
        ))}
      </select>
      {rules.method === 'dots' && (
        <>
          <label htmlFor={ids.dots}>{t('console.vote.dots')}</label>
          <input
            id={ids.dots}
            type="number"
            min={1}
            max={MAX_DOTS}
            value={rules.dots}
            onChange={(e) => {
              const dots = clamp(Number(e.target.value), 1, MAX_DOTS)
              onChange({ ...rules, dots, capPerOption: Math.min(rules.capPerOption, dots) || dots })
            }}
            className="num-input"
            data-testid="vote-dots"
          />
          <label htmlFor={ids.cap}>{t('console.vote.cap')}</label>
          <input id={ids.cap} type="number" min={1} max={rules.dots} value={rules.capPerOption} onChange={(e) => onChange({ ...rules, capPerOption: clamp(Number(e.target.value), 1, rules.dots) })} className="num-input" />
          <label className="row">
            <input type="checkbox" checked={rules.mustNot} onChange={(e) => onChange({ ...rules, mustNot: e.target.checked })} className="check" />
            {t('console.vote.mustNot')}
          </label>
        </>
      )}
      {rules.method === 'ranking' && (
        <>
          <label htmlFor={ids.topK}>{t('console.vote.topK')}</label>
          <input id={ids.topK} type="number" min={1} max={Math.max(1, optionCount)} value={rules.topK} onChange={(e) => onChange({ ...rules, topK: clamp(Number(e.target.value), 1, Math.max(1, optionCount)) })} className="num-input" />
        </>
      )}
    </div>
  )
}
