import { remainingMs, type TimerState } from '../../machines/workshopMachine.ts'
import { useT } from '../../app/context.tsx'
import { useNow } from '../../app/useWorkshopSession.ts'

export function formatMs(ms: number): string {
  const total = Math.ceil(ms / 1000)
  const m = Math.floor(total / 60)
  const s = total % 60
  return `${m}:${String(s).padStart(2, '0')}`
}

/** A countdown from a deadline carried in a signed event; every device computes it from its own clock. */
export function Timer({ timer }: { timer: TimerState }) {
  const t = useT()
  const now = useNow(500)
  const left = remainingMs(timer, now)
  if (left === null) return null
  return (
    <div className={`timer${left === 0 ? ' timer-done' : ''}`} role="timer" aria-live="off" data-testid="timer" data-kind={timer.kind}>
      <span className="muted small">{timer.kind === 'paused' ? t('flow.timerPaused') : t('flow.timer')}</span>
      <span className="timer-value">{formatMs(left)}</span>
    </div>
  )
}
