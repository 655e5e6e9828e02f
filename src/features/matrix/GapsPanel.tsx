import { useId } from 'react'
import { explainGap, type Gap } from '../../domain/matrix.ts'
import { useI18n } from '../../app/context.tsx'
import { useMatrix } from './matrixContext.ts'

/**
 * The gaps of the sector on screen, in plain words, recomputed from the placed cards on every
 * change (from this device or a peer). The count is also announced politely when it changes.
 */
export function GapsPanel({ gaps }: { gaps: readonly Gap[] }) {
  const { t, locale } = useI18n()
  const { sector, sectors } = useMatrix()
  const headingId = useId()
  const name = sector.name[locale]
  return (
    <section className="card mx-gaps" aria-labelledby={headingId} data-testid="matrix-gaps" data-count={gaps.length}>
      <h2 id={headingId}>{t('matrix.gaps.heading', { sector: name })}</h2>
      <p className="hint">{t('matrix.gaps.intro')}</p>
      {gaps.length === 0 ? (
        <p>{t('matrix.gaps.none', { sector: name })}</p>
      ) : (
        <ul className="mx-gap-list">
          {gaps.map((g) => (
            <li key={g.kind === 'universalNotReaching' ? `r-${g.effortId}` : `${g.row}/${g.column}`} data-testid="matrix-gap" data-kind={g.kind} data-row={g.row} data-column={g.column}>
              {explainGap(g, locale, sectors)}
            </li>
          ))}
        </ul>
      )}
      {/* Stays mounted so screen readers hear each change of the count. */}
      <p className="visually-hidden" role="status" data-testid="matrix-gaps-live">
        {t('matrix.gaps.live', { count: gaps.length, sector: name })}
      </p>
    </section>
  )
}
