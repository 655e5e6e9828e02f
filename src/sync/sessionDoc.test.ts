import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { noteIdFromBytes, type NoteId } from '../domain/notes.ts'
import { addNote, deleteNote, editNoteText, initMeta, moveNote, readMeta, readNotes, recolorNote, observeSession } from './sessionDoc.ts'

/** Two in-memory replicas wired together, like two devices on one network. */
function pair() {
  const a = new Y.Doc()
  const b = new Y.Doc()
  a.on('update', (u: Uint8Array, origin: unknown) => origin !== 'b' && Y.applyUpdate(b, u, 'a'))
  b.on('update', (u: Uint8Array, origin: unknown) => origin !== 'a' && Y.applyUpdate(a, u, 'b'))
  return { a, b }
}
let n = 0
const nid = (): NoteId => noteIdFromBytes(new Uint8Array(16).fill(++n))

describe('session doc API', () => {
  test('a published note appears on the other replica, with no author field', () => {
    const { a, b } = pair()
    const id = nid()
    expect(addNote(a, { id, text: 'Mer lys i parken', color: 'blue', x: 10, y: 20, now: 5 })).toEqual({ ok: true })
    const [note] = readNotes(b)
    expect(note).toEqual({ id, text: 'Mer lys i parken', color: 'blue', x: 10, y: 20, createdAt: 5, updatedAt: 5 })
    expect(Object.keys((a.getMap('notes').get(id) as Y.Map<unknown>).toJSON()).sort()).toEqual(['color', 'createdAt', 'text', 'updatedAt', 'x', 'y'])
  })

  test('empty and oversized notes never enter the doc', () => {
    const d = new Y.Doc()
    expect(addNote(d, { id: nid(), text: '  ', color: 'yellow', x: 0, y: 0, now: 0 })).toEqual({ ok: false, problem: 'empty' })
    expect(addNote(d, { id: nid(), text: 'x'.repeat(281), color: 'yellow', x: 0, y: 0, now: 0 })).toEqual({ ok: false, problem: 'tooLong' })
    expect(d.getMap('notes').size).toBe(0)
  })

  test('a move on one device and a recolour on another both survive', () => {
    const a = new Y.Doc()
    const b = new Y.Doc()
    const id = nid()
    addNote(a, { id, text: 'hei', color: 'yellow', x: 0, y: 0, now: 0 })
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    // offline on both sides
    moveNote(a, id, 300, 200)
    recolorNote(b, id, 'green')
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    expect(readNotes(a)).toEqual(readNotes(b))
    expect(readNotes(a)[0]).toMatchObject({ x: 300, y: 200, color: 'green' })
  })

  test('edit and delete', () => {
    const { a, b } = pair()
    const id = nid()
    addNote(a, { id, text: 'hei', color: 'yellow', x: 0, y: 0, now: 0 })
    expect(editNoteText(a, id, 'hei igjen', 9)).toEqual({ ok: true })
    expect(readNotes(b)[0]).toMatchObject({ text: 'hei igjen', updatedAt: 9 })
    expect(editNoteText(a, id, '', 10)).toEqual({ ok: false, problem: 'empty' })
    expect(deleteNote(b, id)).toEqual({ ok: true })
    expect(readNotes(a)).toEqual([])
    expect(deleteNote(a, id)).toEqual({ ok: false, problem: 'notFound' })
    expect(moveNote(a, id, 1, 1)).toEqual({ ok: false, problem: 'notFound' })
  })

  test('meta and observers', () => {
    const { a, b } = pair()
    let calls = 0
    const stop = observeSession(b, () => calls++)
    initMeta(a, 'Ungdomsrådet', 7)
    expect(readMeta(b)).toEqual({ title: 'Ungdomsrådet', createdAt: 7, schema: 1 })
    addNote(a, { id: nid(), text: 'x', color: 'yellow', x: 0, y: 0, now: 0 })
    expect(calls).toBeGreaterThanOrEqual(2)
    stop()
  })

  test('junk written by a modified client is ignored by the view', () => {
    const d = new Y.Doc()
    d.getMap('notes').set('bad id!', 'not a map')
    d.getMap('notes').set(nid(), new Y.Map())
    expect(readNotes(d)).toEqual([])
    expect(readMeta(d)).toBeNull()
  })
})

describe('equity-check answers in the doc', () => {
  test('answers to different questions from two devices at once are both kept; junk is skipped', async () => {
    const { readEquity, writeEquityAnswer } = await import('./sessionDoc.ts')
    const a = new Y.Doc()
    const b = new Y.Doc()
    expect(writeEquityAnswer(a, 'check', 'S4.1', { rating: 'red', note: 'Bussen går ikke på kveldstid' })).toBe(true)
    expect(writeEquityAnswer(b, 'check', 'S2.1', { rating: 'unknown' })).toBe(true)
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a))
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b))
    expect(readEquity(a, 'check')).toEqual(readEquity(b, 'check'))
    expect(Object.keys(readEquity(a, 'check')).sort()).toEqual(['S2.1', 'S4.1'])
    // invalid answers are refused on write and skipped on read
    expect(writeEquityAnswer(a, 'check', 'S4.1', { rating: 'purple' } as never)).toBe(false)
    a.getMap('equity').set('check|S9.9', { rating: 'green' })
    a.getMap('equity').set('check|S1.1', 'junk')
    expect(Object.keys(readEquity(a, 'check')).sort()).toEqual(['S2.1', 'S4.1'])
  })
})

describe('equity-check subject', () => {
  test('a typed subject is cleaned and shared; a forged or oversized one is refused or reads as none', async () => {
    const { readEquitySubject, writeEquitySubject, readEquity } = await import('./sessionDoc.ts')
    const { a, b } = pair()
    expect(writeEquitySubject(a, 'check', { kind: 'text', text: '  Gratis   fritidskort for alle 13–19  ' })).toBe(true)
    expect(readEquitySubject(b, 'check')).toEqual({ kind: 'text', text: 'Gratis fritidskort for alle 13–19' })
    expect(writeEquitySubject(a, 'check', { kind: 'text', text: 'x'.repeat(281) })).toBe(false)
    expect(writeEquitySubject(a, 'check', { kind: 'text', text: '   ' })).toBe(false)
    expect(readEquitySubject(b, 'check')?.kind).toBe('text')
    writeEquitySubject(a, 'check', { kind: 'cluster', id: 'cluster0001' })
    expect(readEquitySubject(b, 'check')).toEqual({ kind: 'cluster', id: 'cluster0001' })
    // the subject is not an answer
    expect(readEquity(b, 'check')).toEqual({})
    b.getMap('equity').set('check|subject', { kind: 'note', id: '../../etc' })
    expect(readEquitySubject(a, 'check')).toBeNull()
  })
})
