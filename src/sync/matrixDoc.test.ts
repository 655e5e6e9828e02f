import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { replicaPair } from '../../tests/support/replicas.ts'
import { DEFAULT_SECTORS, EXAMPLE_CARDS, findGaps, type Cell } from '../domain/matrix.ts'
import { addEffort, answerReach, deleteEffort, placedEfforts, placeEffort, readMatrix, readReachAnswer, updateEffort } from './matrixDoc.ts'

const SECTORS = DEFAULT_SECTORS.map((s) => s.id)
const cell = (row: Cell['row'], column: Cell['column'], sector = 'oppvekst'): Cell => ({ sector, row, column })

const pair = replicaPair

const effort = (id: string, text = `Tiltak ${id}`) => ({ id, text, status: 'existing' as const, source: 'typed' as const, now: 1000 })

describe('matrix in the session doc', () => {
  test('a card placed on one device shows in the same cell on the other, and fills that cell for the gap rules', () => {
    const { a, b } = pair()
    expect(addEffort(a, effort('e1', 'Gratis fritidsaktiviteter'), cell('universal', 'prevent'), '1')).toEqual({ ok: true })
    const [card] = readMatrix(b, SECTORS)
    expect(card).toMatchObject({ id: 'e1', text: 'Gratis fritidsaktiviteter', cell: cell('universal', 'prevent'), conflict: null, status: 'existing' })
    const gaps = findGaps(placedEfforts(readMatrix(b, SECTORS)), [{ id: 'oppvekst' }])
    expect(gaps.map((g) => `${g.kind}:${g.row}/${g.column}`)).not.toContain('emptyCell:universal/prevent')
    expect(gaps).toHaveLength(5)
  })

  test('a card in the tray is not placed; moving it back to the tray empties its cell', () => {
    const d = new Y.Doc()
    addEffort(d, effort('e1'), null, '1')
    expect(readMatrix(d, SECTORS)[0]?.cell).toBeNull()
    placeEffort(d, 'e1', cell('targeted', 'reduce_risk'), 2000, '1')
    expect(readMatrix(d, SECTORS)[0]?.cell).toEqual(cell('targeted', 'reduce_risk'))
    placeEffort(d, 'e1', null, 3000, '1')
    expect(readMatrix(d, SECTORS)[0]?.cell).toBeNull()
  })

  test('two devices placing the same card in different cells while apart end up with the same cell, and both show the conflict', () => {
    const { a, b, offline, online } = pair()
    addEffort(a, effort('e1'), null, 'A')
    offline()
    placeEffort(a, 'e1', cell('universal', 'prevent'), 5000, 'A')
    placeEffort(b, 'e1', cell('targeted', 'reduce_consequences'), 5000, 'B')
    online()
    const ca = readMatrix(a, SECTORS)[0]
    const cb = readMatrix(b, SECTORS)[0]
    expect(ca?.cell).toEqual(cb?.cell)
    expect(ca?.conflict).toEqual(cb?.conflict)
    expect(ca?.conflict).not.toBeNull()
    // Equal times: the smaller cell key wins, the same on every device.
    expect(ca?.cell).toEqual(cell('targeted', 'reduce_consequences'))
    expect(ca?.conflict).toEqual(cell('universal', 'prevent'))
    // Moving it again settles it: one placement left, no conflict.
    placeEffort(a, 'e1', cell('universal', 'reduce_risk'), 6000, 'A')
    expect(readMatrix(b, SECTORS)[0]).toMatchObject({ cell: cell('universal', 'reduce_risk'), conflict: null })
  })

  test('the later placement wins, even from a device whose clock is behind (hybrid clock)', () => {
    const { a, b } = pair()
    addEffort(a, effort('e1'), cell('universal', 'prevent'), 'A')
    placeEffort(a, 'e1', cell('universal', 'reduce_risk'), 9_000_000, 'A')
    // B's clock says 10 ms; it has seen A's placement, so its move still counts as later.
    placeEffort(b, 'e1', cell('targeted', 'prevent'), 10, 'B')
    expect(readMatrix(a, SECTORS)[0]).toMatchObject({ cell: cell('targeted', 'prevent'), conflict: null })
  })

  test('two devices agreeing on the cell is not a conflict', () => {
    const { a, b, offline, online } = pair()
    addEffort(a, effort('e1'), null, 'A')
    offline()
    placeEffort(a, 'e1', cell('universal', 'prevent'), 5000, 'A')
    placeEffort(b, 'e1', cell('universal', 'prevent'), 5001, 'B')
    online()
    expect(readMatrix(a, SECTORS)[0]).toMatchObject({ cell: cell('universal', 'prevent'), conflict: null })
  })

  test('placements into sectors not in the list, and entries a peer forged, are ignored', () => {
    const d = new Y.Doc()
    addEffort(d, effort('e1'), cell('universal', 'prevent', 'nowhere'), '1')
    d.getMap('efforts').set('bad id!', new Y.Map())
    d.getMap('placements').set('e1|x', { sector: 'oppvekst', row: 'sideways', column: 'prevent', at: 1 })
    d.getMap('reach').set('e1|n0000000', 'maybe')
    const cards = readMatrix(d, SECTORS)
    expect(cards).toHaveLength(1)
    expect(cards[0]).toMatchObject({ id: 'e1', cell: null, reach: { yes: 0, no: 0, unsure: 0 } })
  })

  test('reach answers are counted; a changed answer replaces the old one; the gap rule sees them', () => {
    const d = new Y.Doc()
    addEffort(d, effort('e1', 'Helsestasjon for ungdom'), cell('universal', 'reduce_consequences'), '1')
    const nonces = ['nonce-aaa1', 'nonce-aaa2', 'nonce-aaa3', 'nonce-aaa4', 'nonce-aaa5']
    for (const n of nonces) answerReach(d, 'e1', n, 'no')
    answerReach(d, 'e1', 'nonce-aaa1', 'yes')
    expect(readMatrix(d, SECTORS)[0]?.reach).toEqual({ yes: 1, no: 4, unsure: 0 })
    expect(readReachAnswer(d, 'e1', 'nonce-aaa1')).toBe('yes')
    const gaps = findGaps(placedEfforts(readMatrix(d, SECTORS)), [{ id: 'oppvekst' }])
    expect(gaps.find((g) => g.kind === 'universalNotReaching')).toMatchObject({ effortId: 'e1', answers: 5 })
    answerReach(d, 'e1', 'nonce-aaa2', null)
    expect(readMatrix(d, SECTORS)[0]?.reach).toEqual({ yes: 1, no: 3, unsure: 0 })
  })

  test('field edits on two devices both survive; bad input is refused with a reason and changes nothing', () => {
    const { a, b, offline, online } = pair()
    addEffort(a, { ...effort('e1'), source: 'example' }, cell('targeted', 'prevent'), 'A')
    offline()
    updateEffort(a, 'e1', { targetGroup: 'Barn i utsatte boligområder' })
    updateEffort(b, 'e1', { ownerRole: 'Helsesykepleier', status: 'planned' })
    online()
    expect(readMatrix(b, SECTORS)[0]).toMatchObject({ targetGroup: 'Barn i utsatte boligområder', ownerRole: 'Helsesykepleier', status: 'planned', source: 'example' })
    expect(updateEffort(a, 'e1', { text: '   ' })).toEqual({ ok: false, problem: 'missingText' })
    expect(updateEffort(a, 'e1', { text: 'x'.repeat(281) })).toEqual({ ok: false, problem: 'textTooLong' })
    expect(updateEffort(a, 'e1', { ownerRole: 'y'.repeat(121) })).toEqual({ ok: false, problem: 'fieldTooLong' })
    expect(addEffort(a, effort('bad id'), null, 'A')).toEqual({ ok: false, problem: 'badId' })
    expect(readMatrix(a, SECTORS)[0]?.text).toBe('Tiltak e1')
  })

  test('the twelve example cards fill every OPPVEKST cell: no structural gap is left', () => {
    const d = new Y.Doc()
    for (const ex of EXAMPLE_CARDS) {
      const input = { id: ex.id, text: ex.text.nb, status: 'existing' as const, source: 'example' as const, now: 1, ...(ex.targetGroup ? { targetGroup: ex.targetGroup.nb } : {}) }
      addEffort(d, input, { sector: ex.sector, row: ex.row, column: ex.column }, '1')
    }
    const cards = readMatrix(d, SECTORS)
    expect(cards).toHaveLength(12)
    expect(findGaps(placedEfforts(cards), [{ id: 'oppvekst' }])).toEqual([])
  })

  test('deleting a card removes its placements and reach answers', () => {
    const d = new Y.Doc()
    addEffort(d, effort('e1'), cell('universal', 'prevent'), '1')
    answerReach(d, 'e1', 'nonce-bbb1', 'yes')
    expect(deleteEffort(d, 'e1')).toEqual({ ok: true })
    expect(readMatrix(d, SECTORS)).toEqual([])
    expect([...d.getMap('placements').keys(), ...d.getMap('reach').keys()]).toEqual([])
    expect(deleteEffort(d, 'e1')).toEqual({ ok: false, problem: 'notFound' })
  })
})
