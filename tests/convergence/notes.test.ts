/**
 * Seeded convergence fuzzing (the Yjs / tldraw pattern): five in-memory replicas apply random note
 * operations while messages are delivered in random order, some replicas are partitioned and
 * restarted from their persisted state; at the end all replicas must show identical notes, and
 * every note that was added and never deleted must be there. A failing seed is printed, and kept
 * below as a named regression seed.
 */
import { describe, expect, test } from 'vitest'
import * as Y from 'yjs'
import { NOTE_COLORS, noteIdFromBytes, type NoteId } from '../../src/domain/notes.ts'
import { addNote, deleteNote, editNoteText, moveNote, readNotes, recolorNote } from '../../src/sync/sessionDoc.ts'

function mulberry32(seed: number) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

function run(seed: number, steps = 400) {
  const rnd = mulberry32(seed)
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T
  const N = 5
  const docs = Array.from({ length: N }, () => new Y.Doc())
  const stored: Uint8Array[][] = docs.map(() => [])
  const inbox: { to: number; u: Uint8Array }[] = []
  const online = docs.map(() => true)
  const wire = (i: number) => {
    docs[i]!.on('update', (u: Uint8Array, origin: unknown) => {
      stored[i]!.push(u)
      if (origin === 'net') return
      for (let j = 0; j < N; j++) if (j !== i) inbox.push({ to: j, u })
    })
  }
  docs.forEach((_, i) => wire(i))
  const added = new Set<NoteId>()
  const deleted = new Set<NoteId>()
  let counter = 0
  for (let s = 0; s < steps; s++) {
    const r = rnd()
    const i = Math.floor(rnd() * N)
    const d = docs[i]!
    if (r < 0.03) {
      online[i] = !online[i]
    } else if (r < 0.05) {
      // restart: a device reloads from what it persisted
      const fresh = new Y.Doc()
      for (const u of stored[i]!) Y.applyUpdate(fresh, u, 'disk')
      docs[i] = fresh
      stored[i] = [Y.encodeStateAsUpdate(fresh)]
      wire(i)
    } else if (r < 0.5 && inbox.length > 0) {
      const k = Math.floor(rnd() * inbox.length)
      const m = inbox[k]!
      if (online[m.to]) {
        inbox.splice(k, 1)
        Y.applyUpdate(docs[m.to]!, m.u, 'net')
      }
    } else {
      const notes = readNotes(d)
      const op = rnd()
      if (op < 0.4 || notes.length === 0) {
        const id = noteIdFromBytes(Uint8Array.from({ length: 16 }, (_, b) => (b === 0 ? ++counter & 255 : (counter >> 8) + b + seed)))
        addNote(d, { id, text: `idé ${counter}`, color: pick(NOTE_COLORS), x: rnd() * 2000, y: rnd() * 1000, now: s })
        added.add(id)
      } else {
        const n = pick(notes)
        if (op < 0.6) moveNote(d, n.id, rnd() * 2000, rnd() * 1000)
        else if (op < 0.75) recolorNote(d, n.id, pick(NOTE_COLORS))
        else if (op < 0.9) editNoteText(d, n.id, `endret ${s}`, s)
        else {
          deleteNote(d, n.id)
          deleted.add(n.id)
        }
      }
    }
  }
  // heal: everyone back online, deliver everything (also full state, as a reconnect's sync step does)
  for (let i = 0; i < N; i++) for (let j = 0; j < N; j++) if (i !== j) Y.applyUpdate(docs[j]!, Y.encodeStateAsUpdate(docs[i]!), 'net')
  return { docs, added, deleted }
}

describe('notes converge under random delivery, partitions and restarts', () => {
  const seeds = [1, 2, 3, 42, 1337, 2026, ...Array.from({ length: 14 }, (_, i) => 1000 + i * 7919)]
  for (const seed of seeds) {
    test(`seed ${seed}`, () => {
      const { docs, added, deleted } = run(seed)
      const views = docs.map((d) => JSON.stringify(readNotes(d).sort((a, b) => (a.id < b.id ? -1 : 1))))
      for (const v of views) expect(v, `seed ${seed}`).toBe(views[0])
      const ids = new Set(readNotes(docs[0]!).map((n) => n.id))
      for (const id of added) if (!deleted.has(id)) expect(ids.has(id), `seed ${seed}: note ${id} lost`).toBe(true)
    })
  }
})
