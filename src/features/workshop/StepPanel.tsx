import { useEffect, useState } from 'react'
import { localized, type StepDef } from '../../domain/template.ts'
import { useI18n } from '../../app/context.tsx'
import type { FlowState } from '../../app/flowController.ts'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { ContractCard, formatIsoDate } from './ContractCard.tsx'
import { PulseStep } from './PulseStep.tsx'
import { Timer } from './Timer.tsx'
import { VoteStep } from '../voting/VoteStep.tsx'
import { isVoteStep } from '../voting/voteSetup.ts'
import { EquityCheckStep } from '../equity/EquityCheckStep.tsx'

/** What every device shows for the current step: where we are, the prompt, what you may do now, and the time. */
export function StepPanel({ session, flow }: { session: WorkshopSession; flow: FlowState }) {
  const { t, locale } = useI18n()
  const view = flow.view
  if (!flow.template || !view) return null
  if (view.status === 'lobby') {
    if (session.role === 'facilitator') return null
    return (
      <p className="banner" role="status" data-testid="step-lobby">
        {flow.keyStatus === 'waiting' ? t('flow.waitingKey') : t('flow.lobby.participant')}
      </p>
    )
  }
  if (view.status === 'ended') {
    const fb = view.context.contract?.feedbackDate
    return (
      <section className="card step-panel" data-testid="step-panel" data-step="ended">
        <h2>{t('flow.ended.heading')}</h2>
        {fb && <p>{t('flow.ended.feedback', { date: formatIsoDate(fb, locale) })}</p>}
        {view.context.contract && <ContractCard contract={view.context.contract} />}
      </section>
    )
  }
  const step = flow.template.steps[view.stepIndex]
  if (!step) return null
  const hidden = step.kind === 'brainstorm' && step.options.hiddenUntilReveal && !view.context.revealed.includes(step.id)
  const doKey: MessageKey = view.context.locked
    ? 'flow.do.locked'
    : step.kind === 'brainstorm'
      ? hidden
        ? 'flow.do.brainstormHidden'
        : 'flow.do.brainstorm'
      : `flow.do.${step.kind}`
  const phase = step.kind === 'brainstorm' && step.options.phases124All ? (view.context.phase[step.id] ?? 0) : null
  return (
    <section className="card step-panel" aria-labelledby="step-h" data-testid="step-panel" data-step={step.id} data-kind={step.kind}>
      <div className="row spread">
        <p className="muted small step-of">{t('flow.stepOf', { n: view.stepIndex + 1, total: flow.template.steps.length })}</p>
        {session.role !== 'facilitator' && <Timer timer={view.context.timer} />}
      </div>
      <h2 id="step-h" data-testid="step-title">
        {localized(step.title, locale)}
      </h2>
      <p className="step-prompt">{localized(step.prompt, locale)}</p>
      {phase !== null && (
        <p className="phase" data-testid="phase">
          {t('flow.phase')}: <strong>{t(`flow.phase.${phase}` as MessageKey)}</strong>
        </p>
      )}
      <p className={`step-do${view.context.locked ? ' step-locked' : ''}`} data-testid="step-do">
        {t(doKey)}
      </p>
      {view.stepIndex === 0 && view.context.contract && <ContractCard contract={view.context.contract} />}
      {step.kind === 'pulse' && <PulseStep session={session} step={step} totals={view.context.pulse[step.id] ?? null} />}
      {step.kind === 'equity-check' && <EquityCheckStep session={session} stepId={step.id} />}
      {isVoteStep(step) && <VoteStep session={session} flow={flow} stepId={step.id} />}
      {session.role === 'participant' && <ReadyButton session={session} step={step} />}
    </section>
  )
}

function ReadyButton({ session, step }: { session: WorkshopSession; step: StepDef }) {
  const { t } = useI18n()
  const [ready, setReady] = useState(false)
  useEffect(() => {
    setReady(false)
  }, [step.id])
  useEffect(() => {
    session.connection.setLocalPresence({ ready: ready ? { step: step.id } : null })
  }, [ready, step.id, session])
  return (
    <button type="button" className="btn" aria-pressed={ready} onClick={() => setReady((r) => !r)} data-testid="ready">
      {ready ? t('flow.notReady') : t('flow.ready')}
    </button>
  )
}
