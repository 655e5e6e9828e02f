import { parse } from 'csv/browser/esm/sync'
import { describe, expect, test } from 'vitest'
import type { SummaryInput } from './summary.ts'
import { toCsv, type CsvFile } from './summaryCsv.ts'
import { A_REDACTED, SESSION_A_AT, SUMMARY_FIXTURES, fixtureA, fixtureC, fixtureEmpty } from './summaryFixtures.ts'
import { SUMMARY_LOCALES, tr } from './summaryTexts.ts'
import { results, tally, type Ballot } from './voting.ts'

/** Parses a file back with the same library, BOM and all. */
function table(files: CsvFile[], name: string, delimiter = ','): string[][] {
  const f = files.find((x) => x.name === name)
  if (!f) throw new Error(`no ${name}`)
  return parse(f.text, { bom: true, delimiter, relax_column_count: false }) as string[][]
}

function withVoters(spec: string[][]): SummaryInput {
  const input = fixtureA()
  const round = input.votes[0]!.round
  const ballots: Ballot[] = spec.map((ids) => {
    const dots: Record<string, number> = {}
    for (const id of ids) dots[id] = (dots[id] ?? 0) + 1
    return { method: 'dots', dots }
  })
  input.votes = [{ stepId: 'vote', round, results: results(round, tally(round, ballots)) }]
  return input
}

const TRICKY = [
  'Komma, og "sitat" inni',
  'To linjer\nandre linje',
  'Windows-linje\r\nslutt',
  'Emoji 🚌🏳️‍🌈 og æøå ÆØÅ',
  '=HYPERLINK("http://x.test","klikk")',
  '+47 er ikke et tall her',
  '-1 prikk',
  '@bruker',
  ';semikolon;',
]

