import { useEffect, useRef, useState } from 'react'
import { useT } from '../../app/context.tsx'

/**
 * Two-step button for acts that every screen follows (changing step): the first tap asks, the
 * second confirms, so an accidental tap on a tablet cannot skip a step. The question times out.
 */
export function ConfirmButton(props: { label: string; confirmLabel: string; onConfirm(): void; disabled?: boolean; testId: string; primary?: boolean }) {
  const t = useT()
  const [asking, setAsking] = useState(false)
  const confirmRef = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (!asking) return
    confirmRef.current?.focus()
    const timer = setTimeout(() => setAsking(false), 8000)
    return () => clearTimeout(timer)
  }, [asking])
  if (!asking)
    return (
      <button type="button" className={`btn${props.primary ? ' btn-primary' : ''}`} disabled={props.disabled} onClick={() => setAsking(true)} data-testid={props.testId}>
        {props.label}
      </button>
    )
  return (
    <span className="confirm row">
      <button
        ref={confirmRef}
        type="button"
        className="btn btn-primary"
        onClick={() => {
          setAsking(false)
          props.onConfirm()
        }}
        data-testid={`${props.testId}-confirm`}
      >
        {props.confirmLabel}
      </button>
      <button type="button" className="btn" onClick={() => setAsking(false)}>
        {t('console.cancel')}
      </button>
    </span>
  )
}
