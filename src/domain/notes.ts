/**
 * Sticky notes: the rules every device applies before a note enters the shared doc, and again
 * when a note arrives from a peer (a modified client can write anything into a Y.Doc, so data
 * from peers is validated on read, never trusted).
 *
 * A note has no author field: who wrote what is known only to the writing device (device scope,
 * see storage/), which is what lets it edit and delete its own notes.
 */

export const NOTE_MAX_LENGTH = 280
/** The board is a fixed logical surface; views scale it. Coordinates are clamped into it. */
export const BOARD_WIDTH = 2400
export const BOARD_HEIGHT = 1600
export const NOTE_WIDTH = 200
export const NOTE_HEIGHT = 132

export const NOTE_COLORS = ['yellow', 'pink', 'blue', 'green', 'orange'] as const
export type NoteColor = (typeof NOTE_COLORS)[number]

declare const noteIdBrand: unique symbol
export type NoteId = string & { readonly [noteIdBrand]: true }

export interface Note {
  id: NoteId
  text: string
  x: number
  y: number
  color: NoteColor
  createdAt: number
  updatedAt: number
}

export type NoteTextProblem = 'empty' | 'tooLong'
export type NoteTextResult = { ok: true; text: string } | { ok: false; problem: NoteTextProblem; length: number }

/** Trims, normalises line endings and collapses runs of blank lines; counts code points, not UTF-16 units. */
export function validateNoteText(input: string): NoteTextResult {
  const text = input.replace(/\r\n?/g, '\n').replace(/\n{3,}/g, '\n\n').trim()
  const length = noteLength(text)
  if (length === 0) return { ok: false, problem: 'empty', length }
  if (length > NOTE_MAX_LENGTH) return { ok: false, problem: 'tooLong', length }
  return { ok: true, text }
}

export function noteLength(text: string): number {
  return Array.from(text).length
}

export function isNoteColor(v: unknown): v is NoteColor {
  return typeof v === 'string' && (NOTE_COLORS as readonly string[]).includes(v)
}

export function clampPosition(x: number, y: number): { x: number; y: number } {
  const cx = Number.isFinite(x) ? Math.round(x) : 0
  const cy = Number.isFinite(y) ? Math.round(y) : 0
  return {
    x: Math.min(Math.max(cx, 0), BOARD_WIDTH - NOTE_WIDTH),
    y: Math.min(Math.max(cy, 0), BOARD_HEIGHT - NOTE_HEIGHT),
  }
}

const NOTE_ID_RE = /^[A-Za-z0-9_-]{8,40}$/

export function isNoteId(v: unknown): v is NoteId {
  return typeof v === 'string' && NOTE_ID_RE.test(v)
}

/** Note ids come from caller-supplied random bytes (url-safe base64, 16 bytes → 22 chars). */
export function noteIdFromBytes(random: Uint8Array): NoteId {
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'
  let s = ''
  for (const b of random) s += abc[b & 63]
  if (!isNoteId(s)) throw new RangeError('need at least 8 random bytes')
  return s as NoteId
}

/**
 * Turns whatever a peer put under a note id into a Note, or null when it is not one.
 * Oversized text is cut, not dropped: the note is still shown, and no honest client writes it.
 */
export function noteFromRemote(id: string, raw: Readonly<Record<string, unknown>>): Note | null {
  if (!isNoteId(id)) return null
  const text = raw.text
  if (typeof text !== 'string' || text.trim().length === 0) return null
  return { id, text: Array.from(text).slice(0, NOTE_MAX_LENGTH).join(''), ...noteFieldsFromRemote(raw) }
}

/** A peer's note apart from its text (position, colour, times), repaired: also for notes whose text is sealed. */
export function noteFieldsFromRemote(raw: Readonly<Record<string, unknown>>): Omit<Note, 'id' | 'text'> {
  const createdAt = Number(raw.createdAt)
  const updatedAt = Number(raw.updatedAt)
  return {
    ...clampPosition(Number(raw.x), Number(raw.y)),
    color: isNoteColor(raw.color) ? raw.color : 'yellow',
    createdAt: Number.isFinite(createdAt) ? createdAt : 0,
    updatedAt: Number.isFinite(updatedAt) ? updatedAt : 0,
  }
}

/** Reading order for lists and screen readers: top to bottom, then left to right, in rows. */
export function sortNotesForReading(notes: readonly Note[]): Note[] {
  const row = (n: Note) => Math.floor(n.y / NOTE_HEIGHT)
  return [...notes].sort((a, b) => row(a) - row(b) || a.x - b.x || a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1))
}

/**
 * Where a new note lands: the first free slot of a grid, filled row by row from the top left,
 * so new notes appear where people are looking and notes from many devices do not pile up.
 * (Two devices adding at the same instant may pick the same slot; either can move its note.)
 */
export function nextFreeSlot(notes: readonly Pick<Note, 'x' | 'y'>[], columns = 6): { x: number; y: number } {
  const cellW = NOTE_WIDTH + 16
  const cellH = NOTE_HEIGHT + 16
  const cols = Math.max(1, Math.min(columns, Math.floor(BOARD_WIDTH / cellW)))
  const rows = Math.floor(BOARD_HEIGHT / cellH)
  const taken = new Set(notes.map((n) => `${Math.round((n.x - 16) / cellW)}:${Math.round((n.y - 16) / cellH)}`))
  for (let i = 0; i < cols * rows; i++) {
    const c = i % cols
    const r = Math.floor(i / cols)
    if (!taken.has(`${c}:${r}`)) return clampPosition(16 + c * cellW, 16 + r * cellH)
  }
  return clampPosition(16 + (notes.length % cols) * 8, 16 + (notes.length % rows) * 8)
}
