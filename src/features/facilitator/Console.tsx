import { useEffect } from 'react'
import { localized } from '../../domain/template.ts'
import { remainingMs } from '../../machines/workshopMachine.ts'
import { useI18n } from '../../app/context.tsx'
import type { FlowState } from '../../app/flowController.ts'
import { useConnection, useNow } from '../../app/useWorkshopSession.ts'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import { ConfirmButton } from './ConfirmButton.tsx'
import { Timer } from '../workshop/Timer.tsx'
import type { MessageKey } from '../../i18n/i18n.ts'

const MIN = 60_000

/** The facilitator's tablet console: agenda with time boxes, navigation, timer, input and visibility controls. */
export function Console({ session, flow }: { session: WorkshopSession; flow: FlowState }) {
  const { t, locale } = useI18n()
  const { presence } = useConnection(session)
  const now = useNow(1000)
  const view = flow.view
  const template = flow.template
  const stepId = view?.stepId ?? null
  useEffect(() => session.connection.countReadyFor(stepId), [session, stepId])
  if (!template || !view || view.status === 'lobby') return null
  const steps = template.steps
  const idx = view.stepIndex
  const step = steps[idx]
  const dispatch = session.flow.dispatch.bind(session.flow)
  const title = (i: number) => (steps[i] ? localized(steps[i].title, locale) : '')
  const usedMin = (id: string) => {
    let ms = view.context.spentMs[id] ?? 0
    if (id === stepId && view.context.stepEnteredAt !== null) ms += Math.max(0, now - view.context.stepEnteredAt)
    return Math.round(ms / MIN)
  }
  const timer = view.context.timer
  const left = remainingMs(timer, now)
  const pulseCounts = step?.kind === 'pulse' ? (presence.pulse[step.id] ?? [0, 0, 0, 0, 0]) : null
  const pulseAnswers = pulseCounts ? pulseCounts.reduce((a, b) => a + b, 0) : 0

  return (
    <section className="card console" aria-labelledby="console-h" data-testid="console">
      <div className="row spread">
        <h2 id="console-h">{t('console.heading')}</h2>
        <p className="muted" data-testid="ready-count">
          {t('console.participants', { ready: presence.ready, count: presence.participants })}
        </p>
      </div>
      {view.status === 'running' && step && (
        <>
          <div className="row console-nav">
            <ConfirmButton
              label={t('console.back')}
              confirmLabel={t('console.confirmBack', { step: title(idx - 1) })}
              disabled={idx === 0}
              onConfirm={() => void dispatch({ type: 'step.back', from: step.id })}
              testId="console-back"
            />
            {idx < steps.length - 1 ? (
              <ConfirmButton primary label={t('console.next')} confirmLabel={t('console.confirmNext', { step: title(idx + 1) })} onConfirm={() => void dispatch({ type: 'step.next', from: step.id })} testId="console-next" />
            ) : (
              <ConfirmButton primary label={t('console.finish')} confirmLabel={t('console.confirmFinish')} onConfirm={() => void dispatch({ type: 'step.next', from: step.id })} testId="console-next" />
            )}
            {flow.undoTo && flow.undoTo !== step.id && (
              <button type="button" className="btn btn-quiet" onClick={() => void dispatch({ type: 'step.goto', from: step.id, to: flow.undoTo ?? '' })} data-testid="console-undo">
                {t('console.undo', { step: title(steps.findIndex((s) => s.id === flow.undoTo)) })}
              </button>
            )}
          </div>
          <div className="row console-timer" role="group" aria-label={t('console.timer')}>
            <Timer timer={timer} />
            {timer.kind === 'idle' && (
              <button type="button" className="btn" onClick={() => void dispatch({ type: 'timer.start', step: step.id, endsAt: Date.now() + Math.max(1, step.minutes) * MIN })} data-testid="timer-start">
                {t('console.timerStart', { minutes: Math.max(1, step.minutes) })}
              </button>
            )}
            {timer.kind === 'running' && (
              <button type="button" className="btn" onClick={() => void dispatch({ type: 'timer.pause', step: step.id, remainingMs: left ?? 0 })} data-testid="timer-pause">
                {t('console.timerPause')}
              </button>
            )}
            {timer.kind === 'paused' && (
              <button type="button" className="btn" onClick={() => void dispatch({ type: 'timer.start', step: step.id, endsAt: Date.now() + (left ?? 0) })} data-testid="timer-resume">
                {t('console.timerResume')}
              </button>
            )}
            {timer.kind !== 'idle' &&
              [1, 5].map((m) => (
                <button
                  key={m}
                  type="button"
                  className="btn"
                  onClick={() =>
                    void dispatch(
                      timer.kind === 'running'
                        ? { type: 'timer.start', step: step.id, endsAt: timer.endsAt + m * MIN }
                        : { type: 'timer.pause', step: step.id, remainingMs: (left ?? 0) + m * MIN },
                    )
                  }
                  data-testid={`timer-extend-${m}`}
                >
                  {t('console.timerExtend', { minutes: m })}
                </button>
              ))}
            {timer.kind !== 'idle' && (
              <button type="button" className="btn" onClick={() => void dispatch({ type: 'timer.stop', step: step.id })} data-testid="timer-stop">
                {t('console.timerStop')}
              </button>
            )}
          </div>
          <div className="row">
            <button type="button" className="btn" aria-pressed={view.context.locked} onClick={() => void dispatch({ type: view.context.locked ? 'input.unlock' : 'input.lock', step: step.id })} data-testid="console-lock">
              {view.context.locked ? t('console.unlock') : t('console.lock')}
            </button>
            {step.kind === 'brainstorm' && step.options.hiddenUntilReveal && (
              <button
                type="button"
                className="btn"
                onClick={() => void dispatch({ type: view.context.revealed.includes(step.id) ? 'notes.hide' : 'notes.reveal', step: step.id })}
                data-testid="console-reveal"
              >
                {view.context.revealed.includes(step.id) ? t('console.hide') : t('console.reveal')}
              </button>
            )}
            {step.kind === 'brainstorm' && step.options.phases124All && (
              <span className="row" role="group" aria-label={t('flow.phase')}>
                {[0, 1, 2, 3].map((p) => (
                  <button key={p} type="button" className="btn" aria-pressed={(view.context.phase[step.id] ?? 0) === p} onClick={() => void dispatch({ type: 'phase.set', step: step.id, phase: p })}>
                    {t(`flow.phase.${p}` as MessageKey)}
                  </button>
                ))}
              </span>
            )}
            {view.context.focus && (
              <button type="button" className="btn" onClick={() => void dispatch({ type: 'focus.set', step: step.id, target: null })} data-testid="console-clear-focus">
                {t('console.clearFocus')}
              </button>
            )}
            {pulseCounts && (
              <button type="button" className="btn btn-primary" disabled={pulseAnswers === 0} onClick={() => void dispatch({ type: 'pulse.publish', step: step.id, totals: pulseCounts })} data-testid="console-publish-pulse">
                {t('console.publishPulse', { count: pulseAnswers })}
              </button>
            )}
          </div>
        </>
      )}
      <details className="agenda" open>
        <summary>{t('console.agenda')}</summary>
        <ol className="agenda-list" data-testid="agenda">
          {steps.map((s, i) => (
            <li key={s.id} aria-current={s.id === stepId ? 'step' : undefined} className={s.id === stepId ? 'agenda-current' : i < idx ? 'agenda-done' : ''}>
              <span className="agenda-title">{localized(s.title, locale)}</span>
              <span className="muted small">{t('console.used', { used: usedMin(s.id), planned: s.minutes })}</span>
              {view.status === 'running' && s.id !== stepId && step && (
                <ConfirmButton label={t('console.goto')} confirmLabel={t('console.confirmGoto', { step: localized(s.title, locale) })} onConfirm={() => void dispatch({ type: 'step.goto', from: step.id, to: s.id })} testId={`console-goto-${s.id}`} />
              )}
            </li>
          ))}
        </ol>
      </details>
    </section>
  )
}
