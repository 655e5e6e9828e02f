import { COUNTS_MIN_VOTERS, PUBLISH_MIN_VOTERS } from '../../domain/voting.ts'
import { useT } from '../../app/context.tsx'
import type { MessageKey } from '../../i18n/i18n.ts'

const PARTICIPANT: readonly MessageKey[] = ['voting.help.sealed', 'voting.help.nobody', 'voting.help.that', 'voting.help.change', 'voting.help.receipt', 'voting.help.thresholds', 'voting.help.twice']
const FACILITATOR: readonly MessageKey[] = ['voting.help.fac.receives', 'voting.help.fac.passes', 'voting.help.fac.small', 'voting.help.fac.key']

/**
 * "Who sees what?": what the vote protects and what it does not, in plain words for 13–19 year
 * olds. The facilitator sees the same text plus what only their device could know.
 */
export function VoteHelp({ audience }: { audience: 'participant' | 'facilitator' }) {
  const t = useT()
  const vars = { publishMin: PUBLISH_MIN_VOTERS, countsMin: COUNTS_MIN_VOTERS }
  return (
    <details className="vote-help" data-testid="vote-help" data-audience={audience}>
      <summary>{t('voting.help.summary')}</summary>
      <div className="stack vote-help-body">
        {audience === 'facilitator' && <p className="hint">{t('voting.help.fac.intro')}</p>}
        <ul>
          {PARTICIPANT.map((k) => (
            <li key={k}>{t(k, vars)}</li>
          ))}
        </ul>
        {audience === 'facilitator' && (
          <>
            <h3>{t('voting.help.fac.heading')}</h3>
            <ul>
              {FACILITATOR.map((k) => (
                <li key={k}>{t(k)}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    </details>
  )
}
