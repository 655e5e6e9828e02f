import { describe, expect, test } from 'vitest'
import { EXAMPLE_CARDS, findGaps, type Cell } from '../../domain/matrix.ts'
import type { Note, NoteId } from '../../domain/notes.ts'
import { placedEfforts, type MatrixCard } from '../../app/workshopSession.ts'
import { CELL_IDS, buildTray, cardsByCell, parseCellId, parseMoveTarget, sameCard, summarizeGaps } from './matrixModel.ts'

const card = (id: string, cell: Cell | null, extra: Partial<MatrixCard> = {}): MatrixCard => ({
  id,
  text: `text ${id}`,
  status: 'existing',
  targetGroup: '',
  ownerRole: '',
  source: 'typed',
  createdAt: 1,
  cell,
  conflict: null,
  reach: { yes: 0, no: 0, unsure: 0 },
  ...extra,
})
const note = (id: string, text = `note ${id}`): Note => ({ id: id as NoteId, text, x: 0, y: 0, color: 'yellow', createdAt: 1, updatedAt: 1 })
const at = (sector: string, row: Cell['row'], column: Cell['column']): Cell => ({ sector, row, column })

describe('cell ids', () => {
  test('six cells, row by row, and only they parse', () => {
    expect(CELL_IDS).toEqual([
      'universal/prevent',
      'universal/reduce_risk',
      'universal/reduce_consequences',
      'targeted/prevent',
      'targeted/reduce_risk',
      'targeted/reduce_consequences',
    ])
    expect(parseCellId('targeted/reduce_risk')).toEqual({ row: 'targeted', column: 'reduce_risk' })
    for (const bad of ['', 'tray', 'targeted', 'targeted/reduce_risk/x', 'universal/__proto__', 'constructor/prevent']) expect(parseCellId(bad), bad).toBeNull()
    expect(parseMoveTarget('tray')).toBe('tray')
    expect(parseMoveTarget('universal/prevent')).toBe('universal/prevent')
    expect(parseMoveTarget('nowhere')).toBeNull()
  })
})

describe('buildTray', () => {
  test('offers unplaced efforts, notes and clusters not yet efforts, and unused examples in the UI language', () => {
    const cards = [card('e-1', null), card('e-2', at('oppvekst', 'universal', 'prevent')), card('note-a', at('oppvekst', 'targeted', 'prevent')), card(EXAMPLE_CARDS[0]!.id, null, { source: 'example' })]
    const tray = buildTray({
      cards,
      notes: [note('a'), note('b'), note('c'), note('d', '   ')],
      clusters: [{ id: 'k1', name: 'Group one', createdAt: 1 }],
      noteClusters: new Map([['c', 'k1']]),
      examples: true,
      locale: 'en',
    })
    expect(tray.efforts.map((i) => i.id)).toEqual(['e-1', EXAMPLE_CARDS[0]!.id])
    // note-a is placed already; c sits in cluster k1, which stands for it; d is blank.
    expect(tray.notes.map((i) => [i.id, i.kind, i.noteCount])).toEqual([
      ['cluster-k1', 'cluster', 1],
      ['note-b', 'note', 0],
    ])
    expect(tray.examples).toHaveLength(EXAMPLE_CARDS.length - 1)
    const targeted = tray.examples.find((e) => e.id === 'ex-targeted-prevent-1')
    expect(targeted?.text).toMatch(/^Services that/)
    expect(targeted?.targetGroup).toBe('Families with complex needs')
  })
  test('no examples unless the step asks for them; a note in a cluster that no longer exists is offered', () => {
    const tray = buildTray({ cards: [], notes: [note('a')], clusters: [], noteClusters: new Map([['a', 'gone']]), examples: false, locale: 'nb' })
    expect(tray.examples).toEqual([])
    expect(tray.notes.map((i) => i.id)).toEqual(['note-a'])
  })
})

describe('cardsByCell and summarizeGaps', () => {
  const sectors = [{ id: 'oppvekst' }, { id: 'bolig' }]
  const cards = [
    card('a', at('oppvekst', 'targeted', 'prevent'), { targetGroup: 'x' }),
    card('b', at('oppvekst', 'universal', 'reduce_risk'), { reach: { yes: 0, no: 3, unsure: 0 } }),
    card('c', at('bolig', 'universal', 'prevent')),
    card('d', null),
  ]
  test('groups one sector by cell and leaves the others out', () => {
    const m = cardsByCell(cards, 'oppvekst')
    expect([...m.keys()]).toEqual(CELL_IDS)
    expect(m.get('targeted/prevent')?.map((c) => c.id)).toEqual(['a'])
    expect(m.get('universal/reduce_risk')?.map((c) => c.id)).toEqual(['b'])
    expect(m.get('universal/prevent')).toEqual([])
  })
  test('counts every sector, flags structural cells and unreached efforts of the one on screen', () => {
    const s = summarizeGaps(findGaps(placedEfforts(cards), sectors), 'oppvekst')
    expect(s.perSector.get('oppvekst')).toBe(5)
    expect(s.perSector.get('bolig')).toBe(5)
    expect(s.cells.get('universal/prevent')).toBe('targetedWithoutUniversal')
    expect(s.cells.get('targeted/reduce_risk')).toBe('emptyCell')
    expect(s.cells.has('targeted/prevent')).toBe(false)
    expect(s.cells.has('universal/reduce_risk')).toBe(false)
    expect([...s.notReaching]).toEqual(['b'])
    expect(s.list.every((g) => g.sector === 'oppvekst')).toBe(true)
  })
})

test('sameCard compares fields, not identity', () => {
  const a = card('a', at('oppvekst', 'universal', 'prevent'))
  expect(sameCard(a, { ...a, cell: { ...a.cell! }, reach: { ...a.reach } })).toBe(true)
  expect(sameCard(a, { ...a, reach: { ...a.reach, no: 1 } })).toBe(false)
  expect(sameCard(a, { ...a, cell: at('oppvekst', 'universal', 'reduce_risk') })).toBe(false)
  expect(sameCard(a, { ...a, conflict: at('bolig', 'universal', 'prevent') })).toBe(false)
  expect(sameCard(a, { ...a, ownerRole: 'helsesykepleier' })).toBe(false)
})
