import { describe, expect, test } from 'vitest'
import {
  BOARD_HEIGHT,
  BOARD_WIDTH,
  NOTE_HEIGHT,
  NOTE_MAX_LENGTH,
  NOTE_WIDTH,
  clampPosition,
  nextFreeSlot,
  noteFromRemote,
  noteIdFromBytes,
  sortNotesForReading,
  validateNoteText,
  type Note,
} from './notes.ts'

describe('note text', () => {
  test('empty and whitespace-only notes are refused', () => {
    expect(validateNoteText('')).toEqual({ ok: false, problem: 'empty', length: 0 })
    expect(validateNoteText(' \n\t ')).toMatchObject({ ok: false, problem: 'empty' })
  })
  test('the limit counts characters as people see them (emoji and æøå count once)', () => {
    expect(validateNoteText('😀'.repeat(NOTE_MAX_LENGTH))).toMatchObject({ ok: true })
    expect(validateNoteText('æ'.repeat(NOTE_MAX_LENGTH + 1))).toEqual({ ok: false, problem: 'tooLong', length: NOTE_MAX_LENGTH + 1 })
  })
  test('text is trimmed and runs of blank lines collapse', () => {
    expect(validateNoteText('  a\r\n\r\n\r\n\r\nb  ')).toEqual({ ok: true, text: 'a\n\nb' })
  })
})

describe('notes from peers are validated on read', () => {
  const id = noteIdFromBytes(new Uint8Array(16).fill(7))
  test('a well-formed note passes', () => {
    expect(noteFromRemote(id, { text: 'hei', x: 10, y: 20, color: 'pink', createdAt: 1, updatedAt: 2 })).toEqual({ id, text: 'hei', x: 10, y: 20, color: 'pink', createdAt: 1, updatedAt: 2 })
  })
  test('junk is skipped or repaired, never crashes the view', () => {
    expect(noteFromRemote('x', { text: 'hei' })).toBeNull()
    expect(noteFromRemote(id, { text: 42 })).toBeNull()
    expect(noteFromRemote(id, { text: '   ' })).toBeNull()
    const n = noteFromRemote(id, { text: 'a'.repeat(5000), x: 'NaN', y: 1e9, color: 'red' })
    expect(n?.text).toHaveLength(NOTE_MAX_LENGTH)
    expect(n?.color).toBe('yellow')
    expect(n?.x).toBe(0)
    expect(n?.y).toBe(BOARD_HEIGHT - NOTE_HEIGHT)
  })
})

describe('positions', () => {
  test('clamped into the board', () => {
    expect(clampPosition(-50, -1)).toEqual({ x: 0, y: 0 })
    expect(clampPosition(1e6, 1e6)).toEqual({ x: BOARD_WIDTH - NOTE_WIDTH, y: BOARD_HEIGHT - NOTE_HEIGHT })
  })
  test('new notes take a free slot instead of piling up', () => {
    const taken: { x: number; y: number }[] = []
    for (let i = 0; i < 30; i++) taken.push(nextFreeSlot(taken))
    expect(new Set(taken.map((p) => `${p.x},${p.y}`)).size).toBe(30)
    expect(taken[0]).toEqual({ x: 16, y: 16 })
    expect(taken[1]?.y).toBe(16)
  })
  test('reading order is rows top to bottom, then left to right', () => {
    const mk = (id: string, x: number, y: number): Note => ({ id: id as Note['id'], text: id, x, y, color: 'yellow', createdAt: 0, updatedAt: 0 })
    const sorted = sortNotesForReading([mk('c', 0, 400), mk('b', 300, 10), mk('a', 10, 0)])
    expect(sorted.map((n) => n.text)).toEqual(['a', 'b', 'c'])
  })
})