describe('toCsv', () => {
  test('one file per table, with a header row', () => {
    for (const make of Object.values(SUMMARY_FIXTURES)) {
      const files = toCsv(make(), 'nb')
      expect(files.map((f) => f.name)).toEqual(['notes.csv', 'clusters.csv', 'matrix.csv', 'votes.csv'])
      for (const f of files) {
        expect(f.text.startsWith('\ufeff')).toBe(true)
        expect(table(files, f.name).length).toBeGreaterThanOrEqual(1)
      }
    }
  })

  test('round-trips quotes, commas, line breaks, emoji; formulas made safe with a leading apostrophe', () => {
    const input = fixtureEmpty()
    input.clusters = [{ id: 'k-tricky-01', name: '=SUM(A1:A9)' }]
    input.notes = TRICKY.map((text, i) => ({ id: `n-tricky-${i}0`, text, createdAt: SESSION_A_AT + i, clusterId: i % 2 === 0 ? 'k-tricky-01' : null }))
    for (const delimiter of [',', ';'] as const) {
      const files = toCsv(input, 'en', { delimiter })
      const rows = table(files, 'notes.csv', delimiter)
      expect(rows[0]).toEqual(['Note id', 'Note', 'Redacted', 'Group id', 'Group'])
      const texts = rows.slice(1).map((r) => r[1])
      const expected = TRICKY.map((t) => (/^[=+\-@]/.test(t) ? `'${t}` : t))
      // Grouped first, then the notes in no group: compare as sets of cells.
      expect([...texts].sort()).toEqual([...expected].sort())
      const grouped = rows.slice(1).filter((r) => r[3] === 'k-tricky-01')
      expect(grouped.every((r) => r[4] === "'=SUM(A1:A9)")).toBe(true)
      expect(rows.slice(1).filter((r) => r[3] === '').every((r) => r[4] === 'Not in a group')).toBe(true)
      expect(table(files, 'clusters.csv', delimiter)).toEqual([
        ['Group id', 'Group', 'Number of notes'],
        ['k-tricky-01', "'=SUM(A1:A9)", '5'],
      ])
    }
  })

  test('without a BOM when asked', () => {
    const files = toCsv(fixtureA(), 'nb', { bom: false })
    expect(files.every((f) => !f.text.startsWith('\ufeff'))).toBe(true)
    expect(files[0]?.text.split('\r\n')[0]).toBe('Innspill-id,Innspill,Sladdet,Gruppe-id,Gruppe')
  })

  test('every note, voted on or not, with its group', () => {
    for (const make of [SUMMARY_FIXTURES.A, SUMMARY_FIXTURES.B, SUMMARY_FIXTURES.C]) {
      const input = make()
      const rows = table(toCsv(input, 'nn'), 'notes.csv').slice(1)
      expect(rows.map((r) => r[0]).sort()).toEqual(input.notes.map((n) => n.id).sort())
      for (const n of input.notes) {
        const row = rows.find((r) => r[0] === n.id)!
        const group = input.clusters.find((c) => c.id === n.clusterId)
        expect(row[4]).toBe(group ? group.name : tr('notes.ungrouped', 'nn'))
      }
    }
  })

  test('a redacted note appears only redacted, flagged as such', () => {
    for (const locale of SUMMARY_LOCALES) {
      const files = toCsv(fixtureA(), locale)
      for (const f of files) expect(f.text).not.toContain(A_REDACTED.original)
      const row = table(files, 'notes.csv').find((r) => r[0] === A_REDACTED.id)
      expect(row?.slice(1, 3)).toEqual([A_REDACTED.redacted, tr('csv.yes', locale)])
    }
  })

  test('vote totals only where allowed: full counts with 5+, rank only with 3–4, nothing below 3', () => {
    const full = table(toCsv(fixtureA(), 'en'), 'votes.csv')
    const header = full[0]!
    const col = (name: string) => header.indexOf(name)
    expect(full[1]?.[col('Voters')]).toBe('14')
    expect(full[1]?.[col('Dots')]).toBe('14')
    expect(full[1]?.[col('Option')]).toBe('Fritid for alle')

    const F = 'kA-fritid-01'
    const P = 'kA-prate-002'
    const few = table(toCsv(withVoters([[F, F, P], [F, P], [P]]), 'en'), 'votes.csv')
    expect(few.slice(1).map((r) => [r[col('Rank')], r[col('Option')]])).toEqual([
      ['1', 'Fritid for alle'],
      ['1', 'Noen å snakke med'],
      ['3', 'Møteplasser uten krav'],
      ['3', 'Trygt nærmiljø'],
    ])
    for (const r of few.slice(1)) {
      const numbers = r.filter((cell, i) => i !== col('Rank') && /^\d+$/.test(cell))
      expect(numbers).toEqual([])
    }
    expect(table(toCsv(withVoters([[F], [P]]), 'en'), 'votes.csv')).toEqual([header])
  })

  test('matrix placements: reach counts only with 5 answers or more', () => {
    const rows = table(toCsv(fixtureC(), 'nb'), 'matrix.csv')
    const header = rows[0]!
    expect(header).toEqual(['Sektor', 'Tiltak', 'Hvem for', 'Virker på', 'Status', 'Målgruppe', 'Ansvar (rolle)', 'Når meg: ja', 'Når meg: nei', 'Når meg: usikker', 'Svar om rekkevidde'])
    expect(rows.length - 1).toBe(fixtureC().matrix!.efforts.length)
    expect(rows.find((r) => r[1] === 'Fritidsklubben i sentrum')).toEqual([
      'Kultur/idrett/fritid',
      'Fritidsklubben i sentrum',
      'Universelle innsatser',
      'Forhindre sosial ulikhet i helse',
      'Finnes',
      '',
      'Fritidsleder',
      '2',
      '6',
      '1',
      '9',
    ])
    expect(rows.find((r) => r[1] === 'Gratis leksehjelp på biblioteket')?.slice(7)).toEqual(['', '', '', ''])
    expect(rows.find((r) => r[1] === 'Sommerjobb for ungdom')?.[5]).toBe('Ungdom i familier med lav inntekt')
  })

  test('the empty session gives header-only files', () => {
    for (const f of toCsv(fixtureEmpty(), 'nb')) expect(table([f], f.name).length).toBe(1)
  })
})
