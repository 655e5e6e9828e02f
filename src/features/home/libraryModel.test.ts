import { describe, expect, test } from 'vitest'
import fc from 'fast-check'
import { STATUS_TEXT_MAX as DOC_STATUS_TEXT_MAX } from '../../sync/exportDoc.ts'
import {
  checkStatusInput,
  daysUntil,
  entryTime,
  filterRows,
  formatBytes,
  isFiltering,
  latestEntry,
  localIsoDate,
  matchesQuery,
  nextKind,
  NO_FILTER,
  problemMessage,
  reminderFor,
  searchKey,
  sortRows,
  STATUS_TEXT_MAX,
  type LibraryRow,
} from './libraryModel.ts'

const row = (id: string, over: Partial<LibraryRow> = {}): LibraryRow => ({
  id,
  title: `Verksted ${id}`,
  role: 'facilitator',
  openedAt: 0,
  status: 'lobby',
  feedbackDate: null,
  reminder: 'none',
  ...over,
})

describe('search', () => {
  test('case- and accent-insensitive on the title, every word must match', () => {
    expect(searchKey('  Trygg   FRITID på Ås ')).toBe('trygg fritid pa as')
    expect(searchKey('Ørsta Ærlig Crème')).toBe('orsta aerlig creme')
    expect(matchesQuery('Ungdomsrådet: trygg fritid', 'RADET')).toBe(true)
    expect(matchesQuery('Ungdomsrådet: trygg fritid', 'rådet fritid')).toBe(true)
    expect(matchesQuery('Ungdomsrådet: trygg fritid', 'fritid skole')).toBe(false)
    expect(matchesQuery('Møte i Ørsta', 'orsta')).toBe(true)
    expect(matchesQuery('Café Ås', 'cafe as')).toBe(true)
    expect(matchesQuery('Hva som helst', '   ')).toBe(true)
  })

  test('a title always matches itself, whatever the case', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (title) => matchesQuery(title, title) && matchesQuery(title.toUpperCase(), title.toLowerCase())))
  })
})

describe('filters and sorting', () => {
  const rows: LibraryRow[] = [
    row('a', { title: 'Trygg fritid', role: 'facilitator', status: 'running', openedAt: 30, feedbackDate: '2026-03-05', reminder: 'soon' }),
    row('b', { title: 'Skolevei', role: 'participant', status: 'lobby', openedAt: 50 }),
    row('c', { title: 'Aktivitetskort', role: 'facilitator', status: 'ended', openedAt: 10, feedbackDate: '2026-02-01', reminder: 'overdue' }),
    row('d', { title: 'Møteplass', role: 'facilitator', status: 'ended', openedAt: 40, feedbackDate: '2026-01-01', reminder: 'done' }),
    row('e', { title: 'Lastes', role: 'participant', status: null, openedAt: 20, reminder: null }),
  ]
  const ids = (rs: LibraryRow[]) => rs.map((r) => r.id)

  test('role, status and "feedback due" combine; rows still loading pass only filters that need no facts', () => {
    expect(ids(filterRows(rows, NO_FILTER))).toEqual(['a', 'b', 'c', 'd', 'e'])
    expect(ids(filterRows(rows, { ...NO_FILTER, role: 'participant' }))).toEqual(['b', 'e'])
    expect(ids(filterRows(rows, { ...NO_FILTER, status: 'ended' }))).toEqual(['c', 'd'])
    expect(ids(filterRows(rows, { ...NO_FILTER, feedbackDue: true }))).toEqual(['a', 'c'])
    expect(ids(filterRows(rows, { ...NO_FILTER, query: 'MØTE', status: 'ended' }))).toEqual(['d'])
    expect(ids(filterRows(rows, { ...NO_FILTER, query: 'ingenting' }))).toEqual([])
    expect(isFiltering(NO_FILTER)).toBe(false)
    expect(isFiltering({ ...NO_FILTER, query: ' x ' })).toBe(true)
  })

  test('last opened first; by title in the language’s order; by open feedback date with done and dateless last', () => {
    expect(ids(sortRows(rows, 'opened', 'nb-NO'))).toEqual(['b', 'd', 'a', 'e', 'c'])
    expect(ids(sortRows(rows, 'title', 'nb-NO'))).toEqual(['c', 'e', 'd', 'b', 'a'])
    expect(ids(sortRows(rows, 'feedback', 'nb-NO'))).toEqual(['c', 'a', 'b', 'd', 'e'])
    // Sorting never loses or duplicates a row.
    fc.assert(
      fc.property(fc.array(fc.record({ id: fc.string(), openedAt: fc.integer(), title: fc.string() }), { maxLength: 20 }), fc.constantFrom('opened', 'title', 'feedback' as const), (rs, sort) => {
        const input = rs.map((r, i) => row(`${i}-${r.id}`, r))
        return sortRows(input, sort, 'en-GB').length === input.length && new Set(sortRows(input, sort, 'en-GB')).size === input.length
      }),
    )
  })
})

