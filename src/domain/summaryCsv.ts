/**
 * The session's tables as CSV files, for planners who want the data in a spreadsheet: notes,
 * clusters, matrix placements and vote totals. One file per table; the caller zips them or offers
 * them one by one.
 *
 * Decisions worth knowing:
 * - Quoting is done by csv-stringify (from the `csv` package, node-csv), not by hand. It is
 *   imported from its browser build: the package's default entry uses Node's `Buffer` at load
 *   time and would fail in the PWA.
 * - Spreadsheet safety: a text cell starting with = + - @ (or a tab or carriage return) is
 *   prefixed with ' so Excel and LibreOffice show it instead of running it as a formula
 *   (csv-stringify `escape_formulas`). Numbers are written as numbers and are never prefixed.
 * - A UTF-8 byte-order mark and CRLF line ends by default, so Excel on Windows reads æøå and
 *   emoji correctly; `delimiter: ';'` suits a Norwegian Excel that expects semicolons.
 * - The privacy rules are those of the summary (summary.ts `prepare`): redacted notes appear only
 *   redacted; notes carry no author and no time (a time would tell the room who wrote what);
 *   reach counts only with at least 5 answers; vote totals only for rounds published in full,
 *   rank only for rounds published as an order, and nothing for rounds below 3 voters.
 */
import { stringify } from 'csv/browser/esm/sync'
import type { Effort } from './matrix.ts'
import { COLUMNS, ROWS } from './matrix.ts'
import { prepare, printableReach, type PreparedVote, type SummaryInput } from './summary.ts'
import { COLUMN_LABELS, EFFORT_STATUS_TEXTS, ROW_LABELS, pick, sectorName, tr, type SummaryLocale, type TextKey } from './summaryTexts.ts'
import { RATING_TEXTS } from './summaryTexts.ts'

export interface CsvFile {
  name: string
  text: string
}

export interface CsvOptions {
  /** Default ','. */
  delimiter?: ',' | ';'
  /** Prepend a UTF-8 byte-order mark. Default true. */
  bom?: boolean
}

type Cell = string | number

function write(header: string[], rows: Cell[][], options: CsvOptions): string {
  return stringify([header, ...rows], {
    delimiter: options.delimiter ?? ',',
    bom: options.bom ?? true,
    record_delimiter: 'windows',
    escape_formulas: true,
  })
}

const h = (keys: TextKey[], locale: SummaryLocale) => keys.map((k) => tr(k, locale))

function votesRows(votes: readonly PreparedVote[], label: (v: PreparedVote, id: string) => string, title: (v: PreparedVote) => string, locale: SummaryLocale): Cell[][] {
  const rows: Cell[][] = []
  for (const v of votes) {
    const r = v.results
    if (!r || r.publish === 'none') continue
    const full = r.publish === 'full'
    for (const g of r.ranked) {
      for (const id of g.optionIds) {
        const d = full ? g.details?.find((x) => x.optionId === id) : undefined
        const blank = ''
        rows.push([
          title(v),
          r.roundId,
          tr(`method.${r.method}`, locale),
          full ? r.voters : blank,
          full ? (r.blank ?? 0) : blank,
          g.rank,
          id,
          label(v, id),
          full && g.score !== undefined ? Math.round(g.score * 100) / 100 : blank,
          d && 'dots' in d ? d.dots : blank,
          d && 'dots' in d && d.mustNot !== undefined ? d.mustNot : blank,
          d && 'points' in d ? d.points : blank,
          d && 'points' in d ? d.firsts : blank,
          d && 'distribution' in d ? d.answers : blank,
          d && 'distribution' in d && d.mean !== undefined ? Math.round(d.mean * 100) / 100 : blank,
          ...[0, 1, 2, 3, 4].map((k) => (d && 'distribution' in d ? (d.distribution[k] ?? 0) : blank)),
          d && 'distribution' in d ? d.unknown : d && 'green' in d ? d.unknown : blank,
          d && 'green' in d ? d.green : blank,
          d && 'green' in d ? d.yellow : blank,
          d && 'green' in d ? d.red : blank,
        ])
      }
    }
  }
  return rows
}

