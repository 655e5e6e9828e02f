import type { ReactNode } from 'react'
import type { Sector } from '../../domain/matrix.ts'
import { useI18n } from '../../app/context.tsx'

/** "Arbeid/inntekt/inkludering" may wrap after each slash on a narrow phone. */
function withBreaks(name: string): ReactNode[] {
  const parts = name.split('/')
  return parts.flatMap((part, i) => (i < parts.length - 1 ? [`${part}/`, <wbr key={i} />] : [part]))
}

/** One button per sector, with its number of gaps in words (not a colour). */
export function SectorSwitcher(props: { sectors: readonly Sector[]; current: string; gapCounts: ReadonlyMap<string, number> | null; onChoose(id: string): void }) {
  const { t, locale } = useI18n()
  return (
    <div className="mx-sectors" role="group" aria-label={t('matrix.sectors.label')}>
      {props.sectors.map((s) => {
        const on = s.id === props.current
        const gaps = props.gapCounts?.get(s.id) ?? 0
        return (
          <button
            key={s.id}
            type="button"
            className="btn mx-sector"
            aria-pressed={on}
            aria-current={on ? 'true' : undefined}
            data-testid="matrix-sector"
            data-sector={s.id}
            data-gaps={props.gapCounts ? gaps : undefined}
            onClick={() => props.onChoose(s.id)}
          >
            <span className="mx-sector-name">{withBreaks(s.name[locale])}</span>{' '}
            {props.gapCounts && <span className="mx-sector-gaps">{t('matrix.sector.gaps', { count: gaps })}</span>}
          </button>
        )
      })}
    </div>
  )
}
