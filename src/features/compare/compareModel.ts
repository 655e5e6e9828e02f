/**
 * The compare screen's plain logic (no React): which round of each session is compared, the
 * domain comparison's input, the texts of scores and problems, and the CSV download. The
 * small-number rules live in domain/compare.ts; nothing here adds a number it did not get.
 */
import '../../i18n/parts/compare.ts'
import { stringify } from 'csv/browser/esm/sync'
import type { CompareProblem, CompareSessionData } from '../../app/compareArchives.ts'
import { compareSessions, type Comparison, type CompareSession } from '../../domain/compare.ts'
import type { VoteMethod } from '../../domain/voting.ts'
import type { Locale, Translate } from '../../i18n/i18n.ts'

export interface LoadedSession {
  session: CompareSessionData
  /** The picked file's name. */
  file: string
  /** Index into `session.rounds`; -1 when the session has no round to compare. */
  roundIndex: number
}

/** The last priority round (the usual case: a trial round first, the real one last). */
export function defaultRoundIndex(s: CompareSessionData): number {
  return s.rounds.length - 1
}

export function sessionTitle(s: CompareSessionData, t: Translate): string {
  return s.title.trim() || t('compare.sessions.untitled')
}

/** Sessions with a round to compare, in the order they were added. */
export function comparable(loaded: readonly LoadedSession[]): LoadedSession[] {
  return loaded.filter((l) => l.session.verified && l.session.rounds[l.roundIndex] !== undefined)
}

export function buildComparison(loaded: readonly LoadedSession[], t: Translate): Comparison {
  const input: CompareSession[] = comparable(loaded).map((l) => {
    const r = l.session.rounds[l.roundIndex]!
    return { key: l.session.id, label: sessionTitle(l.session, t), round: r.round, results: r.results }
  })
  return compareSessions(input)
}

const numberFormat = (locale: Locale, digits: number) => new Intl.NumberFormat(locale === 'nb' ? 'nb-NO' : 'en-GB', { maximumFractionDigits: digits })

/** "9 prikker", "12 poeng", "snitt 3,4", "grønn minus rød: −2". */
export function scoreText(method: VoteMethod, score: number, t: Translate, locale: Locale): string {
  switch (method) {
    case 'dots':
      return t('compare.score.dots', { count: score })
    case 'ranking':
      return t('compare.score.ranking', { count: score })
    case 'scale':
      return t('compare.score.scale', { value: numberFormat(locale, 1).format(score) })
    case 'traffic':
      return t('compare.score.traffic', { value: numberFormat(locale, 0).format(score) })
  }
}

export function problemText(p: CompareProblem, t: Translate, title = ''): string {
  switch (p.code) {
    case 'newerVersion':
      return t('compare.problem.newerVersion', { version: p.version ?? '?' })
    case 'malformed':
      return p.path ? t('compare.problem.malformed', { path: p.path }) : t('compare.problem.malformedFile')
    case 'duplicate':
      return t('compare.problem.duplicate', { title })
    default:
      return t(`compare.problem.${p.code}`)
  }
}

export function formatDate(ms: number, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'nb' ? 'nb-NO' : 'en-GB', { dateStyle: 'long', timeZone: 'Europe/Oslo' }).format(ms)
}

/**
 * One table in long form: a row per session and place (the session's title, its rank, the
 * priority, the number only where the session published numbers, a note), then the combined
 * list under "Combined". Quoting and formula escaping by csv-stringify, as in summaryCsv.ts; a
 * byte-order mark and CRLF so Excel reads æøå.
 */
export function comparisonCsv(c: Comparison, t: Translate): string {
  const rows: (string | number)[][] = [[t('compare.csv.session'), t('compare.csv.rank'), t('compare.csv.label'), t('compare.csv.score'), t('compare.csv.note')]]
  for (const col of c.columns) {
    if (col.publish === 'none') {
      rows.push([col.label, '', '', '', t('compare.side.tooFew')])
      continue
    }
    const note = col.publish === 'full' ? `${t(`compare.method.${col.method}`)}, ${t('compare.side.voters', { count: col.voters ?? 0 })}` : t('compare.side.orderOnly')
    for (const it of col.items) rows.push([col.label, it.rank, it.label, it.score === undefined ? '' : round2(it.score), note])
  }
  const total = c.combined.contributing.length
  for (const it of c.combined.items) {
    rows.push([t('compare.csv.combined'), it.rank, it.label, it.score === undefined ? '' : round2(it.score), t('compare.combined.sessions', { n: it.sessions.length, count: total })])
  }
  return stringify(rows, { bom: true, record_delimiter: 'windows', escape_formulas: true })
}

const round2 = (n: number) => Math.round(n * 100) / 100