/**
 * CSV files of a session: notes.csv (every note, voted on or not, with its group), clusters.csv,
 * matrix.csv (placed efforts) and votes.csv (published vote totals). Headers and labels are in
 * `locale`; ids are kept so the files can be joined.
 */
/** The files `toCsv` makes, in its order (fixed: every session gets all four, empty or not). */
export const CSV_FILE_NAMES = ['notes.csv', 'clusters.csv', 'matrix.csv', 'votes.csv'] as const

export function toCsv(input: SummaryInput, locale: SummaryLocale, options: CsvOptions = {}): CsvFile[] {
  const p = prepare(input)
  const yes = tr('csv.yes', locale)
  const no = tr('csv.no', locale)
  const clusterName = new Map(input.clusters.map((c) => [c.id, c.name]))

  const notes = write(
    h(['csv.noteId', 'csv.note', 'csv.redacted', 'csv.groupId', 'csv.group'], locale),
    p.groups.flatMap((g) => g.notes.map((n) => [n.id, n.text, n.redacted ? yes : no, n.clusterId ?? '', n.clusterId ? (clusterName.get(n.clusterId) ?? '') : tr('notes.ungrouped', locale)])),
    options,
  )

  const clusters = write(
    h(['csv.groupId', 'csv.group', 'csv.noteCount'], locale),
    p.groups.filter((g) => g.cluster).map((g) => [g.cluster?.id ?? '', g.cluster?.name ?? '', g.notes.length]),
    options,
  )

  const sectors = input.matrix?.sectors ?? []
  const cellIndex = (e: Effort) => ROWS.indexOf(e.row) * COLUMNS.length + COLUMNS.indexOf(e.column)
  const sectorIndex = new Map(sectors.map((s, i) => [s.id, i]))
  const efforts = [...p.efforts].sort((a, b) => (sectorIndex.get(a.sector) ?? 0) - (sectorIndex.get(b.sector) ?? 0) || cellIndex(a) - cellIndex(b))
  const matrix = write(
    h(['csv.sector', 'matrix.effort', 'matrix.row', 'matrix.column', 'matrix.status', 'matrix.targetGroup', 'matrix.ownerRole', 'csv.reachYes', 'csv.reachNo', 'csv.reachUnsure', 'csv.reachN'], locale),
    efforts.map((e) => {
      const reach = printableReach(e.reach)
      return [
        sectorName(
          sectors.find((s) => s.id === e.sector),
          e.sector,
          locale,
        ),
        e.text,
        pick(ROW_LABELS[e.row], locale),
        pick(COLUMN_LABELS[e.column], locale),
        tr(EFFORT_STATUS_TEXTS[e.status], locale),
        e.targetGroup ?? '',
        e.ownerRole ?? '',
        reach ? reach.yes : '',
        reach ? reach.no : '',
        reach ? reach.unsure : '',
        reach ? reach.n : '',
      ]
    }),
    options,
  )

  const unknown = pick(RATING_TEXTS.unknown, locale)
  const votes = write(
    [
      ...h(['csv.step', 'csv.roundId', 'csv.method', 'csv.voters', 'csv.blank', 'vote.rank', 'csv.optionId', 'vote.option', 'csv.score'], locale),
      ...h(['vote.dotsCol', 'vote.mustNotCol', 'vote.pointsCol', 'vote.firstsCol', 'vote.answersCol', 'vote.meanCol'], locale),
      '1',
      '2',
      '3',
      '4',
      '5',
      unknown,
      pick(RATING_TEXTS.green, locale),
      pick(RATING_TEXTS.yellow, locale),
      pick(RATING_TEXTS.red, locale),
    ],
    votesRows(
      p.votes,
      (v, id) => p.optionLabel(v, id, locale),
      (v) => p.stepTitle(v.stepId, locale),
      locale,
    ),
    options,
  )

  const texts = [notes, clusters, matrix, votes]
  return CSV_FILE_NAMES.map((name, i) => ({ name, text: texts[i] ?? '' }))
}
