import { useId } from 'react'
import { useI18n } from '../../app/context.tsx'
import type { Comparison, SideColumn } from '../../domain/compare.ts'
import { formatDate, scoreText, type LoadedSession } from './compareModel.ts'

/** One column per session, its priorities as it published them. */
export function SideBySide({ comparison, loaded }: { comparison: Comparison; loaded: readonly LoadedSession[] }) {
  const { t, locale } = useI18n()
  const headingId = useId()
  const { columns } = comparison
  const rows = Math.max(1, ...columns.map((c) => c.items.length))
  const dateOf = (key: string) => {
    const s = loaded.find((l) => l.session.id === key)?.session
    return s ? formatDate(s.createdAt, locale) : ''
  }
  return (
    <section aria-labelledby={headingId} className="stack">
      <h2 id={headingId}>{t('compare.side.heading')}</h2>
      <div className="compare-scroll" role="region" tabIndex={0} aria-labelledby={headingId}>
        <table className="compare-table compare-side" data-testid="compare-side" style={{ ['--cols' as string]: columns.length }}>
          <caption>{t('compare.side.caption')}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} scope="col" data-testid="compare-side-head">
                  <span className="compare-col-title">{c.label}</span>
                  <span className="compare-col-meta">{dateOf(c.key)}</span>
                  <span className="compare-col-meta">{columnStatus(c, t)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {Array.from({ length: rows }, (_, i) => (
              <tr key={i}>
                {columns.map((c) => {
                  const it = c.items[i]
                  if (c.publish === 'none')
                    return (
                      <td key={c.key} data-session={c.key}>
                        {i === 0 && <span className="compare-none">{t('compare.side.tooFew')}</span>}
                      </td>
                    )
                  return (
                    <td key={c.key} data-session={c.key} data-testid={it ? 'compare-side-item' : undefined}>
                      {it && (
                        <span className="compare-item">
                          <span className="compare-rank">{t('compare.rank', { rank: it.rank })}</span>
                          <span className="compare-label">{it.label}</span>
                          {it.score !== undefined && <span className="compare-score">{scoreText(c.method, it.score, t, locale)}</span>}
                        </span>
                      )}
                    </td>
                  )
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}

function columnStatus(c: SideColumn, t: ReturnType<typeof useI18n>['t']): string {
  const method = t(`compare.method.${c.method}`)
  if (c.publish === 'full') return `${method} · ${t('compare.side.voters', { count: c.voters ?? 0 })}`
  if (c.publish === 'rankOnly') return `${method} · ${t('compare.side.orderOnly')}`
  return method
}

/** The combined list, the rule it was made by and the small-number rule. */
export function CombinedView({ comparison }: { comparison: Comparison }) {
  const { t, locale } = useI18n()
  const headingId = useId()
  const { combined, columns } = comparison
  const total = combined.contributing.length
  const withScore = combined.publish === 'full'
  const titleOf = (key: string) => columns.find((c) => c.key === key)?.label ?? key
  const rule =
    combined.rule === 'sum' && combined.publish === 'full'
      ? t('compare.combined.rule.sum', { count: combined.voters ?? 0 })
      : combined.rule === 'none'
        ? t('compare.combined.rule.none')
        : t('compare.combined.rule.borda')
  return (
    <section aria-labelledby={headingId} className="stack" data-testid="compare-combined" data-rule={combined.rule}>
      <h2 id={headingId}>{t('compare.combined.heading')}</h2>
      <p className="compare-rule" data-testid="compare-rule">
        {rule}
      </p>
      <p className="hint">{t('compare.combined.small')}</p>
      {combined.tooFew.length > 0 && (
        <p className="compare-left" data-testid="compare-left">
          {t('compare.combined.left', { titles: combined.tooFew.map(titleOf).join(', ') })}
        </p>
      )}
      {combined.items.length > 0 && (
        <div className="compare-scroll" role="region" tabIndex={0} aria-labelledby={headingId}>
          <table className="compare-table compare-combined">
            <thead>
              <tr>
                <th scope="col">{t('compare.combined.col.rank')}</th>
                <th scope="col">{t('compare.combined.col.label')}</th>
                {withScore && (
                  <th scope="col" className="compare-score-cell">
                    {t('compare.combined.col.score')}
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {combined.items.map((it) => (
                <tr key={it.label} data-testid="compare-combined-item">
                  <td className="compare-rank-cell">{it.rank}</td>
                  <td>
                    <span className="compare-combined-label">{it.label}</span>
                    <span className="compare-col-meta">
                      {it.sessions.length < total
                        ? t('compare.combined.sessionsSome', { count: it.sessions.length, total, titles: it.sessions.map(titleOf).join(', ') })
                        : t('compare.combined.sessions', { n: it.sessions.length, count: total })}
                    </span>
                  </td>
                  {withScore && <td className="compare-score-cell">{it.score !== undefined && combined.method ? scoreText(combined.method, it.score, t, locale) : ''}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