describe('feedback reminder', () => {
  const today = '2026-03-02'
  test('overdue, soon (within 7 days, today included), later, done, none', () => {
    expect(reminderFor('2026-03-01', [], today)).toBe('overdue')
    expect(reminderFor('2026-03-02', [], today)).toBe('soon')
    expect(reminderFor('2026-03-09', [], today)).toBe('soon')
    expect(reminderFor('2026-03-10', [], today)).toBe('later')
    expect(reminderFor(null, [], today)).toBe('none')
    expect(reminderFor('2026-02-30', [], today)).toBe('none')
    expect(reminderFor('2026-01-01', [{ kind: 'recommendation' }, { kind: 'fedBack' }], today)).toBe('done')
    expect(reminderFor(null, [{ kind: 'fedBack' }], today)).toBe('done')
    expect(reminderFor('2026-03-01', [{ kind: 'decision' }], today)).toBe('overdue')
  })

  test('days are whole calendar days, across months and leap years', () => {
    expect(daysUntil('2026-03-09', '2026-03-02')).toBe(7)
    expect(daysUntil('2024-03-01', '2024-02-28')).toBe(2)
    expect(daysUntil('2026-01-01', '2025-12-31')).toBe(1)
    expect(daysUntil('2026-02-29', '2026-02-28')).toBeNull()
    expect(daysUntil('15.03.2026', '2026-03-02')).toBeNull()
    expect(localIsoDate(new Date(2026, 2, 2, 23, 59).getTime())).toBe('2026-03-02')
  })
})

describe('status log', () => {
  const e = (at: number, kind: 'recommendation' | 'decision' | 'fedBack') => ({ at, kind })
  test('the latest entry and the kind the form suggests next', () => {
    expect(latestEntry([])).toBeNull()
    expect(latestEntry([e(5, 'decision'), e(2, 'fedBack')])).toEqual(e(5, 'decision'))
    expect(nextKind([])).toBe('recommendation')
    expect(nextKind([e(1, 'recommendation')])).toBe('decision')
    expect(nextKind([e(1, 'recommendation'), e(2, 'decision')])).toBe('fedBack')
    expect(nextKind([e(3, 'fedBack')])).toBe('fedBack')
  })

  test('bad input is named field by field; the limit is the doc’s own', () => {
    expect(STATUS_TEXT_MAX).toBe(DOC_STATUS_TEXT_MAX)
    const today = '2026-03-02'
    expect(checkStatusInput({ text: 'Vedtatt', date: today }, today)).toEqual([])
    expect(checkStatusInput({ text: '   ', date: today }, today)).toEqual(['textEmpty'])
    expect(checkStatusInput({ text: 'x'.repeat(501), date: '' }, today)).toEqual(['textTooLong', 'dateBad'])
    expect(checkStatusInput({ text: 'ø'.repeat(500), date: '2026-03-03' }, today)).toEqual(['dateFuture'])
    expect(checkStatusInput({ text: 'ok', date: '2026-02-30' }, today)).toEqual(['dateBad'])
  })

  test('an entry for today keeps the moment; an earlier day is stored at its midday (UTC)', () => {
    expect(entryTime('2026-03-02', '2026-03-02', 123)).toBe(123)
    expect(new Date(entryTime('2026-02-20', '2026-03-02', 123)).toISOString()).toBe('2026-02-20T12:00:00.000Z')
  })

  test('problems map to messages', () => {
    expect(problemMessage('quota')).toBe('storage.quota')
    expect(problemMessage('notSaved')).toBe('library.problem.notSaved')
    expect(problemMessage('notFound')).toBe('library.problem.notFound')
    expect(problemMessage('invalid')).toBe('library.problem.invalid')
  })
})

describe('storage figures', () => {
  test('decimal units with the language’s decimal sign', () => {
    expect(formatBytes(2_300_000, 'nb-NO')).toBe('2,3 MB')
    expect(formatBytes(1_200_000_000, 'nb-NO')).toBe('1,2 GB')
    expect(formatBytes(2_345_678, 'en-GB')).toBe('2.3 MB')
    expect(formatBytes(512, 'en-GB')).toBe('512 B')
    expect(formatBytes(999_999, 'en-GB')).toBe('1 MB')
    expect(formatBytes(12_345, 'nb-NO')).toBe('12,3 kB')
    expect(formatBytes(0, 'nb-NO')).toBe('0 B')
  })
})
