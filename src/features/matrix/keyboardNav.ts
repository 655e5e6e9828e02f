/**
 * Where an arrow key takes a card being moved with the keyboard: to the nearest drop target in
 * that direction, judged from the targets' rectangles on screen. Using geometry rather than a
 * fixed grid means the same keys work on the tablet (tray beside a 2 × 3 grid) and on the phone
 * (tray above six stacked cells). When nothing lies that way, Left/Right fall back to reading
 * order (previous/next target), so on the phone's single column every arrow still does something
 * and on the tablet Right at the end of a row continues on the next row.
 */

export interface Box {
  left: number
  top: number
  width: number
  height: number
}

export type Direction = 'up' | 'down' | 'left' | 'right'

export const ARROW_DIRECTIONS: Readonly<Record<string, Direction>> = {
  ArrowUp: 'up',
  ArrowDown: 'down',
  ArrowLeft: 'left',
  ArrowRight: 'right',
}

export interface Target {
  id: string
  box: Box
}

const centre = (b: Box) => ({ x: b.left + b.width / 2, y: b.top + b.height / 2 })

/** Distance between two ranges on one axis (0 when they overlap). */
function gap(a0: number, a1: number, b0: number, b1: number): number {
  return Math.max(0, b0 - a1, a0 - b1)
}

/**
 * The target to move to, or null. `targets` is in reading order (tray first, then the cells row
 * by row); `from` is the id of the target the card is over (or null), and `origin` the rectangle
 * the move starts from: that target's, or the card's own when it is over none. Like browsers'
 * spatial navigation, targets in line with the origin (overlapping it across the direction of
 * travel) win; a target off that line is taken only when nothing is in line, and for Up/Down only
 * within 45° (so Up from the top row does not jump into the tall tray beside the grid).
 * Linear in the number of targets.
 */
export function nextTarget(targets: readonly Target[], from: string | null, origin: Box, dir: Direction): string | null {
  const c = centre(origin)
  const horizontal = dir === 'left' || dir === 'right'
  const sign = dir === 'right' || dir === 'down' ? 1 : -1
  let inLine: string | null = null
  let inLineScore = Infinity
  let offLine: string | null = null
  let offLineScore = Infinity
  for (const t of targets) {
    // The target the move starts in (named, or found by its centre) is not where it goes.
    if (t.id === from || contains(t.box, c)) continue
    const tc = centre(t.box)
    const along = horizontal ? (tc.x - c.x) * sign : (tc.y - c.y) * sign
    if (along <= 1) continue
    const across = horizontal ? gap(origin.top, origin.top + origin.height, t.box.top, t.box.top + t.box.height) : gap(origin.left, origin.left + origin.width, t.box.left, t.box.left + t.box.width)
    if (across === 0) {
      const score = along + Math.abs(horizontal ? tc.y - c.y : tc.x - c.x) / 4
      if (score < inLineScore) [inLine, inLineScore] = [t.id, score]
    } else if (horizontal || across <= along) {
      const score = along + 3 * across
      if (score < offLineScore) [offLine, offLineScore] = [t.id, score]
    }
  }
  const best = inLine ?? offLine
  if (best !== null || !horizontal) return best
  const here = from === null ? -1 : targets.findIndex((t) => t.id === from)
  return here < 0 ? null : (targets[here + sign]?.id ?? null)
}

/** Top-left corner that puts a box of `size` centred on `target` (what the keyboard sensor moves to). */
export function centredOn(target: Box, size: { width: number; height: number }): { x: number; y: number } {
  return { x: target.left + target.width / 2 - size.width / 2, y: target.top + target.height / 2 - size.height / 2 }
}

/** True when the point lies inside the box (edges included). */
export function contains(box: Box, p: { x: number; y: number }): boolean {
  return p.x >= box.left && p.x <= box.left + box.width && p.y >= box.top && p.y <= box.top + box.height
}
