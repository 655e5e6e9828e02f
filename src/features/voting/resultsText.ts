/**
 * The numbers of a published result as plain text and as bar data, shared by the ranked list
 * and the chart so both always say the same thing. Only reads `Results` (never a tally).
 */
import type { OptionDetail, Results, VoteMethod } from '../../domain/voting.ts'
import type { Translate } from '../../i18n/i18n.ts'

export type Segment = { value: number; kind: 'main' | 'mustNot' | 'green' | 'yellow' | 'red' | 'unknown' }
/** One bar of the chart: stacked segments and the short number shown next to it. */
export type Bar = { segments: Segment[]; text: string }

export function meanFormat(locale: string): Intl.NumberFormat {
  return new Intl.NumberFormat(locale === 'nb' ? 'nb-NO' : 'en', { minimumFractionDigits: 1, maximumFractionDigits: 1 })
}

const answerCount = (t: Translate, answer: string, count: number) => t('voting.results.answerCount', { answer, count })

/** The full numbers of one option in words, e.g. "7 prikker · 2 × må ikke". */
export function detailText(t: Translate, fmt: Intl.NumberFormat, d: OptionDetail): string {
  const parts: string[] = []
  if ('dots' in d) {
    parts.push(t('voting.results.dots', { count: d.dots }))
    if (d.mustNot !== undefined) parts.push(t('voting.results.mustNot', { count: d.mustNot }))
  } else if ('points' in d) {
    parts.push(t('voting.results.points', { count: d.points }), t('voting.results.firsts', { count: d.firsts }))
  } else if ('distribution' in d) {
    parts.push(d.mean === undefined ? t('voting.results.noAnswers') : t('voting.results.mean', { mean: fmt.format(d.mean) }))
    d.distribution.forEach((n, i) => parts.push(answerCount(t, String(i + 1), n)))
    parts.push(answerCount(t, t('voting.ballot.unknown'), d.unknown))
  } else {
    parts.push(
      answerCount(t, t('voting.ballot.traffic.green'), d.green),
      answerCount(t, t('voting.ballot.traffic.yellow'), d.yellow),
      answerCount(t, t('voting.ballot.traffic.red'), d.red),
      answerCount(t, t('voting.ballot.unknown'), d.unknown),
    )
  }
  return parts.join(' · ')
}

/** The bars of one option: dots (and must-not as a second bar), points, mean, or a stacked bar. */
export function barsOf(fmt: Intl.NumberFormat, d: OptionDetail): Bar[] {
  if ('dots' in d) {
    const bars: Bar[] = [{ segments: [{ value: d.dots, kind: 'main' }], text: String(d.dots) }]
    if (d.mustNot !== undefined) bars.push({ segments: [{ value: d.mustNot, kind: 'mustNot' }], text: d.mustNot > 0 ? `−${d.mustNot}` : '0' })
    return bars
  }
  if ('points' in d) return [{ segments: [{ value: d.points, kind: 'main' }], text: String(d.points) }]
  if ('distribution' in d) return [{ segments: [{ value: d.mean ?? 0, kind: 'main' }], text: d.mean === undefined ? '–' : fmt.format(d.mean) }]
  return [
    {
      segments: [
        { value: d.green, kind: 'green' },
        { value: d.yellow, kind: 'yellow' },
        { value: d.red, kind: 'red' },
        { value: d.unknown, kind: 'unknown' },
      ],
      text: [d.green, d.yellow, d.red, d.unknown].join(' · '),
    },
  ]
}

/** The value a full bar stands for: 5 for a scale mean, else the largest bar (at least 1). */
export function barScale(method: VoteMethod, results: Results): number {
  if (method === 'scale') return 5
  let max = 1
  for (const g of results.ranked) for (const d of g.details ?? []) for (const b of barsOf(meanFormat('en'), d)) max = Math.max(max, b.segments.reduce((a, s) => a + s.value, 0))
  return max
}
