import { describe, expect, test } from 'vitest'
import { centredOn, contains, nextTarget, type Box, type Target } from './keyboardNav.ts'

const box = (left: number, top: number, width: number, height: number): Box => ({ left, top, width, height })

// Tablet: a tall tray on the left, then a 2 × 3 grid.
const tablet: Target[] = [
  { id: 'tray', box: box(0, 0, 250, 700) },
  { id: 'u/1', box: box(270, 100, 200, 200) },
  { id: 'u/2', box: box(480, 100, 200, 200) },
  { id: 'u/3', box: box(690, 100, 200, 200) },
  { id: 't/1', box: box(270, 350, 200, 200) },
  { id: 't/2', box: box(480, 350, 200, 200) },
  { id: 't/3', box: box(690, 350, 200, 200) },
]
// Phone: the tray above six stacked cells.
const phone: Target[] = [
  { id: 'tray', box: box(0, 0, 380, 400) },
  ...['u/1', 'u/2', 'u/3', 't/1', 't/2', 't/3'].map((id, i) => ({ id, box: box(0, 450 + i * 220, 380, 200) })),
]
/** The card (200 × 60) centred on a target, as it sits after an arrow press. */
const from = (targets: Target[], id: string): Box => {
  const b = targets.find((t) => t.id === id)!.box
  const p = centredOn(b, { width: 200, height: 60 })
  return box(p.x, p.y, 200, 60)
}

describe('nextTarget on a tablet', () => {
  test('arrows move between neighbouring cells', () => {
    expect(nextTarget(tablet, 'u/1', from(tablet, 'u/1'), 'right')).toBe('u/2')
    expect(nextTarget(tablet, 'u/2', from(tablet, 'u/2'), 'down')).toBe('t/2')
    expect(nextTarget(tablet, 't/2', from(tablet, 't/2'), 'up')).toBe('u/2')
    expect(nextTarget(tablet, 't/3', from(tablet, 't/3'), 'left')).toBe('t/2')
  })
  test('left of the first column is the tray; right of the tray is the nearest cell', () => {
    expect(nextTarget(tablet, 'u/1', from(tablet, 'u/1'), 'left')).toBe('tray')
    expect(nextTarget(tablet, 't/1', from(tablet, 't/1'), 'left')).toBe('tray')
    expect(nextTarget(tablet, 'tray', box(10, 120, 200, 60), 'right')).toBe('u/1')
  })
  test('down from the top row goes to the cell below, not into the tall tray beside it', () => {
    expect(nextTarget(tablet, 'u/1', from(tablet, 'u/1'), 'down')).toBe('t/1')
    expect(nextTarget(tablet, 'tray', box(10, 500, 200, 60), 'right')).toBe('t/1')
  })
  test('right at the end of a row continues on the next row; up from the top row stays', () => {
    expect(nextTarget(tablet, 'u/3', from(tablet, 'u/3'), 'right')).toBe('t/1')
    expect(nextTarget(tablet, 't/3', from(tablet, 't/3'), 'right')).toBeNull()
    expect(nextTarget(tablet, 'u/2', from(tablet, 'u/2'), 'up')).toBeNull()
  })
  test('with no target yet, it starts from the card itself', () => {
    expect(nextTarget(tablet, null, box(20, 600, 200, 60), 'right')).toBe('t/1')
  })
})

describe('nextTarget on a phone', () => {
  test('up and down walk the column, left and right fall back to reading order', () => {
    expect(nextTarget(phone, 'tray', from(phone, 'tray'), 'down')).toBe('u/1')
    expect(nextTarget(phone, 'u/1', from(phone, 'u/1'), 'up')).toBe('tray')
    expect(nextTarget(phone, 'u/3', from(phone, 'u/3'), 'down')).toBe('t/1')
    expect(nextTarget(phone, 'u/3', from(phone, 'u/3'), 'right')).toBe('t/1')
    expect(nextTarget(phone, 'u/1', from(phone, 'u/1'), 'left')).toBe('tray')
    expect(nextTarget(phone, 'tray', from(phone, 'tray'), 'left')).toBeNull()
  })
})

test('centredOn and contains', () => {
  const target = box(100, 100, 200, 100)
  const p = centredOn(target, { width: 50, height: 20 })
  expect(p).toEqual({ x: 175, y: 140 })
  expect(contains(target, { x: p.x + 25, y: p.y + 10 })).toBe(true)
  expect(contains(target, { x: 99, y: 150 })).toBe(false)
})
