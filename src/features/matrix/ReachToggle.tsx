import { useId } from 'react'
import { REACH_COUNTS_MIN_ANSWERS, type Reach } from '../../domain/matrix.ts'
import { useT } from '../../app/context.tsx'
import type { ReachAnswer } from '../../app/workshopSession.ts'
import { useMatrix } from './matrixContext.ts'

const ANSWERS: readonly ReachAnswer[] = ['yes', 'no', 'unsure']
const LABEL = { yes: 'matrix.reach.yes', no: 'matrix.reach.no', unsure: 'matrix.reach.unsure' } as const

/**
 * "Does this reach you?" on a universal effort: three toggle buttons; pressing the pressed one
 * takes the answer back. Only totals are shown, and yes/no counts only from
 * REACH_COUNTS_MIN_ANSWERS answers up (no breakdown of a group smaller than five).
 */
export function ReachToggle({ effortId, reach }: { effortId: string; reach: Reach }) {
  const t = useT()
  const { session, locked } = useMatrix()
  const labelId = useId()
  const mine = session.myReach(effortId)
  const total = reach.yes + reach.no + reach.unsure
  return (
    <div className="mx-reach" role="group" aria-labelledby={labelId}>
      <p id={labelId} className="mx-reach-q">
        {t('matrix.reach.question')}
      </p>
      <div className="mx-reach-buttons">
        {ANSWERS.map((a) => (
          <button
            key={a}
            type="button"
            className="btn mx-reach-btn"
            aria-pressed={mine === a}
            disabled={locked}
            data-testid={`matrix-reach-${a}`}
            onClick={() => session.answerReach(effortId, mine === a ? null : a)}
          >
            {t(LABEL[a])}
          </button>
        ))}
      </div>
      <p className="small mx-reach-total" data-testid="matrix-reach-total">
        {t('matrix.reach.total', { count: total })}
        {total >= REACH_COUNTS_MIN_ANSWERS
          ? `: ${t('matrix.reach.counts', { yes: reach.yes, no: reach.no })}`
          : total > 0
            ? `. ${t('matrix.reach.hidden', { min: REACH_COUNTS_MIN_ANSWERS })}`
            : ''}
      </p>
    </div>
  )
}
