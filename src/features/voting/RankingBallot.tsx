import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import type { Ballot, VoteOption, VoteRound } from '../../domain/voting.ts'
import { useT } from '../../app/context.tsx'
import { canRankAdd, rankAdd, rankMove, rankRemove } from './ballotEdit.ts'

type ButtonId = 'rank-add' | 'rank-up' | 'rank-down' | 'rank-remove'
/** Where keyboard focus goes after an action: the first usable of `buttons` on option `id` (else the first). */
type FocusTarget = { id: string; buttons: ButtonId[] }

/**
 * Ranking: "Your ranking" (ordered, at most top k) and the remaining options. Every action is a
 * button, so it works the same with keyboard, switch and touch; after an action that moves or
 * removes the pressed button, focus is put back on the nearest sensible button, and the change is
 * announced in the status line.
 */
export function RankingBallot({ round, topK, ballot, onChange }: { round: VoteRound; topK: number; ballot: Ballot; onChange(b: Ballot): void }) {
  const t = useT()
  const uid = useId()
  const root = useRef<HTMLDivElement>(null)
  const [message, setMessage] = useState('')
  /** Set by an action, applied after the render that shows its result. */
  const pendingFocus = useRef<FocusTarget | null>(null)
  const order = ballot.method === 'ranking' ? ballot.order : []
  const byId = new Map(round.options.map((o) => [o.id, o]))
  const ranked = order.map((id) => byId.get(id)).filter((o): o is VoteOption => o !== undefined)
  const rest = round.options.filter((o) => !order.includes(o.id))
  const full = order.length >= topK

  useEffect(() => {
    const target = pendingFocus.current
    if (!target || !root.current) return
    pendingFocus.current = null
    const found = target.buttons
      .map((b) => root.current?.querySelector<HTMLElement>(`[data-option-id="${target.id}"] [data-testid="${b}"]`))
      .filter((el): el is HTMLElement => el != null)
    ;(found.find((el) => el.getAttribute('aria-disabled') !== 'true') ?? found[0])?.focus()
  })

  function act(next: Ballot, msg: string, target: FocusTarget | null) {
    onChange(next)
    setMessage(msg)
    pendingFocus.current = target
  }
  const placed = (b: Ballot, o: VoteOption) => t('voting.ballot.ranking.placed', { label: o.label, n: b.method === 'ranking' ? b.order.indexOf(o.id) + 1 : 0 })

  function add(o: VoteOption, i: number) {
    if (!canRankAdd(round, ballot, o.id)) return
    const next = rankAdd(round, ballot, o.id)
    const neighbour = rest[i + 1] ?? rest[i - 1]
    const nowFull = next.method === 'ranking' && next.order.length >= topK
    act(next, placed(next, o), neighbour && !nowFull ? { id: neighbour.id, buttons: ['rank-add'] } : { id: o.id, buttons: ['rank-up', 'rank-remove'] })
  }
  function move(o: VoteOption, delta: -1 | 1) {
    const next = rankMove(round, ballot, o.id, delta)
    if (next.method === 'ranking' && next.order.indexOf(o.id) === order.indexOf(o.id)) return
    // Focus stays on the pressed button even when it is now unusable (aria-disabled): jumping to
    // the other direction would make a repeated Enter move the option back.
    act(next, placed(next, o), { id: o.id, buttons: [delta < 0 ? 'rank-up' : 'rank-down'] })
  }
  function remove(o: VoteOption, i: number) {
    const next = rankRemove(round, ballot, o.id)
    const neighbour = ranked[i + 1] ?? ranked[i - 1]
    act(next, t('voting.ballot.ranking.removed', { label: o.label }), neighbour ? { id: neighbour.id, buttons: ['rank-remove'] } : { id: o.id, buttons: ['rank-add'] })
  }

  return (
    <div className="stack ranking-ballot" ref={root}>
      <p className="hint">{t('voting.ballot.ranking.intro', { count: topK })}</p>
      <section className="ranking-list" aria-labelledby={`${uid}-mine`} data-list="ranked">
        <h3 id={`${uid}-mine`}>{t('voting.ballot.ranking.mine')}</h3>
        {ranked.length === 0 ? (
          <p className="muted">{t('voting.ballot.ranking.mineEmpty')}</p>
        ) : (
          <ol className="ballot-options ranked-options">
            {ranked.map((o, i) => (
              <li key={o.id} className="ballot-option" data-testid="ballot-option" data-option-id={o.id} data-rank={i + 1}>
                <span className="rank-number">{i + 1}.</span>
                <span className="ballot-label">{o.label}</span>
                <span className="row ranking-buttons">
                  <RankButton testId="rank-up" disabled={i === 0} label={t('voting.ballot.ranking.upLabel', { label: o.label })} onClick={() => move(o, -1)}>
                    <span aria-hidden="true">↑ </span>
                    {t('voting.ballot.ranking.up')}
                  </RankButton>
                  <RankButton testId="rank-down" disabled={i === ranked.length - 1} label={t('voting.ballot.ranking.downLabel', { label: o.label })} onClick={() => move(o, 1)}>
                    <span aria-hidden="true">↓ </span>
                    {t('voting.ballot.ranking.down')}
                  </RankButton>
                  <RankButton testId="rank-remove" disabled={false} quiet label={t('voting.ballot.ranking.removeLabel', { label: o.label })} onClick={() => remove(o, i)}>
                    {t('voting.ballot.ranking.remove')}
                  </RankButton>
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      <p role="status" className="ranking-status small">
        {message}
      </p>
      <section className="ranking-list" aria-labelledby={`${uid}-rest`} data-list="rest">
        <h3 id={`${uid}-rest`}>{t('voting.ballot.ranking.rest')}</h3>
        {full && rest.length > 0 && <p className="hint">{t('voting.ballot.ranking.full', { count: topK })}</p>}
        {rest.length === 0 ? (
          <p className="muted">{t('voting.ballot.ranking.restEmpty')}</p>
        ) : (
          <ul className="ballot-options" role="list">
            {rest.map((o, i) => (
              <li key={o.id} className="ballot-option" data-testid="ballot-option" data-option-id={o.id}>
                <span className="ballot-label">{o.label}</span>
                <RankButton testId="rank-add" disabled={full} label={t('voting.ballot.ranking.addLabel', { label: o.label })} onClick={() => add(o, i)}>
                  <span aria-hidden="true">+ </span>
                  {t('voting.ballot.ranking.add')}
                </RankButton>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  )
}

function RankButton(p: { testId: ButtonId; disabled: boolean; quiet?: boolean; label: string; onClick(): void; children: ReactNode }) {
  return (
    <button
      type="button"
      className={p.quiet ? 'btn btn-quiet' : 'btn'}
      data-testid={p.testId}
      aria-label={p.label}
      aria-disabled={p.disabled ? true : undefined}
      onClick={() => !p.disabled && p.onClick()}
    >
      {p.children}
    </button>
  )
}
