import type { Ballot, VoteRound, VoteRules } from '../../domain/voting.ts'
import { useT } from '../../app/context.tsx'
import { addDot, canAddDot, dotsLeft, dotsOn, removeDot, toggleMustNot } from './ballotEdit.ts'

type DotsRules = Extract<VoteRules, { method: 'dots' }>

/**
 * Dot voting: each option shows its dots as filled circles and as a number, with − and + buttons.
 * The buttons stay focusable when they cannot be used (aria-disabled), so pressing + until the
 * cap does not throw keyboard focus to the top of the page.
 */
export function DotsBallot({ round, rules, ballot, onChange }: { round: VoteRound; rules: DotsRules; ballot: Ballot; onChange(b: Ballot): void }) {
  const t = useT()
  const left = dotsLeft(round, ballot)
  const mustNot = ballot.method === 'dots' ? ballot.mustNot : undefined
  return (
    <div className="stack">
      <p className="hint">
        {t('voting.ballot.dots.intro', { count: rules.dots })}
        {rules.capPerOption < rules.dots && <> {t('voting.ballot.dots.cap', { count: rules.capPerOption })}</>}
      </p>
      {rules.mustNot && <p className="hint">{t('voting.ballot.dots.mustNotHint')}</p>}
      <p role="status" className="dots-left" data-testid="dots-left" data-left={left}>
        {t('voting.ballot.dots.left', { count: left })}
      </p>
      <ul className="ballot-options" role="list">
        {round.options.map((o) => {
          const n = dotsOn(ballot, o.id)
          const canAdd = canAddDot(round, ballot, o.id)
          const isMustNot = mustNot === o.id
          return (
            <li key={o.id} className="ballot-option dots-option" data-testid="ballot-option" data-option-id={o.id}>
              <span className="ballot-label">{o.label}</span>
              <span className="dots-value">
                <span className="dots-meter" aria-hidden="true">
                  {Array.from({ length: rules.capPerOption }, (_, i) => (
                    <span key={i} className={i < n ? 'dot dot-on' : 'dot'} />
                  ))}
                </span>
                <span className="dots-count">{t('voting.ballot.dots.count', { count: n })}</span>
              </span>
              <span className="dots-buttons">
                <button
                  type="button"
                  className="btn dot-btn"
                  data-testid="dot-remove"
                  aria-label={t('voting.ballot.dots.remove', { label: o.label })}
                  aria-disabled={n === 0 ? true : undefined}
                  onClick={() => n > 0 && onChange(removeDot(round, ballot, o.id))}
                >
                  <span aria-hidden="true">−</span>
                </button>
                <button
                  type="button"
                  className="btn dot-btn"
                  data-testid="dot-add"
                  aria-label={t('voting.ballot.dots.add', { label: o.label })}
                  aria-disabled={canAdd ? undefined : true}
                  onClick={() => canAdd && onChange(addDot(round, ballot, o.id))}
                >
                  <span aria-hidden="true">+</span>
                </button>
                {rules.mustNot && (
                  <button
                    type="button"
                    className="btn must-not-btn"
                    data-testid="must-not"
                    aria-pressed={isMustNot}
                    aria-label={t('voting.ballot.dots.mustNotLabel', { label: o.label })}
                    onClick={() => onChange(toggleMustNot(round, ballot, o.id))}
                  >
                    {isMustNot && <span aria-hidden="true">✓ </span>}
                    {t('voting.ballot.dots.mustNot')}
                  </button>
                )}
              </span>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
