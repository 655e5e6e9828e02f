import { useEffect, useId, useState } from 'react'
import type { StepDef } from '../../domain/template.ts'
import { useT } from '../../app/context.tsx'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import type { MessageKey } from '../../i18n/i18n.ts'

export const PULSE_FACES = ['😣', '🙁', '😐', '🙂', '😄'] as const

/**
 * Anonymous check-in: each device's choice sits only in presence (never in the doc, never on
 * disk), sealed to the step's seal key so that only the facilitator device can count it; the
 * facilitator publishes the totals as a signed event, and only totals are shown.
 */
export function PulseStep({ session, step, totals }: { session: WorkshopSession; step: StepDef; totals: number[] | null }) {
  const t = useT()
  const name = useId()
  const [choice, setChoice] = useState<number | null>(null)
  useEffect(() => {
    session.setPulse(step.id, choice)
  }, [choice, step.id, session])
  useEffect(() => () => session.setPulse(step.id, null), [session, step.id])
  return (
    <div className="stack">
      {session.role === 'participant' && (
        <fieldset className="pulse" data-testid="pulse">
          <legend>{t('pulse.choose')}</legend>
          {PULSE_FACES.map((face, i) => (
            <label key={i} className="pulse-option">
              <input type="radio" name={name} checked={choice === i} onChange={() => setChoice(i)} />
              <span className="pulse-face" aria-hidden="true">
                {face}
              </span>
              <span className="pulse-label">{t(`pulse.${i}` as MessageKey)}</span>
            </label>
          ))}
        </fieldset>
      )}
      {totals ? <PulseTotals totals={totals} /> : <p className="muted">{t('pulse.waiting')}</p>}
    </div>
  )
}

export function PulseTotals({ totals }: { totals: number[] }) {
  const t = useT()
  const max = Math.max(1, ...totals)
  return (
    <figure className="pulse-totals" data-testid="pulse-totals">
      <figcaption>{t('pulse.totals')}</figcaption>
      <ul>
        {totals.map((n, i) => (
          <li key={i}>
            <span className="pulse-label">
              <span aria-hidden="true">{PULSE_FACES[i]}</span> {t(`pulse.${i}` as MessageKey)}
            </span>
            <span className="bar" style={{ width: `${(n / max) * 100}%` }} aria-hidden="true" />
            <span className="pulse-count">{n}</span>
          </li>
        ))}
      </ul>
    </figure>
  )
}
