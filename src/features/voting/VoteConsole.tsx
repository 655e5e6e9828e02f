import { useState } from 'react'
import type { Note } from '../../domain/notes.ts'
import type { StepDef } from '../../domain/template.ts'
import { useI18n } from '../../app/context.tsx'
import type { FlowState } from '../../app/flowController.ts'
import { openRoundOf } from '../../machines/workshopMachine.ts'
import { useVotes } from '../../app/useWorkshopSession.ts'
import type { WorkshopSession } from '../../app/workshopSession.ts'
import type { MessageKey } from '../../i18n/i18n.ts'
import { ConfirmButton } from '../facilitator/ConfirmButton.tsx'
import { PassTablet } from './PassTablet.tsx'
import { isVoteStep, optionsFor, rulesFor } from './voteSetup.ts'
import { RulesEditor } from './RulesEditor.tsx'
import type { VoteOption, VoteRules } from '../../domain/voting.ts'

/** The facilitator's vote controls: open a round on the current options, close it and publish the results, or pass the tablet. */
export function VoteConsole(props: { session: WorkshopSession; flow: FlowState; step: StepDef; clusters: { id: string; name: string }[]; notes: Note[]; gaps?: VoteOption[] }) {
  const { t, locale } = useI18n()
  const { session, flow, step } = props
  const votes = useVotes(session)
  const [passing, setPassing] = useState(false)
  const [busy, setBusy] = useState(false)
  const [chosen, setChosen] = useState<VoteRules | null>(null)
  if (!isVoteStep(step)) return null
  const ctx = flow.view?.context
  const open = openRoundOf(ctx)
  const options = optionsFor(step, props.clusters, props.notes, locale, props.gaps)
  const rules = chosen ?? rulesFor(step, options.length)
  return (
    <div className="stack vote-console" data-testid="vote-console">
      <h3>{t('console.vote.heading')}</h3>
      {!open ? (
        <>
          {step.kind === 'vote' ? (
            <RulesEditor rules={rules} optionCount={options.length} onChange={setChosen} />
          ) : (
            <p className="muted">
              {t('console.vote.method')}: {t(`console.vote.method.${rules.method}` as MessageKey)}
            </p>
          )}
          <p className="muted">{t('console.vote.options', { count: options.length })}</p>
          {options.length === 0 ? (
            <p className="field-error" role="alert" data-testid="vote-no-options">
              {t('console.vote.noOptions')}
            </p>
          ) : (
            <ul className="small vote-preview">
              {options.map((o) => (
                <li key={o.id}>{o.label}</li>
              ))}
            </ul>
          )}
          <div>
            <button
              type="button"
              className="btn btn-primary"
              disabled={busy || options.length === 0}
              onClick={() => {
                setBusy(true)
                void session.votes.open(step.id, options, rules.method === 'ranking' ? { ...rules, topK: Math.min(rules.topK, options.length) } : rules).finally(() => setBusy(false))
              }}
              data-testid="vote-open"
            >
              {t('console.vote.open')}
            </button>
          </div>
        </>
      ) : (
        <>
          {!votes.canCount && (
            <p className="field-error" role="alert">
              {t('console.vote.keyLost')}
            </p>
          )}
          {open.round.passKey && (
            <div className="stack vote-passes">
              <p role="status" data-testid="vote-passes" data-issued={votes.passesIssued} data-devices={votes.devices} data-connections={votes.connections}>
                {t('console.vote.passes', { issued: votes.passesIssued, devices: votes.devices, connections: votes.connections })}
              </p>
              {votes.passesIssued - votes.passed > votes.connections && (
                <p role="alert" className="banner" data-testid="vote-passes-over">
                  {t('console.vote.passesOver')}
                </p>
              )}
              <label className="row">
                <input type="checkbox" style={{ width: 'auto' }} checked={votes.roomClosed} disabled={!votes.canCount} onChange={(e) => session.votes.setRoomClosed(e.target.checked)} data-testid="vote-room-closed" />
                {t('console.vote.roomClosed')}
              </label>
              <p className="muted small" role="status" data-testid="vote-ignored" data-count={votes.ignored}>
                {t('console.vote.ignored', { count: votes.ignored })}
              </p>
            </div>
          )}
          <div className="row">
            <ConfirmButton
              primary
              label={t('console.vote.close', { count: votes.voters })}
              confirmLabel={t('console.vote.confirmClose')}
              disabled={!votes.canCount}
              onConfirm={() => void session.votes.close()}
              testId="vote-close"
            />
            <button type="button" className="btn" disabled={!votes.canCount} onClick={() => setPassing(true)} data-testid="pass-tablet">
              {t('console.vote.passTablet')}
            </button>
          </div>
          {passing && <PassTablet session={session} round={open.round} onDone={() => setPassing(false)} />}
        </>
      )}
    </div>
  )
}
