import { COUNTS_MIN_VOTERS, PUBLISH_MIN_VOTERS, type Results, type VoteRound } from '../../domain/voting.ts'
import { useI18n } from '../../app/context.tsx'
import { ResultsChart } from './ResultsChart.tsx'
import { detailText, meanFormat } from './resultsText.ts'

/**
 * The published result of a round, exactly as `results()` allows: nothing below
 * PUBLISH_MIN_VOTERS, only the order below COUNTS_MIN_VOTERS (the numbers are not even in the
 * object then), else the ranked list with its numbers plus a bar chart of the same numbers.
 * Ties share a rank and say so in words ("2. delt").
 */
export function ResultsView(props: { round: VoteRound; results: Results }) {
  const { t, locale } = useI18n()
  const { round, results } = props
  const fmt = meanFormat(locale)
  const labels = new Map(round.options.map((o) => [o.id, o.label]))
  const label = (id: string) => labels.get(id) ?? id
  const full = results.publish === 'full'
  // Blank ballots count as "voted" but not towards the thresholds: say so when they made the difference.
  const blankNote = results.publish !== 'full' && results.voters >= (results.publish === 'none' ? PUBLISH_MIN_VOTERS : COUNTS_MIN_VOTERS)

  return (
    <section className="results stack" data-testid="results" data-publish={results.publish} aria-label={t('voting.results.heading')}>
      <p className="results-voters">
        <strong>{t('voting.results.voters', { count: results.voters })}</strong>
        {full && results.blank !== undefined && results.blank > 0 && <> · {t('voting.results.blank', { count: results.blank })}</>}
      </p>
      {results.counted !== undefined && results.passesIssued !== undefined && (
        <p className="muted results-bulletin" data-testid="results-bulletin" data-counted={results.counted} data-issued={results.passesIssued}>
          {t('voting.results.bulletin', { counted: results.counted, issued: results.passesIssued })}
        </p>
      )}
      {results.publish === 'none' && (
        <p className="results-note" data-testid="results-none">
          {t('voting.results.none', { min: PUBLISH_MIN_VOTERS })}
          {blankNote && <> {t('voting.results.blankNote')}</>}
        </p>
      )}
      {results.publish === 'rankOnly' && (
        <p className="results-note" data-testid="results-rank-only">
          {t('voting.results.rankOnly', { min: COUNTS_MIN_VOTERS })}
          {blankNote && <> {t('voting.results.blankNote')}</>}
        </p>
      )}
      {results.ranked.length > 0 && (
        <ul className="results-list" role="list" aria-label={t('voting.results.list')}>
          {results.ranked.map((g) => {
            const tied = g.optionIds.length > 1
            return (
              <li key={g.optionIds.join(' ')} className="results-row" data-testid="results-row" data-rank={g.rank} data-option-ids={g.optionIds.join(' ')}>
                {g.optionIds.map((id, i) => {
                  const d = g.details?.[i]
                  return (
                    <div key={id} className="results-option" data-option-id={id}>
                      <span className="results-rank">
                        {g.rank}.{tied && <span className="results-tied"> {t('voting.results.tied')}</span>}
                      </span>
                      <span className="results-label">{label(id)}</span>
                      {full && d && <span className="results-numbers">{detailText(t, fmt, d)}</span>}
                    </div>
                  )
                })}
              </li>
            )
          })}
        </ul>
      )}
      {full && results.method === 'ranking' && round.rules.method === 'ranking' && <p className="hint">{t('voting.results.pointsHint', { count: round.rules.topK })}</p>}
      {full && <ResultsChart round={round} results={results} />}
    </section>
  )
}
