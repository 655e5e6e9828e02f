import { useId, type MouseEvent } from 'react'
import type { Ballot, ScaleAnswer, TrafficAnswer, VoteRound } from '../../domain/voting.ts'
import { useT } from '../../app/context.tsx'
import type { MessageKey } from '../../i18n/i18n.ts'
import { answerOf, setAnswer, type Answer } from './ballotEdit.ts'

export const SCALE_CHOICES: readonly ScaleAnswer[] = [1, 2, 3, 4, 5, 'unknown']
export const TRAFFIC_CHOICES: readonly TrafficAnswer[] = ['green', 'yellow', 'red', 'unknown']

/**
 * Scale (1–5) and traffic light: one radio group per statement, the statement as its legend.
 * Radios are native (visible dot, arrow keys, checked state not by colour). Traffic colours come
 * with their name; "don't know" is an answer of its own (it is counted), and "clear" withdraws
 * the answer to one statement.
 */
export function AnswerBallot({ round, method, ballot, onChange }: { round: VoteRound; method: 'scale' | 'traffic'; ballot: Ballot; onChange(b: Ballot): void }) {
  const t = useT()
  const uid = useId()
  const choices: readonly Answer[] = method === 'scale' ? SCALE_CHOICES : TRAFFIC_CHOICES

  function clear(e: MouseEvent<HTMLButtonElement>, optionId: string) {
    // The button disappears once the answer is gone: put focus on the group's first radio.
    const first = e.currentTarget.closest('fieldset')?.querySelector<HTMLInputElement>('input[type="radio"]')
    onChange(setAnswer(round, ballot, optionId, null))
    first?.focus()
  }

  return (
    <div className="stack">
      <p className="hint">{t(method === 'scale' ? 'voting.ballot.scale.intro' : 'voting.ballot.traffic.intro')}</p>
      <ul className="ballot-options" role="list">
        {round.options.map((o) => {
          const current = answerOf(ballot, o.id)
          return (
            <li key={o.id} className="ballot-option answer-option" data-testid="ballot-option" data-option-id={o.id}>
              <fieldset className={`answer-group answer-${method}`}>
                <legend className="ballot-label">{o.label}</legend>
                <div className="answer-choices">
                  {choices.map((c) => (
                    <label key={c} className={`answer-choice answer-choice-${c}`}>
                      <input type="radio" name={`${uid}-${o.id}`} value={c} checked={current === c} onChange={() => onChange(setAnswer(round, ballot, o.id, c))} />
                      <ChoiceText method={method} choice={c} />
                    </label>
                  ))}
                </div>
                {current !== undefined && (
                  <button type="button" className="btn btn-quiet answer-clear" aria-label={t('voting.ballot.clearLabel', { label: o.label })} onClick={(e) => clear(e, o.id)}>
                    {t('voting.ballot.clear')}
                  </button>
                )}
              </fieldset>
            </li>
          )
        })}
      </ul>
    </div>
  )
}

/** The visible (and accessible) name of one choice: "1 Helt uenig", "2", …, "Grønn", "Vet ikke". */
function ChoiceText({ method, choice }: { method: 'scale' | 'traffic'; choice: Answer }) {
  const t = useT()
  if (choice === 'unknown') {
    return (
      <>
        {method === 'traffic' && <span className="traffic-swatch traffic-unknown" aria-hidden="true" />}
        <span className="answer-word">{t('voting.ballot.unknown')}</span>
      </>
    )
  }
  if (typeof choice === 'number') {
    return (
      <>
        <span className="scale-number">{choice}</span>
        {(choice === 1 || choice === 5) && <span className="answer-word"> {t(`voting.ballot.scale.${choice}` as MessageKey)}</span>}
      </>
    )
  }
  return (
    <>
      <span className={`traffic-swatch traffic-${choice}`} aria-hidden="true" />
      <span className="answer-word">{t(`voting.ballot.traffic.${choice}` as MessageKey)}</span>
    </>
  )
}
