import type { Results, VoteRound } from '../../domain/voting.ts'
import { useI18n } from '../../app/context.tsx'
import type { MessageKey } from '../../i18n/i18n.ts'
import { barScale, barsOf, detailText, meanFormat, type Bar } from './resultsText.ts'

const LABEL_LINE = 20
const BAR_LINE = 26
const BAR_HEIGHT = 16
/** Bars use this share of the width; the numbers stand in a column right after it. */
const BAR_SHARE = 64
const MAX_LABEL = 40

const short = (s: string) => (Array.from(s).length > MAX_LABEL ? `${Array.from(s).slice(0, MAX_LABEL - 1).join('')}…` : s)
const pct = (n: number) => `${Math.round(n * 100) / 100}%`

/**
 * A horizontal bar chart of a 'full' result as inline SVG. Percent widths (no viewBox) keep the
 * text at its real size on a phone. It repeats the numbers of the ranked list (which is the
 * accessible carrier): role="img" with a summary, the exact numbers as text in a column next to the bars,
 * and the traffic-light colours named in a legend and in the list.
 */
export function ResultsChart({ round, results }: { round: VoteRound; results: Results }) {
  const { t, locale } = useI18n()
  const fmt = meanFormat(locale)
  const labels = new Map(round.options.map((o) => [o.id, o.label]))
  const rows = results.ranked.flatMap((g) => (g.details ?? []).map((d) => ({ rank: g.rank, label: labels.get(d.optionId) ?? d.optionId, bars: barsOf(fmt, d), detail: d })))
  if (rows.length === 0) return null
  const scale = barScale(results.method, results)
  const top = results.ranked[0]
  const topText = (top?.details ?? []).map((d) => t('voting.results.chartItem', { label: labels.get(d.optionId) ?? d.optionId, value: detailText(t, fmt, d) })).join('; ')
  const summary = t('voting.results.chartLabel', { what: t(`voting.results.chartWhat.${results.method}` as MessageKey), count: rows.length, top: topText })

  let y = 0
  const drawn = rows.map((r, i) => {
    const top = y
    y += LABEL_LINE + r.bars.length * BAR_LINE + 8
    return (
      <g key={i} transform={`translate(0 ${top})`}>
        <text x="0" y="15" className="chart-label">
          {`${r.rank}. ${short(r.label)}`}
        </text>
        {r.bars.map((b, j) => (
          <BarRow key={j} bar={b} scale={scale} y={LABEL_LINE + j * BAR_LINE} />
        ))}
      </g>
    )
  })
  return (
    <figure className="results-chart" data-testid="results-chart">
      <figcaption className="small">
        {t(`voting.results.chartCaption.${results.method}` as MessageKey)}
        {round.rules.method === 'dots' && round.rules.mustNot && <> {t('voting.results.chartMustNot')}</>}
      </figcaption>
      <svg role="img" aria-label={summary} width="100%" height={y} className="results-svg">
        {drawn}
      </svg>
      {results.method === 'traffic' && (
        <ul className="chart-legend small">
          {(['green', 'yellow', 'red', 'unknown'] as const).map((k) => (
            <li key={k}>
              <span className={`traffic-swatch traffic-${k}`} aria-hidden="true" /> {t(k === 'unknown' ? 'voting.ballot.unknown' : (`voting.ballot.traffic.${k}` as MessageKey))}
            </li>
          ))}
        </ul>
      )}
    </figure>
  )
}

function BarRow({ bar, scale, y }: { bar: Bar; scale: number; y: number }) {
  let x = 0
  const rects = bar.segments.map((s, i) => {
    const w = (s.value / scale) * BAR_SHARE
    const rect = w > 0 ? <rect key={i} x={pct(x)} y={y} width={pct(w)} height={BAR_HEIGHT} className={`bar-seg bar-${s.kind}`} /> : null
    x += w
    return rect
  })
  return (
    <g>
      <rect x="0" y={y} width={pct(BAR_SHARE)} height={BAR_HEIGHT} className="bar-track" />
      {rects}
      <text x={pct(BAR_SHARE)} dx="8" y={y + BAR_HEIGHT - 3} className="chart-value">
        {bar.text}
      </text>
    </g>
  )
}
