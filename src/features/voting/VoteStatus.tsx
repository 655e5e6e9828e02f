import { useT } from '../../app/context.tsx'

/**
 * "12 av 15 har stemt": everyone may see THAT someone voted (like a ballot going into a box),
 * never what. More ballots than people is shown as a hint: one person may have voted on two devices.
 */
export function VoteStatus({ submitted, participants }: { submitted: number; participants: number }) {
  const t = useT()
  const over = submitted > participants
  return (
    <p role="status" className={over ? 'vote-status vote-status-over' : 'vote-status'} data-testid="vote-status" data-submitted={submitted} data-participants={participants}>
      {t('voting.status', { count: submitted, total: participants })}
      {over && <span className="vote-status-warning"> {t('voting.status.over')}</span>}
    </p>
  )
}
